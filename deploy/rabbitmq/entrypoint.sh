#!/usr/bin/env bash
# The broker's entry point in docker-compose.yml: render the definitions (users, vhost "monitor",
# permissions) with the passwords from the environment, then start RabbitMQ as the image would.
# rabbitmq.conf loads the rendered file at every boot, so a changed password applies on restart.
set -euo pipefail
/opt/monitor/render-definitions.sh /opt/monitor/definitions.json /tmp/monitor-definitions.json
# The file is private (0600); the broker may run as the rabbitmq user once the image's entry point drops root.
if [ "$(id -u)" = 0 ] && id rabbitmq >/dev/null 2>&1; then chown rabbitmq:rabbitmq /tmp/monitor-definitions.json; fi
exec docker-entrypoint.sh "$@"
