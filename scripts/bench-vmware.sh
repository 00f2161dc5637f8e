#!/usr/bin/env bash
# Measures the VMware driver against the vSphere API simulator (scripts/vsphere-sim), in real time
# (org.basket.core.VmwareBenchmark, in the VMware driver's tests): discovery of a simulated vCenter
# (the driver's login and inventory, attaching and observing every host, the manager adopting every VM),
# a VM powered off behind Basket's back until its restart is issued, a host vCenter no longer reaches
# until every restart is issued (fenced through the simulator's BMC endpoint), and Basket's overhead on
# a vMotion. The manager runs with its default timing. Note the machine's load beside the numbers.
#
#   scripts/bench-vmware.sh                  100 hosts, 1,000 VMs, 3 runs
#   scripts/bench-vmware.sh 10 100 5         hosts, VMs, runs
#
# Compiles the driver's test classes (Maven) unless BENCH_BUILD=0; builds the simulator when its
# sources changed (golang-go and golang-github-vmware-govmomi-dev: scripts/prerequisites.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
module=drivers/vmware
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  flock /tmp/mvn.lock mvn -B -q -f "$module/pom.xml" test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
cd "$module"
java ${JAVA_OPTS:--Xmx1g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.basket.core.VmwareBenchmark "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
