"""The risk workbook (openpyxl): one file for the owner, the security officer and the DPO.

Values are masked before they reach this module; the workbook can also be encrypted with a
password (msoffcrypto-tool), in which case the clear workbook only ever exists in memory.
"""

from __future__ import annotations

import io
import logging
import re
import types
from collections import Counter
from datetime import UTC, datetime
from zipfile import ZIP_DEFLATED, ZipFile

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.drawing.image import Image as XLImage
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from detectors.categories import DEFAULT_SEVERITY, MESSAGE_CATEGORIES

from ..aggregate import (
    Inventory,
    attachments_table,
    category_summary,
    correspondents,
    distinct_subjects,
    messages_at_risk,
    pivot,
)
from .atomic import atomic_path
from .i18n import CATEGORY_LABELS, FINDING_LABELS, RUN_KEYS, SUBJECT_KINDS, T

log = logging.getLogger(__name__)
HEADER_FILL_HEX = "1F3A68"
HEADER_FONT = Font(bold=True, color="FFFFFF")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
EXCERPT_WIDTH = 60
WHITE = Font(color="FFFFFF")
DARK_FILLS = {"C00000", "E46C0A"}
WRAP_ROWS = 5000  # wrapped excerpts make rows tall; past this many the sheet is for filtering, not reading
SEVERITY_FILL = {"critical": "C00000", "very high": "E46C0A", "high": "F4B183", "medium": "FFE699", "low": "E2EFDA",
                 "info": "F2F2F2"}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL = 32000

_SUBJECT_KINDS = {
    "student": r"(?i)\b(?:étudiant|etudiant|student|stagiaire|intern|doctorant|phd|ine)\b",
    "patient": r"(?i)\b(?:patient|malade|hospitalis|diagnos)",
    "applicant": r"(?i)\b(?:candidat|applicant|candidature|application|recrutement)\b",
    "staff": r"(?i)\b(?:agent|salari[ée]|employ|staff|personnel|salaire|salary|prime|bonus|recrue|recruit)",
}


def _clean(v):
    if isinstance(v, str):
        v = _ILLEGAL.sub("", v)
        return v[:MAX_CELL]
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if hasattr(v, "item"):
        return v.item()
    return v


class _MemoryWriter(WorksheetWriter):
    """openpyxl streams a write-only sheet's XML to a file in the temporary folder, left there if
    the process dies; the inventory's content must reach the disk only as the final (possibly
    encrypted) workbook, so the XML is kept in memory."""

    def __init__(self, ws):
        super().__init__(ws, out=io.BytesIO())

    def cleanup(self) -> None:
        self.out = io.BytesIO()


class _MemoryExcelWriter(ExcelWriter):
    """openpyxl's package writer, taking the in-memory sheets (it expects a file path)."""

    def write_worksheet(self, ws):
        if not self.workbook.write_only:
            return super().write_worksheet(ws)
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        if not ws.closed:
            ws.close()
        writer = ws._writer
        if not isinstance(writer, _MemoryWriter):
            raise TypeError(f"sheet {ws.title!r} was not built by _Sheet")
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.out.getvalue())
        self.manifest.append(ws)
        writer.cleanup()
        return None


def _memory_get_writer(ws) -> None:
    if ws._writer is None:
        ws._writer = _MemoryWriter(ws)
        ws._writer.write_top()


class _Sheet:
    """A write-only sheet: rows are serialised as they come (no cell objects kept), in memory.

    Write-only sheets take their layout (widths, frozen header) before the first row and their
    filter range at the end; styled cells are built one by one, plain ones pass as values."""

    def __init__(self, wb: Workbook, title: str, widths=(), freeze: bool = True):
        self.ws = wb.create_sheet(title[:31])
        self.ws._get_writer = types.MethodType(_memory_get_writer, self.ws)
        for i, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = w
        if freeze:
            self.ws.freeze_panes = "A2"
            self.ws.print_title_rows = "1:1"
        # printed or turned into PDF: landscape A4, as wide as the page, as long as it takes
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.paperSize = "9"  # A4
        self.ws.page_setup.fitToWidth = 1
        self.ws.page_setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.rows = 0
        self.cols = 0

    def cell(self, value, *, fill: str | None = None, font: Font | None = None, wrap: bool = False) -> Cell:
        c = WriteOnlyCell(self.ws, _clean(value))
        if fill:
            c.fill = PatternFill("solid", fgColor=fill)
            if fill in DARK_FILLS and font is None:
                font = WHITE
        if font is not None:
            c.font = font
        if wrap:
            c.alignment = WRAP
        return c

    def append(self, values, height: float | None = None) -> None:
        """Append one row; ``height`` in points for rows of wrapped text (spreadsheet programs
        do not grow a row for wrapped text on their own when opening a file)."""
        if height:
            self.ws.row_dimensions[self.rows + 1].height = height
        self.ws.append([v if isinstance(v, Cell) else _clean(v) for v in values])
        if height:
            del self.ws.row_dimensions[self.rows + 1]  # written; do not keep one object per row
        self.rows += 1
        self.cols = max(self.cols, len(values))

    def header(self, values) -> None:
        widths = [self.ws.column_dimensions[get_column_letter(i)].width or 10 for i in range(1, len(values) + 1)]
        lines = max((_lines(str(v), w) for v, w in zip(values, widths, strict=False)), default=1)
        self.append([self._head(v) for v in values], height=15 * lines if lines > 1 else None)

    def _head(self, v) -> Cell:
        c = self.cell(v, fill=HEADER_FILL_HEX, font=HEADER_FONT)
        c.alignment = Alignment(vertical="center", wrap_text=True)
        return c

    def bold(self, v, size: int | None = None) -> Cell:
        return self.cell(v, font=Font(bold=True, size=size) if size else BOLD)

    def filter(self) -> None:
        if self.rows > 1 and self.cols:
            self.ws.auto_filter.ref = f"A1:{get_column_letter(self.cols)}{self.rows}"


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide (an estimate)."""
    per_line = max(1, int(width * 1.1))
    return sum(max(1, -(-len(part) // per_line)) for part in (text or "").split("\n"))


def _table(wb, title, headers, rows, widths=(), autofilter=True) -> _Sheet:
    sh = _Sheet(wb, title, widths)
    sh.header(headers)
    for r in rows:
        sh.append(r)
    if autofilter:
        sh.filter()
    return sh


def write_workbook(inv: Inventory, path: str, run_info: list[tuple[str, str]], lang: str = "fr",
                   graph_view=None, password: str | None = None) -> None:
    """Build the workbook and save it atomically (encrypted in memory when a password is given).

    ``graph_view`` is a :class:`GraphView` or a callable returning one (the graph may still be
    computed in another process: it is asked for only when its sheet is written)."""
    wb = build_workbook(inv, run_info, lang=lang, graph_view=graph_view)
    save_workbook(wb, path, password=password)


def build_workbook(inv: Inventory, run_info: list[tuple[str, str]], lang: str = "fr", graph_view=None) -> Workbook:
    t = T[lang]
    labels = CATEGORY_LABELS[lang]
    wb = Workbook(write_only=True)
    summ = category_summary(inv)
    corr = correspondents(inv)
    # sheets are created in reading order and filled in any order: the Summary needs the graph
    summary = _Sheet(wb, t["summary"], (42, 20, 12, 11, 11, 12, 12, 12, 12), freeze=False)

    # -- Findings ------------------------------------------------------------------------------
    findings = _Sheet(wb, t["findings"], (17, 12, 26, 32, 15, 27, 22, EXCERPT_WIDTH, 18, 11, 11, 40, 30, 30))
    findings.header([t["date"], t["folder"], t["from"], t["subject"], t["category"], t["detector"], t["location"],
                     t["excerpt"], t["value"], t["score"], t["severity"], t["why"], t["message_id"], t["linked"]])
    f = inv.findings
    if not f.empty:
        for i, r in enumerate(f.itertuples(index=False)):
            findings.append((str(r.date)[:19], r.folder, r.sender, r.subject, r.category, r.detector, r.location,
                             findings.cell(r.excerpt, wrap=True) if i < WRAP_ROWS else r.excerpt,
                             r.masked_value, round(float(r.score), 2),
                             findings.cell(r.severity, fill=SEVERITY_FILL.get(r.severity, "FFFFFF")),
                             r.reason, r.message_id, r.linked_to),
                            height=min(15 * _lines(r.excerpt, EXCERPT_WIDTH), 90) if i < WRAP_ROWS else None)
    findings.filter()

    # -- Messages at risk -----------------------------------------------------------------------
    mr = messages_at_risk(inv)
    _table(wb, t["messages"], [t["date"], t["folder"], t["from"], t["subject"], t["categories"], t["n_findings"],
                               t["risk"], t["message_id"]],
           ((str(r.date)[:19], r.folder, r.sender, r.subject, r.categories, r.findings, r.risk, r.message_id)
            for r in mr.itertuples(index=False)), widths=(17, 14, 28, 44, 40, 10, 10, 36))

    # -- Attachments ----------------------------------------------------------------------------
    at = attachments_table(inv)
    _table(wb, t["attachments"], [t["name"], t["type"], t["size"], t["sha256"], t["status"], t["reason"],
                                  t["categories"], t["exposure"], t["folders"], t["first"], t["last"],
                                  t["password_in"]],
           (tuple(r) for r in at.itertuples(index=False)), widths=(34, 8, 12, 20, 10, 40, 30, 10, 20, 11, 11, 30))

    # -- Correspondents -------------------------------------------------------------------------
    _table(wb, t["correspondents"], [t["address"], t["names"], t["from_them"], t["to_them"], t["n_messages"],
                                     t["first"], t["last"], t["domain"], t["internal"], t["personal_domain"]],
           ((r.address, r.names, r.from_them, r.to_them, r.messages, r.first, r.last, r.domain,
             t["yes"] if r.internal else t["no"], t["yes"] if r.personal_domain else t["no"])
            for r in corr.itertuples(index=False)), widths=(34, 30, 10, 10, 10, 11, 11, 24, 9, 10))
    graph_sheet = _Sheet(wb, t["graph"], (34, 34, 10, 4, 34, 10, 14, 12))

    # -- DPO, heat maps, errors, run --------------------------------------------------------------
    _dpo_sheet(wb, inv, t, FINDING_LABELS[lang], SUBJECT_KINDS[lang])
    for key, by in (("folders_x", "folder"), ("years_x", "year")):
        _heat_map(wb, inv, t, key, by)
    e = inv.errors
    _table(wb, t["errors"], [t["folder"], t["uid"], t["location_err"], t["reason"], t["detail"], t["subject"],
                             t["message_id"]],
           () if e.empty else ((r.folder, r.uid, r.location, r.reason, r.detail, r.subject, r.message_id)
                               for r in e.itertuples(index=False)), widths=(16, 10, 28, 28, 60, 36, 36))
    keys = RUN_KEYS[lang]
    run = _Sheet(wb, t["run"], (40, 100))
    run.header([t["key"], t["val"]])
    for k, v in run_info:  # long values (consent statement, detectors) wrap instead of widening the page
        lines = _lines(str(v), 100)
        run.append([keys.get(k, k), run.cell(v, wrap=lines > 1)], height=min(15 * lines, 150) if lines > 1 else None)

    # -- Graph, then the Summary that counts its edges -------------------------------------------
    log.debug("workbook: sheets before the graph written")
    view = graph_view() if callable(graph_view) else graph_view
    log.debug("workbook: graph received")
    _graph_sheet(graph_sheet, view, t)
    _summary_sheet(summary, inv, summ, corr, view, t, labels, lang)
    return wb


def _graph_sheet(sh: _Sheet, view, t) -> None:
    """Edges in columns A-C; the most central correspondents beside them; the picture further right."""
    head = [t["source"], t["target"], t["weight"]]
    side_head = [t["top_people"], t["degree"], t["betweenness"], t["community"]]
    edges = view.top_edges if view is not None else ()
    central = list(view.central) if view is not None else []
    if view is not None and view.edges > len(edges):
        central += [("", "", "", ""), (t["graph_cut"].format(shown=len(edges), total=view.edges), "", "", "")]
    for i in range(max(len(edges), len(central)) + 1):
        if i == 0:
            sh.append([sh._head(v) for v in head] + [""] + ([sh._head(v) for v in side_head] if central else []))
            continue
        row = list(edges[i - 1]) if i <= len(edges) else ["", "", ""]
        if i <= len(central):
            row += ["", *central[i - 1]]
        sh.append(row)
    if edges:
        sh.ws.auto_filter.ref = f"A1:C{len(edges) + 1}"
    if view is not None and view.png:
        img = XLImage(io.BytesIO(view.png))
        img.width, img.height = 720, 560
        sh.ws.add_image(img, "J2")


def _summary_sheet(sh: _Sheet, inv, summ, corr, view, t, labels, lang) -> None:
    sh.append([sh.bold(t["title"], size=14)])
    sh.append([inv.owner or ""])
    sh.append([])
    sh.header([t["category"], t["id"], t["severity"], t["n_messages"], t["n_findings"], t["distinct"], t["oldest"],
               t["newest"], t["risk"]])
    hr = sh.rows
    first_data = hr + 1
    for r in summ.itertuples(index=False):
        sh.append([labels[r.category], r.category, sh.cell(r.severity, fill=SEVERITY_FILL.get(r.severity, "FFFFFF")),
                   r.messages, r.findings, r.distinct_values or "", r.oldest, r.newest, r.risk])
    last_data = first_data + len(summ) - 1
    n_int = int(corr["internal"].sum()) if not corr.empty else 0
    sh.append([labels["address_book"], "address_book", DEFAULT_SEVERITY["address_book"], len(inv.messages),
               len(corr), len(corr), "", "", ""])
    sh.append([labels["relationship_graph"], "relationship_graph", DEFAULT_SEVERITY["relationship_graph"], "",
               view.edges if view is not None else "", "", "", "", ""])
    sh.append([sh.bold(t["overall"]), "", "", "", "", "", "", "", f"=SUM(I{first_data}:I{last_data})"])
    sh.append([t["formula"]])
    sh.append([])
    sh.append([sh.bold(t["what_holds"])])
    for line in _plain_language(inv, summ, corr, n_int, lang, view):
        sh.append([line])
    if len(summ):
        bar = BarChart()
        bar.type = "bar"
        bar.title = t["chart_cat"]
        bar.add_data(Reference(sh.ws, min_col=5, min_row=hr, max_row=last_data), titles_from_data=True)
        bar.set_categories(Reference(sh.ws, min_col=1, min_row=first_data, max_row=last_data))
        bar.height, bar.width, bar.legend = 8, 20, None
        sh.ws.add_chart(bar, f"A{sh.rows + 2}")


def _heat_map(wb, inv, t, key, by) -> None:
    p = pivot(inv, by)
    cols = list(p.columns)
    sh = _table(wb, t[key], [t["folder"] if by == "folder" else t["date"]] + cols,
                ((idx, *map(int, row)) for idx, row in zip(p.index, p.values, strict=False)),
                widths=[28] + [14] * len(cols), autofilter=False)
    if len(p) and cols:
        rng = f"B2:{get_column_letter(len(cols) + 1)}{len(p) + 1}"
        sh.ws.conditional_formatting.add(rng, ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF",
                                                             end_type="max", end_color="C00000"))
        ch = BarChart()
        ch.type, ch.grouping, ch.overlap = "col", "stacked", 100
        ch.title = t["chart_folder"] if by == "folder" else t["chart_year"]
        ch.add_data(Reference(sh.ws, min_col=2, max_col=len(cols) + 1, min_row=1, max_row=len(p) + 1),
                    titles_from_data=True)
        ch.set_categories(Reference(sh.ws, min_col=1, min_row=2, max_row=len(p) + 1))
        ch.height, ch.width = 9, 18
        sh.ws.add_chart(ch, f"A{len(p) + 4}")


def _dpo_sheet(wb, inv: Inventory, t, names: dict[str, str], kind_names: dict[str, str]) -> None:
    sh = _Sheet(wb, t["dpo"], (48, 60), freeze=False)
    sh.append([sh.bold(t["dpo_title"], size=13)])
    f = inv.findings
    pd_f = f[f["category"].isin(["personal_data", "identity_scan"])] if not f.empty else f
    sd_f = f[f["category"] == "sensitive_data"] if not f.empty else f
    rows: list[tuple] = [("", ""), (t["dpo_personal"], "")]
    if not pd_f.empty:
        for label, n in Counter(pd_f["label"].replace("", "other")).most_common():
            rows.append((f"  {names.get(label, label)}", int(n)))
    rows += [("", ""), (t["dpo_special"], "")]
    if not sd_f.empty:
        for label, n in Counter(sd_f["label"].replace("", "other")).most_common():
            rows.append((f"  {names.get(label, label)}", int(n)))
    rows += [("", ""), (t["dpo_subjects"], distinct_subjects(inv))]
    kinds: Counter[str] = Counter()
    both = pd.concat([pd_f, sd_f]) if not f.empty else f
    if not both.empty:
        text = (both["excerpt"].fillna("") + " " + both["subject"].fillna("") + " " + both["location"]).tolist()
        for kind, rx in _SUBJECT_KINDS.items():
            kinds[kind] = sum(1 for s in text if re.search(rx, s))
    rows.append((t["dpo_subject_kinds"], ", ".join(f"{kind_names[k]} ({v})" for k, v in kinds.most_common() if v)))
    if not both.empty:
        rows.append((t["dpo_where"], ", ".join(f"{k} ({v})" for k, v in
                                                both.groupby("folder")["message_key"].nunique().items())))
        years = both["date"].astype(str).str[:4]
        rows.append((t["dpo_years"], ", ".join(f"{k} ({v})" for k, v in sorted(Counter(years).items()))))
        rows.append((t["dpo_oldest"], str(both["date"].astype(str).min())[:10]))
    for a, b in rows:
        heading = isinstance(a, str) and a and not a.startswith("  ")
        sh.append([sh.bold(a) if heading else a, b])


def _plain_language(inv, summ, corr, n_internal, lang, view=None) -> list[str]:
    s = dict(zip(summ["category"], summ["messages"], strict=False))
    n_orgs = corr["domain"].nunique() if not corr.empty else 0
    n_personal = int(corr["personal_domain"].sum()) if not corr.empty else 0
    subjects = distinct_subjects(inv)
    central = ", ".join([addr for addr, *_ in (view.central if view is not None else ()) if addr != inv.owner][:5])
    if lang == "fr":
        lines = [
            f"- {len(corr)} contacts ({n_internal} internes, {len(corr) - n_internal} externes, "
            f"{n_orgs} domaines dont {n_personal} adresses de messagerie personnelle).",
            f"- {s.get('credentials', 0)} messages contenant des mots de passe, clés ou jetons utilisables.",
            f"- {s.get('identity_scan', 0)} messages avec des scans de pièces d'identité ou justificatifs.",
            f"- {s.get('personal_data', 0)} messages avec des données personnelles de tiers, "
            f"{s.get('sensitive_data', 0)} avec des données sensibles (santé, syndicat, religion, condamnations) ; "
            f"environ {subjects} personnes distinctes (identifiants et noms, estimation).",
            f"- {s.get('tender', 0)} messages sur des marchés et devis, {s.get('strategic', 0)} sur des projets "
            f"stratégiques, {s.get('research', 0)} sur des travaux de recherche non publiés.",
            f"- {s.get('people_comment', 0)} messages portant des jugements sur des personnes, "
            f"{s.get('private', 0)} messages d'ordre privé.",
        ]
        if central:
            lines.insert(1, f"- Les personnes les plus centrales dans le travail du titulaire : {central}.")
    else:
        lines = [
            f"- {len(corr)} contacts ({n_internal} internal, {len(corr) - n_internal} external, {n_orgs} domains, "
            f"{n_personal} personal webmail addresses).",
            f"- {s.get('credentials', 0)} messages holding usable passwords, keys or tokens.",
            f"- {s.get('identity_scan', 0)} messages with scans of identity or supporting documents.",
            f"- {s.get('personal_data', 0)} messages with third persons' personal data, "
            f"{s.get('sensitive_data', 0)} with special-category data (health, union, religion, offences); "
            f"about {subjects} distinct persons (identifiers and names, an estimate).",
            f"- {s.get('tender', 0)} messages on tenders and quotes, {s.get('strategic', 0)} on strategic projects, "
            f"{s.get('research', 0)} on unpublished research.",
            f"- {s.get('people_comment', 0)} messages judging people, {s.get('private', 0)} private messages.",
        ]
        if central:
            lines.insert(1, f"- The people most central to the owner's work: {central}.")
    return lines


def save_workbook(wb: Workbook, path: str, password: str | None = None) -> None:
    """Save atomically; with a password, encrypt in memory so no clear workbook touches the disk."""
    buf = io.BytesIO()
    wb.properties.modified = datetime.now(UTC).replace(tzinfo=None)
    with ZipFile(buf, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        _MemoryExcelWriter(wb, archive).save()
    with atomic_path(path) as tmp:
        if password:
            from msoffcrypto.format.ooxml import OOXMLFile

            buf.seek(0)
            with open(tmp, "wb") as out:
                OOXMLFile(buf).encrypt(password, out)
        else:
            with open(tmp, "wb") as out:
                out.write(buf.getvalue())


__all__ = ["build_workbook", "save_workbook", "write_workbook", "MESSAGE_CATEGORIES"]
