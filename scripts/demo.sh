#!/usr/bin/env bash
# Builds Basket and starts it on its embedded default (simulated hosts, local state), leaving you
# at the Karaf console with the ha: commands. Type 'ha:status'; leave with 'logout' or Ctrl-D.
#   scripts/demo.sh            build (tests skipped) and start in the foreground
#   scripts/demo.sh --background   start in the background; then: scripts/shell.sh ha:status
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
install_build_prerequisites

mvn -B -q install -DskipTests
home=target/basket
rm -rf "$home" && mkdir -p "$home"
tar -xzf karaf-assembly/target/basket-*.tar.gz -C "$home" --strip-components=1
scripts/demo-profile.sh "$home"
echo "Basket unpacked in $home (demo configuration in $home/etc, demo login basket/basket)."
if [[ "${1:-}" == "--background" ]]; then
  "$home/bin/start"
  echo "Started in the background. Shell: scripts/shell.sh  (or ssh -p 8101 basket@127.0.0.1). Stop: $home/bin/stop"
else
  exec "$home/bin/karaf"
fi
