"""Shared fixtures.

- Every test gets its own data dir (``BOTKYRKA_NAMND_DATA_DIR`` -> tmp), so nothing touches a real profile.
- ``seeds_dir``: ../shared/seeds next to the checkout; ``corpus_dir``: ../shared/corpus (real kallelser of
  other nämnder and kommuner, with ground truth); tests that need it skip with a clear message when
  that folder is absent (it is never copied into the project).
- Qt runs offscreen.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = Path(os.environ.get("BOTKYRKA_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
SEED_000 = "000_3a75fed938480f1a.txt"
SEED_002 = "002_7cc99368761cbc3a.txt"
SEED_003 = "003_a361098a97ab5e08.txt"
CORPUS_DIR = Path(os.environ.get("BOTKYRKA_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    from botkyrka_nämnd import log, paths

    d = tmp_path / "data"
    monkeypatch.setenv(paths.ENV_VAR, str(d))
    paths.set_data_dir(None)
    yield d
    paths.set_data_dir(None)
    log.reset_for_tests()


@pytest.fixture
def data_dir(_isolated_data_dir):
    from botkyrka_nämnd import paths

    return paths.data_dir()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not (SEEDS_DIR / SEED_000).exists():
        pytest.skip(f"seed folder not found at {SEEDS_DIR} (../shared/seeds beside the checkout)")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS_DIR / "index.json").exists():
        pytest.skip(f"corpus not found at {CORPUS_DIR} (../shared/corpus beside the checkout)")
    return CORPUS_DIR


def read_seed(seeds_dir: Path, name: str) -> str:
    return (seeds_dir / name).read_text(encoding="utf-8")


PASSPHRASE_TESTS = "sju sorters kakor i skymningen"  # passes the strength check; the tests' vault passphrase


@pytest.fixture
def ctx(data_dir, request):
    """The shared context: a real store in the test's data folder, an in-memory keyring, a fast KDF. A test
    module that sets ``CTX_VAULT = "locked"`` gets a vault created with :data:`PASSPHRASE_TESTS` and locked.
    Modules that need more set-up (a meeting, a demo copy) build on their own fixture."""
    from botkyrka_nämnd.services.context import AppContext
    from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

    c = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    if getattr(request.module, "CTX_VAULT", None) == "locked":
        c.vault.init(PASSPHRASE_TESTS)
        c.lock()
    yield c
    c.close()
