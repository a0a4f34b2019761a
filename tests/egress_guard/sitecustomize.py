"""Loaded by every Python process the test suite starts (its folder is put first on PYTHONPATH):
an audit hook that refuses any connection or name lookup outside the loopback, and writes each
attempt to the file named by MI_TEST_EGRESS_LOG so the suite fails on it at the end.

Tests that try a connection on purpose (the product's own guard) run without MI_TEST_EGRESS_LOG.
"""

import ipaddress
import os
import sys

_LOG = os.environ.get("MI_TEST_EGRESS_LOG")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _local(host) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).split("%")[0]
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _refuse(what: str) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {' '.join(sys.argv)[:200]}: {what}\n")
    raise PermissionError(f"test suite egress guard: {what}")


def _hook(event, args):
    if event == "socket.getaddrinfo":
        if not _local(args[0]):
            _refuse(f"name lookup of {args[0]!r}")
    elif event == "socket.connect":
        address = args[1]
        if isinstance(address, tuple) and len(address) >= 2 and not _local(address[0]):
            _refuse(f"connection to {address[0]}:{address[1]}")


if _LOG:
    sys.addaudithook(_hook)
