#!/usr/bin/env bash
# Monitor's PostgreSQL roles. The postgres image runs this once, on the first start with an empty
# data volume, as the superuser from POSTGRES_USER (which no service uses). Passwords come from the
# environment (.env); there are no defaults.
#
#   monitor_migrator  owns the event store's schema: creates and migrates it (the relay runs with it
#                     and MONITOR_EVENTSTORE_MIGRATE=true; the store migrates under an advisory lock)
#   monitor_app       ingestion, extraction, sentiment, alerts and the feeds: reads and appends
#                     events, keeps subscription checkpoints; no DDL, no DELETE, no TRUNCATE
#   monitor_api       the API: what monitor_app may, plus CREATE in the schema for its own
#                     read-model tables (rm_*), which it owns and rebuilds, and the pg_trgm
#                     extension (created here) for their text search
set -euo pipefail
: "${POSTGRES_MIGRATOR_PASSWORD:?set POSTGRES_MIGRATOR_PASSWORD (see .env.example)}"
: "${POSTGRES_APP_PASSWORD:?set POSTGRES_APP_PASSWORD (see .env.example)}"
: "${POSTGRES_API_PASSWORD:?set POSTGRES_API_PASSWORD (see .env.example)}"
schema="${MONITOR_EVENTSTORE_SCHEMA:-monitor}"
database="${POSTGRES_DB:-${POSTGRES_USER:-postgres}}"

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "$database" \
  -v schema="$schema" -v database="$database" \
  -v migrator_password="$POSTGRES_MIGRATOR_PASSWORD" \
  -v app_password="$POSTGRES_APP_PASSWORD" \
  -v api_password="$POSTGRES_API_PASSWORD" <<'SQL'
CREATE ROLE monitor_migrator LOGIN PASSWORD :'migrator_password';
CREATE ROLE monitor_app LOGIN PASSWORD :'app_password';
CREATE ROLE monitor_api LOGIN PASSWORD :'api_password';

REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO monitor_migrator, monitor_app, monitor_api;
-- the store runs CREATE SCHEMA IF NOT EXISTS at start, which PostgreSQL checks against this right
GRANT CREATE ON DATABASE :"database" TO monitor_migrator;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA :"schema" AUTHORIZATION monitor_migrator;
GRANT USAGE ON SCHEMA :"schema" TO monitor_app, monitor_api;
GRANT CREATE ON SCHEMA :"schema" TO monitor_api;

-- The API's read models index the mentions' text with pg_trgm, which only a superuser or the
-- database owner may create; its operator classes live in public, which the API may use.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
GRANT USAGE ON SCHEMA public TO monitor_api;

-- Tables, sequences and functions the migrator creates later are usable by the services at once.
ALTER DEFAULT PRIVILEGES FOR ROLE monitor_migrator IN SCHEMA :"schema"
  GRANT SELECT, INSERT, UPDATE ON TABLES TO monitor_app, monitor_api;
ALTER DEFAULT PRIVILEGES FOR ROLE monitor_migrator IN SCHEMA :"schema"
  GRANT USAGE, SELECT ON SEQUENCES TO monitor_app, monitor_api;
ALTER DEFAULT PRIVILEGES FOR ROLE monitor_migrator IN SCHEMA :"schema"
  REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE monitor_migrator IN SCHEMA :"schema"
  GRANT EXECUTE ON FUNCTIONS TO monitor_app, monitor_api;
SQL
echo "monitor: roles monitor_migrator, monitor_app, monitor_api and schema $schema created in $database"
