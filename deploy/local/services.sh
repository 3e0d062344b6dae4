# Shared by up.sh and down.sh: which services `./monitor up` runs, and where their state lives.
# Each entry: <name> <project folder under services/> <port> [VARIABLE=value ...].
# Feeds: a platform feed reads its platform only where MONITOR_<PLATFORM>_BASE_URL names one (no
# live platform is reachable from a development machine); until then it registers and reports
# itself as not configured. The replay feed replays the SU7 sample at 60x with gaps capped at 5s.
# Values must not hold spaces: the entries below are split on them.
MONITOR_FEED_KEYWORDS="${MONITOR_FEED_KEYWORDS:-小米SU7,雷军}"
MONITOR_SERVICES=(
  "relay Relay 5104"
  "ingestion Ingestion 5101"
  "extraction Extraction 5102"
  "sentiment Sentiment 5103"
  "alerts Alerts 5105"
  "api Api 5106"
  "weibo Feeds/Weibo 5110 MONITOR_FEED_BASE_URL=${MONITOR_WEIBO_BASE_URL:-} MONITOR_FEED_KEYWORDS=$MONITOR_FEED_KEYWORDS"
  "douyin Feeds/Douyin 5111 MONITOR_FEED_BASE_URL=${MONITOR_DOUYIN_BASE_URL:-} MONITOR_FEED_KEYWORDS=$MONITOR_FEED_KEYWORDS"
  "xiaohongshu Feeds/Xiaohongshu 5112 MONITOR_FEED_BASE_URL=${MONITOR_XIAOHONGSHU_BASE_URL:-} MONITOR_FEED_KEYWORDS=$MONITOR_FEED_KEYWORDS"
  "rss Feeds/Rss 5113 MONITOR_FEED_URLS=${MONITOR_RSS_URLS:-}"
  "replay Feeds/Replay 5114 MONITOR_REPLAY_SPEED=${MONITOR_REPLAY_SPEED:-60} MONITOR_REPLAY_LONGEST_GAP=5s MONITOR_FEED_INTERVAL=1s"
)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE_DIR="$ROOT/.monitor"
LOG_DIR="$STATE_DIR/logs"
PID_DIR="$STATE_DIR/pids"

# services/Feeds/Weibo holds Monitor.Feeds.Weibo.dll: the folder's slashes become dots.
service_dll() { echo "$ROOT/services/$1/bin/Release/net10.0/Monitor.${1//\//.}.dll"; }

# The pid recorded for a service, if that process is alive and still runs the service's dll
# (a pid file left by a crash may name a pid the system has since given to another program).
running_pid() { # name folder
  local pid_file="$PID_DIR/$1.pid" pid
  [ -f "$pid_file" ] || return 1
  pid="$(tr -dc '0-9' <"$pid_file")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "Monitor.${2//\//.}.dll" || return 1
  echo "$pid"
}
