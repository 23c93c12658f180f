#!/usr/bin/env bash
# Install what the test suite needs beyond node_modules, on a fresh Debian 12 machine (root, or sudo):
#   - chromium (+ fonts, so screenshots have text)  -> the end-to-end tests (test/e2e) drive it headless
#   - neovim                                         -> test/clients (the language server over stdio)
#   - ripgrep and code-server's native build deps    -> code-server, via scripts/install-code-server.sh
#   - emacs-nox + elpa-eglot                        -> test/clients (eglot); CFN_CI_EMACS=0 leaves them out (the
#                                                      eglot test then skips instead of failing under CI=true)
# Idempotent and silent when everything is present; only apt-get and the npm registry are used.
# scripts/test.mjs runs this first under CI=true.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

packages=(chromium fonts-liberation fonts-dejavu-core neovim ripgrep
  build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
if [ "${CFN_CI_EMACS:-1}" != "0" ]; then packages+=(emacs-nox elpa-eglot); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "[ci-deps] apt-get install ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# code-server into the cache dir (a no-op when it is already there); it prints the binary's path
"$here/install-code-server.sh" >/dev/null
