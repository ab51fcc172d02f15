"""The plaintext format of one secret part before it is sealed (import/sync -> vault).

``encode_payload`` / ``decode_payload`` turn a dict with the keys ``uid, meeting_id, item_position,
item_ordinal, kind, label, text, report_numbers, page`` and optionally
``blob = {"sha256", "name", "data_b64"}`` into UTF-8 JSON bytes and back, validating types. The blob's
``sha256`` is checked against its data on decode, so a payload cannot smuggle mismatched content.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from typing import Any, Literal, overload

from .exceptions import payload_invalid

PAYLOAD_VERSION = 1
FIELDS = ("uid", "meeting_id", "item_position", "item_ordinal", "kind", "label", "text", "report_numbers", "page")


def _opt_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("integer expected")
    return value


@overload
def _str(value: Any, *, optional: Literal[False] = False) -> str: ...
@overload
def _str(value: Any, *, optional: bool) -> str | None: ...
def _str(value: Any, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError("string expected")
    return value


def _str_list(value: Any) -> list[str]:
    """Report numbers: a list of strings or integers (the parser gives ints), kept as strings."""
    if value is None:
        return []
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise ValueError("list of strings expected")
    return [str(v) if isinstance(v, int) and not isinstance(v, bool) else _str(v) for v in value]


def _normalise(d: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "uid": _str(d["uid"]),
        "meeting_id": _str(d["meeting_id"]),
        "item_position": _opt_int(d.get("item_position")),
        "item_ordinal": _opt_int(d.get("item_ordinal")),
        "kind": _str(d["kind"]),
        "label": _str(d["label"]),
        "text": _str(d["text"]),
        "report_numbers": _str_list(d.get("report_numbers")),
        "page": _opt_int(d.get("page")),
    }
    if not out["uid"]:
        raise ValueError("empty uid")
    blob = d.get("blob")
    if blob is not None:
        if not isinstance(blob, Mapping):
            raise ValueError("blob")
        data = base64.b64decode(_str(blob["data_b64"]).encode("ascii"), validate=True)
        sha = _str(blob["sha256"]).lower()
        if hashlib.sha256(data).hexdigest() != sha:
            raise ValueError("blob hash mismatch")
        out["blob"] = {"sha256": sha, "name": _str(blob["name"]), "data_b64": blob["data_b64"]}
    return out


def encode_payload(d: Mapping[str, Any]) -> bytes:
    """Validate ``d`` and serialise it (UTF-8 JSON); raises VaultError on a malformed dict."""
    try:
        out = _normalise(d)
    except (KeyError, TypeError, ValueError, binascii.Error, UnicodeEncodeError):
        raise payload_invalid() from None
    out["v"] = PAYLOAD_VERSION
    return json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def decode_payload(data: bytes) -> dict[str, Any]:
    """Parse and validate bytes made by :func:`encode_payload`; raises VaultError when malformed."""
    try:
        doc = json.loads(bytes(data).decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("v") != PAYLOAD_VERSION:
            raise ValueError("version")
        return _normalise(doc)
    except (KeyError, TypeError, ValueError, binascii.Error, UnicodeError):
        raise payload_invalid() from None


def blob_bytes(payload: Mapping[str, Any]) -> bytes | None:
    blob = payload.get("blob")
    return base64.b64decode(blob["data_b64"]) if blob else None
