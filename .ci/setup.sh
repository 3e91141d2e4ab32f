#!/usr/bin/env bash
# Installs what the explainer needs on a Debian/Ubuntu machine, then returns.
# Idempotent: a second run only checks. Used by the README's two commands and by CI.
#   system packages: cairo and pango headers, pkg-config, a LaTeX with `standalone`, dvisvgm, fonts,
#   and the narration voices: Festival with the US "slt" HTS voice, espeak-ng as the fallback
#   Python: a virtual environment in .venv with this project (and its test extra) installed
# With --test it also installs what only the tests need: Chromium and its driver (the deck's browser test).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config libcairo2-dev libpango1.0-dev
  texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
  cm-super-minimal dvisvgm fonts-dejavu-core
  festival festvox-us-slt-hts espeak-ng
)
if [ "${1:-}" = "--test" ]; then
  APT_PACKAGES+=(chromium chromium-driver)
elif [ -n "${1:-}" ]; then
  echo "setup: unknown option $1 (the only one is --test)" >&2
  exit 2
fi
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ! "$PYTHON" -c "import venv, ensurepip" 2>/dev/null; then
  missing+=(python3-venv python3-dev)
fi

if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing system packages: ${missing[*]}" >&2
    echo "setup: install them as root (sudo apt-get install --no-install-recommends ${missing[*]}) and run this again" >&2
    exit 1
  fi
  echo "setup: installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating the virtual environment $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.installed-$(cat pyproject.toml | sha1sum | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  echo "setup: installing the project and its Python dependencies into $VENV (compiles pycairo and manimpango once)"
  log="$VENV/pip-install.log"
  if ! { "$VENV/bin/python" -m pip install --disable-pip-version-check --upgrade pip &&
         "$VENV/bin/python" -m pip install --disable-pip-version-check -e ".[test]"; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "setup: pip install failed; the full log is $log" >&2
    exit 1
  fi
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi
echo "setup: ready ($("$VENV/bin/python" -c 'import manim; print("manim", manim.__version__)'))"
