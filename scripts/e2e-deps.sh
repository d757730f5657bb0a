#!/usr/bin/env bash
# Installs what the browser tests and the NAT lab need, from Debian's packages: Chromium,
# Firefox ESR, coturn (STUN/TURN), iptables (the lab's NAT routers), iproute2 (network
# namespaces) and openssl (the relay's TLS test). Needs root. Never skips: anything missing
# or failing to install is a failure with its reason.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
  echo "e2e: needs root (network namespaces, iptables, apt-get); run as root" >&2
  exit 1
fi
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || need+=(firefox-esr)
command -v turnserver >/dev/null 2>&1 || need+=(coturn)
command -v iptables >/dev/null 2>&1 || need+=(iptables)
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
