"""Shared fixtures.

- Every test gets its own data dir (``BOTKYRKA_NAMND_DATA_DIR`` -> tmp), so nothing touches a real profile.
- ``seeds_dir``: ../shared/seeds next to the checkout; ``corpus_dir``: ../shared/corpus (real kallelser of
  other nämnder and kommuner, with ground truth); tests that need it skip with a clear message when
  that folder is absent (it is never copied into the project). Under CI (``CI`` set, or
  ``BOTKYRKA_REQUIRE_SEEDS=1`` as ``.ci/run`` sets it) a missing folder fails the run at collection instead:
  a CI run that skipped the ~200 seed tests would pass without testing them. ``BOTKYRKA_REQUIRE_SEEDS=0``
  turns that off.
- Markers applied here, so that ``-m`` selects what it says (pyproject.toml registers them, strict):
  ``gui`` on every test under tests/ui and every test that uses ``qtbot`` or ``qapp``; ``seeds`` on every test
  that uses ``seeds_dir`` or ``corpus_dir`` (directly or through another fixture).
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
UI_DIR = ROOT / "tests" / "ui"
GUI_FIXTURES = frozenset({"qtbot", "qapp"})
SEED_FIXTURES = frozenset({"seeds_dir", "corpus_dir"})


def seeds_present() -> bool:
    return (SEEDS_DIR / SEED_000).exists()


def corpus_present() -> bool:
    return (CORPUS_DIR / "index.json").exists()


def seeds_required() -> bool:
    """True under CI: ``BOTKYRKA_REQUIRE_SEEDS`` (1/0) when set, else whether ``CI`` is set (to anything but
    0/false/no)."""
    off = ("", "0", "false", "no")
    flag = os.environ.get("BOTKYRKA_REQUIRE_SEEDS")
    if flag is not None and flag.strip():
        return flag.strip().lower() not in off
    return os.environ.get("CI", "").strip().lower() not in off


def pytest_report_header(config) -> list[str]:
    def state(present: bool) -> str:
        if present:
            return "found"
        return "MISSING (the run fails: required under CI)" if seeds_required() else "missing: its tests skip"

    return [f"seeds: {SEEDS_DIR} {state(seeds_present())}; corpus: {CORPUS_DIR} {state(corpus_present())}"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark ``gui`` and ``seeds`` before ``-m`` deselects (tryfirst: before pytest's own mark plugin)."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if UI_DIR in Path(str(item.path)).parents or names & GUI_FIXTURES:
            if item.get_closest_marker("gui") is None:
                item.add_marker(pytest.mark.gui)
        if names & SEED_FIXTURES and item.get_closest_marker("seeds") is None:
            item.add_marker(pytest.mark.seeds)


def pytest_collection_finish(session):
    """Under CI, a selected test that needs the seeds or the corpus fails the whole run when the folder is
    missing, at collection, with one message (locally those tests skip, each saying why)."""
    if not seeds_required():
        return
    problems = []
    seeded = [i for i in session.items if i.get_closest_marker("seeds") is not None]
    if seeded and not seeds_present():
        problems.append(f"seed folder not found at {SEEDS_DIR} (no {SEED_000})")
    corpus_users = [i for i in session.items if "corpus_dir" in getattr(i, "fixturenames", ())]
    if corpus_users and not corpus_present():
        problems.append(f"corpus not found at {CORPUS_DIR} (no index.json)")
    if problems:
        n = len({*seeded, *corpus_users})
        raise pytest.UsageError(
            f"{'; '.join(problems)}: {n} selected tests need it, and this run requires it "
            "(CI or BOTKYRKA_REQUIRE_SEEDS=1). Put ../shared/seeds and ../shared/corpus beside the checkout, or "
            "set BOTKYRKA_SEEDS_DIR / BOTKYRKA_CORPUS_DIR; BOTKYRKA_REQUIRE_SEEDS=0 lets them skip instead."
        )


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
    if not seeds_present():
        pytest.skip(f"seed folder not found at {SEEDS_DIR} (../shared/seeds beside the checkout)")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not corpus_present():
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
