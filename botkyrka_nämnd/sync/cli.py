"""The command line's sync commands: ``sync``, ``sources add|list|remove`` and ``publish``. ``cli.py``
declares them with :func:`add_parsers` and runs them with the output function it passes in."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from .model import KINDS

Out = Callable[[Any, Any, list[str]], None]


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    s = sub.add_parser("sync", parents=[common], help="hämta nya och ändrade kallelser från källorna")
    s.add_argument("--source", help="bara källan med detta namn")
    s = sub.add_parser("sources", parents=[common], help="källor för synkning: add, list, remove")
    ssub = s.add_subparsers(dest="sources_command", metavar="ÅTGÄRD", required=True)
    a = ssub.add_parser("add", parents=[common], help="lägg till en källa (mapp, webbsida eller OParl)")
    a.add_argument("kind", choices=list(KINDS))
    a.add_argument("name")
    a.add_argument("location", help="en mapp, en webbsidas adress (https://) eller OParl-systemets adress")
    a.add_argument("--pattern", help="webbsida: vilka länkar som följs (reguljärt uttryck på adressen)")
    a.add_argument(
        "--token-file",
        help="en källa med inloggning: läs dess token från filen (sparas i nyckelringen, aldrig som argument)",
    )
    ssub.add_parser("list", parents=[common], help="lista källorna")
    r = ssub.add_parser("remove", parents=[common], help="ta bort en källa (de importerade mötena finns kvar)")
    r.add_argument("name")
    p = sub.add_parser("publish", parents=[common], help="gör en statisk OParl 1.1-webbplats av en mapp med kallelser")
    p.add_argument("folder")
    p.add_argument("--out", required=True, help="mappen där webbplatsen skrivs")
    p.add_argument("--base-url", required=True, help="adressen där webbplatsen kommer att ligga")


def cmd_sync(ctx: Any, args: Any, out: Out) -> int:
    from . import engine

    reports = engine.sync(ctx, args.source)
    lang = getattr(args, "lang", "sv")
    lines = []
    for r in reports:
        lines.append(
            f"{r.name}: {r.new} nya, {r.changed} ändrade, {r.withdrawn} återkallade, {r.failed} misslyckade "
            f"({r.requests} anrop)"
        )
        lines += [f"  {en if lang == 'en' else sv}" for sv, en in r.errors[:5]]
    out(args, {"sources": [r.to_json() for r in reports]}, lines or ["Inga källor. Lägg till en med 'sources add'."])
    return 1 if any(r.failed for r in reports) else 0


def cmd_sources(ctx: Any, args: Any, out: Out) -> int:
    from . import engine

    if args.sources_command == "add":
        secret = None
        if getattr(args, "token_file", None):
            from pathlib import Path

            from ..errors import UserError

            try:
                secret = Path(args.token_file).read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                raise UserError("Kunde inte läsa tokenfilen.", "Could not read the token file.") from None
        cfg = engine.add_source(ctx, args.kind, args.name, args.location, args.pattern)
        if secret is not None:
            from .credentials import set_token

            try:
                set_token(ctx, cfg.name, secret)
            except BaseException:
                engine.remove_source(ctx, cfg.name)  # no source left half set up
                raise
        out(args, {"name": cfg.name, "kind": cfg.kind, "location": cfg.location, "pattern": cfg.pattern},
            [f"Källan {cfg.name} ({cfg.kind}) är tillagd: {cfg.location}"])  # fmt: skip
        return 0
    if args.sources_command == "remove":
        engine.remove_source(ctx, args.name)
        out(args, {"removed": args.name}, [f"Källan {args.name} är borttagen (de importerade mötena finns kvar)."])
        return 0
    rows = engine.sources(ctx)
    data = [
        {k: r.get(k) for k in ("name", "kind", "location", "pattern", "last_sync", "last_status", "last_error")}
        for r in rows
    ]
    lines = [
        f"{r['name']} ({r['kind']}): {r['location']}  senast: {r['last_sync'] or 'aldrig'} {r['last_status'] or ''}".rstrip()
        for r in rows
    ]
    out(args, data, lines or ["Inga källor."])
    return 0


def cmd_publish(ctx: Any, args: Any, out: Out) -> int:
    from pathlib import Path

    from .publish import publish

    res = publish(Path(args.folder), Path(args.out), args.base_url)
    en = getattr(args, "lang", "sv") == "en"
    lines = [f"Publicerat till {args.out}: {res.get('meetings', 0)} möten, {res.get('files', 0)} filer."]
    lines += [f"  ej publicerad: {r.get('file')}: {r.get('en' if en else 'sv')}" for r in res.get("refused", [])]
    out(args, res, lines)
    return 1 if res.get("refused") else 0


COMMANDS: dict[str, Callable[[Any, Any, Out], int]] = {
    "sync": cmd_sync,
    "sources": cmd_sources,
    "publish": cmd_publish,
}
