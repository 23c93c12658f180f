#!/usr/bin/env bash
# Install code-server (VS Code's server build + web workbench + Node extension host) from the npm registry,
# for the project's end-to-end tests (test/e2e/run.js). Debian 12 + Node 20.
#
# Usage: scripts/install-code-server.sh [DEST]
#   DEST defaults to ${CFN_RESILIENCE_CACHE:-$HOME/.cache/cfn-resilience}/code-server-$VERSION
#   VERSION defaults to 4.100.3 (= VS Code 1.100.3, the newest code-server whose engines.node is 20);
#   override with CODE_SERVER_VERSION at your own risk (4.103+ need Node 22).
# Prints the path of the code-server executable on its last line of stdout.
# Idempotent: when DEST holds a finished install of VERSION it returns at once.
#
# Why not `npm install code-server`: it fails four ways on a fresh Debian machine with only the npm registry
# and Debian's archive reachable, and each is handled below:
#   1. as root, code-server's postinstall refuses to run without --unsafe-perm   -> npm_config_unsafe_perm,
#      and we skip that postinstall (--ignore-scripts) and do its few steps ourselves;
#   2. native modules (kerberos, native-keymap, node-pty, spdlog...) need headers -> libkrb5-dev, libx11-dev,
#      libxkbfile-dev, libsecret-1-dev, build-essential, python3, pkg-config from apt;
#   3. @vscode/ripgrep's postinstall downloads a binary from GitHub               -> scripts skipped, and
#      Debian's /usr/bin/rg linked into its bin/ folder;
#   4. node-pty's install script calls `npx`, which prompts in a non-tty          -> npm_config_yes=true.
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${CFN_RESILIENCE_CACHE:-$HOME/.cache/cfn-resilience}"
DEST="${1:-$CACHE/code-server-$VERSION}"
BIN="$DEST/node_modules/.bin/code-server"
MARKER="$DEST/.cfn-resilience-installed"

say() { echo "[install-code-server] $*" >&2; }
installed() { [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$VERSION" ] && [ -x "$BIN" ]; }

if installed; then
  echo "$BIN"
  exit 0
fi

# One installer at a time per DEST (parallel CI jobs sharing the cache): wait, then re-check.
mkdir -p "$(dirname "$DEST")"
exec 9>"$DEST.lock"
if command -v flock >/dev/null; then flock 9; fi
if installed; then
  echo "$BIN"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
export npm_config_yes=true npm_config_unsafe_perm=true npm_config_audit=false npm_config_fund=false
export npm_config_update_notifier=false npm_config_loglevel=error

# --- apt dependencies ------------------------------------------------------------------------------------------
APT_DEPS=(build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep)
missing=()
for p in "${APT_DEPS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  say "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
RG="$(command -v rg)" || { say "ripgrep (rg) is not on PATH"; exit 1; }

# --- build in a scratch folder next to DEST, then move it into place (an interrupted run leaves no half install) --
WORK="$(mktemp -d "$DEST.partial.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
say "installing code-server $VERSION into $DEST (a few minutes on a cold npm cache)"
start=$(date +%s)
cd "$WORK"
printf '{"name":"cfn-resilience-code-server","private":true}\n' > package.json
# (1)(3) no lifecycle scripts: code-server's own postinstall and @vscode/ripgrep's download are skipped
npm install --ignore-scripts --no-save "code-server@$VERSION" >/dev/null
npm rebuild argon2 >/dev/null   # code-server's password hashing (native, prebuilt or built from source)

VS="$WORK/node_modules/code-server/lib/vscode"
[ -d "$VS" ] || { say "unexpected code-server layout: $VS missing"; exit 1; }
cd "$VS"
if grep -qs 'bpasero/watcher' package.json npm-shrinkwrap.json; then
  say "code-server $VERSION depends on a GitHub-hosted package (bpasero/watcher); only 4.100.x is supported here"
  exit 1
fi
# VS Code's own runtime dependencies, again without lifecycle scripts
npm install --omit=dev --ignore-scripts >/dev/null
# (3) ripgrep: VS Code's search runs node_modules/@vscode/ripgrep/bin/rg
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$RG" node_modules/@vscode/ripgrep/bin/rg
# (2)(4) compile the native modules now that headers are present and npx does not prompt
npm rebuild >/dev/null 2>"$WORK/rebuild.log" || { cat "$WORK/rebuild.log" >&2; exit 1; }
# what code-server's postinstall.sh would have done
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
# built-in extensions' dependencies (YAML/JSON language features live here)
(cd extensions && npm install --omit=dev >/dev/null)

"$WORK/node_modules/.bin/code-server" --version >/dev/null
echo "$VERSION" > "$WORK/.cfn-resilience-installed"
trap - EXIT
rm -rf "$DEST"
mv "$WORK" "$DEST"
say "done in $(( $(date +%s) - start ))s"
echo "$BIN"
