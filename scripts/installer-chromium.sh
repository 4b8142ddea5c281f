#!/usr/bin/env bash
# Installe Chromium depuis les paquets Debian si absent (les tests navigateur l'utilisent).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium manque : lancez « sudo apt-get install -y chromium »." >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
