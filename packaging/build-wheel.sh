#!/usr/bin/env bash
# Build the wheel (the pipx route) and check it: its data files (*.qm translations, the compiled icon
# resources ui/resources_rc.py, the LICENSE), then `pipx install` it into a temporary PIPX_HOME/PIPX_BIN_DIR
# and run the installed botkyrka-namnd's --version, a CLI import of a generated PDF and a search.
#
# Usage: packaging/build-wheel.sh [--no-pipx]      Out: build/wheel/botkyrka_namnd-VERSION-py3-none-any.whl
# Env:   PYTHON (default python3.11, else python3)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/build/wheel
PIPX_VERSION=1.18.4
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  if command -v python3.11 >/dev/null; then PY=python3.11; else PY=python3; fi
fi
die() { echo "build-wheel: $*" >&2; exit 1; }
T=$(mktemp -d /tmp/bn-wheel.XXXXXX)
trap 'rm -rf "$T"' EXIT

echo "== wheel (pip wheel --no-deps, in an isolated build environment)"
rm -rf "$OUT" && mkdir -p "$OUT"
"$PY" -m venv "$T/tools"
"$T/tools/bin/python" -m pip install -q --upgrade pip
"$T/tools/bin/python" -m pip wheel --no-deps -q -w "$OUT" . || die "building the wheel failed"
WHEEL=$(ls "$OUT"/botkyrka_namnd-*.whl)
echo "$WHEEL ($(du -k "$WHEEL" | cut -f1) kB)"

echo "== its data files"
"$T/tools/bin/python" - "$WHEEL" "$ROOT" <<'EOF'
import sys
import zipfile
from pathlib import Path

wheel, root = sys.argv[1], Path(sys.argv[2])
names = set(zipfile.ZipFile(wheel).namelist())
pkg = root / "botkyrka_nämnd"
want = [f"botkyrka_nämnd/{p.relative_to(pkg).as_posix()}" for p in pkg.rglob("*")
        if p.suffix in (".qm", ".svg", ".ttf", ".json") and "__pycache__" not in p.parts]
want += ["botkyrka_nämnd/ui/resources_rc.py", "botkyrka_nämnd/__main__.py", "botkyrka_nämnd/importing/pdf/worker.py"]
missing = [w for w in want if w not in names]
lic = [n for n in names if n.endswith("licenses/LICENSE")]
for w in want:
    print(("  ok      " if w in names else "  MISSING ") + w)
print("  ok      " + lic[0] if lic else "  MISSING the LICENSE")
sys.exit(1 if missing or not lic else 0)
EOF
[ "${1:-}" = "--no-pipx" ] && exit 0

echo "== pipx $PIPX_VERSION install into a temporary PIPX_HOME"
"$T/tools/bin/python" -m pip install -q "pipx==$PIPX_VERSION" || die "installing pipx failed"
export PIPX_HOME=$T/pipx-home PIPX_BIN_DIR=$T/pipx-bin PIPX_MAN_DIR=$T/pipx-man
"$T/tools/bin/pipx" install --python "$PY" "$WHEEL" >/dev/null || die "pipx install failed"
B=$PIPX_BIN_DIR/botkyrka-namnd
"$B" --version || die "--version of the pipx install failed"
PDF="$T/Kallelse socialnämnden.pdf"
SEED=$(ls "$ROOT"/../shared/seeds/*.txt 2>/dev/null | head -n 1)
"$PIPX_HOME/venvs/botkyrka-namnd/bin/python" - "$PDF" "$SEED" <<'EOF'
import sys
from datetime import date
from pathlib import Path

from botkyrka_nämnd.importing.pdfbuild import build_pdf

out, seed = sys.argv[1], sys.argv[2]
if seed:
    text = Path(seed).read_text(encoding="utf-8")
else:
    from botkyrka_nämnd.demo.generate import generate_meeting_text

    text = generate_meeting_text("Socialnämnden", "SN", date(2024, 9, 24))
build_pdf(text, out)
EOF
"$B" --data-dir "$T/data" import "$PDF" || die "CLI import in the pipx install failed"
"$B" --data-dir "$T/data" meetings | head -n 3
echo "build-wheel: ok (pipx install, --version, import)"
