#!/usr/bin/env bash
# Imports a Pacemaker CIB as Basket's etc/ files without a running manager (the same as ha:import-cib):
#
#   scripts/import-cib.sh FILE [--dry-run] [--partial] [--to DIR] [--scenario FILE]
#
# FILE is a CIB (`cibadmin --query > cib.xml` on the Pacemaker cluster). Hosts, VMs (VirtualDomain), constraints
# and fence devices become files in DIR (default: etc); what cannot be mapped is listed with its element's id and
# why, and then nothing is written unless --partial. --dry-run shows the files instead. --scenario FILE also
# writes the CIB's status (node states, what runs and failed where, fail counts) as a scheduler scenario's
# observed state (bundles/scheduler/src/test/resources/scenarios/README.md). Exit 0: imported, 1: not, 2: usage.
# Builds bundles/pacemaker-import if its jar is missing (IMPORT_BUILD=1 rebuilds it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
module="$root/bundles/pacemaker-import"
jar="$module/target/basket-pacemaker-import-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ] || [ "${IMPORT_BUILD:-0}" = 1 ]; then
  (cd "$root" && mvn -B -q install -DskipTests -pl bundles/api,bundles/pacemaker-import >&2)
fi
api="$root/bundles/api/target/classes"
exec java -cp "$jar:$api" org.basket.pacemaker.ImportCibMain "$@"
