"""Making an over-locked part public, and locking it again (issue 10).

The importer locks a block when it is *unsure* whether it is secret (the placeholder says "Möjlig
sekretessbelagd del – låst för säkerhets skull"): a leak cannot be undone, an over-lock can. After reading it
unlocked, the member may decide that it is not secret. Then its text is kept in the public store
(``published_part``): shown without the passphrase, searched with the public text, and kept across
re-imports of the same text. A re-issue whose part has another text locks it again and says so (the member
decides anew: never a guess). The vault keeps its copy, so "Lås igen" is always possible.

Only parts locked on suspicion can be published; a part the detector was sure of ("I sekretessdelen", a
lex Sarah report list) cannot, whatever the member clicks.
"""

from __future__ import annotations

import logging

from ..errors import NotFound, UserError, VaultLocked
from ..storage.db import now_iso
from .ocr_backfill import repair

_log = logging.getLogger(__name__)


class NotPublishable(UserError):
    code = "not_publishable"


def is_publishable(part: dict) -> bool:
    """A locked part that the importer locked on suspicion (its public label says so)."""
    from ..importing.kallelse.assemble import SECRET_LABEL_UNSURE

    return part.get("label") == SECRET_LABEL_UNSURE and not part.get("not_in_source") and not part.get("withdrawn_at")


def _locked_error() -> VaultLocked:
    return VaultLocked(
        "Lås upp sekretessdelen först: du behöver läsa texten innan du bedömer den.",
        "Unlock the secret part first: you need to read the text before you judge it.",
    )


def publish(ctx, uid: str) -> dict:
    """Make the over-locked part ``uid`` public. Needs the vault unlocked (the member has read it). Returns
    the placeholder row with its ``published_text``."""
    repo = ctx.sealed_parts
    part = repo.secret_part(uid)
    if part is None:
        raise NotFound("Delen finns inte längre.", "The part no longer exists.")
    if not is_publishable(part):
        raise NotPublishable(
            "Den här delen är sekretessbelagd enligt kallelsen och kan inte göras offentlig.",
            "The notice marks this part as secret; it cannot be made public.",
        )
    if not ctx.vault.unlocked:
        raise _locked_error()
    row = ctx.vault.get_secret(uid)
    if row is None:
        raise NotFound(
            "Texten finns inte i valvet. Importera kallelsen igen.",
            "The text is not in the vault. Import the notice again.",
        )
    text = row["text"]
    key = ctx.importer.tag_key("secret content")
    from .importer import keyed_digest

    item = ctx.repo.item_by_id(part["item_id"])
    meeting = ctx.repo.meeting(item["meeting_id"]) if item else None
    text_index = repair(text) if meeting and meeting["text_origin"] == "ocr" else None
    with ctx.store.transaction():
        repo.publish_part(uid, text, keyed_digest(key, text.encode()), now_iso(), text_index=text_index)
    _reindex(ctx, part["item_id"])
    _log.info("a part locked on suspicion was made public by the member")
    return repo.secret_part(uid) or part


def relock(ctx, uid: str) -> bool:
    """Lock a published part again: its text leaves the public store (overwritten on disk, the WAL
    checkpointed) and the search index. True when it was published."""
    part = ctx.sealed_parts.secret_part(uid)
    if part is None or part.get("published_text") is None:
        return False
    store = ctx.store
    with store.secure_delete():  # the freed pages are zeroed, not left with the text
        with store.transaction():
            ctx.sealed_parts.unpublish_part(uid)
        _reindex(ctx, part["item_id"])
    store.checkpoint()
    _log.info("a published part was locked again")
    return True


def _reindex(ctx, item_id: int) -> None:
    index = ctx.search_index
    if index is not None:
        index.reindex_items([item_id])
