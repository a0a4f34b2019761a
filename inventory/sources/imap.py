"""The IMAP source: read-only by construction, verified TLS, bounded waits, resumable.

- Folders are opened with EXAMINE (``readonly=True``) and bodies fetched with ``BODY.PEEK[]``;
  a command allow-list on the connection refuses anything else before it reaches the wire.
- Implicit TLS by default; STARTTLS only when asked, and then mandatory. Certificates and host
  names are always verified (``--cafile`` adds a private CA; nothing turns verification off).
- Credentials are sent only over TLS and never when the server says LOGINDISABLED (imapclient's
  ``login()`` checks neither).
- Every socket has a timeout: a stalled server raises instead of hanging the scan.
- UIDs are fetched as explicit lists in batches (imapclient 4.1.0 fails on ``1:*``), large
  messages in chunks with ``BODY.PEEK[]<offset.length>`` so memory stays flat.
"""

from __future__ import annotations

import logging
import re
import ssl
import time
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from urllib.parse import unquote, urlsplit

from ..errors import AuthenticationError, ConnectionFailed, UsageError
from ..model import RawMessage
from .base import FolderInfo, Source

log = logging.getLogger(__name__)

#: IMAP commands this tool may send. Anything else is refused client-side.
ALLOWED_COMMANDS = frozenset(
    {"CAPABILITY", "ENABLE", "ID", "LIST", "LSUB", "STATUS", "EXAMINE", "SEARCH", "UID", "FETCH", "NOOP",
     "LOGOUT", "LOGIN", "AUTHENTICATE", "STARTTLS", "NAMESPACE", "CLOSE", "UNSELECT"}
)
_UID_SUBCOMMANDS = frozenset({"SEARCH", "FETCH"})
_FORBIDDEN_FETCH = re.compile(rb"(?i)(?<![.\w])(?:BODY|BINARY)\[|RFC822(?![.\w])|RFC822\.TEXT")
FETCH_BATCH = 100
CHUNK = 1024 * 1024
BIG_MESSAGE = 8 * 1024 * 1024


@dataclass(frozen=True)
class ImapTarget:
    host: str
    port: int
    user: str
    folder: str | None
    starttls: bool

    @property
    def login(self) -> str:
        """``user@host``: the key of the password in the keyring and in prompts."""
        return f"{self.user}@{self.host}"

    @property
    def account(self) -> str:
        """The mailbox, not the way to it: implicit TLS on 993 and STARTTLS on 143 (or a proxy) reach
        the same messages, which must not be inventoried twice."""
        return f"imap:{self.user}@{self.host.lower()}"


def parse_imap_url(url: str, starttls: bool = False) -> ImapTarget:
    """``imaps://user@host[:port][/folder]`` (or ``imap://`` with STARTTLS)."""
    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps"):
        raise UsageError(f"not an IMAP URL: {url}")
    if parts.password:
        raise UsageError("do not put the password in the URL: use --password-command, the keyring, "
                         "MAILBOX_INVENTORY_PASSWORD or the prompt")
    if not parts.hostname or not parts.username:
        raise UsageError(f"the IMAP URL needs a user and a host: imaps://user@host (got {url})")
    if parts.scheme == "imap" and not starttls:
        starttls = True  # imap:// means STARTTLS on 143, mandatory
    port = parts.port or (143 if parts.scheme == "imap" else 993)
    folder = unquote(parts.path.lstrip("/")) or None
    return ImapTarget(parts.hostname, port, unquote(parts.username), folder, starttls)


def tls_context(cafile: str | None = None) -> ssl.SSLContext:
    ctx = ssl.create_default_context(purpose=ssl.Purpose.SERVER_AUTH, cafile=cafile)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def _guard_commands(client) -> None:
    """Install the read-only allow-list on the imaplib connection underneath imapclient."""
    imap = client._imap
    original = imap._command

    def guarded(_self, name, *args):
        verb = name.upper()
        if verb not in ALLOWED_COMMANDS:
            raise PermissionError(f"read-only guard: IMAP command {verb} refused")
        if verb == "UID":
            sub = (args[0] if args else "").upper()
            if sub not in _UID_SUBCOMMANDS:
                raise PermissionError(f"read-only guard: UID {sub} refused")
            if sub == "FETCH":
                items = b" ".join(a if isinstance(a, bytes) else str(a).encode() for a in args[1:])
                if _FORBIDDEN_FETCH.search(items):
                    raise PermissionError("read-only guard: only BODY.PEEK fetches are allowed")
        return original(name, *args)

    # bound as a method: imaplib recognises an AUTHENTICATE continuation handler by comparing its
    # type with ``type(self._command)``, and a plain function there breaks XOAUTH2 and OAUTHBEARER
    imap._command = types.MethodType(guarded, imap)


class ImapSource(Source):
    kind = "imap"

    def __init__(self, target: ImapTarget, *, cafile: str | None = None,
                 password_provider: Callable[[], str] | None = None,
                 token_provider: Callable[[bool], str] | None = None, oauth_mechanism: str = "XOAUTH2",
                 include: tuple[str, ...] = (), exclude: tuple[str, ...] = (), timeout: float = 60.0,
                 client_factory: Callable | None = None, max_message_bytes: int = 100 * 1024 * 1024,
                 retries: int = 3, retry_delay: float = 0.5) -> None:
        self.target = target
        self.account = target.account
        self.description = (f"IMAP {target.user}@{target.host}:{target.port} "
                            f"({'STARTTLS' if target.starttls else 'TLS'}, read-only EXAMINE + BODY.PEEK)")
        self.cafile = cafile
        self.password_provider = password_provider
        self.token_provider = token_provider
        self.oauth_mechanism = oauth_mechanism.upper()
        self.include = include or ((target.folder,) if target.folder else ())
        self.exclude = exclude
        self.timeout = timeout
        self.max_message_bytes = max_message_bytes
        self.retries = retries
        self.retry_delay = retry_delay
        self._factory = client_factory or self._default_factory
        self._client = None
        self._selected: str | None = None
        self._password: str | None = None
        self.reconnects = 0
        self.gone: list[tuple[str, int]] = []
        self.too_large: list[tuple[str, int, int]] = []

    # -- connection ---------------------------------------------------------------------------
    def _default_factory(self):
        from imapclient import IMAPClient
        from imapclient.imapclient import SocketTimeout

        ctx = tls_context(self.cafile)
        t = SocketTimeout(connect=min(self.timeout, 20.0), read=self.timeout)
        return IMAPClient(self.target.host, port=self.target.port, ssl=not self.target.starttls,
                          ssl_context=ctx, timeout=t)

    def connect(self):
        from imapclient.exceptions import IMAPClientError, LoginError

        try:
            client = self._factory()
        except ssl.SSLCertVerificationError as exc:
            raise ConnectionFailed(f"TLS certificate of {self.target.host} not trusted: {exc.verify_message}. "
                                   "Use --cafile PEM to trust a private CA.") from exc
        except ssl.SSLError as exc:
            raise ConnectionFailed(f"TLS failed with {self.target.host}: {exc.reason}") from exc
        except (TimeoutError, OSError) as exc:
            raise ConnectionFailed(f"cannot connect to {self.target.host}:{self.target.port}: {exc}") from exc
        try:
            _guard_commands(client)
            if self.target.starttls:
                if not client.has_capability("STARTTLS"):
                    raise ConnectionFailed("the server does not offer STARTTLS: refusing to continue in clear")
                client.starttls(tls_context(self.cafile))
            if not isinstance(client.socket(), ssl.SSLSocket):
                raise AuthenticationError("refusing to send credentials over an unencrypted connection")
            if client.has_capability("LOGINDISABLED"):
                raise AuthenticationError("the server advertises LOGINDISABLED: refusing to send credentials")
            self._authenticate(client)
        except ssl.SSLCertVerificationError as exc:
            self._abandon(client)
            raise ConnectionFailed(f"TLS certificate of {self.target.host} not trusted: {exc.verify_message}") from exc
        except (AuthenticationError, ConnectionFailed):
            self._abandon(client)
            raise
        except LoginError as exc:
            self._abandon(client)
            raise AuthenticationError(f"the server refused the login of {self.target.user}: "
                                      f"{_clean_server_text(exc)}") from None
        except (IMAPClientError, OSError) as exc:
            self._abandon(client)
            raise ConnectionFailed(f"connection to {self.target.host} failed: {_clean_server_text(exc)}") from None
        self._client = client
        self._selected = None
        return client

    def _authenticate(self, client) -> None:
        from imapclient.exceptions import LoginError

        if self.token_provider is not None:
            for attempt in (0, 1):
                token = self.token_provider(attempt > 0)
                try:
                    if self.oauth_mechanism == "OAUTHBEARER":
                        client.oauthbearer_login(self.target.user, token)
                    else:
                        client.oauth2_login(self.target.user, token)
                    return
                except LoginError as exc:
                    if attempt == 0 and "UNAVAILABLE" not in str(exc):
                        log.info("OAuth2 token refused; asking for a fresh token once")
                        continue
                    raise
            return
        if self._password is None:
            if self.password_provider is None:
                raise AuthenticationError("no password source")
            self._password = self.password_provider()
        delay = self.retry_delay
        for attempt in range(self.retries + 1):
            try:
                client.login(self.target.user, self._password)
                return
            except LoginError as exc:
                # [UNAVAILABLE] is a temporary server failure: retry with backoff. Anything else
                # (AUTHENTICATIONFAILED) fails once: retry storms lock accounts.
                if "UNAVAILABLE" in str(exc) and attempt < self.retries:
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise

    @staticmethod
    def _abandon(client) -> None:
        try:
            client.shutdown()
        except Exception:  # noqa: BLE001, S110 - closing a failed connection
            pass

    def _c(self):
        return self._client or self.connect()

    def reconnect(self) -> None:
        if self._client is not None:
            self._abandon(self._client)
        self._client = None
        self.reconnects += 1
        self.connect()

    def close(self) -> None:
        if self._client is not None:
            try:
                self._client.logout()
            except Exception:  # noqa: BLE001 - logout after a failure is best effort
                self._abandon(self._client)
            self._client = None

    # -- folders ------------------------------------------------------------------------------
    def _wanted(self, name: str) -> bool:
        if self.include and not any(fnmatch(name, p) or name == p for p in self.include):
            return False
        return not any(fnmatch(name, p) or name == p for p in self.exclude)

    def folders(self) -> list[FolderInfo]:
        c = self._c()
        out = []
        for flags, _delim, name in c.list_folders():
            flags = {f.decode() if isinstance(f, bytes) else str(f) for f in flags}
            if "\\Noselect" in flags or "\\NonExistent" in flags:
                continue
            name = name.decode() if isinstance(name, bytes) else name
            if not self._wanted(name):
                continue
            st = c.folder_status(name, ["UIDVALIDITY", "MESSAGES"])
            out.append(FolderInfo(name, int(st[b"UIDVALIDITY"]), int(st[b"MESSAGES"])))
        return out

    def _select(self, folder: FolderInfo) -> int:
        c = self._c()
        info = c.select_folder(folder.name, readonly=True)
        if b"READ-ONLY" not in info and True not in (info.get(b"READ-ONLY"),):
            log.debug("server did not echo READ-ONLY for %s", folder.name)
        self._selected = folder.name
        return int(info.get(b"UIDVALIDITY", folder.uidvalidity))

    def uids(self, folder: FolderInfo) -> list[int]:
        uidvalidity = self._select(folder)
        if uidvalidity != folder.uidvalidity:
            raise ConnectionFailed(f"UIDVALIDITY of {folder.name} changed during the scan")
        return sorted(int(u) for u in self._c().search("ALL"))

    def fetch(self, folder: FolderInfo, uids: list[int]) -> Iterator[RawMessage]:
        for i in range(0, len(uids), FETCH_BATCH):
            batch = uids[i:i + FETCH_BATCH]
            yield from self._fetch_batch(folder, batch)

    def _fetch_batch(self, folder: FolderInfo, batch: list[int]) -> Iterator[RawMessage]:
        if self._selected != folder.name:
            self._select(folder)
        c = self._c()
        meta = c.fetch(batch, ["RFC822.SIZE", "FLAGS", "INTERNALDATE"])
        small = [u for u in batch if u in meta and int(meta[u].get(b"RFC822.SIZE", 0)) <= BIG_MESSAGE]
        for u in batch:
            if u not in meta:
                self.gone.append((folder.name, u))  # expunged by another session
        bodies = c.fetch(small, ["BODY.PEEK[]"]) if small else {}
        for u in batch:
            if u not in meta:
                continue
            size = int(meta[u].get(b"RFC822.SIZE", 0))
            flags = tuple(f.decode() if isinstance(f, bytes) else str(f) for f in meta[u].get(b"FLAGS", ()))
            date = meta[u].get(b"INTERNALDATE")
            if size > self.max_message_bytes:
                self.too_large.append((folder.name, u, size))
                continue
            if u in bodies:
                data = bodies[u].get(b"BODY[]")
            elif size > BIG_MESSAGE:
                data = self._fetch_chunked(u, size)
            else:
                data = None
            if data is None:
                self.gone.append((folder.name, u))
                continue
            # a chunked body stays the bytearray it was assembled in (parsers take any bytes-like):
            # copying it would double the peak memory of the largest messages
            data = data if isinstance(data, bytes | bytearray) else bytes(data)
            yield RawMessage(self.account, folder.name, u, folder.uidvalidity, data, flags, date, size)

    def _fetch_chunked(self, uid: int, size: int) -> bytearray | None:
        """A large message in 1 MiB ranges into one preallocated buffer: memory grows by the
        message plus one chunk, where a single ``BODY.PEEK[]`` costs about three times the message
        (the literal, its copy in the response parser and the result)."""
        c = self._c()
        buf = bytearray(size)
        off = 0
        while off < size:
            item = f"BODY.PEEK[]<{off}.{CHUNK}>"
            resp = c.fetch([uid], [item])
            if uid not in resp:
                return None
            chunk = next((v for k, v in resp[uid].items() if k.startswith(b"BODY[]")), None)
            if not chunk:
                break
            end = min(size, off + len(chunk))
            buf[off:end] = chunk[: end - off]
            off = end
            del resp, chunk
        del buf[off:]
        return buf


def _clean_server_text(exc: Exception) -> str:
    """Server error text without anything that could echo a credential back."""
    text = str(exc)
    text = re.sub(r"(?i)(login|authenticate)\s+\S+\s+\S+", r"\1 ***", text)
    return text[:300]
