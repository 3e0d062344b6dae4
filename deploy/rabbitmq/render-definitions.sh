#!/usr/bin/env bash
# render-definitions.sh <definitions.json> <output>
# Writes the broker's definitions with each user's password hash filled in from the environment:
# user "ingestion" takes RABBITMQ_INGESTION_PASSWORD, "admin" RABBITMQ_ADMIN_PASSWORD, and so on.
# A missing or empty password stops the broker from starting (there are no default passwords).
# The hash is RabbitMQ's rabbit_password_hashing_sha256: base64(salt ++ sha256(salt ++ password)),
# with a random 4-byte salt, so the passwords themselves never reach a file.
set -euo pipefail
template="$1" output="$2"

hex_to_bytes() { printf "$(sed 's/../\\x&/g' <<<"$1")"; }

password_hash() { # password
  local salt digest
  salt=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
  digest=$({ hex_to_bytes "$salt"; printf '%s' "$1"; } | sha256sum | cut -d' ' -f1)
  hex_to_bytes "$salt$digest" | base64 -w0
}

users=$(sed -n 's/.*{"name": "\([a-z0-9_-]*\)", "password_hash": "".*/\1/p' "$template")
[ -n "$users" ] || { echo "render-definitions: no users with an empty password_hash in $template" >&2; exit 1; }

rendered=$(cat "$template")
missing=()
for user in $users; do
  variable="RABBITMQ_$(tr 'a-z-' 'A-Z_' <<<"$user")_PASSWORD"
  password="${!variable:-}"
  if [ -z "$password" ]; then missing+=("$variable"); continue; fi
  hash=$(password_hash "$password")
  rendered=$(sed "s|{\"name\": \"$user\", \"password_hash\": \"\"|{\"name\": \"$user\", \"password_hash\": \"$hash\"|" <<<"$rendered")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "render-definitions: set ${missing[*]} (see .env.example); RabbitMQ users have no default passwords" >&2
  exit 1
fi
umask 077
printf '%s\n' "$rendered" > "$output"
