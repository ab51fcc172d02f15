"""Import use case: a kallelse file (PDF or text) -> the public store, its search index and the vault.

One transaction per imported file: the source record, the meeting, its items, document versions,
sections, list entries, placeholders of secret parts, the sealed secret content and the search index rows
are committed together or not at all, so a failure (bad input, full disk, cancel) leaves earlier data as it
was. Secret content is sealed to the vault's public key, so importing never needs the passphrase and never
stages secret text in clear; while no vault exists only the placeholder is kept and the outcome says how
to set one up (a later re-import of the same file fills it in).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import log
from ..domain.model import SECRET_PLACEHOLDER, Meeting
from ..errors import ImportFailed, UserError
from ..importing import sekretess
from ..storage.db import now_iso
from ..storage.repository import SaveResult

_log = log.get("import")

Progress = Callable[[str, float], None]

NO_VAULT_SV = (
    "Kallelsen innehåller en sekretessdel som inte har sparats eftersom inget sekretessvalv finns. "
    "Skapa valvet (Lås upp i programmet, eller 'botkyrka-namnd vault init'): då läses filen in igen och "
    "sekretessdelen sparas i valvet."
)
NO_VAULT_EN = (
    "The notice contains a secret part that was not stored because no vault exists. Set up the vault "
    "('Unlock' in the program, or 'botkyrka-namnd vault init'): the file is then read again and the secret part "
    "stored in the vault."
)


class ImportCancelled(UserError):
    code = "cancelled"

    def __init__(self):
        super().__init__("Importen avbröts; inget sparades.", "The import was cancelled; nothing was saved.")


@dataclass
class ImportOutcome:
    path: str
    meeting_id: str
    items: int
    secret_parts: int
    status: str  # 'imported' | 'updated' | 'unchanged'
    new_documents: int = 0
    superseded_documents: int = 0
    notices: list[tuple[str, str]] = field(default_factory=list)  # (sv, en)
    source_file_id: int | None = None  # the stored file it was read from (sync marks it withdrawn by it)
    has_secret: bool = False  # the file carried a secret part: no plain digest of it may be kept anywhere

    def to_json(self) -> dict:
        return {"meeting_id": self.meeting_id, "items": self.items, "secret_parts": self.secret_parts}


@dataclass
class ImportFailure:
    path: str
    error: UserError

    def to_json(self, lang: str = "sv") -> dict:
        return {"path": self.path, "error": self.error.message(lang)}


@dataclass
class BatchResult:
    imported: list[ImportOutcome] = field(default_factory=list)
    failed: list[ImportFailure] = field(default_factory=list)

    def to_json(self, lang: str = "sv") -> dict:
        return {"imported": [o.to_json() for o in self.imported], "failed": [f.to_json(lang) for f in self.failed]}


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ImportCancelled()


def _pages_of(line_pages: list[int] | None, start: int | None, end: int | None) -> set[int]:
    if not line_pages or start is None:
        return set()
    end = end if end is not None else start
    return {line_pages[i - 1] for i in range(max(1, start), min(end, len(line_pages)) + 1)}


def keyed_digest(key: bytes | None, data: bytes) -> str | None:
    import hashlib
    import hmac

    if not key:
        return None
    return "k:" + hmac.new(key, data, hashlib.sha256).hexdigest()


def _neutral_name(src) -> str:
    """The name a secret-bearing file is shown under in the public store (its own name may say what it is)."""
    ext = ".pdf" if src.file_type == "pdf" else ".txt"
    return f"fil med sekretessdel{ext}"


def recognised_summary(parsed) -> dict:
    """What the importer recognised in a document it could not place (for the import review): the cover
    fields, the document kind and the first agenda titles. No secret content: locked parts are cut out
    before this is built, and only titles of agenda rows are listed."""
    if parsed is None:
        return {}
    m = parsed.meeting
    return {
        "kommun": m.municipality or None,
        "body": m.committee or None,
        "date": m.date or None,
        "time": m.time,
        "place": m.place,
        "chair": m.chair,
        "doc_type": parsed.doc_type,
        "items": len(m.items),
        "titles": [it.title for it in m.items[:6] if it.title and not it.secret],
        "date_label_empty": bool(getattr(parsed, "date_label_empty", False)),
    }


class ImportService:
    def __init__(self, ctx):
        self.ctx = ctx

    # -- batch -------------------------------------------------------------------------------------
    def import_paths(
        self,
        paths,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        hints=None,
        remember: bool = True,
    ) -> BatchResult:
        """Import the files one by one. ``remember=False``: a file whose secret parts arrive before a vault
        exists is not remembered for reading again (the demo's temporary files)."""
        out = BatchResult()
        paths = list(paths)
        for n, p in enumerate(paths):

            def sub(msg: str, frac: float, n=n) -> None:
                if progress:
                    progress(msg, (n + frac) / max(1, len(paths)))

            try:
                out.imported.append(self.import_path(p, progress=sub, cancel=cancel, hints=hints, remember=remember))
            except ImportCancelled:
                raise
            except UserError as exc:
                _log.warning("import failed: %s", exc.code)
                self._log_failure(exc)
                out.failed.append(ImportFailure(str(p), exc))
        return out

    def _log_failure(self, exc: UserError) -> None:
        try:
            with self.ctx.store.transaction():
                self.ctx.source_files.log("failed", code=exc.code, at=now_iso())
        except Exception:  # the log is best effort (e.g. disk full)
            pass

    # -- one file ----------------------------------------------------------------------------------
    def import_path(
        self,
        path,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        hints=None,
        remember: bool = True,
    ) -> ImportOutcome:
        """Import one file. ``hints`` (:class:`~botkyrka_nämnd.importing.kallelse.Hints`) are what the member
        supplied for fields the document does not print (kommun, body, date)."""
        from ..importing.source import load_source

        report = progress or (lambda msg, frac: None)
        report("Läser filen", 0.02)
        _check(cancel)
        src = load_source(Path(path), cancel=cancel)
        _check(cancel)
        store, repo, files = self.ctx.store, self.ctx.repo, self.ctx.source_files
        file_key = self.tag_key("source file")
        keyed = keyed_digest(file_key, src.data) if file_key else None
        known = files.source_file_by_sha(src.sha256) or (files.source_file_by_sha(keyed) if keyed else None)
        if known is not None and known["meeting_id"] and not self._missing_secret_content(known["meeting_id"]):
            _log.info("import: unchanged file")
            return self._outcome(str(path), known["meeting_id"], "unchanged", SaveResult(known["meeting_id"]), known)

        report("Tolkar kallelsen", 0.35)
        parsed = self.parse(src, hints)
        meeting = parsed.meeting
        partial = parsed.doc_type in ("handlingar", "protokoll")
        _check(cancel)
        locked = [(it, p) for it in meeting.items for p in it.secret_parts if p.locked]
        tag_key = self.tag_key("secret content")
        for _it, p in locked:  # a keyed digest: a re-issue with other secret content is a changed item
            p.content_tag = keyed_digest(tag_key, p.text.encode()) if (tag_key and p.text) else None
        self._reseal_all = tag_key is None  # no key to tell a change by: every re-issue seals its parts again
        # page headers/footers and a file name that speak of sekretess are never kept in clear
        margins = list(getattr(src, "artifacts", []) or [])
        secret_margins = any(sekretess.looks_secret(t) for _line, t in margins) or any(
            sekretess.looks_secret(a.text) for a in meeting.page_artifacts
        )
        # a report line the parser put in no locked part (between the agenda and the documents, in a part of
        # the file no item holds): the file is secret-bearing all the same, and its pages are replaced
        covered = [
            (p.line_start, p.line_end if p.line_end is not None else p.line_start)
            for _, p in locked
            if p.line_start is not None
        ]
        stray = [k for k in sekretess.secret_looking_lines(src.text) if not any(a <= k <= b for a, b in covered)]
        if stray:
            _log.info("import: %d secret-looking line(s) outside every locked part", len(stray))
        has_secret = bool(locked) or bool(stray) or secret_margins or sekretess.looks_secret(src.display_name)
        vault = self.ctx.vault
        vault_exists = vault.exists()
        public_digest = None
        if has_secret:
            # what identifies this file for an idempotent re-import: a keyed digest when the keyring holds a key,
            # else a digest of its *public* content only (the items without their secret text), never the bytes
            import hashlib

            from ..storage.repository import item_hash

            public_digest = "p:" + hashlib.sha256("\n".join(item_hash(it) for it in meeting.items).encode()).hexdigest()
            if known is None:
                known = files.source_file_by_sha(public_digest)
                if known is not None and known["meeting_id"] and not self._missing_secret_content(known["meeting_id"]):
                    _log.info("import: unchanged file")
                    return self._outcome(
                        str(path), known["meeting_id"], "unchanged", SaveResult(known["meeting_id"]), known
                    )

        public_pdf = None
        if src.file_type == "pdf":
            # the copy the reader shows is rebuilt in the sandboxed worker: never the original's annotations,
            # attachments, metadata or earlier revisions, and secret pages replaced by a placeholder page
            from ..importing.pdftext import public_copy

            pages: set[int] = set()
            for k in stray:
                pages |= _pages_of(src.line_pages, k, k)
            for _, p in locked:
                pages |= _pages_of(src.line_pages, p.line_start, p.line_end)
                if p.page:
                    pages.add(p.page)
            if not has_secret or (pages and not secret_margins):
                public_pdf = public_copy(
                    src.data,
                    secret_pages=pages,
                    page_sizes=src.page_sizes,
                    placeholder=SECRET_PLACEHOLDER,
                    name=src.display_name,
                    cancel=cancel,
                )
            # secret pages not found, or secret text in the margins of every page: no public PDF rather than a leak
        report("Sparar", 0.6)
        _check(cancel)
        with store.transaction():
            # which stored meeting this is (kommun + body + date [+ time]); a conflict is refused here
            meeting.id_override = repo.match_meeting(meeting, partial=partial).meeting_id
            if known is None:
                # a file that carries a secret part keeps no plain digest, size, line count or name in the public
                # store: with the rest of the file known they would let the secret be guessed and checked
                sf_id = files.add(
                    {
                        "sha256": (keyed or public_digest) if has_secret else src.sha256,
                        "display_name": _neutral_name(src) if has_secret else src.display_name,
                        "file_type": src.file_type,
                        "text_origin": meeting.text_origin,
                        "size": 0 if has_secret else src.size,
                        "pages": src.pages,
                        "line_count": None if has_secret else (meeting.line_count or src.text.count("\n") + 1),
                        "meeting_id": meeting.id,
                        "has_secret": int(has_secret),
                        # the original bytes of a text file; a PDF is kept only as its rebuilt public copy
                        "blob": None if has_secret or src.file_type == "pdf" else src.data,
                        "public_pdf": public_pdf,
                        "imported_at": now_iso(),
                    }
                )
                if not has_secret:  # artifacts are boilerplate, but keep nothing of a secret-bearing file we don't need
                    for line, text in margins:
                        files.add_artifact(sf_id, line, "page_margin", text)
                    for a in meeting.page_artifacts:
                        files.add_artifact(sf_id, a.line, a.kind, a.text)
            else:
                sf_id = known["id"]
            res = repo.save_meeting(meeting, sf_id, partial=partial)
            if res.superseded_document_ids:  # re-issued documents: move highlights onto the new versions
                self.ctx.annotations.reanchor_after_import(res.new_document_ids, res.superseded_document_ids)
            _check(cancel)
            notices = self._store_secrets(meeting, res, src, vault_exists)
            if res.secret_parts and remember:
                self._remember_file(path, meeting.id, stored=vault_exists)
            if res.withdrawn_parts:
                n = len(res.withdrawn_parts)
                notices.append(
                    (
                        f"{n} sekretessdel{'ar' if n > 1 else ''} finns inte med i den här versionen. Den tidigare texten "
                        "och dina anteckningar på den finns kvar i valvet och visas som borttagen.",
                        f"{n} secret part{'s are' if n > 1 else ' is'} not in this version. The earlier text and your notes "
                        "on it stay in the vault and are shown as removed.",
                    )
                )
            if res.relocked_parts:
                n = len(res.relocked_parts)
                notices.append(
                    (
                        f"{n} del{'ar' if n > 1 else ''} som du gjort offentlig har en ny text i den här versionen och är "
                        "låst igen. Lås upp och läs den för att bedöma den på nytt.",
                        f"{n} part{'s' if n > 1 else ''} you made public {'have' if n > 1 else 'has'} a new text in this "
                        f"version and {'are' if n > 1 else 'is'} locked again. Unlock and read it to judge it anew.",
                    )
                )
            report("Indexerar för sökning", 0.8)
            self._index(res)
            files.log(
                "ok",
                at=now_iso(),
                meeting_id=meeting.id,
                sha256=None if has_secret else src.sha256,
                display_name=_neutral_name(src) if has_secret else src.display_name,
            )
            _check(cancel)
        if vault.unlocked:
            self.ctx.absorb_sealed()
        report("Klar", 1.0)
        status = "imported" if res.created else ("updated" if res.changed else "unchanged")
        _log.info(
            "import %s: %s items, %s new documents", status, len(meeting.numbered_items), len(res.new_document_ids)
        )
        out = self._outcome(str(path), meeting.id, status, res, {"id": sf_id, "has_secret": has_secret})
        out.notices.extend(notices)
        return out

    def tag_key(self, purpose: str) -> bytes | None:
        vault = self.ctx.vault
        try:
            return vault.tag_key(purpose) if vault.exists() else None
        except Exception:  # an unusable keyring: keep no digest at all
            return None

    def parse(self, src, hints=None):
        """Parse a loaded source; a field the document does not print is taken from ``hints``, or, for a
        handlingar file without a cover, from the stored meeting it belongs to (same kommun and body, its
        items' Dnr and titles). Raises :class:`~botkyrka_nämnd.errors.MissingFields` when still missing."""
        from ..errors import MissingFields
        from ..importing.kallelse import parse_document

        parsed = parse_document(
            src.text,
            line_pages=src.line_pages,
            line_x=getattr(src, "line_x", None),
            line_y=getattr(src, "line_y", None),
            hints=hints,
        )
        m = parsed.meeting
        if (
            parsed.doc_type == "handlingar"
            and m.items
            and "kommun" not in parsed.missing
            and not (hints and hints.date)
            and set(parsed.missing) <= {"date", "body"}
        ):
            # handlingar without a cover: the meeting whose agenda holds its items (Dnr, titles)
            found = self.ctx.repo.meeting_for_partial(m)
            if found is not None:
                m.date, m.date_source = found["date"], "matched_meeting"
                m.committee, m.committee_short = found["committee"], found["committee_short"]
                parsed.missing = []
        if parsed.missing:
            raise MissingFields(parsed.missing, parsed)
        return parsed

    def _missing_secret_content(self, meeting_id: str) -> bool:
        if not self.ctx.vault.exists():
            return False
        return self.ctx.sealed_parts.missing_content(meeting_id)

    def _remember_file(self, path, meeting_id: str, *, stored: bool) -> None:
        """A file with secret parts imported before the vault existed is read again when it is created
        (services/pending_secrets.py): its path is remembered, never its content; a path that itself speaks
        of sekretess is not kept (only that there was such a file). Once stored, it is forgotten."""
        where = str(Path(path).expanduser().resolve())
        parts = self.ctx.sealed_parts
        if stored:
            parts.forget_pending_file(path=where)
        else:
            parts.remember_pending_file(None if sekretess.looks_secret(where) else where, meeting_id, now_iso())

    def _store_secrets(self, meeting: Meeting, res: SaveResult, src, vault_exists: bool) -> list[tuple[str, str]]:
        if not res.secret_parts:
            return []
        if not vault_exists:
            return [(NO_VAULT_SV, NO_VAULT_EN)]
        from ..vault import encode_payload

        sealed_parts = self.ctx.sealed_parts
        states = {r["uid"]: r["content_state"] for r in sealed_parts.secret_parts_for_meeting(meeting.id)}
        by_position = dict(enumerate(meeting.items))
        blob_attached = False
        for sp in res.secret_parts:
            if (
                states.get(sp.uid) not in ("missing", None)
                and not sp.is_new
                and not sp.changed
                and not self._reseal_all
            ):
                continue  # the same item as before: its content is in the vault (or sealed for it) already
            item = sp.item if sp.item is not None else by_position[sp.item_position]
            part = item.secret_parts[sp.part_index]
            if part.not_in_source:
                continue
            payload = {
                "uid": sp.uid,
                "meeting_id": meeting.id,
                "item_position": sp.item_position,
                "item_ordinal": sp.item_ordinal,
                "kind": part.kind,
                "label": part.vault_label or part.label,
                "text": part.text,
                "report_numbers": list(part.report_numbers),
                "page": part.page,
            }
            if not blob_attached:
                import base64

                payload["blob"] = {
                    "sha256": src.sha256,
                    "name": src.display_name,
                    "data_b64": base64.b64encode(src.data).decode(),
                }
                blob_attached = True
            sealed = self.ctx.vault.seal(encode_payload(payload))
            sealed_parts.add_sealed(sp.uid, meeting.id, sealed, now_iso())
        return []

    def _index(self, res: SaveResult) -> None:
        index = self.ctx.search_index
        if index is not None and res.changed_item_ids:
            index.reindex_items(res.changed_item_ids)

    def _outcome(
        self, path: str, meeting_id: str, status: str, res: SaveResult, file: dict | None = None
    ) -> ImportOutcome:
        items, secret = self.ctx.repo.counts(meeting_id)
        return ImportOutcome(
            path,
            meeting_id,
            items,
            secret,
            status,
            len(res.new_document_ids),
            len(res.superseded_document_ids),
            source_file_id=file["id"] if file else None,
            has_secret=bool(file and file["has_secret"]),
        )


__all__ = [
    "BatchResult",
    "ImportCancelled",
    "ImportFailed",
    "ImportFailure",
    "ImportOutcome",
    "ImportService",
    "recognised_summary",
]
