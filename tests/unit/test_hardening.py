import subprocess
import sys

import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux-only")
def test_process_is_not_dumpable_and_has_no_core_limit():
    code = (
        "import resource\n"
        "from botkyrka_nämnd.hardening import harden_process, is_dumpable\n"
        "assert is_dumpable() is True\n"
        "print(harden_process())\n"
        "assert is_dumpable() is False\n"
        "assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")
