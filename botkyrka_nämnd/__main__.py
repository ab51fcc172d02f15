"""``python -m botkyrka_nämnd`` and the frozen app's entry point (PyInstaller runs this file as a script,
so the import is absolute). A frozen app is its own worker: ``--pdf-text-worker`` and multiprocessing's
spawned children are dispatched before the command line is read."""

import sys


def run() -> int:
    if getattr(sys, "frozen", False):  # (multiprocessing costs 40 ms to import: only where it is needed)
        import multiprocessing

        multiprocessing.freeze_support()  # a spawned import child of a frozen app: runs it, never returns
    if "--pdf-text-worker" in sys.argv:
        from botkyrka_nämnd.importing.pdf.extractor import run_worker_if_requested

        run_worker_if_requested()  # the PDF text worker of a frozen app: never returns
    from botkyrka_nämnd.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
