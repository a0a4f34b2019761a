"""The typed errors of the tool. Each maps to an exit code of the command line."""


class InventoryError(Exception):
    """Base class for every error the tool raises on purpose."""

    exit_code = 1


class UsageError(InventoryError):
    """The command line or a source specification is not usable."""

    exit_code = 2


class AuthenticationError(InventoryError):
    """The server refused the credentials, or refusing to send them was the safe choice."""

    exit_code = 3


class ConnectionFailed(InventoryError):
    """The server could not be reached, or TLS could not be established and verified."""

    exit_code = 4


class OutputError(InventoryError):
    """An output file (workbook, JSON, graph, state) could not be written."""

    exit_code = 5


class EgressBlocked(InventoryError):
    """Something tried to connect to a host other than the IMAP server the user named."""

    exit_code = 4


class MessageError(InventoryError):
    """One message could not be read; it becomes a row of the errors sheet, never an abort."""


class ExtractionError(InventoryError):
    """One attachment could not be read (corrupt, too big, too deep, a bomb, encrypted)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
