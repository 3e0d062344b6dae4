# One image per Monitor service:
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=Ingestion .
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=Feeds/Weibo .
# SERVICE is the service's folder under services/ (nested folders included); the folder
# services/Feeds/Weibo holds Monitor.Feeds.Weibo.csproj: its slashes become dots.
# The Api image also carries the dashboard's browser libraries, which the web stage brings from npm.
# APP_FROM=published skips the node and SDK stages and takes what `dotnet publish` wrote on the host
# into .monitor/publish/<SERVICE> instead (with /app/monitor-service naming the dll, as below):
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=Ingestion --build-arg APP_FROM=published .
# That needs BuildKit (DOCKER_BUILDKIT=1), which builds only the stages the image uses.
ARG DOTNET_VERSION=10.0
ARG NODE_VERSION=20
ARG APP_FROM=build

# Only SERVICE=Api builds anything here; every other service gets an empty folder.
FROM node:${NODE_VERSION}-bookworm-slim AS web
ARG SERVICE
WORKDIR /web
COPY web/dashboard/package.json web/dashboard/package-lock.json web/dashboard/build.mjs ./
RUN mkdir -p /out \
    && if [ "${SERVICE}" = "Api" ]; then \
         npm ci --omit=dev --no-audit --no-fund && MONITOR_WWWROOT=/out node build.mjs; \
       fi

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG SERVICE
RUN test -n "${SERVICE}" || { echo "build arg SERVICE is required: a folder under services/, e.g. Ingestion or Feeds/Weibo" >&2; exit 1; }
WORKDIR /src
COPY . .
# Builders that ignore service.Dockerfile.dockerignore (docker-compose 1.x's own) copy the host's
# build output too; its obj/ folders point at the host's package cache, so drop them.
RUN find . -type d \( -name bin -o -name obj -o -name node_modules \) -prune -exec rm -rf {} + \
    && rm -rf .monitor .git services/Api/wwwroot/lib
COPY --from=web /out/ services/Api/wwwroot/
# /app/monitor-service names the dll the runtime stage starts (the assembly is named after the project).
RUN project="services/${SERVICE}/Monitor.$(echo "${SERVICE}" | tr / .).csproj" \
    && { test -f "$project" || { echo "no project $project (SERVICE=${SERVICE})" >&2; exit 1; }; } \
    && dotnet publish "$project" -c Release -o /app -p:UseAppHost=false \
    && basename "$project" .csproj > /app/monitor-service

FROM scratch AS published
ARG SERVICE
COPY .monitor/publish/${SERVICE}/ /app/

FROM ${APP_FROM} AS app

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
# curl answers the compose healthcheck (GET /health/ready)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=app /app ./
ENV MONITOR_LOG_FORMAT=json \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# the non-root user the .NET images ship (uid 1654)
USER $APP_UID
ENTRYPOINT ["sh", "-c", "exec dotnet \"/app/$(cat /app/monitor-service).dll\""]
