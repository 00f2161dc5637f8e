#!/usr/bin/env bash
# Runs Basket's whole test suite on a fresh machine: installs what it needs, builds every module,
# runs the unit tests, the Pax Exam integration tests against the built distribution, and the
# distribution smoke test (start, SSH login, first answer, stop).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
install_test_prerequisites

mvn -B install
scripts/smoke.sh
