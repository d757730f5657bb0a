#!/usr/bin/env bash
# Installs what the browser tests need, from Debian's packages: Chromium and iproute2 (network
# namespaces). Needs root. Never skips: anything missing is a failure with its reason.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
  echo "e2e: needs root (network namespaces, apt-get); run as root" >&2
  exit 1
fi
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  echo "e2e: installing ${need[*]} (Debian packages)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
chromium --version >&2
