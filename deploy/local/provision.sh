#!/usr/bin/env bash
# Installs (Debian packages) and starts PostgreSQL and RabbitMQ on loopback for Monitor,
# then creates Monitor's database role, database, broker user and management plugin.
# Also installs chromium for the dashboard's browser test.
# Safe to run again: every step checks before it acts.
set -euo pipefail

PG_USER="${MONITOR_PG_USER:-monitor}"
PG_PASSWORD="${MONITOR_PG_PASSWORD:-monitor}"
PG_DATABASE="${MONITOR_PG_DATABASE:-monitor}"
PG_PORT="${MONITOR_PG_PORT:-5432}"
RABBIT_USER="${MONITOR_RABBIT_USER:-monitor}"
RABBIT_PASSWORD="${MONITOR_RABBIT_PASSWORD:-monitor}"

log() { printf '[provision] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; exit 3; fi
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_packages() {
  local missing=() browser=()
  command -v pg_ctlcluster >/dev/null || missing+=(postgresql postgresql-contrib)
  command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
  command -v curl >/dev/null || missing+=(curl)
  # The dashboard's browser test drives Debian's chromium (Playwright cannot download a browser here);
  # a CJK font lets it render the sample's Chinese text. No recommends: the test needs nothing else.
  [ -x /usr/bin/chromium ] || browser+=(chromium)
  installed fonts-wqy-microhei || browser+=(fonts-wqy-microhei)
  if [ "${#missing[@]}" -gt 0 ] || [ "${#browser[@]}" -gt 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]} from Debian packages"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [ "${#browser[@]}" -gt 0 ]; then
    log "installing ${browser[*]} from Debian packages"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${browser[@]}" >/dev/null
  fi
}

start_postgres() {
  local version cluster
  version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
  cluster="main"
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version $cluster"; then
    log "creating PostgreSQL $version cluster"
    as_root pg_createcluster "$version" "$cluster" -p "$PG_PORT" >/dev/null
  fi
  local conf="/etc/postgresql/$version/$cluster/conf.d/monitor.conf" wanted
  # Loopback only, so no TLS: encrypting every round trip cost the pipeline about 7% of its processor
  # time here. A PostgreSQL reached over a network keeps ssl on and the connection string asks for it.
  wanted="listen_addresses = '127.0.0.1'
port = $PG_PORT
max_connections = 300
shared_buffers = 512MB
synchronous_commit = on
ssl = off"
  if [ "$(cat "$conf" 2>/dev/null)" != "$wanted" ]; then
    printf '%s\n' "$wanted" | as_root tee "$conf" >/dev/null
    if pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
      log "restarting PostgreSQL $version for its new settings"
      as_root pg_ctlcluster "$version" "$cluster" restart
    fi
  fi
  if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
    log "starting PostgreSQL $version on 127.0.0.1:$PG_PORT"
    as_root pg_ctlcluster "$version" "$cluster" start
  fi
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 0.5
  done
  as_root runuser -u postgres -- psql -q -p "$PG_PORT" -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE "$PG_USER" LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SQL
  if ! as_root runuser -u postgres -- psql -p "$PG_PORT" -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'" | grep -q 1; then
    as_root runuser -u postgres -- createdb -p "$PG_PORT" -O "$PG_USER" "$PG_DATABASE"
  fi
}

start_rabbitmq() {
  if [ ! -f /etc/rabbitmq/rabbitmq.conf ] || ! grep -q 'monitor' /etc/rabbitmq/rabbitmq.conf; then
    as_root tee /etc/rabbitmq/rabbitmq.conf >/dev/null <<CONF
# monitor: broker on loopback only
listeners.tcp.default = 127.0.0.1:5672
management.tcp.ip = 127.0.0.1
management.tcp.port = 15672
loopback_users = none
CONF
  fi
  if ! grep -q 'monitor' /etc/rabbitmq/rabbitmq-env.conf 2>/dev/null; then
    as_root tee /etc/rabbitmq/rabbitmq-env.conf >/dev/null <<CONF
# monitor: a node name and Erlang distribution that do not depend on the host name or network
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
export ERL_EPMD_ADDRESS=127.0.0.1
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
CONF
  fi
  as_root rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
  if ! as_root rabbitmqctl -q status >/dev/null 2>&1; then
    log "starting RabbitMQ on 127.0.0.1:5672"
    as_root env ERL_EPMD_ADDRESS=127.0.0.1 rabbitmq-server -detached >/dev/null 2>&1 || true
  fi
  # the node registers with epmd a few seconds after -detached returns
  for _ in $(seq 1 120); do
    as_root rabbitmqctl -q await_startup --timeout 60 >/dev/null 2>&1 && break
    sleep 1
  done
  as_root rabbitmqctl -q await_startup --timeout 60 >/dev/null
  if ! as_root rabbitmqctl -q list_users | awk '{print $1}' | grep -qx "$RABBIT_USER"; then
    as_root rabbitmqctl -q add_user "$RABBIT_USER" "$RABBIT_PASSWORD" >/dev/null
  fi
  as_root rabbitmqctl -q set_user_tags "$RABBIT_USER" administrator >/dev/null
  as_root rabbitmqctl -q set_permissions -p / "$RABBIT_USER" '.*' '.*' '.*' >/dev/null
  for _ in $(seq 1 60); do
    curl -fsS -u "$RABBIT_USER:$RABBIT_PASSWORD" http://127.0.0.1:15672/api/overview >/dev/null 2>&1 && break
    sleep 0.5
  done
}

install_packages
start_postgres
start_rabbitmq
log "PostgreSQL 127.0.0.1:$PG_PORT (db $PG_DATABASE, role $PG_USER) and RabbitMQ 127.0.0.1:5672 (user $RABBIT_USER, management :15672) are up"
