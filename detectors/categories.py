"""The category ids of the inventory and their default severities.

The ids are a contract: they appear in the JSON-lines output, the workbook, lexicon files and
tests. Never rename one.
"""

from __future__ import annotations

ADDRESS_BOOK = "address_book"
RELATIONSHIP_GRAPH = "relationship_graph"
CREDENTIALS = "credentials"
IDENTITY_SCAN = "identity_scan"
PERSONAL_DATA = "personal_data"
SENSITIVE_DATA = "sensitive_data"
TENDER = "tender"
STRATEGIC = "strategic"
RESEARCH = "research"
PEOPLE_COMMENT = "people_comment"
PRIVATE = "private"

#: Severity names, lowest first. Their index is their rank.
SEVERITIES = ("info", "low", "medium", "high", "very high", "critical")

DEFAULT_SEVERITY: dict[str, str] = {
    ADDRESS_BOOK: "medium",
    RELATIONSHIP_GRAPH: "medium",
    CREDENTIALS: "critical",
    IDENTITY_SCAN: "high",
    PERSONAL_DATA: "high",
    SENSITIVE_DATA: "very high",
    TENDER: "high",
    STRATEGIC: "high",
    RESEARCH: "high",
    PEOPLE_COMMENT: "high",
    PRIVATE: "medium",
}

#: Categories that describe the mailbox as a whole, not single messages.
MAILBOX_CATEGORIES = (ADDRESS_BOOK, RELATIONSHIP_GRAPH)
#: Categories raised on messages and attachments, in the officer's order.
MESSAGE_CATEGORIES = (
    CREDENTIALS,
    IDENTITY_SCAN,
    PERSONAL_DATA,
    SENSITIVE_DATA,
    TENDER,
    STRATEGIC,
    RESEARCH,
    PEOPLE_COMMENT,
    PRIVATE,
)
ALL_CATEGORIES = MAILBOX_CATEGORIES + MESSAGE_CATEGORIES


def severity_rank(severity: str) -> int:
    """Rank of a severity name (higher is worse); unknown names rank lowest."""
    try:
        return SEVERITIES.index(severity)
    except ValueError:
        return 0
