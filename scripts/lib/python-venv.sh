#!/usr/bin/env bash
# python-venv.sh NAME: prints the directory of a Python virtual environment holding exactly
# scripts/requirements/NAME.txt, creating it first if it does not exist yet. Environments are cached
# outside the work tree (LLMOPS_VENV_CACHE, default ~/.cache/llmops/venvs) under the name and a hash of
# the requirements file, so a clean clone reuses one a previous run built, and a changed pin builds anew.
# The Python is LLMOPS_PYTHON, else python3 on the PATH. Progress goes to stderr, the path to stdout.
set -euo pipefail

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
name=${1:?usage: python-venv.sh NAME (a file scripts/requirements/NAME.txt)}
requirements="${PROJECT_DIR}/scripts/requirements/${name}.txt"
[[ -f "${requirements}" ]] || { echo "python-venv.sh: no ${requirements}" >&2; exit 2; }

python=${LLMOPS_PYTHON:-python3}
hash=$( (cat "${requirements}"; "${python}" -c 'import sys; print(sys.version)') | sha256sum | cut -c1-12)
cache=${LLMOPS_VENV_CACHE:-${HOME}/.cache/llmops/venvs}
venv="${cache}/${name}-${hash}"

if [[ ! -f "${venv}/.complete" ]]; then
  mkdir -p "${cache}"
  # One builder at a time per environment: tests in parallel JVMs may ask for the same one.
  exec 9>"${venv}.lock"
  flock 9
  if [[ ! -f "${venv}/.complete" ]]; then
    echo "python-venv.sh: installing ${name} into ${venv} (once)..." >&2
    rm -rf "${venv}"
    "${python}" -m venv "${venv}"
    "${venv}/bin/pip" install -q --disable-pip-version-check --upgrade pip >&2
    "${venv}/bin/pip" install -q --disable-pip-version-check -r "${requirements}" >&2
    touch "${venv}/.complete"
  fi
fi
echo "${venv}"
