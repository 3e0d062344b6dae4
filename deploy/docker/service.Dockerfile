# One image per Monitor service: docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=Ingestion .
# SERVICE is the folder under services/ (Ingestion, Extraction, Sentiment, Relay).
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG SERVICE
RUN test -n "${SERVICE}" || { echo "build arg SERVICE is required: one of the folders under services/" >&2; exit 1; }
WORKDIR /src
COPY . .
# Builders that ignore service.Dockerfile.dockerignore (docker-compose 1.x's own) copy the host's
# build output too; its obj/ folders point at the host's package cache, so drop them.
RUN find . -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} + \
    && rm -rf .monitor .git
RUN test -f "services/${SERVICE}/Monitor.${SERVICE}.csproj" \
      || { echo "no project services/${SERVICE}/Monitor.${SERVICE}.csproj" >&2; exit 1; }
RUN dotnet publish "services/${SERVICE}/Monitor.${SERVICE}.csproj" -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
ARG SERVICE
# curl answers the compose healthcheck (GET /health/ready)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV MONITOR_SERVICE_DLL=Monitor.${SERVICE}.dll \
    MONITOR_LOG_FORMAT=json \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# the non-root user the .NET images ship (uid 1654)
USER $APP_UID
ENTRYPOINT ["sh", "-c", "exec dotnet \"/app/$MONITOR_SERVICE_DLL\""]
