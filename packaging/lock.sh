#!/usr/bin/env bash
# Regenerate the dependency locks packaging/requirements-py311.txt and -py312.txt from pyproject.toml
# (dependencies + the `test` extra) and packaging/requirements-build.in (setuptools, wheel), every
# package with its sha256 hashes, resolved for every platform (Linux, Windows, macOS: --universal writes
# platform markers where a package is platform-specific). Run it after changing a dependency in
# pyproject.toml, then `bash packaging/dev-setup.sh` and the tests, and commit the lock files.
#   bash packaging/lock.sh            # keep the pins that still satisfy pyproject.toml
#   bash packaging/lock.sh --upgrade  # move every pin to the newest allowed version
# Needs uv: the one on PATH, else it is installed into a throw-away venv (.dev/uv-venv, not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
UV=$(command -v uv || true)
if [ -z "$UV" ]; then
  PY=$(command -v python3.11 || command -v python3.12 || command -v python3)
  if [ ! -x .dev/uv-venv/bin/uv ]; then
    echo "lock: installing uv into .dev/uv-venv (with $PY)"
    "$PY" -m venv .dev/uv-venv
    .dev/uv-venv/bin/python -m pip install --disable-pip-version-check -q uv
  fi
  UV=.dev/uv-venv/bin/uv
fi
for v in 3.11 3.12; do
  out=packaging/requirements-py${v/./}.txt
  echo "lock: Python $v -> $out"
  "$UV" pip compile pyproject.toml packaging/requirements-build.in --extra test --generate-hashes --universal \
    --python-version "$v" --custom-compile-command "bash packaging/lock.sh" --quiet "$@" -o "$out"
  echo "lock: $(grep -c '==' "$out") pins, $(grep -c -- '--hash=sha256' "$out") hashes, $(du -h "$out" | cut -f1)"
done
