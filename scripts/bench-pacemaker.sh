#!/usr/bin/env bash
# Basket's scheduler side by side with Pacemaker's, run offline by crm_simulate, on the same synthetic cluster
# (org.basket.scheduler.bench.SyntheticCluster): steady state, one host lost (unclean), one host drained (standby).
#
#   scripts/bench-pacemaker.sh                        100 hosts x 1,000 VMs x 1,000 guest services
#   scripts/bench-pacemaker.sh 1000 10000 10000       another size (crm_simulate takes minutes a case there)
#   CASES="unclean" SEED=7 RUNS=20 scripts/bench-pacemaker.sh 100 1000 1000
#
# For each case it writes cib.xml (ocf:pacemaker:Dummy primitives, allow-migrate=true for migratable VMs, the same
# anti-affinity and orders, node status; see PacemakerCib) and input.yaml (Basket's scenario input) under
# bundles/scheduler/target/bench-pacemaker/, times `crm_simulate -x cib.xml -S` (the whole run), then plans
# input.yaml with Basket (org.basket.scheduler.PacemakerComparison) and prints both times, the ratio, and whether
# both plans move the same resources the same way (migrate / recover / move / stop).
# Installs Debian pacemaker-cli-utils if crm_simulate is missing. Compiles the scheduler module's test classes
# (Maven, offline) unless BENCH_BUILD=0. Run nothing else on the machine meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh

hosts=${1:-100}
vms=${2:-1000}
services=${3:-$vms}
cases=${CASES:-steady unclean standby}
seed=${SEED:-42}
runs=${RUNS:-10}
module=bundles/scheduler

command -v crm_simulate >/dev/null || apt_install pacemaker-cli-utils
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  (cd "$module" && mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench.classpath >/dev/null)
fi
cp="$module/target/classes:$module/target/test-classes:$(cat "$module/target/bench.classpath")"
main=org.basket.scheduler.PacemakerComparison
work="$module/target/bench-pacemaker/${hosts}x${vms}x${services}"

echo "Pacemaker: $(crm_simulate --version | head -1); Basket: Java $(java -version 2>&1 | head -1 | cut -d'"' -f2)," \
     "$(nproc) CPUs"
for case in $cases; do
  dir="$work/$case"
  cluster=$(java -cp "$cp" "$main" export "$hosts" "$vms" "$services" "$case" "$seed" "$dir")
  echo
  echo "== $case: $cluster"
  start=$(date +%s.%N)
  crm_simulate -x "$dir/cib.xml" -S > "$dir/crm_simulate.txt" 2> "$dir/crm_simulate.err" \
    || { echo "crm_simulate failed:"; tail -5 "$dir/crm_simulate.err"; exit 1; }
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }' > "$dir/crm_simulate.seconds"
  java ${JAVA_OPTS:--Xmx1g} -cp "$cp" "$main" compare "$dir" "$runs"
done
