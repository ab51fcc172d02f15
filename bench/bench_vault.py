"""Vault timings with the production Argon2id parameters (prints figures; not a test).

    .venv/bin/python bench/bench_vault.py [--rounds 5]

Reports init, unlock (the KDF cost; budget 0.5-1.5 s, DESIGN.md §8), lock, and unlock of a
passphrase-only vault (one Argon2 step higher), each as min/median over the rounds.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from botkyrka_nämnd.vault import FailingKeyStore, KdfParams, MemoryKeyStore, Vault

PW = "korrekt häst batteri häftklammer"


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _report(label: str, values: list[float]) -> None:
    print(f"{label:<34} min {min(values):6.3f} s   median {statistics.median(values):6.3f} s   (n={len(values)})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    params = KdfParams.default()
    print(f"Argon2id m={params.m} KiB t={params.t} p={params.p}")
    with tempfile.TemporaryDirectory() as tmp:
        for label, store in (("with device secret", MemoryKeyStore()), ("passphrase only", FailingKeyStore())):
            v = Vault(Path(tmp) / label.replace(" ", "_"), store)
            _report(f"init ({label})", [_timed(lambda v=v: v.init(PW))])
            v.lock()
            unlocks, locks = [], []
            for _ in range(args.rounds):
                unlocks.append(_timed(lambda v=v: v.unlock(PW)))
                locks.append(_timed(v.lock))
            _report(f"unlock ({label})", unlocks)
            _report(f"lock ({label})", locks)


if __name__ == "__main__":
    main()
