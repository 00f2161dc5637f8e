#!/usr/bin/env bash
# Two real libvirt+QEMU test hosts on this machine, for Basket's end-to-end tests.
#
#   hosts.sh start DIR   builds the counter guest, installs the test fence agent, and starts host lva
#                        and host lvb: each a root libvirtd in its own network, mount and UTS namespace
#                        (basket-lva / basket-lvb, joined by a veth pair 10.211.77.1 <-> 10.211.77.2)
#   hosts.sh stop DIR    kills each host's libvirtd and QEMU by PID and deletes the namespaces
#   hosts.sh start-host DIR NAME   starts one host again (what the fence agent's "on" runs)
#
# DIR gets one folder per host (its private /etc/libvirt, /run/libvirt, /var/lib/libvirt, ...) with
# uri (the client URI, a unix socket), the guest (counter.elf) and its domain XML (counter.xml).
# No address outside the namespaces is used; no process is left when stop returns.
set -euo pipefail

HOSTS=(lva lvb)
declare -A ADDRESS=([lva]=10.211.77.1 [lvb]=10.211.77.2)
HERE=$(cd "$(dirname "$0")" && pwd)
AGENT=/usr/local/sbin/fence_basket_netns
REGISTRY=/run/basket-test-hosts

namespace() { echo "basket-$1"; }

socket() { echo "$1/$2/run/libvirt/libvirt-sock"; }

uri() { echo "qemu+unix:///system?socket=$(socket "$1" "$2")"; }

prepare_host() {
  local dir=$1 host=$2 root=$1/$2
  rm -rf "$root"
  mkdir -p "$root"/{run/libvirt,var/lib/libvirt,var/log/libvirt,var/cache/libvirt}
  cp -a /etc/libvirt "$root/etc-libvirt"
  rm -f "$root"/etc-libvirt/qemu/networks/autostart/*
  # qemu as root: as libvirt-qemu, libvirt re-probes capabilities for seconds on every call
  cat >> "$root/etc-libvirt/qemu.conf" <<CONF
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
stdio_handler = "file"
namespaces = [ ]
cgroup_controllers = [ ]
migration_host = "${ADDRESS[$host]}"
migration_address = "${ADDRESS[$host]}"
CONF
  cat >> "$root/etc-libvirt/libvirtd.conf" <<CONF
host_uuid = "$(cat /proc/sys/kernel/random/uuid)"
unix_sock_group = "root"
unix_sock_rw_perms = "0700"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
CONF
  printf '127.0.0.1 localhost\n%s %s\n%s %s\n' "${ADDRESS[lva]}" lva "${ADDRESS[lvb]}" lvb > "$root/hosts"
  # a capability cache from an earlier run saves the 8 s probe of QEMU
  if [[ -d $dir/../libvirt-capabilities-cache ]]; then
    cp -a "$dir/../libvirt-capabilities-cache/." "$root/var/cache/libvirt/"
  fi
  uri "$dir" "$host" > "$root/uri"
}

start_daemon() {
  local dir=$1 host=$2 root=$1/$2
  nsenter --net="/run/netns/$(namespace "$host")" unshare --mount --uts --propagation private \
    sh -c "mkdir -p /run/libvirt /var/lib/libvirt /var/cache/libvirt /var/log/libvirt &&
           mount --bind '$root/etc-libvirt' /etc/libvirt &&
           mount --bind '$root/run/libvirt' /run/libvirt &&
           mount --bind '$root/var/lib/libvirt' /var/lib/libvirt &&
           mount --bind '$root/var/cache/libvirt' /var/cache/libvirt &&
           mount --bind '$root/var/log/libvirt' /var/log/libvirt &&
           mount --bind '$root/hosts' /etc/hosts &&
           hostname $host &&
           exec libvirtd --pid-file '$root/libvirtd.pid'" > "$root/libvirtd.out" 2>&1 &
  echo $! > "$root/launcher.pid"
  mkdir -p "$REGISTRY"
  printf '%q start-host %q %q\n' "$HERE/hosts.sh" "$dir" "$host" > "$REGISTRY/$(namespace "$host").start"
}

await_daemon() {
  local dir=$1 host=$2
  for _ in $(seq 1 300); do
    if virsh -q -c "$(uri "$dir" "$host")" version >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "libvirtd of test host $host did not answer within 30 s:" >&2
  tail -n 20 "$dir/$host/libvirtd.out" "$dir/$host/var/log/libvirt/libvirtd.log" >&2 || true
  return 1
}

create_namespaces() {
  for host in "${HOSTS[@]}"; do
    ip netns add "$(namespace "$host")"
    ip -n "$(namespace "$host")" link set lo up
  done
  ip link add lva0 netns "$(namespace lva)" type veth peer name lvb0 netns "$(namespace lvb)"
  for host in "${HOSTS[@]}"; do
    ip -n "$(namespace "$host")" addr add "${ADDRESS[$host]}/24" dev "${host}0"
    ip -n "$(namespace "$host")" link set "${host}0" up
  done
}

write_guest() {
  local dir=$1
  "$HERE/build-guest.sh" "$dir/counter.elf"
  sed "s|@KERNEL@|$dir/counter.elf|" "$HERE/counter.xml" > "$dir/counter.xml"
}

kill_host() {
  local dir=$1 host=$2 ns
  ns=$(namespace "$host")
  for pid_file in "$dir/$host/launcher.pid" "$dir/$host/libvirtd.pid"; do
    [[ -f $pid_file ]] && kill -9 "$(cat "$pid_file")" 2>/dev/null || true
  done
  if [[ -e /run/netns/$ns ]]; then
    for pid in $(ip netns pids "$ns"); do kill -9 "$pid" 2>/dev/null || true; done
  fi
}

start() {
  local dir
  dir=$(mkdir -p "$1" && cd "$1" && pwd)
  stop "$dir"
  install -m 0755 "$HERE/fence_basket_netns" "$AGENT"
  write_guest "$dir"
  create_namespaces
  for host in "${HOSTS[@]}"; do
    prepare_host "$dir" "$host"
    start_daemon "$dir" "$host"
  done
  for host in "${HOSTS[@]}"; do
    await_daemon "$dir" "$host"
  done
  mkdir -p "$dir/../libvirt-capabilities-cache"
  cp -a "$dir/lva/var/cache/libvirt/." "$dir/../libvirt-capabilities-cache/"
  echo "libvirt test hosts up: $(cat "$dir/lva/uri") $(cat "$dir/lvb/uri")"
}

start_host() {
  local dir=$1 host=$2
  kill_host "$dir" "$host"
  # like a reboot: nothing of the last run survives in /run
  rm -rf "$dir/$host/libvirtd.pid" "$dir/$host/run/libvirt/"*
  start_daemon "$dir" "$host"
  await_daemon "$dir" "$host"
}

stop() {
  local dir=$1
  for host in "${HOSTS[@]}"; do
    kill_host "$dir" "$host"
    rm -f "$REGISTRY/$(namespace "$host").start"
  done
  sleep 0.2
  for host in "${HOSTS[@]}"; do
    if [[ -e /run/netns/$(namespace "$host") ]]; then
      ip netns del "$(namespace "$host")"
    fi
  done
}

case ${1:-} in
  start) start "${2:?DIR}" ;;
  stop) stop "$(cd "${2:?DIR}" 2>/dev/null && pwd || echo "$2")" ;;
  start-host) start_host "${2:?DIR}" "${3:?NAME}" ;;
  *) echo "usage: $0 start|stop DIR | start-host DIR NAME" >&2; exit 2 ;;
esac
