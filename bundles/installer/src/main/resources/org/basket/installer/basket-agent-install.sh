#!/bin/sh
# Installs or removes the Basket in-guest agent. POSIX sh; run by hand, from cloud-init, or by
# the manager's ha:agent-install over SSH.
#
#   basket-agent-install.sh install --archive FILE.tar.gz --manager HOST:PORT (--token T | --token-stdin)
#                                   [--vm NAME] [--ca CA.crt] [--root DIR]
#   basket-agent-install.sh uninstall [--root DIR]
#
# DIR (default /) is the guest's root directory; anything else is a staging directory in which
# nothing is started. The archive is unpacked to DIR/opt/basket-agent (a single top directory in
# the archive is stripped). The service starts /opt/basket-agent/bin/basket-agent if the archive
# carries it, else /opt/basket-agent/bin/karaf server. --ca copies the manager's CA certificate (PEM),
# which the agent pins, to /etc/basket-agent/ca.crt. Running either command twice is harmless.
set -eu

SERVICE=basket-agent
INSTALL_DIR=opt/basket-agent
CONFIG_DIR=etc/basket-agent
UNIT=etc/systemd/system/$SERVICE.service

say() { printf '%s\n' "basket-agent-install: $*"; }
fail() { printf '%s\n' "basket-agent-install: error: $*" >&2; exit 1; }
usage() {
  printf '%s\n' "usage: $0 install --archive FILE.tar.gz --manager HOST:PORT (--token T | --token-stdin) [--vm NAME] [--ca CA.crt] [--root DIR]" \
                "       $0 uninstall [--root DIR]" >&2
  exit 2
}

# systemd is only driven for the real root of a machine that runs it
systemd_usable() {
  [ "$ROOT" = / ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1
}

install_agent() {
  [ -n "$ARCHIVE" ] || { say "--archive is missing"; usage; }
  [ -n "$MANAGER" ] || { say "--manager is missing"; usage; }
  [ -f "$ARCHIVE" ] || fail "the archive $ARCHIVE does not exist"
  if [ -n "$CA" ]; then
    [ -f "$CA" ] || fail "the CA certificate $CA does not exist"
    grep -q 'BEGIN CERTIFICATE' "$CA" || fail "$CA is not a PEM certificate"
  fi
  if [ "$TOKEN_FROM_STDIN" = yes ]; then
    IFS= read -r TOKEN || [ -n "$TOKEN" ] || fail "no enrolment token on stdin"
  fi
  [ -n "$TOKEN" ] || { say "--token or --token-stdin is missing"; usage; }
  case $MANAGER in *:*) ;; *) fail "--manager must be HOST:PORT, not $MANAGER" ;; esac
  case $MANAGER$VM$TOKEN in *[![:print:]]*) fail "--manager, --vm and the token must be printable single-line text" ;; esac

  target=$ROOT_PREFIX/$INSTALL_DIR
  staging=$target.new
  mkdir -p "$ROOT_PREFIX/opt"
  rm -rf "$staging" "$staging.top"
  mkdir -p "$staging"
  tar -xzf "$ARCHIVE" -C "$staging" || { rm -rf "$staging"; fail "unpacking $ARCHIVE failed: is it a .tar.gz?"; }
  if [ ! -d "$staging/bin" ]; then
    set -- "$staging"/*
    if [ $# -eq 1 ] && [ -d "$1/bin" ]; then
      mv "$1" "$staging.top"
      rmdir "$staging"
      mv "$staging.top" "$staging"
    fi
  fi
  if [ -x "$staging/bin/basket-agent" ]; then
    start_command=/$INSTALL_DIR/bin/basket-agent
  elif [ -x "$staging/bin/karaf" ]; then
    start_command="/$INSTALL_DIR/bin/karaf server"
  else
    rm -rf "$staging"
    fail "the archive has neither bin/basket-agent nor bin/karaf"
  fi
  if systemd_usable; then
    systemctl stop "$SERVICE" 2>/dev/null || true
  fi
  rm -rf "$target"
  mv "$staging" "$target"
  say "unpacked $ARCHIVE to $target"

  mkdir -p "$ROOT_PREFIX/$CONFIG_DIR"
  chmod 0700 "$ROOT_PREFIX/$CONFIG_DIR"
  (
    umask 077
    printf 'manager=%s\ntoken=%s\nvm=%s\n' "$MANAGER" "$TOKEN" "$VM" > "$ROOT_PREFIX/$CONFIG_DIR/enrol.cfg.new"
  )
  chmod 0600 "$ROOT_PREFIX/$CONFIG_DIR/enrol.cfg.new"
  mv "$ROOT_PREFIX/$CONFIG_DIR/enrol.cfg.new" "$ROOT_PREFIX/$CONFIG_DIR/enrol.cfg"
  say "wrote the enrolment settings to $ROOT_PREFIX/$CONFIG_DIR/enrol.cfg (mode 0600)"
  if [ -n "$CA" ]; then
    cp "$CA" "$ROOT_PREFIX/$CONFIG_DIR/ca.crt.new"
    chmod 0644 "$ROOT_PREFIX/$CONFIG_DIR/ca.crt.new"
    mv "$ROOT_PREFIX/$CONFIG_DIR/ca.crt.new" "$ROOT_PREFIX/$CONFIG_DIR/ca.crt"
    say "wrote the manager's CA certificate to $ROOT_PREFIX/$CONFIG_DIR/ca.crt"
  elif [ ! -f "$ROOT_PREFIX/$CONFIG_DIR/ca.crt" ]; then
    say "no --ca: copy the manager's CA certificate to /$CONFIG_DIR/ca.crt; the agent waits for it"
  fi

  mkdir -p "$ROOT_PREFIX/etc/systemd/system"
  cat > "$ROOT_PREFIX/$UNIT.new" <<EOF
[Unit]
Description=Basket in-guest agent
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
Environment=BASKET_ENROL_CONFIG=/$CONFIG_DIR/enrol.cfg
ExecStart=$start_command
Restart=always
RestartSec=5

[Install]
WantedBy=multi-user.target
EOF
  chmod 0644 "$ROOT_PREFIX/$UNIT.new"
  mv -f "$ROOT_PREFIX/$UNIT.new" "$ROOT_PREFIX/$UNIT" # whole or not at all, for systemd and anyone reading it
  say "wrote the systemd unit $ROOT_PREFIX/$UNIT"

  if systemd_usable; then
    systemctl daemon-reload
    systemctl enable --now "$SERVICE"
    say "enabled and started $SERVICE"
  else
    say "did NOT start $SERVICE: $(why_not_started); start it with: systemctl daemon-reload && systemctl enable --now $SERVICE"
  fi
}

uninstall_agent() {
  if systemd_usable; then
    systemctl disable --now "$SERVICE" 2>/dev/null || true
  fi
  rm -f "$ROOT_PREFIX/$UNIT" "$ROOT_PREFIX/$UNIT.new"
  rm -rf "$ROOT_PREFIX/$INSTALL_DIR" "$ROOT_PREFIX/$INSTALL_DIR.new" "$ROOT_PREFIX/$INSTALL_DIR.new.top" "$ROOT_PREFIX/$CONFIG_DIR"
  # parents install created in a staging root; rmdir leaves any directory that still has content
  rmdir "$ROOT_PREFIX/etc/systemd/system" "$ROOT_PREFIX/etc/systemd" "$ROOT_PREFIX/etc" "$ROOT_PREFIX/opt" 2>/dev/null || true
  if systemd_usable; then
    systemctl daemon-reload
    say "stopped and disabled $SERVICE"
  else
    say "did not touch systemd: $(why_not_started)"
  fi
  say "removed the agent from $ROOT"
}

why_not_started() {
  if [ "$ROOT" != / ]; then
    printf '%s' "$ROOT is not the root of this machine"
  else
    printf '%s' "systemd does not run here"
  fi
}

[ $# -gt 0 ] || usage
ACTION=$1
shift
ARCHIVE=
MANAGER=
TOKEN=
TOKEN_FROM_STDIN=no
VM=
CA=
ROOT=/
while [ $# -gt 0 ]; do
  case $1 in
    --archive) [ $# -ge 2 ] || usage; ARCHIVE=$2; shift 2 ;;
    --manager) [ $# -ge 2 ] || usage; MANAGER=$2; shift 2 ;;
    --token) [ $# -ge 2 ] || usage; TOKEN=$2; shift 2 ;;
    --token-stdin) TOKEN_FROM_STDIN=yes; shift ;;
    --vm) [ $# -ge 2 ] || usage; VM=$2; shift 2 ;;
    --ca) [ $# -ge 2 ] || usage; CA=$2; shift 2 ;;
    --root) [ $# -ge 2 ] || usage; ROOT=$2; shift 2 ;;
    *) say "unknown option $1"; usage ;;
  esac
done
case $ROOT in /*) ;; *) fail "--root must be an absolute directory, not $ROOT" ;; esac
[ -d "$ROOT" ] || fail "the root directory $ROOT does not exist"
ROOT_PREFIX=${ROOT%/}

case $ACTION in
  install) install_agent ;;
  uninstall) uninstall_agent ;;
  *) say "unknown action $ACTION"; usage ;;
esac
