#!/usr/bin/env bash
# The broker's entry point in docker-compose.yml: render the definitions (users, vhost "monitor",
# permissions) with the passwords from the environment, then start RabbitMQ as the image would.
# rabbitmq.conf loads the rendered file at every boot, so a changed password applies on restart.
set -euo pipefail
/opt/monitor/render-definitions.sh /opt/monitor/definitions.json /tmp/monitor-definitions.json
exec docker-entrypoint.sh "$@"
