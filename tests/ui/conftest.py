"""Fixtures for the desktop client's tests (pytest-qt, offscreen).

- ``demo_template`` (session): a data dir with the demo data (services.demo: a fictional socialnämnd with
  several meetings, PDFs, one secret part, one re-issued document) and a vault with ``PASSPHRASE`` (fast
  KDF, in-memory keyring), made once; ``ctx`` copies it per test.
- ``client``: the real client (Client + MainWindow) on that copy, Swedish, light theme, a fake wall clock
  for the lock, dialogs and crash reports collected instead of shown.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

PASSPHRASE = "fyra ord som ingen gissar"


class FakeClock:
    def __init__(self):
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _app(qapp):
    """Every UI test runs with the QApplication (icons and pixmaps need it), in Swedish."""
    from botkyrka_nämnd.ui import i18n

    i18n.install(qapp, "sv")
    return qapp


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    from botkyrka_nämnd import paths
    from botkyrka_nämnd.services.context import AppContext
    from botkyrka_nämnd.services.demo import import_demo
    from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

    root = tmp_path_factory.mktemp("demo") / "data"
    keystore = MemoryKeyStore()
    ctx = AppContext(root, keystore=keystore, kdf=KdfParams.fast())
    try:
        ctx.vault.init(PASSPHRASE)
        ctx.lock()
        res = import_demo(ctx)
        assert not res.failed, [f.error.sv for f in res.failed]
    finally:
        ctx.close()
        paths.set_data_dir(None)
    return root, dict(keystore.values)


@pytest.fixture
def ctx(demo_template, data_dir):
    from botkyrka_nämnd.services.context import AppContext
    from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

    template, keys = demo_template
    for p in template.iterdir():
        if p.is_file() and not p.name.endswith(("-wal", "-shm")):
            shutil.copy2(p, data_dir / p.name)
    c = AppContext(data_dir, keystore=MemoryKeyStore(keys), kdf=KdfParams.fast())
    yield c
    c.close()


@pytest.fixture
def empty_ctx(data_dir):
    from botkyrka_nämnd.services.context import AppContext
    from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

    c = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    yield c
    c.close()


@pytest.fixture
def messages():
    """Message boxes and crash reports, collected instead of shown."""
    from botkyrka_nämnd.ui import crash
    from botkyrka_nämnd.ui.dialogs import messages as msg

    seen: list[tuple[str, str]] = []

    class Recorder:  # injected in place of the Qt message boxes: records, and answers every question yes
        def message(self, parent, icon, title, text):
            seen.append((title, text))

        def question(self, parent, title, text, yes):
            seen.append((title, text))
            return True

    boxes = msg.use_boxes(Recorder())
    reporter = crash.use_reporter(lambda report: seen.append(("crash", report)))
    yield seen
    msg.use_boxes(boxes)
    crash.use_reporter(reporter)


@pytest.fixture
def clock():
    return FakeClock()


def make_client(
    qapp,
    ctx,
    tmp_path: Path,
    clock,
    *,
    lang: str = "sv",
    idle_seconds: float = 300.0,
    show: bool = True,
    size: tuple[int, int] | None = (1280, 820),
):
    """A client on ``ctx``. ``size``: the window's size, as on a laptop (the offscreen test screen is only
    800x600, and the first window fits the screen); None keeps the size the client chose itself."""
    from botkyrka_nämnd.ui import app as uiapp
    from botkyrka_nämnd.ui import i18n
    from botkyrka_nämnd.ui.settings import Settings

    remembered = (tmp_path / "settings.ini").exists()  # a window geometry from an earlier client
    i18n.install(qapp, lang)
    uiapp.apply_theme(qapp, "light")
    settings = Settings(tmp_path / "settings.ini")
    c = uiapp.Client(qapp, ctx, settings, idle_seconds=idle_seconds, clock=clock)
    c.window.suppress_dialogs = True
    c.start(show=show, demo_if_empty=False)
    if size is not None and not remembered:
        c.window.resize(*size)
    return c


def close_client(c, qtbot) -> None:
    w = c.window
    if w.import_job is not None and w.import_job.running:
        w.import_job.kill()
    c.shutdown()
    w._closing = True
    w.close()
    w.deleteLater()
    qtbot.wait(10)


@pytest.fixture
def client(qapp, qtbot, ctx, tmp_path, clock, messages):
    c = make_client(qapp, ctx, tmp_path, clock)
    qtbot.waitExposed(c.window)
    yield c
    close_client(c, qtbot)


@pytest.fixture
def window(client):
    return client.window


def first_item_with(ctx, meeting_id: str, pred):
    for it in ctx.repo.items(meeting_id):
        if pred(it):
            return it
    return None


def secret_item(ctx) -> dict:
    for m in ctx.repo.meetings():
        for it in ctx.repo.items(m["id"]):
            if it["secret_parts"]:
                return it
    raise AssertionError("the demo data has no secret part")
