"""How long does the UI thread stall while an import runs? A 10 ms QTimer on the UI thread records the
gaps between its ticks while ImportJob imports a file, once with the import in a thread and once in a
worker process (the client's choice). Prints the figures; the budget is "never over 50 ms" (DESIGN §8).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/heartbeat_import.py [FILE ...] [--runs 3]

Default file: the largest seed, ../shared/seeds/002_7cc99368761cbc3a.txt.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEED = ROOT.parent / "shared" / "seeds" / "002_7cc99368761cbc3a.txt"


def measure(files: list[str], mode: str) -> dict:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from botkyrka_nämnd import paths
    from botkyrka_nämnd.services.context import AppContext
    from botkyrka_nämnd.ui.workers import ImportJob

    _app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="botkyrka-hb-") as tmp:
        data = Path(tmp) / "data"
        paths.set_data_dir(data)
        AppContext(data).store.close()  # schema in place before the job starts
        gaps: list[float] = []
        clock = QElapsedTimer()
        last = [0.0]

        def tick():
            now = clock.nsecsElapsed() / 1e6
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        job = ImportJob(str(data), files, mode=mode)
        loop = QEventLoop()
        result = {}
        job.finished.connect(lambda rep: (result.setdefault("report", rep), loop.quit()))
        t0 = time.perf_counter()
        clock.start()
        timer.start()
        job.start()
        loop.exec()
        timer.stop()
        wall = time.perf_counter() - t0
        paths.set_data_dir(None)
    rep = result["report"]
    gaps = gaps[1:] or [0.0]
    return {
        "mode": mode,
        "wall_s": round(wall, 2),
        "ticks": len(gaps),
        "max_gap_ms": round(max(gaps), 1),
        "p99_gap_ms": round(statistics.quantiles(gaps, n=100)[98], 1) if len(gaps) > 10 else round(max(gaps), 1),
        "over_50ms": sum(g > 50 for g in gaps),
        "imported": len(rep.imported),
        "failed": len(rep.failed),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--modes", default="thread,process")
    args = ap.parse_args(argv)
    files = args.files or [str(SEED)]
    for f in files:
        if not Path(f).exists():
            print(f"missing: {f}", file=sys.stderr)
            return 2
    print(f"files: {', '.join(Path(f).name for f in files)}; cpus: {os.cpu_count()}")
    for mode in args.modes.split(","):
        for run in range(args.runs):
            r = measure(files, mode)
            print(
                f"{mode:8s} run {run + 1}: wall {r['wall_s']:6.2f} s  ticks {r['ticks']:5d}  max gap {r['max_gap_ms']:7.1f} ms  "
                f"p99 {r['p99_gap_ms']:6.1f} ms  gaps>50ms {r['over_50ms']:3d}  imported {r['imported']} failed {r['failed']}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
