"""Where the password or OAuth2 token comes from. It is never written to disk by this tool.

Order for the password: ``--password-command`` (like mbsync's PassCmd), the system keyring when
a real backend exists (never a plaintext fallback), the ``MAILBOX_INVENTORY_PASSWORD``
environment variable (automation), an interactive prompt.
"""

from __future__ import annotations

import getpass
import os
import shlex
import subprocess
import sys
from collections.abc import Callable

from .errors import AuthenticationError

ENV_PASSWORD = "MAILBOX_INVENTORY_PASSWORD"
KEYRING_SERVICE = "mailbox-inventory"
_INSECURE_BACKENDS = ("fail", "null", "plaintext", "chainer")


def _run_command(cmd: str, what: str) -> str:
    try:
        out = subprocess.run(shlex.split(cmd), capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AuthenticationError(f"the {what} command could not run: {type(exc).__name__}") from None
    if out.returncode != 0:
        raise AuthenticationError(f"the {what} command failed with exit code {out.returncode}")
    value = out.stdout.decode("utf-8", "replace").rstrip("\r\n")
    if not value:
        raise AuthenticationError(f"the {what} command printed nothing")
    return value


def keyring_backend_name() -> str:
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - no keyring is a normal situation
        return "no keyring"
    return f"{type(backend).__module__}.{type(backend).__name__}"


def keyring_usable() -> bool:
    """True only with a real secret store (SecretService, macOS Keychain, Windows vault)."""
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - no keyring is a normal situation
        return False
    name = type(backend).__module__.lower() + "." + type(backend).__name__.lower()
    return not any(b in name for b in _INSECURE_BACKENDS) and getattr(backend, "priority", 0) > 0


def password_provider(user_at_host: str, command: str | None, interactive: bool) -> Callable[[], str]:
    def provide() -> str:
        if command:
            return _run_command(command, "password")
        if keyring_usable():
            import keyring

            try:
                value = keyring.get_password(KEYRING_SERVICE, user_at_host)
            except Exception:  # noqa: BLE001 - a locked keyring falls through to the next source
                value = None
            if value:
                return value
        value = os.environ.get(ENV_PASSWORD)
        if value:
            return value
        if interactive and sys.stdin.isatty():
            return getpass.getpass(f"Password for {user_at_host}: ")
        raise AuthenticationError(
            f"no password for {user_at_host}: use --password-command, the keyring, {ENV_PASSWORD} or a terminal")

    return provide


def token_provider(command: str) -> Callable[[bool], str]:
    """OAuth2 access token from a command; ``refresh=True`` asks it again (once, on expiry)."""

    def provide(refresh: bool) -> str:
        env_cmd = command + (" --refresh" if refresh and "{refresh}" not in command else "")
        return _run_command(env_cmd.replace("{refresh}", "--refresh" if refresh else ""), "OAuth2 token")

    return provide
