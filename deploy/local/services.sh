# Shared by up.sh and down.sh: which services `./monitor up` runs, and where their state lives.
# Each entry: <name> <project folder under services/> <port>.
MONITOR_SERVICES=(
  "relay Relay 5104"
  "ingestion Ingestion 5101"
  "extraction Extraction 5102"
  "sentiment Sentiment 5103"
)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE_DIR="$ROOT/.monitor"
LOG_DIR="$STATE_DIR/logs"
PID_DIR="$STATE_DIR/pids"

service_dll() { echo "$ROOT/services/$1/bin/Release/net10.0/Monitor.$1.dll"; }

# The pid recorded for a service, if that process is alive and still runs the service's dll
# (a pid file left by a crash may name a pid the system has since given to another program).
running_pid() { # name folder
  local pid_file="$PID_DIR/$1.pid" pid
  [ -f "$pid_file" ] || return 1
  pid="$(tr -dc '0-9' <"$pid_file")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "Monitor.$2.dll" || return 1
  echo "$pid"
}
