"""Link a password found in one mail to the encrypted attachment it opens.

People send a protected zip in one mail and "le mot de passe du zip est ..." in the next: each
mail alone looks harmless (an archive that cannot be read, a short sentence), together they
hand over the content. A credential finding labelled ``attachment_password`` is linked to an
encrypted attachment of the same message, else of the same thread (subject without Re:/Fwd:/TR:
prefixes), else of a message between the same people within a week, the nearest in time.
"""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd

WINDOW_DAYS = 7
_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|tr|fw|réf|ref|aw|wg|sv|rv)\s*(?:\[\d+\])?\s*:\s*)+", re.I)


def thread_subject(subject: str | None) -> str:
    return _PREFIX.sub("", subject or "").strip().lower()


def _when(date) -> datetime | None:
    try:
        d = pd.Timestamp(str(date)[:19])
    except (ValueError, TypeError):
        return None
    return None if pd.isna(d) else d.to_pydatetime()


def link_attachment_passwords(findings: pd.DataFrame, attachments: pd.DataFrame, messages: pd.DataFrame,
                              recipients: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Returns (findings.linked_to, attachments.password_in): human-readable pointers, '' when none."""
    linked = pd.Series([""] * len(findings), index=findings.index, dtype=object)
    password_in = pd.Series([""] * len(attachments), index=attachments.index, dtype=object)
    if findings.empty or attachments.empty or "label" not in findings:
        return linked, password_in
    enc = attachments[attachments["status"] == "encrypted"]
    pw = findings[(findings["category"] == "credentials") & (findings["label"] == "attachment_password")]
    if enc.empty or pw.empty:
        return linked, password_in
    msg = messages.set_index("key")
    people: dict[str, set[str]] = {}
    for key, addr in zip(recipients["message_key"], recipients["addr"], strict=False):
        people.setdefault(key, set()).add(addr)
    for key, sender in zip(messages["key"], messages["sender"], strict=False):
        if sender:
            people.setdefault(key, set()).add(sender)

    def describe_msg(key: str) -> str:
        if key not in msg.index:
            return key
        m = msg.loc[key]
        return f"{str(m['date'])[:10]} {m['folder']}: {m['subject'] or ''}".strip()

    for i, f in pw.iterrows():
        key = f["message_key"]
        same = enc[enc["message_key"] == key]
        if same.empty:
            subj = thread_subject(msg.loc[key, "subject"]) if key in msg.index else ""
            when = _when(msg.loc[key, "date"]) if key in msg.index else None
            cands = []
            for j, a in enc.iterrows():
                k2 = a["message_key"]
                if k2 not in msg.index:
                    continue
                w2 = _when(msg.loc[k2, "date"])
                gap = abs((w2 - when).total_seconds()) / 86400 if when and w2 else None
                same_thread = bool(subj) and thread_subject(msg.loc[k2, "subject"]) == subj
                near = gap is not None and gap <= WINDOW_DAYS and len(people.get(key, set()) & people.get(k2, set())) >= 2
                if same_thread or near:
                    cands.append((0 if same_thread else 1, gap if gap is not None else 1e9, j))
            if not cands:
                continue
            same = enc.loc[[min(cands)[2]]]
        for j, a in same.iterrows():
            linked[i] = f"{a['name']} ({describe_msg(a['message_key'])})"
            password_in[j] = describe_msg(key)
    return linked, password_in
