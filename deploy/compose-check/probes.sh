#!/usr/bin/env bash
# Sourced by run.sh. What each RabbitMQ user and PostgreSQL role may do, probed inside the running
# containers with the passwords the containers were given, against what docs/compose.md promises.
# Each probe prints "<who> <action> <what>: <allow|deny> as expected" or "... but expected ...".

# <user> <permission> <kind> <name> <allow|deny>: docs/compose.md's rules for the broker users.
broker_expectations() {
  local consumer queue exchange feed
  for consumer in "ingestion coverage-received CoverageReceived" "extraction coverage-ingested CoverageIngested" \
                  "sentiment content-extracted ContentExtracted" "alerts sentiment-scored SentimentScored"; do
    read -r consumer queue exchange <<<"$consumer"
    cat <<EOF
$consumer configure queue $queue allow
$consumer read queue $queue allow
$consumer configure queue ${queue}_error allow
$consumer write queue ${queue}_error allow
$consumer configure queue ${queue}_skipped allow
$consumer write queue ${queue}_skipped allow
$consumer read exchange Monitor.Contracts:$exchange allow
$consumer write exchange Monitor.Contracts:$exchange deny
$consumer read queue coverage-archive deny
$consumer configure exchange Monitor.Contracts:Unlisted deny
EOF
  done
  cat <<EOF
ingestion read queue coverage-ingested deny
extraction read queue content-extracted deny
sentiment read queue sentiment-scored deny
alerts read queue coverage-received deny
relay write exchange Monitor.Contracts:CoverageIngested allow
relay write exchange Monitor.Contracts:CoverageMetricsUpdated allow
relay write exchange Monitor.Contracts:ContentExtracted allow
relay write exchange Monitor.Contracts:SentimentScored allow
relay configure exchange Monitor.Contracts:SentimentScored allow
relay write exchange Monitor.Contracts:CoverageReceived deny
relay read queue coverage-ingested deny
relay configure queue relay deny
api configure queue api deny
api read queue sentiment-scored deny
api write exchange Monitor.Contracts:CoverageReceived deny
admin read queue sentiment-scored allow
admin configure queue anything allow
EOF
  for feed in weibo douyin xiaohongshu rss replay; do
    cat <<EOF
$feed write exchange Monitor.Contracts:CoverageReceived allow
$feed configure exchange Monitor.Contracts:CoverageReceived allow
$feed write exchange Monitor.Contracts:CoverageIngested deny
$feed read queue coverage-received deny
$feed configure queue coverage-received deny
EOF
  done
}

# The broker's own access control (rabbit_access_control), asked inside the rabbitmq container for
# each user logged in with the password from its environment; also: a wrong password is refused for
# every user, and the only users are Monitor's (no guest).
probe_broker() { # container
  local container="$1" expectations checks answers users
  expectations=$(broker_expectations)
  checks=$(while read -r user permission kind name _; do
    printf '{<<"%s">>, "RABBITMQ_%s_PASSWORD", %s, <<"%s">>, %s},' "$user" "${user^^}" "$kind" "$name" "$permission"
  done <<<"$expectations")
  users=$(awk '{print $1}' <<<"$expectations" | sort -u)
  local logins
  logins=$(for user in $users; do printf '{<<"%s">>, "RABBITMQ_%s_PASSWORD"},' "$user" "${user^^}"; done)
  # One eval: [allow|deny per check ..., then per user: its own password's login, a wrong one's].
  answers=$(docker exec "$container" rabbitmqctl eval "
    Access = fun(User, Var, Kind, Name, Permission) ->
      case rabbit_access_control:check_user_pass_login(User, list_to_binary(os:getenv(Var))) of
        {ok, U} ->
          try rabbit_access_control:check_resource_access(U, rabbit_misc:r(<<\"monitor\">>, Kind, Name), Permission, #{}) of
            ok -> allow
          catch _:_ -> deny
          end;
        _ -> login_refused
      end
    end,
    Login = fun(User, Var) ->
      Own = element(1, rabbit_access_control:check_user_pass_login(User, list_to_binary(os:getenv(Var)))),
      Wrong = element(1, rabbit_access_control:check_user_pass_login(User, <<\"not-the-password\">>)),
      {Own, Wrong}
    end,
    Users = lists:sort([binary_to_list(proplists:get_value(user, U)) || U <- rabbit_auth_backend_internal:list_users()]),
    {[Access(U, V, K, N, P) || {U, V, K, N, P} <- [${checks%,}]], [Login(U, V) || {U, V} <- [${logins%,}]], Users}.
  " 2>&1) || { echo "rabbitmqctl eval failed: $answers"; return 1; }
  local flat results ok=1 i=0 expected got
  flat=$(tr -d ' \n' <<<"$answers")
  # {[allow,deny,...],[{ok,refused},...],["admin",...]}
  results=$(sed -n 's/^{\[\([a-z_,]*\)\],.*/\1/p' <<<"$flat" | tr ',' '\n')
  [ -n "$results" ] || { echo "unexpected answer from the broker: $answers"; return 1; }
  mapfile -t got_all <<<"$results"
  while read -r user permission kind name expected; do
    got="${got_all[i]:-none}"; i=$((i + 1))
    if [ "$got" = "$expected" ]; then echo "broker $user $permission $kind $name: $got as expected"
    else echo "broker $user $permission $kind $name: $got but expected $expected"; ok=0; fi
  done <<<"$expectations"
  local login_pairs
  login_pairs=$(sed -n 's/^{\[[a-z_,]*\],\[\(.*\)\],\[.*\]}$/\1/p' <<<"$flat" | sed 's/},{/}\n{/g')
  i=0
  for user in $users; do
    got=$(sed -n "$((i + 1))p" <<<"$login_pairs"); i=$((i + 1))
    if [ "$got" = "{ok,refused}" ]; then echo "broker $user login own-password, wrong-password: ok, refused as expected"
    else echo "broker $user login own-password, wrong-password: $got but expected {ok,refused}"; ok=0; fi
  done
  local listed wanted
  listed=$(sed -n 's/.*\],\[\("[^]]*"\)\]}$/\1/p' <<<"$flat" | tr -d '"' | tr ',' ' ')
  wanted=$(grep -o '"name": "[a-z]*", "password_hash"' "$ROOT/deploy/rabbitmq/definitions.json" | cut -d'"' -f4 | sort | paste -sd' ' -)
  if [ "$listed" = "$wanted" ]; then echo "broker users: $listed as expected"
  else echo "broker users: $listed but expected $wanted"; ok=0; fi
  [ "$ok" -eq 1 ]
}

# Runs inside the postgres container as the superuser (local socket): each service role connects over
# the container's network address with its password from the container's environment and tries statements (in transactions that
# are rolled back); prints "<role> <action> <target> allow|deny".
database_probe_script() {
  cat <<'SCRIPT'
set -u
db="$POSTGRES_DB" schema="${MONITOR_EVENTSTORE_SCHEMA:-monitor}"
# the container's network address: its password rule (scram-sha-256) is the one other containers meet
address=$(hostname -i | awk '{print $1}')
as_role() { # role password sql -> allow|deny|error:<message>
  local out
  out=$(PGPASSWORD="$2" psql -h "$address" -U "$1" -d "$db" -v ON_ERROR_STOP=1 --no-psqlrc -qAt -c "BEGIN" -c "$3" -c "ROLLBACK" 2>&1)
  if [ $? -eq 0 ]; then echo allow
  elif grep -qE 'permission denied|must be owner' <<<"$out"; then echo deny
  else echo "error:$(tr '\n' ' ' <<<"$out")"; fi
}
super() { psql -U "$POSTGRES_USER" -d "$db" --no-psqlrc -qAt -c "$1"; }
tables=$(super "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = '$schema' AND tableowner = 'monitor_migrator' ORDER BY 1")
[ -n "$tables" ] || { echo "no tables owned by monitor_migrator in schema $schema"; exit 1; }
for role in monitor_app monitor_api; do
  case $role in monitor_app) pw="$POSTGRES_APP_PASSWORD" ;; *) pw="$POSTGRES_API_PASSWORD" ;; esac
  for t in $tables; do
    column=$(super "SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = '$t'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum LIMIT 1")
    echo "$role select $t $(as_role $role "$pw" "SELECT count(*) FROM $t")"
    echo "$role insert $t $(as_role $role "$pw" "INSERT INTO $t SELECT * FROM $t WHERE false")"
    echo "$role update $t $(as_role $role "$pw" "UPDATE $t SET $column = $column WHERE false")"
    echo "$role delete $t $(as_role $role "$pw" "DELETE FROM $t WHERE false")"
    echo "$role truncate $t $(as_role $role "$pw" "TRUNCATE $t")"
    echo "$role alter $t $(as_role $role "$pw" "ALTER TABLE $t ADD COLUMN compose_check_probe int")"
  done
  echo "$role create $schema $(as_role $role "$pw" "CREATE TABLE \"$schema\".compose_check_probe (id int)")"
  echo "$role create public $(as_role $role "$pw" "CREATE TABLE public.compose_check_probe (id int)")"
  echo "$role create-schema $db $(as_role $role "$pw" "CREATE SCHEMA compose_check_probe")"
done
echo "monitor_migrator create $schema $(as_role monitor_migrator "$POSTGRES_MIGRATOR_PASSWORD" "CREATE TABLE \"$schema\".compose_check_probe (id int)")"
echo "monitor_migrator owns $schema $( [ "$(super "SELECT nspowner::regrole FROM pg_namespace WHERE nspname = '$schema'")" = monitor_migrator ] && echo allow || echo deny)"
# the superuser is used by no service: every other client is one of the three roles
others=$(super "SELECT DISTINCT usename FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND usename NOT IN ('monitor_app', 'monitor_api', 'monitor_migrator')")
echo "services connect-as-other-role ${others:-none} $([ -z "$others" ] && echo deny || echo allow)"
SCRIPT
}

# <role> <action> <allow|deny>: docs/compose.md's rules for the PostgreSQL roles (for every store table).
database_expectation() { # role action
  case "$1 $2" in
    "monitor_app select"|"monitor_app insert"|"monitor_app update") echo allow ;;
    "monitor_api select"|"monitor_api insert"|"monitor_api update") echo allow ;;
    "monitor_api create") echo allow ;;
    "monitor_migrator create"|"monitor_migrator owns") echo allow ;;
    *) echo deny ;;
  esac
}

probe_database() { # container
  local output ok=1 role action target got expected public_create
  output=$(database_probe_script | docker exec -i "$1" bash -s 2>&1) || { echo "$output"; return 1; }
  while read -r role action target got; do
    expected=$(database_expectation "$role" "$action")
    # "create public" is the public schema, where no role may create
    [ "$action $target" = "create public" ] && expected=deny
    if [ "$got" = "$expected" ]; then echo "database $role $action $target: $got as expected"
    else echo "database $role $action $target: $got but expected $expected"; ok=0; fi
  done <<<"$output"
  [ "$ok" -eq 1 ]
}
