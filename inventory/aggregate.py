"""The state read back into tables (pandas): findings, messages, correspondents, the graph.

Everything here reads the SQLite store only; nothing touches the mailbox again.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from detectors.categories import DEFAULT_SEVERITY, MESSAGE_CATEGORIES, severity_rank

WEBMAIL_DOMAINS = frozenset(
    """gmail.com googlemail.com yahoo.com yahoo.fr ymail.com hotmail.com hotmail.fr outlook.com outlook.fr live.com
    live.fr msn.com icloud.com me.com mac.com aol.com gmx.com gmx.fr gmx.de gmx.net protonmail.com proton.me pm.me
    orange.fr wanadoo.fr free.fr laposte.net sfr.fr neuf.fr bbox.fr numericable.fr club-internet.fr aliceadsl.fr
    yandex.com yandex.ru mail.ru tutanota.com zoho.com fastmail.com posteo.de web.de""".split()
)
SEVERITY_WEIGHT = {"info": 0, "low": 1, "medium": 2, "high": 4, "very high": 6, "critical": 8}


def is_personal_domain(domain: str) -> bool:
    return domain in WEBMAIL_DOMAINS or bool(re.match(r"^(web)?mail[-.]|^webmail", domain))


def org_domain(domain: str) -> str:
    parts = domain.split(".")
    if len(parts) >= 3 and parts[-2] in ("co", "ac", "gov", "org", "com") and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


@dataclass
class Inventory:
    findings: pd.DataFrame
    messages: pd.DataFrame
    recipients: pd.DataFrame
    attachments: pd.DataFrame
    errors: pd.DataFrame
    folders: pd.DataFrame
    owner: str
    owner_domains: tuple[str, ...]
    # keyed hashes of the names of the persons personal data is about
    subject_names: frozenset[str] = frozenset()


def load(db: sqlite3.Connection, account: str | None = None, owner: str | None = None,
         owner_domains: tuple[str, ...] = ()) -> Inventory:
    where, args = ("WHERE m.account=?", (account,)) if account else ("", ())
    q = lambda sql: pd.read_sql_query(sql, db, params=args)  # noqa: E731
    messages = q(f"SELECT m.* FROM messages m {where}")
    findings = q(f"SELECT f.*, m.message_id, m.folder, m.uid, m.date, m.subject, m.sender FROM findings f "
                 f"JOIN messages m ON m.key = f.message_key {where}")
    recipients = q(f"SELECT r.* FROM recipients r JOIN messages m ON m.key = r.message_key {where}")
    attachments = q(f"SELECT a.*, m.folder, m.date, m.message_id FROM attachments a "
                    f"JOIN messages m ON m.key = a.message_key {where}")
    errors = pd.read_sql_query(
        "SELECT e.message_key, e.folder, e.uid, e.location, e.reason, e.detail, m.message_id, m.subject "
        "FROM errors e LEFT JOIN messages m ON m.key = e.message_key"
        + (" WHERE e.account=?" if account else "")
        # an attachment that could not be read, or only in part, is an error row too (the reader of the
        # Errors sheet wants everything left unread in one place); formats not read by design are not
        + " UNION ALL SELECT a.message_key, m.folder, m.uid, a.location, "
        "CASE a.status WHEN 'encrypted' THEN 'encrypted, not scanned' ELSE 'attachment not read' END, a.reason, "
        "m.message_id, m.subject FROM attachments a JOIN messages m ON m.key = a.message_key "
        "WHERE (a.status IN ('error', 'encrypted') OR a.reason LIKE 'larger than%')"
        + (" AND m.account=?" if account else "") + " ORDER BY 2, 3, 4", db, params=args * 2)
    subject_names = frozenset(h for (h,) in db.execute(
        f"SELECT DISTINCT s.hash FROM subjects s JOIN messages m ON m.key = s.message_key {where}", args))
    folders = pd.read_sql_query("SELECT * FROM folders" + (" WHERE account=?" if account else ""), db, params=args)
    if not owner:
        owner = infer_owner(messages, recipients)
    if not owner_domains and owner and "@" in owner:
        owner_domains = (org_domain(owner.split("@", 1)[1]),)
    from .links import link_attachment_passwords

    findings["linked_to"], attachments["password_in"] = link_attachment_passwords(findings, attachments, messages,
                                                                                 recipients)
    if not findings.empty:
        findings["severity_rank"] = findings["severity"].map(severity_rank)
        findings = findings.sort_values(["severity_rank", "score"], ascending=[False, False]).reset_index(drop=True)
    return Inventory(findings, messages, recipients, attachments, errors, folders, owner, owner_domains,
                     subject_names)


def load_graph_inputs(db: sqlite3.Connection, account: str | None = None, owner: str | None = None,
                      owner_domains: tuple[str, ...] = ()) -> Inventory:
    """Only what the relationship graph needs (senders and recipients), for the process that draws it."""
    where, args = ("WHERE m.account=?", (account,)) if account else ("", ())
    messages = pd.read_sql_query(f"SELECT m.key, m.sender FROM messages m {where}", db, params=args)
    recipients = pd.read_sql_query(f"SELECT r.message_key, r.addr FROM recipients r JOIN messages m "
                                   f"ON m.key = r.message_key {where}", db, params=args)
    owner = owner or infer_owner(messages, recipients)
    if not owner_domains and owner and "@" in owner:
        owner_domains = (org_domain(owner.split("@", 1)[1]),)
    empty = pd.DataFrame()
    return Inventory(empty, messages, recipients, empty, empty, empty, owner, owner_domains)


def infer_owner(messages: pd.DataFrame, recipients: pd.DataFrame) -> str:
    """The address present in the most messages (as sender or recipient) is the mailbox owner."""
    counts: Counter[str] = Counter()
    if not messages.empty:
        counts.update(a for a in messages["sender"] if a)
    if not recipients.empty:
        counts.update(recipients.drop_duplicates(["message_key", "addr"])["addr"])
    return counts.most_common(1)[0][0] if counts else ""


def is_internal(addr: str, owner_domains: tuple[str, ...]) -> bool:
    dom = addr.rsplit("@", 1)[-1]
    return any(dom == d or dom.endswith("." + d) for d in owner_domains)


def correspondents(inv: Inventory) -> pd.DataFrame:
    """The address book: one row per address other than the owner's."""
    rows: dict[str, dict] = {}

    def entry(addr: str) -> dict:
        if addr not in rows:
            dom = addr.rsplit("@", 1)[-1]
            rows[addr] = {"address": addr, "names": Counter(), "from_them": 0, "to_them": 0, "first": None,
                          "last": None, "domain": dom, "internal": is_internal(addr, inv.owner_domains),
                          "personal_domain": is_personal_domain(dom)}
        return rows[addr]

    dates = dict(zip(inv.messages["key"], inv.messages["date"], strict=False)) if not inv.messages.empty else {}
    m = inv.messages
    for sender, sender_name, date in zip(m["sender"], m["sender_name"], m["date"], strict=False):
        if sender and sender != inv.owner:
            e = entry(sender)
            e["from_them"] += 1
            if sender_name:
                e["names"][sender_name] += 1
            _dates(e, date)
    sent_by_owner = set(m.loc[m["sender"] == inv.owner, "key"]) if inv.owner else set()
    r = inv.recipients
    for key, addr, name in zip(r["message_key"], r["addr"], r["name"], strict=False):
        if addr == inv.owner:
            continue
        e = entry(addr)
        if key in sent_by_owner:
            e["to_them"] += 1
        if name:
            e["names"][name] += 1
        _dates(e, dates.get(key))
    out = []
    for e in rows.values():
        e = dict(e)
        e["names"] = "; ".join(n for n, _ in e["names"].most_common(3))
        e["messages"] = e["from_them"] + e["to_them"]
        out.append(e)
    df = pd.DataFrame(out, columns=["address", "names", "from_them", "to_them", "messages", "first", "last", "domain",
                                    "internal", "personal_domain"])
    return df.sort_values(["messages", "address"], ascending=[False, True]).reset_index(drop=True)


def _dates(e: dict, date: str | None) -> None:
    if not date:
        return
    d = str(date)[:10]
    e["first"] = d if not e["first"] or d < e["first"] else e["first"]
    e["last"] = d if not e["last"] or d > e["last"] else e["last"]


def category_summary(inv: Inventory) -> pd.DataFrame:
    """One row per message category: severity, messages, findings, distinct values, dates, risk."""
    rows = []
    f = inv.findings
    for cat in MESSAGE_CATEGORIES:
        sub = f[f["category"] == cat] if not f.empty else f
        n_msgs = sub["message_key"].nunique() if not sub.empty else 0
        distinct = sub.loc[sub["value_hash"] != "", "value_hash"].nunique() if not sub.empty else 0
        dates = sub["date"].dropna().astype(str).str[:10] if not sub.empty else pd.Series(dtype=str)
        dates = dates[dates != ""]
        sev = DEFAULT_SEVERITY[cat]
        risk = SEVERITY_WEIGHT[sev] * (n_msgs ** 0.5)
        rows.append({"category": cat, "severity": sev, "messages": n_msgs, "findings": len(sub),
                     "distinct_values": distinct, "oldest": dates.min() if len(dates) else "",
                     "newest": dates.max() if len(dates) else "", "risk": round(risk, 1)})
    return pd.DataFrame(rows)


def messages_at_risk(inv: Inventory) -> pd.DataFrame:
    f = inv.findings
    if f.empty:
        return pd.DataFrame(columns=["date", "folder", "sender", "subject", "categories", "findings", "risk",
                                     "message_id"])
    f = f.assign(weight=f["severity"].map(SEVERITY_WEIGHT).fillna(1) * f["score"])
    g = f.groupby("message_key").agg(
        categories=("category", lambda s: ", ".join(sorted(set(s)))),
        findings=("category", "size"),
        risk=("weight", lambda s: round(float(s.max() + 0.25 * (s.sum() - s.max())), 2)),
    ).reset_index()
    m = inv.messages.set_index("key")
    g["date"] = g["message_key"].map(m["date"])
    g["folder"] = g["message_key"].map(m["folder"])
    g["sender"] = g["message_key"].map(m["sender"])
    g["subject"] = g["message_key"].map(m["subject"])
    g["message_id"] = g["message_key"].map(m["message_id"])
    return g.sort_values("risk", ascending=False)[["date", "folder", "sender", "subject", "categories", "findings",
                                                    "risk", "message_id"]].reset_index(drop=True)


def attachments_table(inv: Inventory) -> pd.DataFrame:
    a = inv.attachments
    cols = ["name", "type", "size", "sha256", "status", "reason", "categories", "messages", "folders", "first",
            "last", "password_in"]
    if a.empty:
        return pd.DataFrame(columns=cols)
    f = inv.findings
    cats: dict[tuple[str, str], set] = {}
    if not f.empty:
        for key, loc, cat in zip(f["message_key"], f["location"], f["category"], strict=False):
            cats.setdefault((key, loc), set()).add(cat)
    a = a.assign(cats=[", ".join(sorted(cats.get((k, loc), ()))) for k, loc in
                       zip(a["message_key"], a["location"], strict=False)])
    g = a.groupby("sha256").agg(
        name=("name", "first"), type=("type", "first"), size=("size", "first"), status=("status", "first"),
        reason=("reason", "first"), categories=("cats", lambda s: ", ".join(sorted({c for x in s for c in
                                                                                   x.split(", ") if c}))),
        messages=("message_key", "nunique"), folders=("folder", lambda s: ", ".join(sorted(set(s)))),
        first=("date", lambda s: str(min(s))[:10] if len(s) else ""),
        last=("date", lambda s: str(max(s))[:10] if len(s) else ""),
        password_in=("password_in", lambda s: "; ".join(sorted({x for x in s if x}))),
    ).reset_index()
    return g.sort_values(["messages", "name"], ascending=[False, True])[cols].reset_index(drop=True)


def pivot(inv: Inventory, by: str) -> pd.DataFrame:
    f = inv.findings
    if f.empty:
        return pd.DataFrame()
    if by == "year":
        key = f["date"].astype(str).str[:4].replace("", "?")
    else:
        key = f["folder"]
    t = pd.crosstab(key, f["category"], values=f["message_key"], aggfunc="nunique").fillna(0).astype(int)
    return t.reindex(columns=[c for c in MESSAGE_CATEGORIES if c in t.columns])


def distinct_subjects(inv: Inventory) -> int:
    """Estimated number of distinct data subjects: distinct keyed hashes of the personal identifiers
    found and of the normalised names of the persons they are about (correspondents left out).
    An identifier and a name of one person cannot be linked, so this leans high."""
    f = inv.findings
    hashes = set(inv.subject_names)
    if not f.empty:
        sub = f[f["category"].isin(["personal_data", "sensitive_data", "identity_scan"]) & (f["value_hash"] != "")]
        hashes |= set(sub["value_hash"])
    return len(hashes)
