#!/usr/bin/env bash
# Starts every Monitor service as a background process (Release build), waits until each is
# ready, feeds the SU7 sample corpus through ingestion and prints the summary. Services that
# already run are left alone, so a second `up` only re-posts the corpus (the store dedupes it).
# Called by `./monitor up` after provisioning and building; options are passed to `monitor ingest`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/services.sh"

READY_TIMEOUT="${MONITOR_READY_TIMEOUT:-90}"
CORPUS="${MONITOR_CORPUS:-$ROOT/samples/su7}"
CLI_DLL="$ROOT/tools/Monitor.Cli/bin/Release/net10.0/monitor.dll"
started_at=$(date +%s)

say() { printf '%s\n' "$*"; }
fail_service() { # name message
  local log="$LOG_DIR/$1.log"
  say "up: $1 $2" >&2
  if [ -s "$log" ]; then
    say "---- last 40 lines of ${log#"$ROOT"/} ----" >&2
    tail -n 40 "$log" >&2
    say "----" >&2
  fi
  say "up: services that did start keep running; stop them with ./monitor down" >&2
  exit 1
}

start_service() { # name folder port [VARIABLE=value ...]
  local name="$1" folder="$2" port="$3" dll pid
  shift 3
  dll="$(service_dll "$folder")"
  if pid="$(running_pid "$name" "$folder")"; then
    say "  $name already running (pid $pid)"
    return 0
  fi
  rm -f "$PID_DIR/$name.pid"
  [ -f "$dll" ] || fail_service "$name" "is not built: $dll is missing (./monitor up builds it in Release)"
  printf '==== %s starting %s on http://127.0.0.1:%s\n' "$(date -u +%FT%TZ)" "$name" "$port" >>"$LOG_DIR/$name.log"
  # setsid: the service leaves this shell's process group, so ^C on `up` does not stop it.
  ASPNETCORE_URLS="http://127.0.0.1:$port" \
  MONITOR_LOG_FORMAT="${MONITOR_LOG_FORMAT:-json}" \
    setsid nohup env "$@" dotnet "$dll" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo "$!" >"$PID_DIR/$name.pid"
  say "  $name started (pid $!), log ${LOG_DIR#"$ROOT"/}/$name.log"
}

wait_ready() { # name folder port
  local name="$1" folder="$2" port="$3" deadline=$(( $(date +%s) + READY_TIMEOUT ))
  while :; do
    # liveness first: another program answering on the port must not pass for a dead service
    running_pid "$name" "$folder" >/dev/null || fail_service "$name" "exited before it was ready"
    curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/health/ready" && return 0
    [ "$(date +%s)" -lt "$deadline" ] || \
      fail_service "$name" "was not ready within ${READY_TIMEOUT}s (http://127.0.0.1:$port/health/ready)"
    sleep 0.5
  done
}

mkdir -p "$LOG_DIR" "$PID_DIR"

# The alerts service and the API need a first admin key. Without MONITOR_ADMIN_KEY, one is made for
# this checkout and kept in .monitor/admin-key (this user only), so the dashboard can be signed into.
ADMIN_KEY_FILE="$STATE_DIR/admin-key"
if [ -z "${MONITOR_ADMIN_KEY:-}" ]; then
  [ -s "$ADMIN_KEY_FILE" ] || (umask 077; printf 'mk_admin_%s\n' "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')" >"$ADMIN_KEY_FILE")
  MONITOR_ADMIN_KEY="$(cat "$ADMIN_KEY_FILE")"
  admin_key_from="the key in ${ADMIN_KEY_FILE#"$ROOT"/}"
else
  admin_key_from="the key in MONITOR_ADMIN_KEY"
fi
export MONITOR_ADMIN_KEY
[ -e "$CORPUS" ] || { say "up: sample corpus $CORPUS not found" >&2; exit 2; }
[ -f "$CLI_DLL" ] || { say "up: the CLI is not built: $CLI_DLL is missing" >&2; exit 1; }

if [ -n "${MONITOR_UP_STARTED:-}" ]; then
  say "Provisioned PostgreSQL and RabbitMQ and built Monitor in $(( started_at - MONITOR_UP_STARTED ))s"
fi
say "Starting services"
for entry in "${MONITOR_SERVICES[@]}"; do start_service $entry; done
for entry in "${MONITOR_SERVICES[@]}"; do wait_ready $entry; done
say "All services ready after $(( $(date +%s) - started_at ))s"
say "Dashboard: http://127.0.0.1:5106 (sign in with $admin_key_from)"
say ""

exec dotnet "$CLI_DLL" ingest "$CORPUS" --wait --logs "${LOG_DIR#"$ROOT"/}" "$@"
