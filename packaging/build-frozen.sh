#!/usr/bin/env bash
# Build the PyInstaller one-folder app from a clean venv, then check the FROZEN app:
#   bundle contents (the non-ASCII package, its .qm files, Qt's qtbase_sv, reportlab's fonts, pdfium),
#   --version, --smoke-test (offscreen, fresh data folder: imports the embedded demo), the smoke test of a
#   file given on the command line (what the .desktop file's Exec line does), a CLI import of a generated
#   PDF (through the frozen app's own PDF text worker), a search that finds it, and a vault init + unlock.
# Every check prints one line "check NAME: ok|FAILED ..."; the script exits non-zero if any failed.
#
# Usage: packaging/build-frozen.sh [--skip-build]     (--skip-build: only run the checks on dist/)
# Env:   PYTHON (default python3.11, else python3), BUILD_DIR (default build/frozen)
# Out:   build/frozen/dist/botkyrka-namnd/ (the app: botkyrka-namnd + _internal/)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PYINSTALLER_VERSION=6.22.3            # pinned: a new PyInstaller changes what is collected
HOOKS_CONTRIB_VERSION=2026.9
BUILD_DIR=${BUILD_DIR:-$ROOT/build/frozen}
VENV=$BUILD_DIR/venv
DIST=$BUILD_DIR/dist
APP=$DIST/botkyrka-namnd
EXE=$APP/botkyrka-namnd
CHECK_TIMEOUT=${CHECK_TIMEOUT:-120}   # no frozen check may hang: each is killed after this many seconds

PY=${PYTHON:-}
if [ -z "$PY" ]; then
  if command -v python3.11 >/dev/null; then PY=python3.11; else PY=python3; fi
fi

step() { printf '\n== %s\n' "$*"; }
die() { echo "build-frozen: $*" >&2; exit 1; }

if [ "${1:-}" != "--skip-build" ]; then
  step "clean venv $VENV ($($PY -V 2>&1))"
  rm -rf "$VENV" "$BUILD_DIR/work" "$DIST"
  "$PY" -m venv "$VENV" || die "could not create the venv with $PY"
  "$VENV/bin/python" -m pip install --upgrade pip || die "pip upgrade failed"
  if [ -f packaging/requirements-py311.txt ] && "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    step "dependencies from the lock file packaging/requirements-py311.txt (hashes required)"
    "$VENV/bin/python" -m pip install --require-hashes -r packaging/requirements-py311.txt || die "locked install failed"
    "$VENV/bin/python" -m pip install --no-deps . || die "installing the program failed"
  else
    step "the program and its dependencies (pip install .; no lock file for this Python)"
    "$VENV/bin/python" -m pip install . || die "installing the program failed"
  fi
  step "PyInstaller $PYINSTALLER_VERSION"
  "$VENV/bin/python" -m pip install "pyinstaller==$PYINSTALLER_VERSION" "pyinstaller-hooks-contrib==$HOOKS_CONTRIB_VERSION" \
    || die "installing PyInstaller failed"
  step "pyinstaller packaging/botkyrka_namnd.spec"
  # run outside the checkout, so the installed program (not ./botkyrka_nämnd) is what gets analysed
  (cd "$BUILD_DIR" && "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
      --distpath "$DIST" --workpath "$BUILD_DIR/work" "$ROOT/packaging/botkyrka_namnd.spec") \
    || die "pyinstaller failed"
fi
[ -x "$EXE" ] || die "no frozen app at $EXE"

# ------------------------------------------------------------------------------------------ checks
FAILED=0
declare -a RESULTS=()
ok() { RESULTS+=("check $1: ok${2:+ ($2)}"); echo "check $1: ok${2:+ ($2)}"; }
bad() { RESULTS+=("check $1: FAILED ($2)"); echo "check $1: FAILED ($2)" >&2; FAILED=1; }
T=$(mktemp -d /tmp/bn-frozen-check.XXXXXX)
trap 'rm -rf "$T"' EXIT
export QT_QPA_PLATFORM=offscreen
export PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring   # no keyring headless: a passphrase-only vault
unset PYTHONPATH PYTHONHOME
# frozen: run a command with a timeout, output to $T/NAME.out (and .err); returns its exit code
frozen() {
  local name=$1; shift
  timeout --kill-after=5 "$CHECK_TIMEOUT" "$EXE" "$@" >"$T/$name.out" 2>"$T/$name.err"
}
tail_err() { tail -n 3 "$T/$1.err" | tr '\n' ' '; }

step "checks of the frozen app"
INTERNAL=$APP/_internal
SIZE=$(du -sm "$APP" | cut -f1)
echo "bundle: $APP, ${SIZE} MB ($(find "$APP" -type f | wc -l) files)"

# the bundle's contents, by name (the package's folder has its non-ASCII name)
for f in "botkyrka_nämnd/ui/i18n/botkyrka_namnd_sv.qm" "botkyrka_nämnd/ui/i18n/botkyrka_namnd_en.qm" \
         "reportlab/fonts/Vera.ttf" "reportlab/fonts/VeraBd.ttf" "PySide6/Qt/translations/qtbase_sv.qm" \
         "PySide6/Qt/plugins/platforms/libqxcb.so" "PySide6/Qt/plugins/platforms/libqoffscreen.so" \
         "PySide6/Qt/plugins/iconengines/libqsvgicon.so" "wordfreq/data" "keyring-"*".dist-info"; do
  # shellcheck disable=SC2086
  if compgen -G "$INTERNAL/$f" >/dev/null; then ok "bundle has $f"; else bad "bundle has $f" "missing"; fi
done
for lib in libpdfium libQt6Pdf libQt6PdfWidgets libQt6Svg libQt6Widgets; do
  if [ -n "$(find "$INTERNAL" -name "$lib*" -print -quit)" ]; then ok "bundle has $lib"; else bad "bundle has $lib" "missing"; fi
done

# --version
if frozen version --version && grep -q '^botkyrka-namnd [0-9]' "$T/version.out"; then
  ok "--version" "$(cat "$T/version.out")"
else
  bad "--version" "exit $?: $(cat "$T/version.out") $(tail_err version)"
fi

# --smoke-test with a fresh data folder: imports the embedded demo (reportlab's fonts), renders a page
start=$(date +%s%N)
if frozen smoke --data-dir "$T/smoke-data" --smoke-test && grep -q '^smoke ok' "$T/smoke.out"; then
  ok "--smoke-test (demo)" "$(cat "$T/smoke.out"), $(( ($(date +%s%N) - start) / 1000000 )) ms"
else
  bad "--smoke-test (demo)" "exit $?: $(cat "$T/smoke.out") $(tail_err smoke)"
fi

# a generated PDF (from a seed text, else from the demo's generator), built with the venv's python
PDF="$T/Kallelse socialnämnden 2024-09-24.pdf"
SEED=$(ls "$ROOT"/../shared/seeds/*.txt 2>/dev/null | head -n 1)
"$VENV/bin/python" - "$PDF" "$SEED" <<'EOF' || die "could not generate the test PDF"
import sys
from pathlib import Path

from botkyrka_nämnd.importing.pdfbuild import build_pdf

out, seed = sys.argv[1], sys.argv[2]
if seed:
    text = Path(seed).read_text(encoding="utf-8")
else:  # no seeds here: one of the demo's kallelser
    from datetime import date

    from botkyrka_nämnd.demo.generate import generate_meeting_text

    text = generate_meeting_text("Socialnämnden", "SN", date(2024, 9, 24))
build_pdf(text, out)
EOF
WORD=Kompetensförsörjningsplan
[ -n "$SEED" ] || WORD=sammanträde

# CLI import: text extraction in the frozen app's own --pdf-text-worker subprocess
D="$T/cli-data"
if frozen import --data-dir "$D" import "$PDF" && grep -q 'ärenden' "$T/import.out"; then
  ok "import FILE.pdf" "$(head -n 1 "$T/import.out")"
else
  bad "import FILE.pdf" "exit $?: $(cat "$T/import.out") $(tail_err import)"
fi
MEETING=$(sed -n '1s/:.*//p' "$T/import.out")

# search finds the imported meeting
if frozen search --data-dir "$D" search --json "$WORD" && [ -n "$MEETING" ] && grep -q "$MEETING" "$T/search.out"; then
  ok "search $WORD" "$(grep -c '"meeting_id"' "$T/search.out") hit(s) in $MEETING"
else
  bad "search $WORD" "exit $?: $(head -c 300 "$T/search.out") $(tail_err search)"
fi

# the Exec line of the .desktop file: botkyrka-namnd FILE → imports it and smoke-tests THAT meeting (the
# one the CLI import above found in it), in a fresh data folder (so no example data)
if frozen smoke-file --data-dir "$T/file-data" --smoke-test "$PDF" && [ -n "$MEETING" ] \
   && grep -q "^smoke ok: $MEETING " "$T/smoke-file.out"; then
  ok "botkyrka-namnd --smoke-test FILE.pdf" "$(cat "$T/smoke-file.out")"
else
  bad "botkyrka-namnd --smoke-test FILE.pdf" "exit $?, want $MEETING: $(cat "$T/smoke-file.out") $(tail_err smoke-file)"
fi

# vault: init with a passphrase file, then a command that unlocks it
printf 'korrekt häst batteri häftklammer 2024\n' >"$T/pass"
if frozen vault-init --data-dir "$D" vault init --passphrase-file "$T/pass"; then
  ok "vault init" "$(head -n 1 "$T/vault-init.out")"
else
  bad "vault init" "exit $?: $(cat "$T/vault-init.out") $(tail_err vault-init)"
fi
# a command that unlocks the vault (argon2id + sqlcipher in the frozen app): the right passphrase opens it
# and the secret part of the index is searched; a wrong one is refused with one line
if frozen show-unlocked --data-dir "$D" show --unlock --passphrase-file "$T/pass" "$MEETING" 6; then
  ok "show --unlock --passphrase-file" "$(head -n 1 "$T/show-unlocked.out")"
else
  bad "show --unlock --passphrase-file" "exit $?: $(tail_err show-unlocked)"
fi
printf 'fel lösenfras\n' >"$T/wrong"
if frozen wrong-pass --data-dir "$D" search --unlock --passphrase-file "$T/wrong" "$WORD"; then
  bad "wrong passphrase refused" "exit 0"
elif [ "$(wc -l <"$T/wrong-pass.err")" -le 2 ] && ! grep -q Traceback "$T/wrong-pass.err"; then
  ok "wrong passphrase refused" "$(head -n 1 "$T/wrong-pass.err")"
else
  bad "wrong passphrase refused" "$(tail_err wrong-pass)"
fi

step "summary"
echo "bundle size: ${SIZE} MB ($APP)"
printf '%s\n' "${RESULTS[@]}"
if [ "$FAILED" != 0 ]; then
  echo "build-frozen: SOME CHECKS FAILED" >&2
  exit 1
fi
echo "build-frozen: all checks passed"
