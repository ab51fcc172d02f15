"""A PDF text worker that misbehaves once, on purpose, for the tests of a crashing, hanging or spinning
PDFium (SECURITY.md B5). The product's worker has no such operations: this script loads the real worker
(``botkyrka_nämnd/importing/pdf/worker.py``, by path, as the product starts it) and wraps its request reader.

    python -I faulty_pdf_worker.py WORKER_PY --fault=crash|sleep|spin:FLAG_FILE --worker --memory=N

The first job (when FLAG_FILE does not exist yet) crashes the process, sleeps for an hour, or burns CPU until
RLIMIT_CPU stops it; FLAG_FILE is created first, so the next worker of the pool behaves, as a recovered pool
should."""

from __future__ import annotations

import importlib.util
import os
import sys
import time


def main() -> int:
    path, fault_arg, *rest = sys.argv[1:]
    fault, _, flag = fault_arg.removeprefix("--fault=").partition(":")
    spec = importlib.util.spec_from_file_location("pdftext_worker", path)
    worker = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = worker
    spec.loader.exec_module(worker)
    real_recv = worker.protocol._recv

    def recv(inp, limit):
        req, data = real_recv(inp, limit=limit)
        if req.get("op") in ("extract", "rebuild") and not os.path.exists(flag):
            open(flag, "w").close()
            if fault == "crash":
                os._exit(70)
            if fault == "sleep":
                time.sleep(3600)
            if fault == "spin":
                worker._limit_cpu(int(req.get("cpu", worker.protocol.CPU_SECONDS)))
                while True:
                    pass
        return req, data

    worker.protocol._recv = recv
    sys.argv = [path, *rest]
    return worker._worker_main()


if __name__ == "__main__":
    sys.exit(main())
