"""Limits and the frames between the parent (:mod:`.extractor`) and a PDF text worker (:mod:`.worker`).

Shared by both sides, standard library only so the worker starts fast. A frame is a fixed header (JSON
length, payload length), a JSON object and an optional binary payload (a PDF, a rebuilt copy): JSON only,
never pickle, and a reader refuses absurd lengths.
"""

from __future__ import annotations

import json
import struct

MEMORY_LIMIT = 512 * 2**20  # RLIMIT_AS of a worker: a Flate bomb stops here (a 151-page kallelse needs ~120 MiB)
CPU_SECONDS = 30  # RLIMIT_CPU per job (on top of what the worker has used)
TIMEOUT = 30.0  # wall-clock seconds per document
MAX_JOBS = 200  # a worker is replaced after this many jobs
MIN_PAGES_PER_PART = 12  # a document is split over workers only if each gets at least this many pages
MAX_REPLY = 512 * 2**20  # refuse absurd replies from a (possibly compromised) worker

_HEAD = struct.Struct(">IQ")  # JSON length, payload length
_WORKER_FLAG = "--worker"


def _send(stream, header: dict, payload: bytes = b"") -> None:
    js = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    stream.write(_HEAD.pack(len(js), len(payload)))
    stream.write(js)
    if payload:
        stream.write(payload)
    stream.flush()


def _read_exact(stream, n: int) -> bytes:
    chunks = []
    while n > 0:
        b = stream.read(n)
        if not b:
            raise EOFError
        chunks.append(b)
        n -= len(b)
    return b"".join(chunks)


def _recv(stream, limit: int = MAX_REPLY) -> tuple[dict, bytes]:
    jl, pl = _HEAD.unpack(_read_exact(stream, _HEAD.size))
    if jl > limit or pl > 2**40:
        raise ValueError("frame too large")
    header = json.loads(_read_exact(stream, jl).decode("utf-8", "replace"))
    payload = _read_exact(stream, pl) if pl else b""
    return header, payload
