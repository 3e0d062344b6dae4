#!/usr/bin/env bash
# The official image's entry point: as root, hand the data directory to "rabbitmq" and run the
# command as that user.
set -euo pipefail
# Debian's RabbitMQ (3.10) refuses to boot on settings added later (default_queue_type, 3.13): it
# reads a copy of conf.d without them.
if [[ "$1" == rabbitmq* ]] && [ "$(id -u)" = 0 ]; then
  rm -rf /tmp/rabbitmq-conf.d && mkdir -p /tmp/rabbitmq-conf.d
  for conf in /etc/rabbitmq/conf.d/*.conf; do
    grep -v '^[[:space:]]*default_queue_type[[:space:]]*=' "$conf" >"/tmp/rabbitmq-conf.d/$(basename "$conf")"
  done
  chown -R rabbitmq:rabbitmq /tmp/rabbitmq-conf.d
fi
export RABBITMQ_CONFIG_FILES=/tmp/rabbitmq-conf.d
if [[ "$1" == rabbitmq* ]] && [ "$(id -u)" = 0 ]; then
  if [ "$1" = rabbitmq-server ]; then
    find /var/lib/rabbitmq \! -user rabbitmq -exec chown rabbitmq '{}' +
  fi
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$BASH_SOURCE" "$@"
fi
exec "$@"
