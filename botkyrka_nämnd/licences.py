"""The program's licence and the third-party software it carries, for the About dialog and ``--licences``.

The list is generated from the installed packages' metadata (the program's runtime dependencies and
theirs, not the test tools) and written to ``third_party.json`` in the package, so a frozen app and a wheel
carry it without their metadata: ``python -m botkyrka_nämnd.licences --write`` regenerates it (the frozen
build does). Qt itself (LGPLv3, through PySide6) is named with its own licence."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

PROGRAM_LICENCE = "EUPL-1.2"
DIST = "botkyrka-namnd"
_HERE = Path(__file__).resolve().parent
LIST = _HERE / "third_party.json"
_EXTRA_OK = re.compile(r"extra\s*==")


def _name(req: str) -> str:
    return re.split(r"[\s;<>=!~\[(]", req.strip(), maxsplit=1)[0]


def _licence_of(meta: Any) -> str:
    expr = meta.get("License-Expression")
    if expr:
        return str(expr)
    lic = (meta.get("License") or "").strip()
    if lic and len(lic) < 80 and "\n" not in lic:
        return lic
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return ", ".join(classifiers) or (lic.splitlines()[0][:80] if lic else "see the package")


def collect() -> list[dict[str, str]]:
    """The runtime dependency closure of the installed program, from the packages' own metadata."""
    import importlib.metadata as md

    seen: dict[str, dict[str, str]] = {}
    todo = [_name(r) for r in md.distribution(DIST).requires or [] if not _EXTRA_OK.search(r)]
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue  # a dependency for another platform or Python version
        meta: Any = dist.metadata
        url = meta.get("Home-page") or next(
            (u.split(",", 1)[1].strip() for u in meta.get_all("Project-URL") or [] if "," in u), ""
        )
        seen[key] = {"name": meta["Name"], "version": dist.version, "licence": _licence_of(meta), "url": url}
        todo += [_name(r) for r in dist.requires or [] if not _EXTRA_OK.search(r)]
    out = sorted(seen.values(), key=lambda d: d["name"].lower())
    out.append({"name": "Qt", "version": _qt_version(), "licence": "LGPL-3.0-only", "url": "qt.io"})
    return out


def _qt_version() -> str:
    try:
        import importlib.metadata as md

        return md.version("PySide6")
    except Exception:
        return ""


def third_party() -> list[dict[str, str]]:
    """The shipped list (``third_party.json``); from the installed metadata when it is missing."""
    try:
        data = json.loads(LIST.read_text(encoding="utf-8"))
        if isinstance(data, list) and data:
            return data
    except (OSError, ValueError):
        pass
    return collect()


def licence_text() -> str:
    """The program's licence text: from the checkout, the frozen app's data or the wheel's metadata."""
    frozen = getattr(sys, "_MEIPASS", None)
    for candidate in (_HERE.parent / "LICENSE", Path(frozen) / "LICENSE" if frozen else None):
        if candidate is not None and candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    try:
        import importlib.metadata as md

        for f in md.distribution(DIST).files or []:
            if f.name in ("LICENSE", "LICENSE.txt"):
                return Path(str(f.locate())).read_text(encoding="utf-8")
    except Exception:
        pass
    return f"{PROGRAM_LICENCE}: https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    rows = collect()
    if "--write" in argv:
        LIST.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{LIST}: {len(rows)} packages")
        return 0
    for r in rows:
        print(f"{r['name']} {r['version']}: {r['licence']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
