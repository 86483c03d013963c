#!/usr/bin/env bash
# Install newsbot into a virtual environment: CPU torch first, then the project (used by make and the Dockerfile).
set -euo pipefail
venv="${1:-.venv}"
python="${2:-python3}"
extras="${NEWSBOT_EXTRAS:-dev}"
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
# TORCH_INDEX_URL (e.g. https://download.pytorch.org/whl/cpu in the Dockerfile) picks the CPU wheel index;
# without it pip takes torch 2.13.0 from its configured sources (here: the CPU wheel on this machine's disk).
if [ -n "${TORCH_INDEX_URL:-}" ]; then
  "$venv/bin/python" -m pip install --quiet "torch==2.13.0" --index-url "$TORCH_INDEX_URL"
else
  "$venv/bin/python" -m pip install --quiet "torch==2.13.0"
fi
if [ -n "$extras" ]; then
  "$venv/bin/python" -m pip install --quiet -e "$here[$extras]"
else
  "$venv/bin/python" -m pip install --quiet "$here"
fi
