#!/bin/sh
# Builds the vSphere API simulator for Basket's VMware driver tests: govmomi's simulator package from
# Debian's golang-github-vmware-govmomi-dev, offline. Usage: build.sh OUTPUT
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUTPUT}
command -v go >/dev/null || { echo "build.sh: go is missing: scripts/prerequisites.sh installs golang-go and golang-github-vmware-govmomi-dev" >&2; exit 1; }
[ -d /usr/share/gocode/src/github.com/vmware/govmomi/simulator ] || { echo "build.sh: golang-github-vmware-govmomi-dev is missing" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
cd "$here"
GOPATH=/usr/share/gocode GO111MODULE=off GOCACHE=${GOCACHE:-${TMPDIR:-/tmp}/basket-vsphere-sim-gocache} \
  go build -o "$out" . 2>&1 || { echo "build.sh: go build failed" >&2; exit 1; }
