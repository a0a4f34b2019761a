"""The risk workbook (openpyxl): one file for the owner, the security officer and the DPO.

Values are masked before they reach this module; the workbook can also be encrypted with a
password (msoffcrypto-tool), in which case the clear workbook only ever exists in memory.
"""

from __future__ import annotations

import io
import re
from collections import Counter

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.drawing.image import Image as XLImage
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

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
from .i18n import CATEGORY_LABELS, T

HEADER_FILL = PatternFill("solid", fgColor="1F3A68")
HEADER_FONT = Font(bold=True, color="FFFFFF")
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


def _sheet(wb, title, headers, rows, widths=None, freeze=True, autofilter=True):
    ws = wb.create_sheet(title[:31])
    ws.append(headers)
    for c in ws[1]:
        c.fill, c.font = HEADER_FILL, HEADER_FONT
        c.alignment = Alignment(vertical="center", wrap_text=True)
    for r in rows:
        ws.append([_clean(v) for v in r])
    if freeze:
        ws.freeze_panes = "A2"
    if autofilter and ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions
    for i, w in enumerate(widths or [], start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    return ws


def _wrap(ws, cols, max_rows=5000):
    for col in cols:
        for row in ws.iter_rows(min_row=2, max_row=min(ws.max_row, max_rows), min_col=col, max_col=col):
            for c in row:
                c.alignment = Alignment(wrap_text=True, vertical="top")


def build_workbook(inv: Inventory, run_info: list[tuple[str, str]], lang: str = "fr", graph=None,
                   graph_png: bytes | None = None) -> Workbook:
    t = T[lang]
    labels = CATEGORY_LABELS[lang]
    wb = Workbook()
    wb.remove(wb.active)

    # -- Summary -------------------------------------------------------------------------------
    summ = category_summary(inv)
    corr = correspondents(inv)
    ws = wb.create_sheet(t["summary"])
    ws["A1"] = t["title"]
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = inv.owner or ""
    head = [t["category"], t["id"], t["severity"], t["n_messages"], t["n_findings"], t["distinct"], t["oldest"],
            t["newest"], t["risk"]]
    ws.append([])
    ws.append(head)
    hr = ws.max_row
    for c in ws[hr]:
        c.fill, c.font = HEADER_FILL, HEADER_FONT
    first_data = hr + 1
    for r in summ.itertuples(index=False):
        ws.append([labels[r.category], r.category, r.severity, r.messages, r.findings, r.distinct_values, r.oldest,
                   r.newest, r.risk])
        ws.cell(ws.max_row, 3).fill = PatternFill("solid", fgColor=SEVERITY_FILL.get(r.severity, "FFFFFF"))
    n_int = int(corr["internal"].sum()) if not corr.empty else 0
    ws.append([labels["address_book"], "address_book", DEFAULT_SEVERITY["address_book"], len(inv.messages),
               len(corr), len(corr), "", "", ""])
    ws.append([labels["relationship_graph"], "relationship_graph", DEFAULT_SEVERITY["relationship_graph"], "",
               graph.number_of_edges() if graph is not None else "", "", "", "", ""])
    last_data = first_data + len(summ) - 1
    ws.append([t["overall"], "", "", "", "", "", "", "", f"=SUM(I{first_data}:I{last_data})"])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.append([t["formula"]])
    ws.append([])
    ws.append([t["what_holds"]])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    for line in _plain_language(inv, summ, corr, n_int, lang):
        ws.append([line])
        ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=False)
    for col, w in zip("ABCDEFGHI", (42, 20, 12, 11, 11, 14, 12, 12, 12), strict=False):
        ws.column_dimensions[col].width = w
    chart_row = ws.max_row + 2
    bar = BarChart()
    bar.type = "bar"
    bar.title = t["chart_cat"]
    bar.add_data(Reference(ws, min_col=5, min_row=hr, max_row=last_data), titles_from_data=True)
    bar.set_categories(Reference(ws, min_col=2, min_row=first_data, max_row=last_data))
    bar.height, bar.width, bar.legend = 8, 16, None
    ws.add_chart(bar, f"A{chart_row}")

    # -- Findings ------------------------------------------------------------------------------
    f = inv.findings
    frows = [] if f.empty else [
        (str(r.date)[:19], r.folder, r.sender, r.subject, r.category, r.detector, r.location, r.excerpt,
         r.masked_value, round(float(r.score), 2), r.severity, r.reason, r.message_id, r.linked_to)
        for r in f.itertuples(index=False)
    ]
    ws_f = _sheet(wb, t["findings"], [t["date"], t["folder"], t["from"], t["subject"], t["category"], t["detector"],
                                      t["location"], t["excerpt"], t["value"], t["score"], t["severity"], t["why"],
                                      t["message_id"], t["linked"]], frows,
                  widths=[17, 14, 26, 34, 15, 26, 24, 60, 18, 10, 11, 40, 30, 30])
    _wrap(ws_f, (8,))
    for row in ws_f.iter_rows(min_row=2, max_row=min(ws_f.max_row, 20000), min_col=11, max_col=11):
        for c in row:
            c.fill = PatternFill("solid", fgColor=SEVERITY_FILL.get(c.value, "FFFFFF"))

    # -- Messages at risk -----------------------------------------------------------------------
    mr = messages_at_risk(inv)
    _sheet(wb, t["messages"], [t["date"], t["folder"], t["from"], t["subject"], t["categories"], t["n_findings"],
                               t["risk"], t["message_id"]],
           [(str(r.date)[:19], r.folder, r.sender, r.subject, r.categories, r.findings, r.risk, r.message_id)
            for r in mr.itertuples(index=False)], widths=[17, 14, 28, 44, 40, 10, 10, 36])

    # -- Attachments ----------------------------------------------------------------------------
    at = attachments_table(inv)
    _sheet(wb, t["attachments"], [t["name"], t["type"], t["size"], t["sha256"], t["status"], t["reason"],
                                  t["categories"], t["exposure"], t["folders"], t["first"], t["last"],
                                  t["password_in"]],
           [tuple(r) for r in at.itertuples(index=False)], widths=[34, 8, 12, 20, 10, 40, 30, 10, 20, 11, 11, 30])

    # -- Correspondents and graph ---------------------------------------------------------------
    _sheet(wb, t["correspondents"], [t["address"], t["names"], t["from_them"], t["to_them"], t["n_messages"],
                                     t["first"], t["last"], t["domain"], t["internal"], t["personal_domain"]],
           [(r.address, r.names, r.from_them, r.to_them, r.messages, r.first, r.last, r.domain,
             t["yes"] if r.internal else t["no"], t["yes"] if r.personal_domain else t["no"])
            for r in corr.itertuples(index=False)], widths=[34, 30, 10, 10, 10, 11, 11, 24, 9, 10])
    edges = []
    if graph is not None:
        for a, b, d in sorted(graph.edges(data=True), key=lambda e: -e[2].get("weight", 1))[:50000]:
            edges.append((a, b, d.get("weight", 1)))
    ws_g = _sheet(wb, t["graph"], [t["source"], t["target"], t["weight"]], edges, widths=[34, 34, 10])
    if graph is not None and graph.number_of_nodes():
        top = sorted(graph.nodes(data=True), key=lambda n: -n[1].get("betweenness", 0))[:15]
        ws_g["E1"], ws_g["F1"], ws_g["G1"], ws_g["H1"] = t["top_people"], t["degree"], t["betweenness"], t["community"]
        for c in ("E1", "F1", "G1", "H1"):
            ws_g[c].fill, ws_g[c].font = HEADER_FILL, HEADER_FONT
        for i, (n, d) in enumerate(top, start=2):
            ws_g.cell(i, 5, n)
            ws_g.cell(i, 6, d.get("degree", 0))
            ws_g.cell(i, 7, d.get("betweenness", 0))
            ws_g.cell(i, 8, d.get("community", 0))
        ws_g.column_dimensions["E"].width = 34
        if graph_png:
            img = XLImage(io.BytesIO(graph_png))
            img.width, img.height = 720, 560
            ws_g.add_image(img, "J2")

    # -- DPO ------------------------------------------------------------------------------------
    _dpo_sheet(wb, inv, t, labels)

    # -- Heat maps ------------------------------------------------------------------------------
    for key, by in (("folders_x", "folder"), ("years_x", "year")):
        p = pivot(inv, by)
        cols = list(p.columns)
        ws_p = _sheet(wb, t[key], [t["folder"] if by == "folder" else t["date"]] + cols,
                      [(idx, *map(int, row)) for idx, row in zip(p.index, p.values, strict=False)],
                      widths=[28] + [14] * len(cols), autofilter=False)
        if len(p) and cols:
            rng = f"B2:{get_column_letter(len(cols) + 1)}{len(p) + 1}"
            ws_p.conditional_formatting.add(rng, ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF",
                                                                end_type="max", end_color="C00000"))
            ch = BarChart()
            ch.type, ch.grouping, ch.overlap = "col", "stacked", 100
            ch.title = t["chart_folder"] if by == "folder" else t["chart_year"]
            ch.add_data(Reference(ws_p, min_col=2, max_col=len(cols) + 1, min_row=1, max_row=len(p) + 1),
                        titles_from_data=True)
            ch.set_categories(Reference(ws_p, min_col=1, min_row=2, max_row=len(p) + 1))
            ch.height, ch.width = 9, 18
            ws_p.add_chart(ch, f"A{len(p) + 4}")

    # -- Errors and run -------------------------------------------------------------------------
    e = inv.errors
    _sheet(wb, t["errors"], [t["folder"], t["uid"], t["location_err"], t["reason"], t["detail"], t["subject"],
                             t["message_id"]],
           [] if e.empty else [(r.folder, r.uid, r.location, r.reason, r.detail, r.subject, r.message_id)
                               for r in e.itertuples(index=False)], widths=[16, 10, 28, 28, 60, 36, 36])
    _sheet(wb, t["run"], [t["key"], t["val"]], run_info, widths=[34, 100], autofilter=False)
    return wb


def _dpo_sheet(wb, inv: Inventory, t, labels) -> None:
    ws = wb.create_sheet(t["dpo"])
    ws["A1"] = t["dpo_title"]
    ws["A1"].font = Font(bold=True, size=13)
    f = inv.findings
    pd_f = f[f["category"].isin(["personal_data", "identity_scan"])] if not f.empty else f
    sd_f = f[f["category"] == "sensitive_data"] if not f.empty else f
    rows = [("", ""), (t["dpo_personal"], "")]
    if not pd_f.empty:
        for label, n in Counter(pd_f["label"].replace("", "other")).most_common():
            rows.append((f"  {label}", int(n)))
    rows += [("", ""), (t["dpo_special"], "")]
    if not sd_f.empty:
        for label, n in Counter(sd_f["label"].replace("", "other")).most_common():
            rows.append((f"  {label}", int(n)))
    rows += [("", ""), (t["dpo_subjects"], distinct_subjects(inv))]
    kinds = Counter()
    if not f.empty:
        both = pd.concat([pd_f, sd_f])
        text = (both["excerpt"].fillna("") + " " + both["subject"].fillna("") + " " + both["location"]).tolist()
        for kind, rx in _SUBJECT_KINDS.items():
            kinds[kind] = sum(1 for s in text if re.search(rx, s))
    rows.append((t["dpo_subject_kinds"], ", ".join(f"{k} ({v})" for k, v in kinds.most_common() if v)))
    both = pd.concat([pd_f, sd_f]) if not f.empty else f
    if not both.empty:
        rows.append((t["dpo_where"], ", ".join(f"{k} ({v})" for k, v in
                                                both.groupby("folder")["message_key"].nunique().items())))
        years = both["date"].astype(str).str[:4]
        rows.append((t["dpo_years"], ", ".join(f"{k} ({v})" for k, v in sorted(Counter(years).items()))))
        rows.append((t["dpo_oldest"], str(both["date"].astype(str).min())[:10]))
    for r in rows:
        ws.append(list(r))
    for r in (3, 3 + len(rows)):
        ws.cell(r, 1).font = Font(bold=True)
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 60
    for row in ws.iter_rows(min_row=2):
        if isinstance(row[0].value, str) and not row[0].value.startswith("  ") and row[0].value:
            row[0].font = Font(bold=True)


def _plain_language(inv, summ, corr, n_internal, lang) -> list[str]:
    s = dict(zip(summ["category"], summ["messages"], strict=False))
    n_orgs = corr["domain"].nunique() if not corr.empty else 0
    n_personal = int(corr["personal_domain"].sum()) if not corr.empty else 0
    subjects = distinct_subjects(inv)
    if lang == "fr":
        lines = [
            f"- {len(corr)} contacts ({n_internal} internes, {len(corr) - n_internal} externes, "
            f"{n_orgs} domaines dont {n_personal} adresses de messagerie personnelle).",
            f"- {s.get('credentials', 0)} messages contenant des mots de passe, clés ou jetons utilisables.",
            f"- {s.get('identity_scan', 0)} messages avec des scans de pièces d'identité ou justificatifs.",
            f"- {s.get('personal_data', 0)} messages avec des données personnelles de tiers, "
            f"{s.get('sensitive_data', 0)} avec des données sensibles (santé, syndicat, religion, condamnations) ; "
            f"environ {subjects} identifiants distincts de personnes.",
            f"- {s.get('tender', 0)} messages sur des marchés et devis, {s.get('strategic', 0)} sur des projets "
            f"stratégiques, {s.get('research', 0)} sur des travaux de recherche non publiés.",
            f"- {s.get('people_comment', 0)} messages portant des jugements sur des personnes, "
            f"{s.get('private', 0)} messages d'ordre privé.",
        ]
    else:
        lines = [
            f"- {len(corr)} contacts ({n_internal} internal, {len(corr) - n_internal} external, {n_orgs} domains, "
            f"{n_personal} personal webmail addresses).",
            f"- {s.get('credentials', 0)} messages holding usable passwords, keys or tokens.",
            f"- {s.get('identity_scan', 0)} messages with scans of identity or supporting documents.",
            f"- {s.get('personal_data', 0)} messages with third persons' personal data, "
            f"{s.get('sensitive_data', 0)} with special-category data (health, union, religion, offences); "
            f"about {subjects} distinct personal identifiers.",
            f"- {s.get('tender', 0)} messages on tenders and quotes, {s.get('strategic', 0)} on strategic projects, "
            f"{s.get('research', 0)} on unpublished research.",
            f"- {s.get('people_comment', 0)} messages judging people, {s.get('private', 0)} private messages.",
        ]
    return lines


def save_workbook(wb: Workbook, path: str, password: str | None = None) -> None:
    """Save atomically; with a password, encrypt in memory so no clear workbook touches the disk."""
    buf = io.BytesIO()
    wb.save(buf)
    with atomic_path(path) as tmp:
        if password:
            from msoffcrypto.format.ooxml import OOXMLFile

            buf.seek(0)
            with open(tmp, "wb") as out:
                OOXMLFile(buf).encrypt(password, out)
        else:
            with open(tmp, "wb") as out:
                out.write(buf.getvalue())


__all__ = ["build_workbook", "save_workbook", "MESSAGE_CATEGORIES"]
