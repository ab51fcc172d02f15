"""Domain dataclasses and rules (no I/O, no Qt)."""

from .casenumber import CaseNumber, find_case_numbers, parse_case_number
from .model import (
    SECRET_PLACEHOLDER,
    AgendaItem,
    Document,
    GroupMeeting,
    ListEntry,
    Meeting,
    PageArtifact,
    SecretPart,
    Section,
)

__all__ = [
    "SECRET_PLACEHOLDER",
    "AgendaItem",
    "CaseNumber",
    "Document",
    "GroupMeeting",
    "ListEntry",
    "Meeting",
    "PageArtifact",
    "SecretPart",
    "Section",
    "find_case_numbers",
    "parse_case_number",
]
