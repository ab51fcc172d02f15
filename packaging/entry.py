"""The frozen app's entry script (packaging/botkyrka_namnd.spec). Absolute imports only: PyInstaller runs
this file as a top-level script. ``run()`` calls ``multiprocessing.freeze_support()`` and dispatches the PDF
text worker before the command line is read, so the frozen app is its own worker."""

import sys

from botkyrka_nämnd.__main__ import run

if __name__ == "__main__":
    sys.exit(run())
