#!/usr/bin/env bash
# Runs Basket's whole test suite on a fresh machine: installs what it needs, builds every module,
# runs the unit tests, the Pax Exam integration tests against the built distribution (with two real
# libvirt+QEMU hosts in network namespaces), and the
# distribution smoke test (start, SSH login, first answer, stop).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
install_test_prerequisites

# the itests start two libvirt test hosts and stop them after the tests; this also stops them if Maven dies
trap 'scripts/libvirt-test-hosts/hosts.sh stop itests/target/libvirt-hosts >/dev/null 2>&1 || true' EXIT
mvn -B install
scripts/smoke.sh
