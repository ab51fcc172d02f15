"""Secret parts imported before the vault existed are not lost (issue 12).

Such a file's secret parts could not be stored (there was nowhere to keep them encrypted), so the importer
remembers the file's path (``pending_secret_file``; never its content or a digest). When the vault is
created, :func:`pending` tells which of those files can be read again and which are gone; the caller imports
the first (the same import as any other, in the background in the window) and lists the others plainly.
A path that itself speaks of sekretess was never kept: :attr:`Pending.unnamed` counts those files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Pending:
    found: list[str] = field(default_factory=list)  # files to import again
    missing: list[str] = field(default_factory=list)  # files that are no longer where they were imported from
    unnamed: int = 0  # files whose path was not kept

    @property
    def empty(self) -> bool:
        return not (self.found or self.missing or self.unnamed)


def pending(ctx: Any) -> Pending:
    """The files to read again now that a vault exists. The ones that cannot be (gone, or no path kept) are
    forgotten here: the member is told once. A found file stays remembered until its import stores its
    secret parts."""
    out = Pending()
    parts = ctx.sealed_parts
    forget: list[int] = []
    for file_id, path, _meeting in parts.pending_files():
        if path is None:
            out.unnamed += 1
            forget.append(file_id)
        elif Path(path).is_file():
            out.found.append(path)
        else:
            out.missing.append(path)
            forget.append(file_id)
    if forget:
        with ctx.store.transaction():
            for file_id in forget:
                parts.forget_pending_file(file_id=file_id)
    return out


def read_again(ctx: Any) -> tuple[dict[str, Any], list[str]]:
    """Import the remembered files now (in this thread: the CLI's ``vault init``). Returns the JSON payload
    (``read_again``, ``missing``, ``unnamed``) and the Swedish lines to print."""
    todo = pending(ctx)
    res = ctx.importer.import_paths(todo.found) if todo.found else None
    sv, _en = message(todo)
    lines = [sv] if sv else []
    if res is not None and res.failed:
        lines.append("Kunde inte läsas in igen: " + ", ".join(f.path for f in res.failed))
    filled = [o.path for o in res.imported] if res is not None else []
    return {"read_again": filled, "missing": todo.missing, "unnamed": todo.unnamed}, lines


def message(p: Pending) -> tuple[str, str]:
    """(sv, en) for the member: what was read again and what must be imported by hand."""
    sv, en = [], []
    if p.found:
        sv.append(f"{len(p.found)} fil(er) med sekretessdelar som importerades innan valvet fanns läses in igen.")
        en.append(f"{len(p.found)} file(s) with secret parts imported before the vault existed are read again.")
    if p.missing:
        names = "\n".join(f"  {x}" for x in p.missing)
        sv.append(f"Dessa filer finns inte längre där de importerades från; importera dem igen:\n{names}")
        en.append(f"These files are no longer where they were imported from; import them again:\n{names}")
    if p.unnamed:
        sv.append(
            f"{p.unnamed} fil(er) med sekretessdelar vars namn inte sparades (namnet talar om sekretess); "
            "importera dem igen."
        )
        en.append(
            f"{p.unnamed} file(s) with secret parts whose name was not kept (it speaks of secrecy); import them again."
        )
    return "\n\n".join(sv), "\n\n".join(en)
