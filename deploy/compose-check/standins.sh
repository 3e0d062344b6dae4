#!/usr/bin/env bash
# Sourced by run.sh. Stand-ins for the base images docker-compose.yml and service.Dockerfile name, for
# an engine that cannot pull them: each is built here from Debian packages and the host's .NET runtime
# and tagged with the official name, so the compose file and the Dockerfile stay as users run them.
# An image that can be pulled is pulled instead; one already present (pulled or built before) is kept.

STANDINS="$ROOT/deploy/compose-check/standins"
BASE_IMAGE="monitor-standin/debian:bookworm"

image_present() { docker image inspect "$1" >/dev/null 2>&1; }

# Pulled when the registry answers within PULL_TIMEOUT seconds.
try_pull() { # image
  timeout "${PULL_TIMEOUT:-20}" docker pull -q "$1" >/dev/null 2>&1
}

# The Debian mirror this host's apt uses, for debootstrap.
debian_mirror() {
  local uri
  uri=$(sed -n 's/^URIs: *\(.*debian\/*\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
  [ -n "$uri" ] || uri=$(sed -n 's/^deb \(http[^ ]*\) bookworm main.*/\1/p' /etc/apt/sources.list 2>/dev/null | head -1)
  echo "${uri:-http://deb.debian.org/debian}"
}

build_base() {
  image_present "$BASE_IMAGE" && return 0
  command -v debootstrap >/dev/null || apt_install debootstrap
  local rootfs
  rootfs=$(mktemp -d /var/tmp/monitor-bookworm.XXXXXX)
  debootstrap --variant=minbase bookworm "$rootfs" "$(debian_mirror)" >"$STATE/debootstrap.log" 2>&1 || {
    tail -n 20 "$STATE/debootstrap.log" >&2; rm -rf "$rootfs"; return 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  # as in Debian's official image: packages installed in a build start no services
  printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d" && chmod +x "$rootfs/usr/sbin/policy-rc.d"
  tar -C "$rootfs" -c . | docker import -c 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
  local rc=$?
  rm -rf "$rootfs"
  return "$rc"
}

# The ASP.NET runtime stand-in takes the host's .NET (dotnet, host, shared) as its build context.
aspnet_context() {
  local dotnet_root context
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  context=$(mktemp -d /var/tmp/monitor-aspnet.XXXXXX)
  cp -a "$STANDINS/aspnet/." "$context/"
  mkdir -p "$context/dotnet"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/shared" "$context/dotnet/"
  echo "$context"
}

build_standin() { # official-name folder
  local image="$1" folder="$2" context="$STANDINS/$2" rc=0
  [ "$folder" = aspnet ] && context=$(aspnet_context)
  docker build -q --build-arg BASE="$BASE_IMAGE" -t "$image" "$context" >"$STATE/standin-$folder.log" 2>&1 || rc=$?
  [ "$folder" = aspnet ] && rm -rf "$context"
  [ "$rc" -eq 0 ] || { tail -n 30 "$STATE/standin-$folder.log" >&2; return 1; }
}

# Every base image: present, pulled, or built here. Prints "<image> present|pulled|stand-in" per image.
ensure_base_images() {
  local entry image folder
  for entry in "postgres:15 postgres" "rabbitmq:3.13-management rabbitmq" "mcr.microsoft.com/dotnet/aspnet:10.0 aspnet"; do
    read -r image folder <<<"$entry"
    if image_present "$image"; then echo "$image present"; continue; fi
    if try_pull "$image"; then echo "$image pulled"; continue; fi
    build_base || return 1
    build_standin "$image" "$folder" || return 1
    echo "$image stand-in"
  done
}
