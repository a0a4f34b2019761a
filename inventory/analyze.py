"""One message, end to end in memory: parse, extract, detect, mask.

This is the unit of work a worker process runs. It returns a picklable
:class:`MessageResult` holding only masked values; the clear text never leaves this function
(unless the user asked for ``--reveal-secrets``).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from detectors.base import Detector
from detectors.categories import DEFAULT_SEVERITY
from detectors.finding import Finding, Match
from detectors.masking import keyed_hash, mask_value, redact
from detectors.persons import normalize_name, person_names
from detectors.unit import MessageContext, TextUnit

from .errors import MessageError
from .extract import Limits, extract_attachment
from .extract.dispatch import ExtractedText, run_ocr
from .lang import guess_lang
from .model import ParsedMessage, RawMessage
from .parse import parse_message
from .redaction import excerpt_spans, note_excerpt, redact_result
from .redaction import merge as merge_spans
from .redaction import redact as redact_shapes
from .structure import boilerplate_spans

EXCERPT_CHARS = 70


@dataclass
class Options:
    hmac_key: bytes
    owner_domains: tuple[str, ...] = ()
    min_score: float = 0.5
    reveal_secrets: bool = False
    limits: Limits = field(default_factory=Limits)


@dataclass
class MessageResult:
    key: str
    account: str
    folder: str
    uid: int
    uidvalidity: int
    size: int
    message_id: str = ""
    date: str = ""
    subject: str = ""
    sender: tuple[str, str] | None = None
    recipients: list[tuple[str, str, str]] = field(default_factory=list)  # (role, name, addr)
    findings: list[Finding] = field(default_factory=list)
    attachments: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    parsed: bool = True
    # keyed hashes of the normalised names of the persons the personal data is about
    subjects: list[str] = field(default_factory=list)


# the folder where the owner's mail system files what it judged junk: its content is spam by that judgement
_JUNK_FOLDER = re.compile(r"(?i)(?:^|[/.])(?:junk(?:[ -]?e-?mail)?|spam|bulk(?: mail)?|courrier ind[ée]sirable|ind[ée]sirables?|"
                          r"pourriels?|spam[ -]?mails?)$")


# the body sends the reader to the Subject for the code: "le code portail c'est dans l'objet", "code in the subject"
_CODE_IN_SUBJECT = re.compile(r"(?i)\b(?:code|digicode|mot de passe|mdp|password|pin)\b[^.\n]{0,40}"
                              r"\b(?:dans l['’]objet|dans le sujet|en objet|in the subject(?: line)?)")
# a folder the owner keeps for their own life; "Personnel" (staff) and "Familles" (a service's users) are not
_PERSONAL_FOLDER = re.compile(r"(?i)(?:^|[/.])(?:perso|personal|priv[ée]e?|private|famille|family|vie priv[ée]e)$")


def _context(pm: ParsedMessage, opts: Options, folder: str = "") -> MessageContext:
    recipients = tuple(a.addr for a in pm.to + pm.cc + pm.bcc)
    folder = folder.rstrip("/")
    junk = bool(folder) and bool(_JUNK_FOLDER.search(folder))
    return MessageContext(
        subject=pm.subject,
        sender=pm.sender.addr if pm.sender else "",
        sender_name=pm.sender.name if pm.sender else "",
        recipients=recipients,
        owner_domains=opts.owner_domains,
        is_bulk=pm.is_bulk,
        is_auto_reply=pm.is_auto_reply,
        genre_hint="spam" if junk else (pm.genre_probe.first if pm.genre_probe else "personal"),
        genre_probe=None if junk else pm.genre_probe,
        attachment_names=tuple(a.name for a in pm.attachments),
        personal_folder=bool(folder) and bool(_PERSONAL_FOLDER.search(folder)),
        # read only when the Subject holds a digit: a code-shaped token always does
        code_in_subject=any(ch.isdigit() for ch in pm.subject) and bool(_CODE_IN_SUBJECT.search(pm.body[:5000])),
    )


def _excerpt(unit: TextUnit, m: Match, all_values: list[tuple[int, int]], reveal: bool) -> str:
    text = unit.text
    if m.has_value:
        line_start = text.rfind("\n", 0, m.value_start) + 1
        a = max(min(m.start, line_start), m.value_start - EXCERPT_CHARS)
        b = min(max(m.end, m.value_end + 30), m.value_end + EXCERPT_CHARS // 2)
    else:
        a, b = m.start, min(m.end, m.start + 2 * EXCERPT_CHARS)
    a = max(0, a)
    if not reveal:  # what no detector found but has the shape of a secret is masked too
        shape = excerpt_spans(text, a, b)
        note_excerpt(text, a, b, shape, all_values)
        all_values = merge_spans([*all_values, *shape])
    pieces, pos = [], a
    for va, vb in sorted(all_values):
        if vb <= a or va >= b:
            continue
        va2, vb2 = max(va, a), min(vb, b)
        if va2 < pos:
            continue
        pieces.append(text[pos:va2])
        pieces.append(text[va2:vb2] if reveal else mask_value(text[va2:vb2]))
        pos = vb2
    pieces.append(text[pos:b])
    out = " ".join("".join(pieces).split())
    if not reveal:
        out = redact_shapes(out, kind="excerpt")
    return ("…" if a > 0 else "") + out + ("…" if b < len(text) else "")


class UnitCache:
    """Detector matches of text units already analysed in this process, by content.

    Mailboxes repeat themselves: a message filed in two folders, the sent copy of a reply, a
    newsletter received every week. A unit with the same text, kind, file name and message
    context gives the same matches, so they are computed once. Bounded (least recently used
    entries go first); only clear text of the current process, never written anywhere.
    """

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._d: OrderedDict[tuple, list[tuple[Detector, Match]]] = OrderedDict()
        self.hits = 0

    @staticmethod
    def key(unit: TextUnit) -> tuple:
        digest = hashlib.blake2b(unit.text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        return (digest, unit.kind, unit.location.split(":", 1)[0], unit.filename, unit.content_type, unit.ocr,
                unit.rows, unit.boilerplate, unit.context)

    def get(self, key: tuple):
        found = self._d.get(key)
        if found is not None:
            self._d.move_to_end(key)
            self.hits += 1
        return found

    def put(self, key: tuple, value: list) -> None:
        self._d[key] = value
        if len(self._d) > self.size:
            self._d.popitem(last=False)


_CACHE = UnitCache()


def run_detectors(units: list[TextUnit], detectors: list[Detector], opts: Options,
                  result: MessageResult, clear_values: list[str]) -> None:
    for unit in units:
        key = UnitCache.key(unit)
        matches: list[tuple[Detector, Match]] | None = _CACHE.get(key)
        if matches is None:
            matches, failed = [], False
            for det in detectors:
                try:
                    for m in det.run(unit):
                        matches.append((det, m))
                except Exception as exc:  # noqa: BLE001 - one faulty detector must not lose the message
                    failed = True
                    result.errors.append({"location": unit.location, "reason": f"detector {det.name} failed",
                                          "detail": f"{type(exc).__name__}: {str(exc)[:200]}"})
            if not failed:
                _CACHE.put(key, matches)
        spans = [(m.value_start, m.value_end) for _, m in matches if m.has_value]
        clear_values.extend(unit.text[a:b] for a, b in spans)
        for det, m in matches:
            if m.score < opts.min_score:
                continue
            value = unit.text[m.value_start:m.value_end] if m.has_value else ""
            result.findings.append(Finding(
                category=m.category,
                detector=det.name,
                location=unit.location,
                excerpt=_excerpt(unit, m, spans, opts.reveal_secrets),
                score=m.score,
                severity=m.severity or DEFAULT_SEVERITY.get(m.category, "medium"),
                reason=m.reason,
                label=m.label,
                value_hash=keyed_hash(opts.hmac_key, value) if value else "",
                masked_value=(value if opts.reveal_secrets else mask_value(value)) if value else "",
                count=m.count,
            ))


def build_units(pm: ParsedMessage, ctx: MessageContext, opts: Options, result: MessageResult) -> list[TextUnit]:
    lang = guess_lang(pm.subject + "\n" + pm.body)
    units = []
    if pm.subject:
        units.append(TextUnit(text=pm.subject, location="subject", kind="subject", lang=lang, context=ctx))
    if pm.body.strip():
        units.append(TextUnit(text=pm.body, location="body", kind="body", lang=lang, context=ctx,
                              content_type="text/html" if pm.body_is_html else "text/plain",
                              boilerplate=tuple(boilerplate_spans(pm.body))))
    images = []
    seen: dict[str, dict] = {}
    names: Counter[str] = Counter()
    for att in pm.attachments:
        names[att.name] += 1
        # two attachments with the same name are two locations ("p.jpeg", "p.jpeg (2)")
        shown = att.name if names[att.name] == 1 else f"{att.name} ({names[att.name]})"
        ex = extract_attachment(att.data, shown, att.content_type, opts.limits)
        for row in ex.files:
            result.attachments.append(row)
        texts: list[ExtractedText] = list(ex.texts)
        images.extend(ex.images)
        for t in texts:
            units.append(_attachment_unit(t, ctx))
        for row in ex.files:
            seen[row["location"]] = row
        if not texts and not ex.images:
            # the name alone can tell what a file is (passeport.jpg, RIB.pdf, DCE.zip)
            units.append(TextUnit(text="", location=f"attachment:{att.name}", kind="attachment",
                                  filename=att.name, context=ctx, lang=lang))
    if images:
        ocr_texts, notes = run_ocr(images, opts.limits)
        for note in notes:
            row = seen.get(note["location"])
            if row is not None:
                row.update(status=note["status"], reason=note["reason"])
        for t in ocr_texts:
            units.append(_attachment_unit(t, ctx))
        ocr_locs = {t.location for t in ocr_texts}
        for loc, _data in images:
            if loc not in ocr_locs:
                name = loc.split(":", 1)[-1].rsplit("/", 1)[-1]
                units.append(TextUnit(text="", location=loc, kind="attachment", filename=name, context=ctx))
    return units


def _attachment_unit(t: ExtractedText, ctx: MessageContext) -> TextUnit:
    return TextUnit(text=t.text, location=t.location, kind="attachment", lang=guess_lang(t.text),
                    filename=t.filename, content_type=t.content_type, context=ctx, rows=t.rows, ocr=t.ocr)


def analyze(raw: RawMessage, detectors: list[Detector], opts: Options) -> MessageResult:
    started = time.perf_counter()
    result = MessageResult(key=raw.key, account=raw.account, folder=raw.folder, uid=raw.uid,
                           uidvalidity=raw.uidvalidity, size=raw.size or len(raw.data))
    try:
        pm = parse_message(raw.data)
    except MessageError as exc:
        result.parsed = False
        result.errors.append({"location": "message", "reason": "unparseable", "detail": str(exc)})
        result.message_id = _fallback_id(raw.data)
        redact_result(result)
        result.seconds = time.perf_counter() - started
        return result
    result.message_id = pm.message_id or _fallback_id(raw.data)
    date = pm.date or raw.internal_date
    result.date = date.isoformat() if date else ""
    if pm.sender:
        # an unusable From ("From: broken") keeps its text as the name but is no correspondent
        result.sender = (pm.sender.name or ("" if pm.sender.valid else pm.sender.addr),
                         pm.sender.addr if pm.sender.valid else "")
    for role, addrs in (("to", pm.to), ("cc", pm.cc), ("bcc", pm.bcc), ("reply-to", pm.reply_to)):
        result.recipients.extend((role, a.name, a.addr) for a in addrs if a.valid)
    for d in pm.defects[:20]:
        result.errors.append({"location": "message", "reason": "MIME defect", "detail": d})
    ctx = _context(pm, opts, raw.folder)
    units = build_units(pm, ctx, opts, result)
    encrypted = any(r["status"] == "encrypted" for r in result.attachments)
    if encrypted:
        ctx = MessageContext(**{**ctx.__dict__, "has_encrypted_attachment": True})
        units = [TextUnit(**{**u.__dict__, "context": ctx}) for u in units]
    clear: list[str] = []
    run_detectors(units, detectors, opts, result, clear)
    result.subjects = subject_hashes(units, result, opts)
    result.subject = pm.subject if opts.reveal_secrets else redact(pm.subject, clear)
    for row in result.attachments:
        if row["status"] in ("error", "skipped", "encrypted") and row["reason"]:
            row["reason"] = redact(row["reason"], clear)
    if not opts.reveal_secrets:  # the output boundary: every text an output takes from the message
        redact_result(result, clear)
    result.seconds = time.perf_counter() - started
    return result


#: categories whose findings are about data subjects: the persons they name are counted for the DPO
SUBJECT_CATEGORIES = frozenset({"personal_data", "sensitive_data", "identity_scan"})


def subject_hashes(units: list[TextUnit], result: MessageResult, opts: Options) -> list[str]:
    """Keyed hashes of the persons named where personal or sensitive data was found, the
    message's correspondents left out (they are the address book, not data subjects)."""
    where = {f.location for f in result.findings if f.category in SUBJECT_CATEGORIES}
    if not where:
        return []
    people = [n for _role, n, _a in result.recipients if n] + ([result.sender[0]] if result.sender else [])
    correspondents = [set(normalize_name(n).split()) for n in people if n]
    names: set[str] = set()
    for unit in units:
        if unit.location in where and unit.text:
            names |= person_names(unit.text)
    # "Madame Colin" is the recipient Sophie Colin: a name inside a correspondent's name is theirs
    names = {n for n in names if len(n) > 2 and not any(set(n.split()) <= c for c in correspondents)}
    return sorted(keyed_hash(opts.hmac_key, "person:" + n) for n in names)


def _fallback_id(data: bytes) -> str:
    return "<sha256:" + hashlib.sha256(data).hexdigest()[:32] + ">"
