"""The "secret in clear below the data folder" scan shared by the sekretess tests (integration and fuzz).

Qt-free; the GUI sweeps of tests/ui/leakcheck.py add memory and model scans on top of the same idea.
"""

from __future__ import annotations

import re
from pathlib import Path

_HEX_RUN = re.compile(rb"[0-9a-f]{16,}")
# base64 of random bytes (keys.json's wrapped keys and salts): "1545" stands in such a run between letters by
# chance about once per 7,000 characters; clear text has spaces and punctuation long before 24 characters
_B64_RUN = re.compile(rb"[A-Za-z0-9+/]{24,}={0,2}")


def _random_bytes_around(data: bytes, start: int, end: int, width: int = 32) -> bool:
    """True when the bytes around a hit look like ciphertext (sealed blobs, the encrypted vault): at least 30 %
    of them >= 0x80. Clear text and SQLite record headers around a stored value are nearly all ASCII (Swedish
    letters are about 3 % of the bytes); random bytes are half high. A 4-digit needle occurs by chance about
    once in 4 GB of random bytes; this keeps such chance hits in a 10 MB vault from failing a run."""
    window = data[max(0, start - width) : start] + data[end : end + width]
    return len(window) >= width and sum(b >= 0x80 for b in window) >= 0.3 * len(window)


def clear_hits(data_dir: Path, needles) -> list[str]:
    """Every file below ``data_dir`` that holds one of ``needles`` in clear (UTF-8 or UTF-16-LE), as
    ``"relative/path: needle"``. Not counted, because they are chance and not a leak:

    - a hit inside a run of >= 16 hex digits (a random uid, a keyed digest: "1646" is in one of every
      65,536 positions of such a run) or of >= 24 base64 characters (a wrapped key, a salt);
    - a number needle inside a longer number ("1545" inside "0000154527", a PDF's xref offset);
    - a hit amid random bytes (see :func:`_random_bytes_around`)."""
    found = []
    for p in sorted(Path(data_dir).rglob("*")):
        if not p.is_file():
            continue
        data = p.read_bytes()
        hex_spans = [m.span() for m in _HEX_RUN.finditer(data)] + [m.span() for m in _B64_RUN.finditer(data)]
        for n in needles:
            for form in (n.encode("utf-8"), n.encode("utf-16-le")):
                step = 2 if form != n.encode("utf-8") else 1
                digit = rb"[0-9]" if step == 1 else rb"[0-9]\x00"
                pattern = (
                    (rb"(?<!" + digit + rb")" + re.escape(form) + rb"(?!" + digit + rb")")
                    if n.isdigit()
                    else re.escape(form)
                )
                for m in re.finditer(pattern, data):
                    if any(a <= m.start() and m.end() <= b for a, b in hex_spans):
                        continue
                    if _random_bytes_around(data, m.start(), m.end()):
                        continue
                    found.append(f"{p.relative_to(data_dir)}: {n}")
                    break
    return sorted(set(found))
