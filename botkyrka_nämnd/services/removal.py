"""Removing a meeting, or all the demo's example meetings, at the member's explicit request.

Nothing of the member's own work is lost by it: a meeting with notes, highlights or planned positions is
removed only after those were written to an export file (``notes_export``), and the store is backed up
before anything is deleted. Secret content goes with the meeting, in the vault as well: when the meeting has
secret parts and the vault is locked, removal waits for an unlock (a locked vault cannot be written), so no
secret text is left behind for a meeting that no longer exists."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .. import log
from ..errors import UserError
from ..storage.removal import MeetingFootprint, MeetingRemoval
from .demo import MEETINGS as DEMO_MEETINGS
from .demo import SETTING as DEMO_BASE_DATE
from .demo import example_meetings

_log = log.get("removal")

DEMO_REMOVED = "demo_removed"  # the member removed the examples: an empty store does not bring them back


class RemovalError(UserError):
    code = "removal_failed"


@dataclass(frozen=True)
class RemovalPlan:
    """What removing a meeting takes with it, for the confirmation."""

    meeting_id: str
    items: int
    member_work: int  # notes, highlights and positions in the public store (exported first)
    secret_parts: int
    needs_unlock: bool  # secret content in a locked vault
    example: bool


def _removal(ctx) -> MeetingRemoval:
    return MeetingRemoval(ctx.store.db)


def _footprint(ctx, meeting_id: str) -> MeetingFootprint:
    mid = ctx.repo.resolve_meeting_id(meeting_id)
    rem = _removal(ctx)
    if not rem.meeting_exists(mid):
        raise RemovalError(f"Mötet {meeting_id} finns inte.", f"There is no meeting {meeting_id}.")
    return rem.footprint(mid)


def _vault_needs_unlock(ctx, fp: MeetingFootprint) -> bool:
    if not fp.in_vault:  # content sealed while locked lies in the public store, removed without the key
        return False
    vault = ctx.vault
    return bool(vault.exists() and not vault.unlocked)


def plan(ctx, meeting_id: str) -> RemovalPlan:
    fp = _footprint(ctx, meeting_id)
    return RemovalPlan(
        meeting_id=fp.meeting_id,
        items=len(fp.item_ids),
        member_work=fp.member_work,
        secret_parts=len(fp.secret_uids),
        needs_unlock=_vault_needs_unlock(ctx, fp),
        example=fp.meeting_id in example_meetings(ctx),
    )


def _locked_error() -> RemovalError:
    return RemovalError(
        "Mötet har sekretessbelagda delar i det låsta valvet. Lås upp valvet först, så tas de bort tillsammans "
        "med mötet.",
        "The meeting has secret parts in the locked vault. Unlock the vault first, so they are removed together "
        "with the meeting.",
    )


def remove_meeting(ctx, meeting_id: str, *, notes_export: Path | None = None) -> str:
    """Remove one meeting; returns its id. ``notes_export`` (a .pdf or .md path) is required, and written
    first, when the meeting has the member's own work on it."""
    fp = _footprint(ctx, meeting_id)
    if _vault_needs_unlock(ctx, fp):
        raise _locked_error()
    if fp.member_work:
        if notes_export is None:
            raise RemovalError(
                "Mötet har dina anteckningar. Exportera dem först (ange en exportfil), så tas mötet bort.",
                "The meeting has your notes. Export them first (give an export file), then the meeting is removed.",
            )
        from ..export import export_notes

        fmt = "md" if Path(notes_export).suffix.lower() == ".md" else "pdf"
        written = export_notes(ctx, fp.meeting_id, Path(notes_export), fmt)
        if not written.is_file() or written.stat().st_size == 0:  # never delete on a failed export
            raise RemovalError(
                "Exportfilen skrevs inte; mötet är kvar.", "The export was not written; the meeting is kept."
            )
    ctx.store.backup("before-remove")
    _purge_vault(ctx, fp)
    store, index = ctx.store, ctx.search_index
    with store.transaction(), store.secure_delete():
        if index is not None:  # in the same file: removed in the same transaction
            index.remove_items(fp.item_ids)
            index.remove_annotations(fp.annotation_ids)
        _removal(ctx).remove(fp)
        _forget_example(ctx, fp.meeting_id)
    _log.info("meeting removed by the member (%d items, %d of their own)", len(fp.item_ids), fp.member_work)
    return fp.meeting_id


def _purge_vault(ctx, fp: MeetingFootprint) -> None:
    """The meeting's secret parts and the notes on them, out of the (unlocked) vault and its index."""
    vault = ctx.vault_if_open
    if vault is None or not fp.secret_uids:
        return
    gone_notes = ctx.annotations.delete_for_secret_parts(fp.secret_uids)
    uids = [s["uid"] for s in vault.secrets_for_meeting(fp.meeting_id)] + fp.secret_uids
    removed = [u for u in dict.fromkeys(uids) if vault.delete_secret(u)]
    index = ctx.secret_index
    if index is not None and removed:
        index.remove_secrets(removed)
    _log.info("removed %d secret parts and %d notes on them from the vault", len(removed), gone_notes)


def _forget_example(ctx, meeting_id: str) -> None:
    examples = example_meetings(ctx)
    if meeting_id not in examples:
        return
    examples.discard(meeting_id)
    ctx.settings.set(DEMO_MEETINGS, json.dumps(sorted(examples)))
    if not examples:  # the last example gone: it is not imported again (neither on an empty start nor on a new vault)
        ctx.settings.set(DEMO_REMOVED, "1")
        ctx.settings.delete(DEMO_BASE_DATE)


def plan_examples(ctx) -> list[RemovalPlan]:
    present = {m["id"] for m in ctx.repo.meetings()}
    return [plan(ctx, mid) for mid in sorted(example_meetings(ctx) & present)]


def remove_examples(ctx, *, notes_folder: Path | None = None) -> list[str]:
    """Remove all the demo's example meetings in one action. The notes of any example the member annotated
    are exported into ``notes_folder`` first (one file per meeting), else nothing is removed."""
    plans = plan_examples(ctx)
    if any(p.needs_unlock for p in plans):
        raise _locked_error()
    if any(p.member_work for p in plans) and notes_folder is None:
        raise RemovalError(
            "Du har anteckningar på exempelmötena. Välj en mapp att exportera dem till först.",
            "You have notes on the example meetings. Choose a folder to export them to first.",
        )
    done = []
    for p in plans:
        out = Path(notes_folder) / f"Mina anteckningar {p.meeting_id}.pdf" if p.member_work and notes_folder else None
        done.append(remove_meeting(ctx, p.meeting_id, notes_export=out))
    ctx.settings.set(DEMO_REMOVED, "1")
    ctx.settings.delete(DEMO_BASE_DATE)
    return done


def demo_wanted(ctx) -> bool:
    """An empty store gets the demo on start, unless the member removed it."""
    return not ctx.settings.get(DEMO_REMOVED) and bool(ctx.repo.is_empty())
