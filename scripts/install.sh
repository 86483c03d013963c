#!/usr/bin/env bash
# Install newsbot into a virtual environment: CPU torch first, then the project (used by make and the Dockerfile).
#
#   scripts/install.sh [VENV] [PYTHON]
#
# NEWSBOT_INSTALL picks the steps: "all" (default: torch, dependencies, project), "deps" (torch and the
# dependencies listed in pyproject.toml only: the Dockerfile's cached layer, built before the source is copied)
# or "project" (the project itself with --no-deps, after "deps"). NEWSBOT_EXTRAS (default "dev") names the
# optional dependencies installed with "all" (an editable install) or "deps"; empty installs none and, with
# "all", a regular (non-editable) install.
set -euo pipefail
venv="${1:-.venv}"
python="${2:-python3}"
extras="${NEWSBOT_EXTRAS-dev}"
steps="${NEWSBOT_INSTALL:-all}"
here="$(cd "$(dirname "$0")/.." && pwd)"
case "$steps" in
  all|deps|project) ;;
  *) echo "install.sh: NEWSBOT_INSTALL=$steps is not one of all, deps, project" >&2; exit 2 ;;
esac
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
# --no-cache-dir: no second copy of every wheel (torch alone is ~750 MB) on a disk that may be small.
pip=("$venv/bin/python" -m pip install --quiet --no-cache-dir)
if [ "$steps" != "project" ]; then
  "${pip[@]}" --upgrade pip
  # TORCH_INDEX_URL (e.g. https://download.pytorch.org/whl/cpu in the Dockerfile) picks the CPU wheel index;
  # without it pip takes torch 2.13.0 from its configured sources (here: the CPU wheel on this machine's disk).
  if [ -n "${TORCH_INDEX_URL:-}" ]; then
    "${pip[@]}" "torch==2.13.0" --index-url "$TORCH_INDEX_URL"
  else
    "${pip[@]}" "torch==2.13.0"
  fi
fi
if [ "$steps" = "deps" ]; then
  requirements="$(mktemp)"
  trap 'rm -f "$requirements"' EXIT
  "$venv/bin/python" - "$here/pyproject.toml" "$extras" >"$requirements" <<'PY'
import sys
import tomllib

project = tomllib.load(open(sys.argv[1], "rb"))["project"]
extras = [name for name in sys.argv[2].split(",") if name]
print("\n".join(project["dependencies"] + [d for name in extras for d in project["optional-dependencies"][name]]))
PY
  "${pip[@]}" -r "$requirements"
elif [ "$steps" = "project" ]; then
  "${pip[@]}" --no-deps "$here"
elif [ -n "$extras" ]; then
  "${pip[@]}" -e "$here[$extras]"
else
  "${pip[@]}" "$here"
fi
