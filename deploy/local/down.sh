#!/usr/bin/env bash
# Stops the services `./monitor up` started: SIGTERM, up to STOP_TIMEOUT seconds for a clean
# shutdown, then SIGKILL. Removes their pid files. Safe to run when nothing runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/services.sh"

STOP_TIMEOUT="${MONITOR_STOP_TIMEOUT:-15}"
declare -A stopping=()
order=()

for entry in "${MONITOR_SERVICES[@]}"; do
  read -r name folder _ <<<"$entry"
  if pid="$(running_pid "$name" "$folder")"; then
    kill -TERM "$pid" 2>/dev/null || true
    stopping[$name]="$pid"
    order+=("$name")
  elif [ -f "$PID_DIR/$name.pid" ]; then
    echo "  $name was not running (removed a stale pid file)"
    rm -f "$PID_DIR/$name.pid"
  fi
done

if [ "${#stopping[@]}" -eq 0 ]; then
  echo "down: nothing was running"
  exit 0
fi

deadline=$(( $(date +%s) + STOP_TIMEOUT ))
while :; do
  alive=0
  for name in "${order[@]}"; do kill -0 "${stopping[$name]}" 2>/dev/null && alive=1; done
  [ "$alive" -eq 0 ] || [ "$(date +%s)" -ge "$deadline" ] && break
  sleep 0.2
done

for name in "${order[@]}"; do
  pid="${stopping[$name]}"
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    echo "  $name (pid $pid) did not stop within ${STOP_TIMEOUT}s: killed"
  else
    echo "  $name stopped (pid $pid)"
  fi
  rm -f "$PID_DIR/$name.pid"
done
echo "down: stopped ${#stopping[@]} service(s); logs stay in ${LOG_DIR#"$ROOT"/}/"
