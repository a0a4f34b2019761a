"""The campaign file (TOML): which mailboxes, how each one's secret is obtained, the owners' consent.

A campaign file names sources and the commands that give their secrets, never a secret itself: a
``password`` key anywhere refuses the whole file, since the file is copied, mailed and archived like
any document. A mailbox without a consent record is not scanned; it is kept as a refusal so the
report says who was left out and why.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError

#: keys of a [[mailbox]] table the tool reads; any other string value is a free grouping field (unit, site...)
MAILBOX_KEYS = frozenset({
    "owner", "source", "password_command", "oauth2_token_command", "oauth2_mechanism", "consent", "out", "cafile",
    "starttls", "folders", "exclude_folders", "owner_address", "owner_domains", "id", "timeout"})
SECRET_KEYS = frozenset({"password", "passwd", "pass", "secret", "token", "oauth2_token", "access_token"})
CAMPAIGN_KEYS = frozenset({
    "name", "retries", "retry_delay", "split_messages", "min_score", "no_ocr", "lang", "budget", "timeout",
    "state_dir", "lexicons", "max_message_size", "cafile", "owner_domains"})


@dataclass(frozen=True)
class Consent:
    """Who consented, when, and where the signed form or ticket is (free text as the RSSI records it)."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Mailbox:
    id: str
    owner: str
    source: str
    consent: Consent | None
    groups: tuple[tuple[str, str], ...] = ()
    password_command: str | None = None
    oauth2_token_command: str | None = None
    oauth2_mechanism: str = "XOAUTH2"
    out: str | None = None
    cafile: str | None = None
    starttls: bool = False
    folders: tuple[str, ...] = ()
    exclude_folders: tuple[str, ...] = ()
    owner_address: str | None = None
    owner_domains: tuple[str, ...] = ()
    timeout: float = 60.0

    @property
    def is_imap(self) -> bool:
        return self.source.startswith(("imap://", "imaps://"))

    def group(self, name: str) -> str:
        return dict(self.groups).get(name, "")


@dataclass(frozen=True)
class Settings:
    """Campaign-wide settings ([campaign] table); every one has a default."""

    name: str = ""
    retries: int = 3
    retry_delay: float = 5.0
    split_messages: int = 20000
    min_score: float = 0.5
    no_ocr: bool = False
    lang: str = "fr"
    budget: float = 60.0
    timeout: float = 60.0
    max_message_size: float = 100.0
    state_dir: str | None = None
    lexicons: tuple[str, ...] = ()
    cafile: str | None = None
    owner_domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Refusal:
    owner: str
    source: str
    reason: str
    groups: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Campaign:
    path: Path
    settings: Settings
    mailboxes: tuple[Mailbox, ...]
    refused: tuple[Refusal, ...] = ()
    group_names: tuple[str, ...] = field(default=())


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:40] or "mailbox"


def mailbox_id(owner: str, source: str) -> str:
    """Stable across runs of the file (the state of a mailbox is found again next year), distinct per source."""
    return f"{slug(owner)}-{hashlib.sha256(source.encode()).hexdigest()[:8]}"


def _str_tuple(value, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise UsageError(f"{where}: expected a string or a list of strings")


def _check_no_secret(table: dict, where: str) -> None:
    for k in table:
        if k.lower() in SECRET_KEYS:
            raise UsageError(f"{where}: the campaign file holds a '{k}' key. Secrets never go in the file: use "
                             "password_command or oauth2_token_command, run where the scan runs")


def _consent(value, where: str) -> Consent | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Consent(value.strip()) if value.strip() else None
    if isinstance(value, dict):
        parts = [f"{k}: {v}" for k, v in value.items() if str(v).strip()]
        return Consent("; ".join(parts)) if parts else None
    raise UsageError(f"{where}: consent is a text or a table (who, when, reference)")


def _settings(table: dict, base: Path) -> Settings:
    unknown = set(table) - CAMPAIGN_KEYS
    if unknown:
        raise UsageError(f"[campaign]: unknown keys {', '.join(sorted(unknown))}")
    kw = dict(table)
    for k in ("lexicons", "owner_domains"):
        if k in kw:
            kw[k] = _str_tuple(kw[k], f"[campaign] {k}")
    if "lexicons" in kw:
        kw["lexicons"] = tuple(str(base / p) for p in kw["lexicons"])
    for k in ("state_dir", "cafile"):
        if kw.get(k):
            kw[k] = str(base / str(kw[k]))
    try:
        s = Settings(**kw)
    except TypeError as exc:
        raise UsageError(f"[campaign]: {exc}") from None
    if s.lang not in ("fr", "en"):
        raise UsageError("[campaign] lang: fr or en")
    if s.retries < 0 or s.split_messages < 0:
        raise UsageError("[campaign]: retries and split_messages are zero or more")
    return s


def _local_path(source: str, base: Path) -> str:
    if source.startswith(("imap://", "imaps://")):
        return source
    p = Path(source).expanduser()
    return str(p if p.is_absolute() else base / p)


def load(path: str | Path) -> Campaign:
    """Read and check the campaign file; relative local paths are taken from the file's folder."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read the campaign file {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not a valid TOML file: {exc}") from None
    base = path.resolve().parent
    unknown = set(data) - {"campaign", "mailbox"}
    if unknown:
        raise UsageError(f"{path}: unknown tables {', '.join(sorted(unknown))} (expected [campaign], [[mailbox]])")
    settings = _settings(data.get("campaign", {}), base)
    _check_no_secret(data.get("campaign", {}), "[campaign]")
    tables = data.get("mailbox", [])
    if not isinstance(tables, list) or not tables:
        raise UsageError(f"{path}: no [[mailbox]] table")
    mailboxes: list[Mailbox] = []
    refused: list[Refusal] = []
    seen: dict[str, int] = {}
    group_names: list[str] = []
    for n, t in enumerate(tables, 1):
        where = f"{path.name}: mailbox {n}"
        _check_no_secret(t, where)
        owner, source = t.get("owner"), t.get("source")
        if not isinstance(owner, str) or not owner.strip() or not isinstance(source, str) or not source.strip():
            raise UsageError(f"{where}: 'owner' and 'source' are required texts")
        groups = []
        for k, v in t.items():
            if k in MAILBOX_KEYS:
                continue
            if not isinstance(v, str | int | float) or isinstance(v, bool):
                raise UsageError(f"{where}: unknown key '{k}' (a grouping field such as unit or site is a text)")
            groups.append((k, str(v)))
            if k not in group_names:
                group_names.append(k)
        consent = _consent(t.get("consent"), where)
        source = _local_path(source.strip(), base)
        if consent is None:
            refused.append(Refusal(owner, source, "no consent record: not scanned", tuple(groups)))
            continue
        if t.get("password_command") and t.get("oauth2_token_command"):
            raise UsageError(f"{where}: password_command or oauth2_token_command, not both")
        mid = str(t.get("id") or mailbox_id(owner, source))
        if mid in seen:
            raise UsageError(f"{where}: the same mailbox as mailbox {seen[mid]} (owner and source, or id)")
        seen[mid] = n
        mailboxes.append(Mailbox(
            id=mid, owner=owner.strip(), source=source, consent=consent, groups=tuple(groups),
            password_command=t.get("password_command"), oauth2_token_command=t.get("oauth2_token_command"),
            oauth2_mechanism=str(t.get("oauth2_mechanism", "XOAUTH2")).upper(),
            out=str(base / t["out"]) if t.get("out") else None,
            cafile=str(base / t["cafile"]) if t.get("cafile") else settings.cafile,
            starttls=bool(t.get("starttls", False)),
            folders=_str_tuple(t.get("folders", []), f"{where} folders"),
            exclude_folders=_str_tuple(t.get("exclude_folders", []), f"{where} exclude_folders"),
            owner_address=t.get("owner_address"),
            owner_domains=_str_tuple(t.get("owner_domains", []), where) or settings.owner_domains,
            timeout=float(t.get("timeout", settings.timeout))))
    return Campaign(path.resolve(), settings, tuple(mailboxes), tuple(refused), tuple(group_names))
