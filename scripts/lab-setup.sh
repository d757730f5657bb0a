#!/usr/bin/env bash
# The NAT lab's setup (sdpscope lab, npm run test:e2e). Installs what the lab needs, from
# Debian's packages: Chromium, Firefox ESR, coturn (STUN/TURN), iptables and ipset (the lab's NAT
# routers), iproute2 (network namespaces) and openssl (the relay's TLS test); and
# playwright-core (an optional peer dependency of sdpscope, which drives Chromium) from the npm
# registry when it cannot be loaded. Needs root. Never skips: anything missing or failing to
# install is a failure with its reason.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
  echo "e2e: needs root (network namespaces, iptables, apt-get); run as root" >&2
  exit 1
fi
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || need+=(firefox-esr)
command -v turnserver >/dev/null 2>&1 || need+=(coturn)
command -v iptables >/dev/null 2>&1 || need+=(iptables)
command -v ipset >/dev/null 2>&1 || need+=(ipset)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  echo "e2e: installing ${need[*]} (Debian packages)" >&2
  if ! apt-get update -qq; then
    echo "e2e: apt-get update failed: cannot install ${need[*]}" >&2
    exit 1
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; then
    echo "e2e: apt-get install ${need[*]} failed" >&2
    exit 1
  fi
fi
# Debian's coturn package may start its own service; the lab runs its own turnserver.
if command -v service >/dev/null 2>&1; then service coturn stop >/dev/null 2>&1 || true; fi
chromium --version >&2
firefox-esr --version >&2
turnserver --version 2>&1 | head -1 | sed 's/^/coturn /' >&2
iptables --version >&2
# playwright-core: a devDependency in a clone, an optional peer dependency when installed.
if ! node --input-type=module -e "await import('playwright-core')" >/dev/null 2>&1; then
  range=$(node -p "require('./package.json').peerDependencies['playwright-core']")
  echo "lab: installing playwright-core@$range (npm)" >&2
  npm install --no-save --no-package-lock --ignore-scripts "playwright-core@$range" >/dev/null
fi
node --input-type=module -e "const p = await import('playwright-core'); console.error('playwright-core', (await import('playwright-core/package.json', { with: { type: 'json' } })).default.version)"
