"""The no-egress guard: the only network connection allowed is to the IMAP server named.

An audit hook (PEP 578) sees every ``socket.connect`` and ``socket.getaddrinfo`` of this
process and of the workers it forks, before the system call, and refuses the rest. It also
catches libraries that would phone home (a model download, a public-suffix-list refresh).
Audit hooks cannot be removed, so the allow-list lives in a module-level set the hook reads.
"""

from __future__ import annotations

import logging
import socket
import sys

log = logging.getLogger(__name__)

_allowed_hosts: set[str] = set()
_allowed_endpoints: set[tuple[str, int]] = set()
_any_port: set[str] = set()
_blocked: list[str] = []
_installed = False


class _Blocked(PermissionError):
    pass


def blocked_attempts() -> list[str]:
    return list(_blocked)


def allow(host: str, port: int) -> None:
    """Allow (host, port) and the addresses it resolves to."""
    _allowed_hosts.add(host.lower())
    _allowed_endpoints.add((host.lower(), port))
    try:
        for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP):
            _allowed_endpoints.add((info[4][0], port))
    except OSError:
        pass


def allow_host(host: str) -> None:
    """Allow every port of ``host`` and of the addresses it resolves to: the machines of the user's own
    Dask cluster (scheduler, workers), whose ports are chosen at start."""
    _allowed_hosts.add(host.lower())
    _any_port.add(host.lower())
    try:
        for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP):
            _any_port.add(info[4][0])
    except OSError:
        pass


def _hook(event: str, args: tuple) -> None:
    if event == "socket.getaddrinfo":
        host = args[0]
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        if host is None or not isinstance(host, str):
            return
        if host.lower() in _allowed_hosts:
            return
        _blocked.append(f"name lookup of {host}")
        raise _Blocked(f"blocked by mailbox-inventory: name lookup of {host} (only the IMAP server is allowed)")
    if event == "socket.connect":
        address = args[1]
        if not isinstance(address, tuple) or len(address) < 2:
            return  # AF_UNIX and the like: local
        host, port = str(address[0]).lower(), int(address[1])
        if (host, port) in _allowed_endpoints or host in _any_port:
            return
        _blocked.append(f"connection to {host}:{port}")
        raise _Blocked(f"blocked by mailbox-inventory: connection to {host}:{port} "
                       "(only the IMAP server named by the user is allowed)")


def install() -> None:
    """Install the guard once per process (idempotent)."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
