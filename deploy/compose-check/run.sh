#!/usr/bin/env bash
# ./monitor compose-check: runs docker-compose.yml for real on this machine's Docker engine and checks
# the ops path end to end (see docs/compose.md "What compose-check runs"). Called by `./monitor
# compose-check` after it built Monitor.sln in Release. Prints a table of steps with their times and
# ends with `compose: services=N healthy=N items=N scored=N`; exits non-zero on the first failed step,
# after taking the stack down.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/deploy/compose-check"
STATE="$ROOT/.monitor/compose-check"
PROJECT="${MONITOR_COMPOSE_PROJECT:-monitor-compose-check}"
ENV_FILE="$STATE/.env"
OVERRIDE="$HERE/docker-compose.check.yml"
CLI_DLL="$ROOT/tools/Monitor.Cli/bin/Release/net10.0/monitor.dll"
HEALTH_TIMEOUT="${MONITOR_COMPOSE_HEALTH_TIMEOUT:-600}"
PIPELINE_TIMEOUT="${MONITOR_COMPOSE_PIPELINE_TIMEOUT:-300}"
# Large enough that a quiet machine is still extracting it when the kill lands (1000 were done within the poll).
BATCH_ITEMS="${MONITOR_COMPOSE_BATCH_ITEMS:-5000}"
export DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_CLI_HINTS=false

mkdir -p "$STATE"
source "$HERE/standins.sh"
source "$HERE/probes.sh"

rows=() failed="" started_engine="" services=0 healthy=0 items=0 scored=0

say() { printf '%s\n' "$*"; }
log_of() { echo "$STATE/$1.log"; }

# step <name> <function>: runs it with its output in .monitor/compose-check/<name>.log, records a row.
step() {
  local name="$1" fn="$2" start rc summary
  [ -z "$failed" ] || return 1
  start=$(date +%s)
  [ -t 1 ] && printf '%-12s ...' "$name"
  "$fn" >"$(log_of "$name")" 2>&1
  rc=$?
  summary=$(grep '^summary: ' "$(log_of "$name")" | tail -1 | cut -d' ' -f2-)
  rows+=("$(printf '%-12s %6ss  %-4s  %s' "$name" "$(( $(date +%s) - start ))" "$([ "$rc" -eq 0 ] && echo ok || echo FAIL)" "$summary")")
  [ -t 1 ] && printf '\r'
  printf '%s\n' "${rows[-1]}"
  if [ "$rc" -ne 0 ]; then
    failed="$name"
    say "---- last 30 lines of ${STATE#"$ROOT"/}/$name.log ----"
    tail -n 30 "$(log_of "$name")"
    say "----"
    return 1
  fi
}

apt_install() { # package...
  [ "$(id -u)" -eq 0 ] || { echo "need root to install $*" >&2; return 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 || {
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  }
}

# Bounded by $bound seconds (120 unless the caller sets it: `bound=600 compose up ...`).
compose() {
  timeout "${bound:-120}" docker-compose -p "$PROJECT" --env-file "$ENV_FILE" -f "$ROOT/docker-compose.yml" -f "$OVERRIDE" "$@"
}

# The project's containers of one service (all of them without an argument).
containers() { # [service]
  docker ps -a -q --filter "label=com.docker.compose.project=$PROJECT" ${1:+--filter "label=com.docker.compose.service=$1"}
}

env_value() { sed -n "s/^$1=//p" "$ENV_FILE" | tail -1; }

# Bounded wait: until <command> succeeds or <seconds> pass.
wait_for() { # seconds command...
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 2
  done
}

# ---- steps ----

engine() {
  if ! command -v dockerd >/dev/null || ! command -v docker-compose >/dev/null; then
    echo "installing docker.io and docker-compose from Debian packages"
    apt_install docker.io docker-compose || return 1
  fi
  # docker.io's own client: it builds with BuildKit (a newer client without its buildx plugin cannot).
  if [ -x /usr/bin/docker ]; then mkdir -p "$STATE/bin" && ln -sf /usr/bin/docker "$STATE/bin/docker"; fi
  if ! docker info >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || { echo "no Docker engine runs and starting one needs root"; return 1; }
    setsid nohup dockerd >"$STATE/dockerd.log" 2>&1 </dev/null &
    echo "$!" >"$STATE/dockerd.pid"
    started_engine=1
    wait_for 60 docker info >/dev/null 2>&1 || { echo "dockerd did not answer within 60s (log: $STATE/dockerd.log)"; return 1; }
  fi
  echo "summary: $(docker version -f 'engine {{.Server.Version}}' 2>/dev/null), $(docker-compose version --short 2>/dev/null | sed 's/^/compose /')${started_engine:+, started here}"
}

images() {
  local report
  report=$(ensure_base_images) || { echo "$report"; return 1; }
  echo "$report"
  # The services' images: the Dockerfile's own build stages where the SDK and node images can be had,
  # else the host's `dotnet publish` output (APP_FROM=published).
  APP_FROM=published
  if { image_present mcr.microsoft.com/dotnet/sdk:10.0 || try_pull mcr.microsoft.com/dotnet/sdk:10.0; } &&
     { image_present node:20-bookworm-slim || try_pull node:20-bookworm-slim; }; then
    APP_FROM=build
  fi
  echo "summary: $(awk '{print $1" "$2}' <<<"$report" | paste -sd, - | sed 's/,/, /g'); services from $APP_FROM"
}

# service.Dockerfile's APP_FROM=published input: each service's publish output in .monitor/publish/<SERVICE>.
publish() {
  local folder count=0
  [ "$APP_FROM" = published ] || { echo "summary: not needed (the SDK image builds them)"; return 0; }
  [ -f "$CLI_DLL" ] || { echo "Monitor.sln is not built in Release ($CLI_DLL is missing): run ./monitor compose-check"; return 1; }
  for folder in $(sed -n 's/^ *SERVICE: *//p' "$ROOT/docker-compose.yml"); do
    local out="$ROOT/.monitor/publish/$folder" project="$ROOT/services/$folder/Monitor.${folder//\//.}.csproj"
    local built="$ROOT/services/$folder/bin/Release/net10.0/Monitor.${folder//\//.}.dll"
    [ -f "$built" ] || { echo "$built is missing: run ./monitor compose-check, which builds Monitor.sln"; return 1; }
    # published after the last build: nothing to do
    [ "$out/monitor-service" -nt "$built" ] && continue
    rm -rf "$out"
    dotnet publish "$project" -c Release --no-build -nologo -v q -o "$out" -p:UseAppHost=false || return 1
    basename "$project" .csproj >"$out/monitor-service"
    count=$((count + 1))
  done
  echo "summary: $count services published to .monitor/publish (the others were up to date)"
}

# .env as docs/compose.md tells operators to make it, then the check's host ports (check.env).
environment() {
  cp "$ROOT/.env.example" "$ENV_FILE" && chmod 600 "$ENV_FILE"
  for v in $(grep -o '^[A-Z_]*PASSWORD' "$ROOT/.env.example"); do sed -i "s/^$v=$/$v=$(openssl rand -hex 24)/" "$ENV_FILE"; done
  local line key
  while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    key="${line%%=*}"
    if grep -q "^$key=" "$ENV_FILE"; then sed -i "s|^$key=.*|$line|" "$ENV_FILE"; else echo "$line" >>"$ENV_FILE"; fi
  done <"$HERE/check.env"
  echo "COMPOSE_CHECK_APP_FROM=$APP_FROM" >>"$ENV_FILE"
  local empty
  empty=$(grep -c '^[A-Z_]*PASSWORD=$' "$ENV_FILE")
  [ "$empty" -eq 0 ] || { echo "$empty passwords left empty"; return 1; }
  compose config -q || return 1
  echo "summary: $(grep -c '^[A-Z_]*PASSWORD=' "$ENV_FILE") passwords generated; ingestion on 127.0.0.1:$(env_value MONITOR_INGESTION_PORT)"
}

up() {
  compose down -v --remove-orphans >/dev/null 2>&1
  bound=1800 compose up -d --build || return 1
  echo "summary: $(compose config --services | wc -l) services started"
}

# Every container of every service healthy; prints "<healthy services> <services>".
health_counts() {
  local service total=0 ok=0 id state all
  [ -n "${service_names:-}" ] || service_names=$(compose config --services)
  for service in $service_names; do
    total=$((total + 1)); all=1
    ids=$(containers "$service")
    [ -n "$ids" ] || all=0
    for id in $ids; do
      state=$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id")
      [ "$state" = healthy ] || all=0
    done
    ok=$((ok + all))
  done
  echo "$ok $total"
}

all_healthy() { read -r healthy services < <(health_counts); [ "$healthy" -eq "$services" ]; }

healthy() {
  if ! wait_for "$HEALTH_TIMEOUT" all_healthy; then
    compose ps
    echo "summary: $healthy of $services services healthy after ${HEALTH_TIMEOUT}s"
    return 1
  fi
  compose ps
  echo "summary: $healthy of $services services healthy ($(containers | wc -l) containers)"
}

# The CLI against the stack: ingestion's published port, the store through the published PostgreSQL
# as monitor_app (which may read the store).
cli() {
  MONITOR_POSTGRES="Host=127.0.0.1;Port=$(env_value COMPOSE_CHECK_POSTGRES_PORT);Username=monitor_app;Password=$(env_value POSTGRES_APP_PASSWORD);Database=$(env_value POSTGRES_DB)" \
  MONITOR_EVENTSTORE_SCHEMA="$(env_value MONITOR_EVENTSTORE_SCHEMA)" \
    dotnet "$CLI_DLL" "$@"
}

ingestion_url() { echo "http://127.0.0.1:$(env_value MONITOR_INGESTION_PORT)"; }

# "pipeline: items=N ingested=N extracted=N scored=N" -> the value of one field.
pipeline_field() { # line field
  sed -n "s/.*[ :]$2=\([0-9]*\).*/\1/p" <<<"$1"
}

# The store counts <streams> coverage streams at every stage (ingested, extracted, scored).
pipeline_complete() { # line streams
  [ -n "$2" ] && [ "$2" -gt 0 ] || return 1
  for field in ingested extracted scored; do [ "$(pipeline_field "$1" "$field")" = "$2" ] || return 1; done
}

corpus() {
  cli ingest "$ROOT/samples/su7" --wait --url "$(ingestion_url)" --timeout "$PIPELINE_TIMEOUT" || return 1
  local line
  line=$(grep '^pipeline: ' "$(log_of corpus)" | tail -1)
  items=$(pipeline_field "$line" items); scored=$(pipeline_field "$line" scored)
  pipeline_complete "$line" "$items" || { echo "not every item went through: $line"; return 1; }
  echo "summary: ${line#pipeline: }"
}

scale() {
  bound=600 compose up -d --no-recreate --no-build --scale extraction=3 --scale sentiment=2 || return 1
  wait_for "$HEALTH_TIMEOUT" all_healthy || { compose ps; echo "summary: $healthy of $services services healthy"; return 1; }
  echo "summary: extraction x$(containers extraction | wc -l), sentiment x$(containers sentiment | wc -l), all healthy"
}

# Items a worker container consumed so far (its /metrics), 0 when it cannot be asked.
consumed() { # container port
  docker exec "$1" curl -fsS --max-time 5 "http://127.0.0.1:$2/metrics" 2>/dev/null |
    awk '/^monitor_items_consumed_total[{ ]/ { sum += $NF } END { printf "%d\n", sum }'
}

# A fresh batch (new items, none in the corpus) for the scaled workers.
write_batch() { # file
  local run i
  run=$(date +%s)
  local texts=("小米SU7 提车一周，续航和加速都很满意" "小米SU7 交付又延期了，客服也不回复，太失望"
               "雷军发布会讲得很清楚，SU7 的价格有诚意" "SU7 的车机偶尔卡顿，希望尽快修复")
  {
    echo "platform,platformId,url,text,publishedAt,author.id,author.name,likes,hashtags"
    for ((i = 1; i <= BATCH_ITEMS; i++)); do
      echo "weibo,cc$run$i,https://weibo.com/compose-check/$run/$i,${texts[i % 4]} ($i),2024-03-28T19:00:00+08:00,cc$i,用户$i,$i,小米SU7"
    done
  } >"$1"
}

# Messages waiting in the _error queues of vhost "monitor" (0 when none exists).
error_queue_messages() {
  docker exec "$(containers rabbitmq)" rabbitmqctl list_queues -q -p monitor name messages 2>/dev/null |
    awk '$1 ~ /_error$/ { sum += $2 } END { printf "%d\n", sum }'
}

# Events of one type in the "Events stored" table `monitor ingest --wait` prints.
events_of() { # log type
  sed -n "s/^│ $2 *│ *\([0-9]*\) │\$/\1/p" "$1" | tail -1
}

# The workers share the queues; one extraction worker killed mid-flow loses nothing.
share() {
  local batch="$STATE/batch.csv" victim ingest_pid i c before=() after=() line
  write_batch "$batch"
  local extraction=($(containers extraction)) sentiment=($(containers sentiment))
  for c in "${extraction[@]}"; do before+=("$(consumed "$c" 5102)"); done
  victim="${extraction[-1]}"
  cli ingest "$batch" --wait --url "$(ingestion_url)" --timeout "$PIPELINE_TIMEOUT" >"$STATE/batch.log" 2>&1 &
  ingest_pid=$!
  # kill it once it has taken a share of the batch
  local victim_before="${before[-1]}" victim_consumed=0
  for ((i = 0; i < 120; i++)); do
    victim_consumed=$(consumed "$victim" 5102)
    [ "$victim_consumed" -gt "$victim_before" ] && break
    sleep 0.5
  done
  victim_consumed=$((victim_consumed - victim_before))
  docker kill "$victim" >/dev/null || return 1
  # what the workers had taken when it died (the others read a moment later: at most this many)
  local taken="$victim_consumed"
  for ((i = 0; i < ${#extraction[@]} - 1; i++)); do taken=$((taken + $(consumed "${extraction[i]}" 5102) - before[i])); done
  echo "killed extraction container $(docker inspect -f '{{.Name}}' "$victim") after it consumed $victim_consumed items of the batch, the workers $taken of $BATCH_ITEMS"
  wait "$ingest_pid"; local rc=$?
  cat "$STATE/batch.log"
  line=$(grep '^pipeline: ' "$STATE/batch.log" | tail -1)
  # the line's items are the batch's; its stage counts are the whole store's: the corpus and the batch
  [ "$rc" -eq 0 ] && [ "$(pipeline_field "$line" items)" = "$BATCH_ITEMS" ] && pipeline_complete "$line" $((items + BATCH_ITEMS)) ||
    { echo "the batch did not go through: ${line:-no pipeline line} (the store should count $((items + BATCH_ITEMS)) at every stage)"; return 1; }
  local shares=() ok=1
  [ "$taken" -lt "$BATCH_ITEMS" ] || { echo "the kill came after the whole batch was extracted: raise MONITOR_COMPOSE_BATCH_ITEMS"; ok=0; }
  for ((i = 0; i < ${#extraction[@]} - 1; i++)); do
    c=$(( $(consumed "${extraction[i]}" 5102) - before[i] )); shares+=("$c"); [ "$c" -gt 0 ] || ok=0
  done
  shares+=("$victim_consumed"); [ "$victim_consumed" -gt 0 ] || ok=0
  local sentiment_shares=()
  for c in "${sentiment[@]}"; do
    i=$(consumed "$c" 5103); sentiment_shares+=("$i"); [ "$i" -gt 0 ] || ok=0
  done
  echo "extraction consumed (batch): ${shares[*]}; sentiment consumed (all): ${sentiment_shares[*]}"
  # one event per item and stage: a message redelivered after the kill was not handled twice
  local type count
  for type in coverage-ingested content-extracted sentiment-scored; do
    count=$(events_of "$STATE/batch.log" "$type")
    [ "$count" = $((items + BATCH_ITEMS)) ] || { echo "$type events: ${count:-none} for $((items + BATCH_ITEMS)) items"; ok=0; }
  done
  local errors
  errors=$(error_queue_messages)
  [ "$errors" = 0 ] || { echo "messages in _error queues: $errors"; ok=0; }
  echo "summary: batch ${line#pipeline: }; extraction shares ${shares[*]} (the last killed at $taken of $BATCH_ITEMS), sentiment ${sentiment_shares[*]}"
  [ "$ok" -eq 1 ]
}

permissions() {
  local broker database
  broker=$(probe_broker "$(containers rabbitmq)") || { echo "$broker"; return 1; }
  echo "$broker"
  database=$(probe_database "$(containers postgres)") || { echo "$database"; return 1; }
  echo "$database"
  echo "summary: $(grep -c ' as expected$' <<<"$broker") broker and $(grep -c ' as expected$' <<<"$database") database probes as expected"
}

down() {
  bound=300 compose down -v --remove-orphans || return 1
  local left
  left=$(containers | wc -l)
  [ "$left" -eq 0 ] || { echo "$left containers left"; return 1; }
  echo "summary: containers and volumes removed"
}

cleanup() {
  if [ -n "$failed" ] && [ -z "${MONITOR_COMPOSE_KEEP:-}" ] && [ -f "$ENV_FILE" ] && docker info >/dev/null 2>&1; then
    compose down -v --remove-orphans >"$STATE/down-after-failure.log" 2>&1
  fi
  if [ -n "$started_engine" ] && [ -f "$STATE/dockerd.pid" ]; then
    kill "$(cat "$STATE/dockerd.pid")" 2>/dev/null
    wait_for 30 sh -c "! kill -0 $(cat "$STATE/dockerd.pid") 2>/dev/null"
    rm -f "$STATE/dockerd.pid"
  fi
}

PATH="$STATE/bin:$PATH"
trap 'failed="${failed:-interrupted}"; cleanup; exit 130' INT TERM
started=$(date +%s)
say "compose-check: docker-compose.yml on this machine's engine (logs in ${STATE#"$ROOT"/})"
step engine engine
step images images
step publish publish
step environment environment
step up up
step healthy healthy
step corpus corpus
step scale scale
step share share
step permissions permissions
step down down
cleanup

say ""
say "$(printf '%-12s %7s  %-4s  %s' step time result detail)"
printf '%s\n' "${rows[@]}"
say "total: $(( $(date +%s) - started ))s"
say "compose: services=$services healthy=$healthy items=${items:-0} scored=${scored:-0}"
[ -z "$failed" ]
