#!/usr/bin/env bash
# Set up a working copy on a Debian/Ubuntu machine: the system libraries Qt needs (apt), then a virtualenv
# (.venv) with the program and its test tools from the lock file with hashes
# (packaging/requirements-py311.txt or -py312.txt, made by packaging/lock.sh). Idempotent: a second run
# installs nothing and takes a few seconds.
#
# It says first what it needs and what it found: root or sudo (for apt), network to the package
# registries, about 1 GB of free disk, and which Python it uses: a supported one, 3.11 or 3.12, never
# whatever python3 comes first. Then one line per step, with the step's progress, and a one-line summary.
#
#   PYTHON=/path/to/python3.12 bash packaging/dev-setup.sh   # choose the Python (3.11 or 3.12)
#   BOTKYRKA_VENV=.venv312 bash packaging/dev-setup.sh       # another virtualenv (CI's second Python)
# The full output of apt and pip goes to .dev/dev-setup.log.
set -euo pipefail
cd "$(dirname "$0")/.."

START=$SECONDS
VENV=${BOTKYRKA_VENV:-.venv}
SUPPORTED="3.11 3.12"
NEED_MB=1000 # a fresh .venv measured 0.98 GB (PySide6 ~0.7 GB); pip's download cache adds ~0.4 GB when cold
mkdir -p .dev
LOG=.dev/dev-setup${BOTKYRKA_VENV:+-${VENV//\//_}}.log
: >"$LOG"

say() { printf '%s\n' "$*"; }
die() {
  printf 'dev-setup: %s\n' "$*" >&2
  printf 'dev-setup: stopped after %ss (full output: %s)\n' "$((SECONDS - START))" "$LOG" >&2
  exit 1
}
step_start() {
  STEP_T=$SECONDS
  say "[$1/4] $2"
}
step_done() { say "      ${1:-done} ($((SECONDS - STEP_T))s)"; }

say "dev-setup: Botkyrka nämnd in $(pwd)/$VENV"
say "prerequisites"

# ----------------------------------------------------------------------------------------------- Python
# The version of an interpreter as "3.11.7", or nothing when it does not run (a pyenv shim of a version
# that is not active prints "command not found" and fails).
py_version() { "$1" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null || true; }
supported() { case " $SUPPORTED " in *" ${1%.*} "*) return 0 ;; *) return 1 ;; esac; }

PY="" PYV="" WHY=""
if [ -n "${PYTHON:-}" ]; then
  PYV=$(py_version "$PYTHON")
  [ -n "$PYV" ] || die "PYTHON=$PYTHON does not run. Set PYTHON to a Python 3.11 or 3.12 interpreter."
  supported "$PYV" || die "PYTHON=$PYTHON is Python $PYV; Botkyrka nämnd supports Python 3.11 and 3.12 only \
(locked in packaging/requirements-py311.txt / -py312.txt; PySide6 6.11). Set PYTHON to python3.11 or python3.12."
  PY=$("$PYTHON" -c 'import sys; print(sys.executable)') WHY="PYTHON"
else
  if [ -x "$VENV/bin/python" ]; then
    v=$(py_version "$VENV/bin/python")
    if [ -n "$v" ] && supported "$v"; then
      PY=$(readlink -f "$VENV/bin/python") PYV=$v WHY="the one $VENV was made with"
    fi
  fi
  PYENV_DIR=${PYENV_ROOT:-$HOME/.pyenv}/versions
  seen=""
  if [ -z "$PY" ]; then
    for c in python3.11 python3.12 python3 "$PYENV_DIR"/3.11.*/bin/python3 "$PYENV_DIR"/3.12.*/bin/python3; do
      { [ -x "$c" ] || command -v "$c" >/dev/null 2>&1; } || continue
      v=$(py_version "$c")
      [ -n "$v" ] || continue
      if supported "$v"; then
        PY=$("$c" -c 'import sys; print(sys.executable)') PYV=$v WHY="first supported of python3.11, python3.12, python3, pyenv's"
        break
      fi
      seen="$seen $c=$v"
    done
  fi
fi
LOCK=""
if [ -n "$PY" ]; then
  PYMM=${PYV%.*}
  LOCK=packaging/requirements-py${PYMM/./}.txt
  [ -f "$LOCK" ] || die "no lock file $LOCK for Python $PYMM (bash packaging/lock.sh makes it)"
  say "  python   $PY (Python $PYV; $WHY); lock $LOCK"
elif command -v apt-get >/dev/null 2>&1 && ! command -v python3 >/dev/null 2>&1; then
  say "  python   none yet: python3 comes from apt below (Debian 12: 3.11, Ubuntu 24.04: 3.12) and is checked then"
else
  die "no supported Python found (${seen# }); Botkyrka nämnd supports Python 3.11 and 3.12. Install one \
(apt install python3.11, or pyenv) and run: PYTHON=/path/to/python3.11 bash packaging/dev-setup.sh"
fi

# -------------------------------------------------------------------------------------- system packages
# Qt offscreen + a real X window (xcb) + what the tests and benchmarks call (pdftotext/pdftoppm, rg).
APT_PACKAGES=(
  python3 python3-venv python3-pip
  libgl1 libegl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0
  libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0 xvfb xauth
  poppler-utils ripgrep fonts-dejavu-core
)
missing=()
SUDO=""
HAVE_DPKG=1
command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || HAVE_DPKG=0
if [ $HAVE_DPKG = 1 ]; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "$(id -u)" -eq 0 ]; then
    who="root"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    who="sudo (no password asked)" SUDO="sudo"
  elif command -v sudo >/dev/null 2>&1; then
    who="sudo (it will ask for your password)" SUDO="sudo"
  else
    who="neither root nor sudo"
  fi
  if [ ${#missing[@]} -eq 0 ]; then
    say "  apt      all ${#APT_PACKAGES[@]} system packages installed (apt not needed; you are $who)"
  else
    say "  apt      ${#missing[@]} of ${#APT_PACKAGES[@]} system packages missing: ${missing[*]}; installs as $who"
    [ "$who" != "neither root nor sudo" ] || die "installing system packages needs root or sudo: run as root \
'apt-get install --no-install-recommends ${missing[*]}', then this script again"
  fi
else
  say "  apt      not a Debian/Ubuntu system (no apt-get/dpkg): install Qt 6's xcb libraries (libxcb-cursor0 &c.),"
  say "           poppler-utils, ripgrep and fonts yourself; the Python part goes on"
fi

# ------------------------------------------------------------------------------------------------ network
NET_OK=1
if [ -n "$PY" ] && "$PY" -m pip --version >/dev/null 2>&1; then
  if out=$(timeout 30 "$PY" -m pip index versions pip --disable-pip-version-check 2>/dev/null) && [ -n "$out" ]; then
    say "  network  the Python package index answers (pip index: ${out%%$'\n'*})"
  else
    NET_OK=0
    say "  network  the Python package index does NOT answer (pip index versions pip failed or took over 30 s)"
  fi
else
  say "  network  not checked yet (no pip in that Python): the virtualenv's pip checks it when it installs"
fi
[ ${#missing[@]} -eq 0 ] || say "           apt's mirrors: checked by 'apt-get update' in step 1"

# --------------------------------------------------------------------------------------------------- disk
free_mb=$(df -Pm . | awk 'NR == 2 { print $4 }')
if [ -x "$VENV/bin/python" ]; then
  say "  disk     ${free_mb} MB free here ($VENV exists; a fresh one needs about 1 GB)"
else
  say "  disk     ${free_mb} MB free here (a fresh $VENV needs about 1 GB, pip's cache ~0.4 GB more when cold)"
  [ "$free_mb" -ge "$NEED_MB" ] || die "not enough disk: ${free_mb} MB free in $(pwd), about ${NEED_MB} MB needed"
fi

# ------------------------------------------------------------------------------------------------ display
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  say "  display  ${DISPLAY:+DISPLAY=$DISPLAY }${WAYLAND_DISPLAY:+WAYLAND_DISPLAY=$WAYLAND_DISPLAY}"
else
  say "  display  none here: the desktop client needs a desktop session (or xvfb-run); the command line"
  say "           (.venv/bin/botkyrka-namnd --help) and the tests (offscreen) work without one"
fi

# ------------------------------------------------------------------------------- 1. system packages (apt)
step_start 1 "system packages (apt)"
if [ ${#missing[@]} -eq 0 ]; then
  step_done "nothing to install"
else
  say "      apt-get update"
  if ! $SUDO apt-get update 2>&1 | tee -a "$LOG" | awk '/^(Err|E:|W:)/ { print "      " $0; fflush() }'; then
    die "apt-get update failed (no network to the Debian/Ubuntu package mirrors? see $LOG)"
  fi
  say "      apt-get install ${#missing[@]} packages (and what they depend on)"
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}" 2>&1 |
    tee -a "$LOG" | awk '
      /^Need to get/ { print "      " $0; fflush() }
      /^Get:/ { g++; if (g % 10 == 0) { printf "      downloaded %d packages\n", g; fflush() } }
      /^Setting up / { n++; printf "      [%d] set up %s\n", n, $3; fflush() }
      /^E:/ { print "      " $0; fflush() }'; then
    die "apt-get install failed (see $LOG)"
  fi
  step_done "installed: ${missing[*]}"
fi
if [ -z "$PY" ]; then # python3 came from apt just now
  PY=$(command -v python3 || true)
  PYV=$(py_version "${PY:-false}")
  { [ -n "$PYV" ] && supported "$PYV"; } || die "python3 from apt is Python ${PYV:-?}; Botkyrka nämnd supports 3.11 \
and 3.12 only. Install one (pyenv) and run: PYTHON=/path/to/python3.11 bash packaging/dev-setup.sh"
  PYMM=${PYV%.*}
  LOCK=packaging/requirements-py${PYMM/./}.txt
  say "      python: $PY (Python $PYV); lock $LOCK"
fi

# ----------------------------------------------------------------------------------------- 2. virtualenv
step_start 2 "virtualenv $VENV (Python $PYV)"
VPY=$VENV/bin/python
have=""
[ -x "$VPY" ] && have=$(py_version "$VPY")
if [ -n "$have" ] && [ "${have%.*}" = "$PYMM" ]; then
  step_done "exists (Python $have)"
else
  if [ -e "$VENV" ]; then
    say "      $VENV has ${have:+Python $have}${have:-no working Python}, not $PYMM: making it anew"
    rm -rf "$VENV"
  fi
  "$PY" -m venv "$VENV" >>"$LOG" 2>&1 || die "'$PY -m venv $VENV' failed (Debian: apt install python3-venv; see $LOG)"
  step_done "made with $PY"
fi

# --------------------------------------------------------------------------------- 3. locked dependencies
# How many of the lock's pins apply here (the markers of other platforms / Pythons are skipped).
N=$("$VPY" - "$LOCK" <<'EOF' 2>/dev/null || grep -c '==' "$LOCK"
import re, sys
from pip._vendor.packaging.markers import Marker
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^[A-Za-z0-9][^ ]*==[^ ;]+(?: ; (.*?))? \\$", line.rstrip("\n"))
    if m and (m.group(1) is None or Marker(m.group(1)).evaluate()):
        n += 1
print(n)
EOF
)
step_start 3 "dependencies: $N packages from $LOCK (pip --require-hashes)"
PIP=("$VPY" -m pip --disable-pip-version-check --no-input)
if ! PYTHONUNBUFFERED=1 "${PIP[@]}" install --require-hashes -r "$LOCK" 2>&1 | tee -a "$LOG" | awk -v total="$N" '
    /^Collecting / { n++; printf "      [%d/%d] %s\n", n, total, $2; fflush(); next }
    /^Processing .*\.whl/ { n++; f = $2; sub(/.*\//, "", f); split(f, a, "-"); printf "      [%d/%d] %s==%s\n", n, total, a[1], a[2]; fflush(); next }
    /^ *Downloading .*MB\)$/ { sub(/^ */, ""); printf "              %s\n", $0; fflush(); next }
    /^Requirement already satisfied/ { sat++; next }
    /^Installing collected packages/ { printf "      unpacking %d packages into the virtualenv...\n", gsub(/,/, ",") + 1; fflush(); next }
    /^Successfully installed/ { inst = NF - 2; next }
    /^(ERROR|error|  ERROR)/ || /hash/ { print "      " $0; fflush() }
    END { printf "      %d already installed, %d installed now\n", sat, inst }'; then
  [ $NET_OK = 1 ] || die "pip could not install the locked packages, and the package index did not answer: no network?"
  die "pip could not install the locked packages from $LOCK (see $LOG)"
fi
step_done

# ------------------------------------------------------------------------------------------ 4. the project
step_start 4 "the project itself (pip install --no-deps -e .) and a check"
if ! PYTHONUNBUFFERED=1 "${PIP[@]}" install --no-deps --no-build-isolation -e . >>"$LOG" 2>&1; then
  die "pip install --no-deps -e . failed (see $LOG)"
fi
"${PIP[@]}" check >>"$LOG" 2>&1 || die "pip check found broken requirements (see $LOG)"
version=$("$VENV/bin/botkyrka-namnd" --version 2>&1) || die "$VENV/bin/botkyrka-namnd --version failed: $version"
"$VPY" -c "import PySide6.QtPdf, PySide6.QtWidgets, sqlcipher3, pypdfium2" 2>>"$LOG" ||
  die "the installed packages do not import (see $LOG)"
step_done "$version; pip check ok; PySide6.QtPdf imports"

t=$((SECONDS - START))
say "dev-setup: ready in $((t / 60))m$((t % 60))s: $(pwd)/$VENV (Python $PYV, $N locked packages from $LOCK);" \
  "start the client with $VENV/bin/botkyrka-namnd"
