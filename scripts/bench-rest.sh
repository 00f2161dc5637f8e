#!/usr/bin/env bash
# The REST API's figures on the built distribution (karaf-assembly/target), with basket-rest booted, on a simulated
# datacenter: requests per second for GET /api/status, and the latency of events from the control loop to an SSE
# client (a burst of VM crashes). Runs in target/bench-rest/; stops the distribution at the end.
#
#   scripts/bench-rest.sh                  1,000 hosts, 10,000 VMs, 4 clients for 20 s, 20 VM crashes
#   scripts/bench-rest.sh 100 1000 8 30 50 hosts, VMs, clients, seconds, VM crashes
#
# Needs the distribution built (mvn install -pl karaf-assembly -am; BENCH_DIST=file.tar.gz names another) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
hosts=${1:-1000} vms=${2:-10000} clients=${3:-4} seconds=${4:-20} crashes=${5:-20}
work=$PWD/target/bench-rest
rm -rf "$work" && mkdir -p "$work"
tar xzf "${BENCH_DIST:-$(echo karaf-assembly/target/basket-karaf-assembly-*.tar.gz)}" -C "$work"
home=$(echo "$work"/basket-karaf-assembly-*)
rm -f "$home"/etc/org.basket.host-*.cfg "$home"/etc/org.basket.resource-*.cfg "$home"/etc/org.basket.constraint-*.cfg
python3 - "$home" "$hosts" "$vms" <<'PY'
import re, socket, sys
home, hosts, vms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def free():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); p = s.getsockname()[1]; s.close(); return p
for h in range(hosts):
    open(f'{home}/etc/org.basket.host-h{h}.cfg', 'w').write('driver = sim\n')
for v in range(vms):
    open(f'{home}/etc/org.basket.resource-vm{v}.cfg', 'w').write('kind = vm\ncpus = 1\nmemory.mb = 1024\nmigratable = true\n')
sim = open(f'{home}/etc/org.basket.driver-sim.cfg').read()
open(f'{home}/etc/org.basket.driver-sim.cfg', 'w').write(re.sub(r'(?m)^latency\.ms = .*$', 'latency.ms = 1', sim))
ssh, web = free(), free()
shell = open(f'{home}/etc/org.apache.karaf.shell.cfg').read()
open(f'{home}/etc/org.apache.karaf.shell.cfg', 'w').write(re.sub(r'(?m)^sshPort = .*$', f'sshPort = {ssh}', shell))
open(f'{home}/etc/org.ops4j.pax.web.cfg', 'w').write(f'org.osgi.service.http.port = {web}\norg.ops4j.pax.web.listening.addresses = 127.0.0.1\n')
open(f'{home}/etc/users.properties', 'a').write('\nbench = bench, viewer\nbenchadmin = benchadmin, _g_:admingroup\n')
features = open(f'{home}/etc/org.apache.karaf.features.cfg').read()
open(f'{home}/etc/org.apache.karaf.features.cfg', 'w').write(re.sub(r'(?m)^(featuresBoot = .*\S)\s*$', r'\1, basket-rest', features))
open(f'{home}/../ports', 'w').write(f'{ssh} {web}\n')
PY
read -r ssh web < "$work/ports"
url=http://127.0.0.1:$web
# a session of its own, whose id is the pid recorded: stopping it stops bin/karaf and its JVM
(cd "$home" && JAVA_MAX_MEM=${JAVA_MAX_MEM:-4g} exec setsid bin/karaf server > "$work/karaf.out" 2>&1) &
echo $! > "$work/karaf.pid"
trap 'kill -- -"$(cat "$work/karaf.pid")" 2>/dev/null || true; wait' EXIT
echo "Basket on $hosts hosts, $vms VMs: waiting until every VM runs"
for _ in $(seq 600); do
  running=$(curl -s -u bench:bench "$url/api/resources" | grep -o '"state":"running"' | wc -l || true)
  [ "$running" -ge "$vms" ] && break
  sleep 1
done
echo "$running VMs running"
java scripts/bench-rest/BenchRest.java status "$url" bench:bench "$clients" "$seconds"
java scripts/bench-rest/BenchRest.java events "$url" bench:bench "$((crashes * 4))" > "$work/events.out" &
reader=$!
sleep 2
commands=$(for i in $(seq 0 $((crashes - 1))); do echo "sim:crash-vm vm$i"; done)
(cd "$home" && printf '%s\n' "$commands" | bin/client -p "$ssh" -u benchadmin -p benchadmin -r 60 -d 1 -b > /dev/null 2>&1)
wait "$reader"
cat "$work/events.out"
