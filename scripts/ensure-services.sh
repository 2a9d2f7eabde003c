#!/usr/bin/env bash
# Makes sure what the tests need is running on this machine: Redis on 127.0.0.1:6379, MariaDB on 127.0.0.1:3306
# (root, empty password), socat, Chromium with its driver, and aapt/zipalign/apksigner for the picker APK. Starts installed services that are stopped; installs
# missing ones with apt-get when run as root on Debian; otherwise stops with a message saying what to install.
set -euo pipefail

log() { echo "ensure-services: $*" >&2; }
is_root_debian() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
APT_UPDATED=0
apt_install() {
  if ! is_root_debian; then
    log "missing: $*. Install them (Debian: sudo apt-get install $*) and run again."
    exit 1
  fi
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

wait_for() { # description, seconds, command...
  local what=$1 secs=$2; shift 2
  for _ in $(seq 1 $((secs * 5))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  log "$what did not come up within ${secs}s"
  return 1
}

# --- Redis -------------------------------------------------------------------------------------------------------
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; }
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  apt_install redis-server redis-tools
fi
if ! redis_up; then
  log "starting redis-server on 127.0.0.1:6379"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/floorgate.log
  wait_for "Redis" 30 redis_up
fi
log "Redis up on 127.0.0.1:6379"

# --- MariaDB -----------------------------------------------------------------------------------------------------
mariadb_up() { mariadb -h 127.0.0.1 -P 3306 -uroot -e 'SELECT 1' >/dev/null 2>&1; }
if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
  apt_install mariadb-server mariadb-client
fi
if ! mariadb_up; then
  if [ ! -d /var/lib/mysql/mysql ]; then
    log "initialising the MariaDB data directory"
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  fi
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  if ! mariadb -uroot -e 'SELECT 1' >/dev/null 2>&1; then
    log "starting mariadbd"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
    wait_for "MariaDB (socket)" 60 mariadb -uroot -e 'SELECT 1'
  fi
  if ! mariadb_up; then
    # A fresh Debian install lets root in through the unix socket only; the tests connect over TCP as root
    # with an empty password, as the project's defaults (API.md) do.
    log "allowing root@localhost over TCP with an empty password (test machine only)"
    mariadb -uroot -e "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; FLUSH PRIVILEGES;"
  fi
  wait_for "MariaDB on 127.0.0.1:3306" 60 mariadb_up
fi
log "MariaDB up on 127.0.0.1:3306"

# --- tools the device and browser tests use ----------------------------------------------------------------------
command -v socat >/dev/null 2>&1 || apt_install socat
# WanFaultsTest puts the gateway in a network namespace and drops WAN packets with iptables
command -v ip >/dev/null 2>&1 || apt_install iproute2
command -v iptables >/dev/null 2>&1 || [ -x /usr/sbin/iptables ] || apt_install iptables
if [ "${FG_SKIP_BROWSER:-0}" != 1 ]; then
  { command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; } || apt_install chromium chromium-driver
fi
log "socat and chromium present"
# the picker APK (pda-android-app): Debian's Android build tools; without them the module builds no APK
{ command -v aapt >/dev/null 2>&1 && command -v zipalign >/dev/null 2>&1 && command -v apksigner >/dev/null 2>&1; } \
  || apt_install aapt zipalign apksigner
log "aapt, zipalign and apksigner present"

# --- RabbitMQ (issue 15: events out, orders in) -------------------------------------------------------------------
# The core's bus tests start their own nodes from /usr/lib/rabbitmq/bin (own ports and data); the shared broker on
# 127.0.0.1:5672 (guest/guest) is only started when it is installed but not running, never restarted.
rabbit_up() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }
if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
  apt_install rabbitmq-server
fi
if ! rabbit_up; then
  log "starting rabbitmq-server on 127.0.0.1:5672"
  if [ -x /etc/init.d/rabbitmq-server ] && command -v service >/dev/null 2>&1; then
    service rabbitmq-server start >/dev/null 2>&1 || true
  fi
  if ! wait_for "RabbitMQ (init script)" 20 rabbit_up; then
    mkdir -p /var/log/rabbitmq 2>/dev/null || true
    nohup rabbitmq-server >/var/log/rabbitmq/floorgate.log 2>&1 &
    wait_for "RabbitMQ on 127.0.0.1:5672" 90 rabbit_up
  fi
fi
log "RabbitMQ up on 127.0.0.1:5672"

# --- the package tests (packaging/README.md): debootstrap makes the Debian 12 root they install into ------------
command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || apt_install debootstrap
log "debootstrap present"

# --- libfaketime: the wrong-clock end-to-end tests run the gateway's jar under it (system-tests) -----------------
[ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1 ] || ls /usr/lib/*/faketime/libfaketimeMT.so.1 >/dev/null 2>&1 \
  || apt_install faketime
log "libfaketime present"

# The page audit (gateway-server PageAuditBrowserTest) runs axe-core and Lighthouse from npm (npm ci, pinned by
# gateway-server/src/test/audit/package-lock.json); Lighthouse 12 needs Node 18.16 or later.
if [ "${FG_SKIP_BROWSER:-0}" != 1 ]; then
  { command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; } || apt_install nodejs npm
  log "node $(node --version) and npm present"
fi
