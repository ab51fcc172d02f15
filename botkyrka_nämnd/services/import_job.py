"""The background import without Qt: what runs in the import worker and what it reports.

:func:`run_import_job` is the job itself. The client's :class:`~botkyrka_nämnd.ui.workers.ImportJob` runs
it in a separate process (multiprocessing, spawn: the target is looked up by this module's name, so it
stays a module-level function) or in a thread (the benchmark). It sets the data dir, opens its own
:class:`~botkyrka_nämnd.services.context.AppContext`, imports the files (or the demo data) and puts
plain, picklable messages on ``out``:

- ``("progress", message, fraction)`` while it runs (message in Swedish, from the core; fraction 0..1);
- then exactly one of ``("done", report)`` (a dict of imported and failed files), ``("error", failure)``
  (the whole job failed with a :class:`~botkyrka_nämnd.errors.UserError`: cancelled, disk full …) or
  ``("crash", {"type", "traceback"})`` (a bug).

:func:`report_from_message` turns the last message into an :class:`ImportReport`.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import log

if TYPE_CHECKING:
    from .importer import BatchResult, ImportFailure

_log = log.get("ui")  # the logger the job has always used (it ran in ui/workers.py)


@dataclass
class ImportedFile:
    path: str
    meeting_id: str
    items: int
    secret_parts: int
    status: str
    notices: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class FailedFile:
    path: str
    code: str
    sv: str
    en: str
    fields: list[str] = field(default_factory=list)  # missing_fields: what the member is asked for
    recognised: dict = field(default_factory=dict)  # what was read (for the import review)

    def message(self, lang: str) -> str:
        return self.en if lang.startswith("en") else self.sv


@dataclass
class ImportReport:
    imported: list[ImportedFile] = field(default_factory=list)
    failed: list[FailedFile] = field(default_factory=list)
    cancelled: bool = False
    error: FailedFile | None = None  # the whole job failed (cancelled, disk full, a bug)


def _report_from_batch(res: BatchResult) -> dict:
    return {
        "imported": [
            {
                "path": o.path,
                "meeting_id": o.meeting_id,
                "items": o.items,
                "secret_parts": o.secret_parts,
                "status": o.status,
                "notices": [list(n) for n in o.notices],
            }
            for o in res.imported
        ],
        "failed": [_failure(f) for f in res.failed],
    }


def _failure(f: ImportFailure) -> dict:
    from .importer import recognised_summary

    d: dict[str, Any] = {"path": f.path, "code": f.error.code, "sv": f.error.sv, "en": f.error.en}
    fields = getattr(f.error, "fields", None)  # MissingFields: what the member is asked for
    if fields is not None:
        d["fields"] = list(fields)
        d["recognised"] = recognised_summary(getattr(f.error, "result", None))
    return d


def run_import_job(data_dir: str, job: str, paths: list[str], out, cancel, hints: dict | None = None) -> None:
    """The import itself (no Qt): runs in the worker process (or a thread for the benchmark).

    ``job`` is ``"demo"`` (the demo data) or anything else (``paths``); ``out`` a queue, ``cancel`` an event
    the core checks between steps; ``hints`` the member's body/date/kommun from the import review."""
    from .. import log as _logmod
    from .. import paths as _paths
    from ..errors import UserError
    from .context import AppContext

    _paths.set_data_dir(data_dir)
    from ..hardening import harden_process

    harden_process()  # the import child reads secret text too: not dumpable, no core, files 0600
    try:
        _logmod.setup()
    except OSError:
        pass
    ctx = None
    try:
        ctx = AppContext()

        def progress(msg: str, frac: float) -> None:
            out.put(("progress", str(msg), float(frac)))

        if job == "demo":
            from .demo import import_demo

            res = import_demo(ctx, progress=progress, cancel=cancel)
        else:
            from ..importing.kallelse import Hints

            h = Hints(**hints) if hints else None
            res = ctx.importer.import_paths(paths, progress=progress, cancel=cancel, hints=h)
        out.put(("done", _report_from_batch(res)))
    except UserError as exc:
        out.put(("error", {"path": "", "code": exc.code, "sv": exc.sv, "en": exc.en}))
    except BaseException as exc:  # a bug: log it here, report the type only
        _log.exception("import job failed")
        out.put(("crash", {"type": type(exc).__name__, "traceback": traceback.format_exc()}))
    finally:
        if ctx is not None:
            try:
                ctx.close()
            except Exception:
                pass


def report_from_message(kind: str, payload: Any) -> ImportReport:
    """The report for the job's last message (``done``, ``error``; anything else is a crash: a bug)."""
    rep = ImportReport()
    if kind == "done":
        rep.imported = [ImportedFile(**{**d, "notices": [tuple(n) for n in d["notices"]]}) for d in payload["imported"]]
        rep.failed = [FailedFile(**d) for d in payload["failed"]]
    elif kind == "error":
        rep.error = FailedFile(**payload)
        rep.cancelled = payload["code"] == "cancelled"
    else:
        rep.error = FailedFile("", "bug", "", "")
    return rep
