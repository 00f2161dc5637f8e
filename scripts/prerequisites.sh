# Installs what building and testing Basket needs on a fresh Debian machine. Sourced by the scripts.

apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if (( ${#missing[@]} )); then
    echo "Installing Debian packages: ${missing[*]}"
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

install_build_prerequisites() {
  apt_install openjdk-17-jdk-headless maven
}

install_test_prerequisites() {
  install_build_prerequisites
  # the smoke test picks a free port and watches processes
  apt_install procps iproute2 coreutils
  # the fence tests run fence_dummy, and fence_ipmilan (which needs ipmitool) against ipmi_sim
  apt_install fence-agents ipmitool openipmi
  # the in-guest monitor tests run OCF agents, monitoring plugins and python3 HTTP(S) servers (openssl makes the certificate)
  apt_install resource-agents pacemaker-resource-agents monitoring-plugins-basic python3 procps openssl
  # the libvirt driver's tests: libvirt's client library (test driver), and for the end-to-end test two
  # real libvirtd+QEMU hosts (scripts/libvirt-test-hosts) with a guest built by binutils
  apt_install libvirt0 libvirt-clients libvirt-daemon-system libvirt-daemon-driver-qemu qemu-system-x86 \
    qemu-utils binutils util-linux
  # the VMware driver's tests: a vSphere API simulator built from govmomi's simulator package (scripts/vsphere-sim)
  apt_install golang-go golang-github-vmware-govmomi-dev
  # VmwareIT: each simulated ESXi host's ipmi_sim cuts its power through the simulator with curl; the simulated HMC's SSH shell
  # hands each command line to its simulator with curl
  apt_install curl
  # the installer tests and the PowerVM fence_lpar tests run a real OpenSSH server on loopback and make keys with ssh-keygen
  apt_install openssh-server openssh-client
  # the coordination tests cut one manager off its ZooKeeper servers with an iptables rule on a loopback address
  apt_install iptables
  # the web view's browser test (WebViewIT) drives Debian's chromium, headless, over the DevTools protocol
  apt_install chromium
  # the SNMP tests: net-snmp's snmptrapd, snmpd (proxy) and tools, smilint; erlang-snmp for the IETF base MIB modules
  # (SNMPv2-SMI, -TC, -CONF) that BASKET-MIB imports: Debian's snmp packages ship none of them
  apt_install snmp snmpd snmptrapd smitools erlang-snmp
  # the Prometheus metrics' test is scraped by a real Prometheus server; the CIM server's by sblim's wbemcli
  apt_install prometheus sblim-wbemcli
  # the Pacemaker import's agreement test and scripts/compare-pacemaker-cts.sh plan CIBs with Pacemaker's crm_simulate
  apt_install pacemaker-cli-utils
}
