"""The campaign's two workbooks: one for the security officer (RSSI), one for the DPO.

Neither holds message content: no subject, excerpt, address or file name, only counts, labels,
years, units and the consent references. With ``pseudonymise`` the RSSI workbook names each
mailbox by a stable keyed pseudonym instead of its owner.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter, defaultdict

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from detectors.categories import DEFAULT_SEVERITY, MESSAGE_CATEGORIES, SEVERITIES

from ..analyze import SUBJECT_CATEGORIES
from ..report.i18n import CATEGORY_LABELS
from ..report.workbook import SEVERITY_FILL, save_workbook
from .aggregate import Change, MailboxSummary

_HEAD = PatternFill("solid", fgColor="1F3A68")
_HEAD_FONT = Font(bold=True, color="FFFFFF")
_STATUS_FILL = {"failed": "F4B183", "refused": "FFE699"}


def pseudonym(key: bytes, mailbox_id: str) -> str:
    """Stable for a campaign (same key, same mailbox), meaningless without the key."""
    return "MBX-" + hmac.new(key, b"pseudonym\0" + mailbox_id.encode(), hashlib.sha256).hexdigest()[:8].upper()


def _sheet(wb: Workbook, title: str, headers: list[str], widths: list[int] | None = None):
    ws = wb.create_sheet(title)
    ws.append(headers)
    for i, _h in enumerate(headers, 1):
        c = ws.cell(row=1, column=i)
        c.fill, c.font = _HEAD, _HEAD_FONT
        ws.column_dimensions[get_column_letter(i)].width = (widths[i - 1] if widths and i <= len(widths) else 14)
    ws.freeze_panes = "A2"
    return ws


def _bar(ws, title: str, data_col: int, cat_col: int, first: int, last: int, anchor: str, max_col: int | None = None,
         stacked: bool = False) -> None:
    if last < first:
        return
    ch = BarChart()
    ch.type = "bar" if not stacked else "col"
    if stacked:
        ch.grouping, ch.overlap = "stacked", 100
    ch.title = title
    ch.add_data(Reference(ws, min_col=data_col, max_col=max_col or data_col, min_row=first - 1, max_row=last),
                titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=cat_col, min_row=first, max_row=last))
    ch.height, ch.width = 9, 20
    if not stacked:
        ch.legend = None
    ws.add_chart(ch, anchor)


def _name(s: MailboxSummary, key: bytes, pseudonymise: bool) -> str:
    return pseudonym(key, s.id) if pseudonymise else s.owner


def _consent(s: MailboxSummary, pseudonymise: bool) -> str:
    text = s.consent if s.status != "refused" else ""
    if pseudonymise and s.owner:
        for part in {s.owner, *s.owner.split()}:
            if len(part) > 2:
                text = text.replace(part, "…")
    return text


def write_campaign_workbook(path: str, summaries: list[MailboxSummary], *, key: bytes, group_names: tuple[str, ...],
                            changes: list[Change], previous: str | None, run_info: list[tuple[str, str]],
                            lang: str = "fr", pseudonymise: bool = False) -> None:
    labels = CATEGORY_LABELS[lang]
    wb = Workbook()
    wb.remove(wb.active)
    done = [s for s in summaries if s.status == "done"]
    # -- Summary: organisation totals -----------------------------------------------------------
    ws = _sheet(wb, "Summary", ["Category", "Id", "Severity", "Mailboxes", "Messages", "Findings"], [44, 16, 12, 12,
                                                                                                  12, 12])
    first = 2
    for cat in MESSAGE_CATEGORIES:
        mb = sum(1 for s in done if s.category(cat)[1])
        ws.append([labels[cat], cat, DEFAULT_SEVERITY[cat], mb, sum(s.category(cat)[0] for s in done),
                   sum(s.category(cat)[1] for s in done)])
        ws.cell(row=ws.max_row, column=3).fill = PatternFill("solid", fgColor=SEVERITY_FILL.get(
            DEFAULT_SEVERITY[cat], "FFFFFF"))
    last = ws.max_row
    ws.append([])
    totals = [("Mailboxes in the campaign file", len(summaries)),
              ("Scanned", len(done)),
              ("Failed (see Failures)", sum(1 for s in summaries if s.status == "failed")),
              ("Refused: no consent record", sum(1 for s in summaries if s.status == "refused")),
              ("Messages scanned", sum(s.messages for s in done)),
              ("Findings", sum(s.findings for s in done)),
              ("Total risk score", round(sum(s.risk for s in done), 1)),
              ("Mailboxes with credentials in clear", sum(1 for s in done if s.category("credentials")[1])),
              ("Distinct data subjects (all mailboxes, counted once)", len(frozenset().union(
                  *[s.subjects for s in done])) if done else 0)]
    for sev in reversed(SEVERITIES):
        n = sum(dict(s.by_severity).get(sev, 0) for s in done)
        if n:
            totals.append((f"Findings of severity {sev}", n))
    for label, value in totals:
        ws.append([label, "", "", value])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    _bar(ws, "Findings per category (organisation)", 6, 1, first, last, "H2")
    _bar(ws, "Mailboxes concerned per category", 4, 1, first, last, "H20")
    # -- Mailboxes --------------------------------------------------------------------------------
    head = (["Mailbox" if pseudonymise else "Owner", "Id", *group_names, "Status", "Messages", "Findings",
             "Risk score"] + [c for c in MESSAGE_CATEGORIES] + [f"sev: {s}" for s in reversed(SEVERITIES)]
            + ["Top risk kinds", "Failure", "Attempts", "Consent record"])
    ws = _sheet(wb, "Mailboxes", head, [28, 22] + [16] * len(group_names) + [10, 10, 10, 10] + [12] * 15 + [50, 40,
                                                                                                            9, 40])
    for s in sorted(summaries, key=lambda x: (-x.risk, x.id)):
        sev = dict(s.by_severity)
        ws.append([_name(s, key, pseudonymise), s.id, *[s.group(g) for g in group_names], s.status,
                   s.messages if s.status == "done" else "", s.findings if s.status == "done" else "", s.risk
                   if s.status == "done" else ""]
                  + [s.category(c)[1] if s.status == "done" else "" for c in MESSAGE_CATEGORIES]
                  + [sev.get(v, 0) if s.status == "done" else "" for v in reversed(SEVERITIES)]
                  + ["; ".join(f"{k} ({n})" for k, n in s.top_kinds), f"{s.error_kind}: {s.error}" if s.error_kind
                     else ("no consent record" if s.status == "refused" else ""), s.attempts or "",
                     _consent(s, pseudonymise)])
        if s.status in _STATUS_FILL:
            ws.cell(row=ws.max_row, column=3 + len(group_names)).fill = PatternFill("solid",
                                                                                  fgColor=_STATUS_FILL[s.status])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(head))}{ws.max_row}"
    # -- Categories per mailbox (long form, for pivot tables) -------------------------------------
    ws = _sheet(wb, "Mailbox categories", ["Mailbox" if pseudonymise else "Owner", "Id", *group_names, "Category",
                                           "Messages", "Findings"], [28, 22] + [16] * len(group_names) + [18, 10, 10])
    for s in done:
        for cat, msgs, n in s.by_category:
            ws.append([_name(s, key, pseudonymise), s.id, *[s.group(g) for g in group_names], cat, msgs, n])
    ws.auto_filter.ref = f"A1:{get_column_letter(4 + len(group_names) + 1)}{ws.max_row}"
    # -- per unit (each grouping field) -----------------------------------------------------------
    for g in group_names:
        ws = _sheet(wb, f"Per {g}"[:31], [g, "Mailboxes", "Scanned", "Failed", "Refused", "Messages", "Findings",
                                          "Risk score", "Mean risk"] + list(MESSAGE_CATEGORIES), [28] + [11] * 19)
        by: dict[str, list[MailboxSummary]] = defaultdict(list)
        for s in summaries:
            by[s.group(g) or "(none)"].append(s)
        for value in sorted(by):
            ss = by[value]
            d = [s for s in ss if s.status == "done"]
            risk = round(sum(s.risk for s in d), 1)
            ws.append([value, len(ss), len(d), sum(1 for s in ss if s.status == "failed"),
                       sum(1 for s in ss if s.status == "refused"), sum(s.messages for s in d),
                       sum(s.findings for s in d), risk, round(risk / len(d), 1) if d else ""]
                      + [sum(s.category(c)[1] for s in d) for c in MESSAGE_CATEGORIES])
        _bar(ws, f"Risk score per {g}", 8, 1, 2, ws.max_row, f"A{ws.max_row + 3}")
        _bar(ws, f"Findings per category and {g}", 10, 1, 2, ws.max_row, f"L{ws.max_row + 3}",
             max_col=9 + len(MESSAGE_CATEGORIES), stacked=True)
    # -- failures and refusals --------------------------------------------------------------------
    ws = _sheet(wb, "Failures", ["Mailbox" if pseudonymise else "Owner", "Id", *group_names, "Status", "Kind",
                                 "Detail", "Attempts", "Consent record"], [28, 22] + [16] * len(group_names)
                + [10, 16, 70, 9, 40])
    for s in summaries:
        if s.status in ("failed", "refused"):
            ws.append([_name(s, key, pseudonymise), s.id, *[s.group(g) for g in group_names], s.status,
                       s.error_kind or ("consent" if s.status == "refused" else ""),
                       s.error or ("no consent record: not scanned" if s.status == "refused" else ""),
                       s.attempts or "", _consent(s, pseudonymise)])
    # -- changes since the previous run ---------------------------------------------------------
    ws = _sheet(wb, "Changes", ["Mailbox" if pseudonymise else "Owner", "Id", *group_names, "Category",
                                "New findings", "Cleaned up"], [28, 22] + [16] * len(group_names) + [18, 12, 12])
    if previous is None:
        ws.append(["First run of this campaign file: nothing to compare with."])
    else:
        names = {s.id: s for s in summaries}
        for c in changes:
            s = names[c.mailbox_id]
            ws.append([_name(s, key, pseudonymise), s.id, *[s.group(g) for g in group_names], c.category, c.new,
                       c.cleaned])
        ws.append([])
        ws.append([f"Compared with the run of {previous}", "", *[""] * len(group_names), "total",
                   sum(c.new for c in changes), sum(c.cleaned for c in changes)])
        by_cat = Counter()
        for c in changes:
            by_cat[(c.category, "new")] += c.new
            by_cat[(c.category, "cleaned")] += c.cleaned
        for cat in MESSAGE_CATEGORIES:
            if by_cat[(cat, "new")] or by_cat[(cat, "cleaned")]:
                ws.append(["", "", *[""] * len(group_names), cat, by_cat[(cat, "new")], by_cat[(cat, "cleaned")]])
    # -- run ----------------------------------------------------------------------------------------
    ws = _sheet(wb, "Run", ["Item", "Value"], [36, 100])
    for k, v in run_info:
        ws.append([k, v])
    ws.append(["content", "none: counts, categories, severities, units and consent references only"])
    ws.append(["owners", "pseudonymised (keyed with the campaign key)" if pseudonymise else "shown"])
    save_workbook(wb, path)


def write_register(path: str, summaries: list[MailboxSummary], *, group_names: tuple[str, ...],
                   run_info: list[tuple[str, str]], lang: str = "fr") -> None:
    """The DPO's register: which personal and special-category data, where (units, years), since when,
    and how many distinct persons across the organisation (keyed hashes under the campaign key)."""
    labels = CATEGORY_LABELS[lang]
    done = [s for s in summaries if s.status == "done"]
    wb = Workbook()
    wb.remove(wb.active)
    ws = _sheet(wb, "Register", ["Category", "Kind of data", "Mailboxes", "Findings", "Oldest", "Newest year",
                                 *[f"{g}s" for g in group_names]], [36, 30, 11, 10, 12, 12] + [50] * len(group_names))
    rows: dict[tuple[str, str], dict] = {}
    for s in done:
        oldest = {(c, lab): d for c, lab, d in s.oldest}
        for c, lab, year, n in s.personal:
            r = rows.setdefault((c, lab), {"mailboxes": set(), "n": 0, "oldest": "", "years": set(),
                                           "groups": {g: Counter() for g in group_names}})
            r["mailboxes"].add(s.id)
            r["n"] += n
            r["years"].add(year)
            for g in group_names:
                r["groups"][g][s.group(g) or "(none)"] += n
            d = oldest.get((c, lab), "")
            if d and (not r["oldest"] or d < r["oldest"]):
                r["oldest"] = d
    order = {c: i for i, c in enumerate(MESSAGE_CATEGORIES)}
    for (c, lab), r in sorted(rows.items(), key=lambda x: (order.get(x[0][0], 99), -x[1]["n"])):
        years = sorted(y for y in r["years"] if y != "?")
        ws.append([labels[c] + (" (GDPR art. 9/10)" if c == "sensitive_data" else ""), lab, len(r["mailboxes"]),
                   r["n"], r["oldest"], years[-1] if years else "",
                   *["; ".join(f"{k} ({v})" for k, v in r["groups"][g].most_common()) for g in group_names]])
    # -- where: unit x year ---------------------------------------------------------------------
    for g in group_names:
        years = sorted({y for s in done for _c, _l, y, _n in s.personal})
        ws = _sheet(wb, f"{g} x year"[:31], [g, "Category", *years, "Total"], [28, 20] + [8] * (len(years) + 1))
        table: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for s in done:
            for c, _lab, y, n in s.personal:
                table[(s.group(g) or "(none)", c)][y] += n
        for (value, c), cnt in sorted(table.items()):
            ws.append([value, c, *[cnt.get(y, 0) for y in years], sum(cnt.values())])
    # -- data subjects --------------------------------------------------------------------------------
    ws = _sheet(wb, "Data subjects", ["Scope", "Distinct data subjects", "Sum of per-mailbox counts"], [40, 22, 24])
    everyone = frozenset().union(*[s.subjects for s in done]) if done else frozenset()
    ws.append(["Organisation", len(everyone), sum(len(s.subjects) for s in done)])
    for g in group_names:
        by: dict[str, list[MailboxSummary]] = defaultdict(list)
        for s in done:
            by[s.group(g) or "(none)"].append(s)
        for value in sorted(by):
            ss = by[value]
            ws.append([f"{g}: {value}", len(frozenset().union(*[s.subjects for s in ss])),
                       sum(len(s.subjects) for s in ss)])
    ws.append([])
    ws.append(["How: each person's name and each identifier found with personal or special-category data is kept "
               "as a keyed hash (HMAC-SHA256) under one campaign key; the same person in ten mailboxes gives the "
               "same hash and counts once. An identifier and a name of the same person cannot be linked, so the "
               "count leans high."])
    ws.append(["Categories counted: " + ", ".join(sorted(SUBJECT_CATEGORIES))])
    ws = _sheet(wb, "Run", ["Item", "Value"], [36, 100])
    for k, v in run_info:
        ws.append([k, v])
    save_workbook(wb, path)
