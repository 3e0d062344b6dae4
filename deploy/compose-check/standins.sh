#!/usr/bin/env bash
# Sourced by run.sh. Stand-ins for the base images docker-compose.yml and service.Dockerfile name, for
# an engine that cannot pull them: each is built here from Debian packages and the host's .NET runtime
# and tagged with the official name, so the compose file and the Dockerfile stay as users run them.
# An image that can be pulled is pulled instead; one already present (pulled, or a stand-in built from
# the same files) is kept.

STANDINS="$ROOT/deploy/compose-check/standins"
BASE_IMAGE="monitor-standin/debian:bookworm"

image_present() { docker image inspect "$1" >/dev/null 2>&1; }

# Pulled when the registry answers within MONITOR_COMPOSE_PULL_TIMEOUT seconds (20); a pull that is
# still downloading then (the registry answered) is given up to 30 minutes to finish.
try_pull() { # image
  local log="$STATE/pull.log" rc=0
  timeout "${MONITOR_COMPOSE_PULL_TIMEOUT:-20}" docker pull "$1" >"$log" 2>&1 || rc=$?
  if [ "$rc" -eq 124 ] && grep -q 'Pulling from' "$log"; then
    rc=0
    timeout 1800 docker pull "$1" >>"$log" 2>&1 || rc=$?
  fi
  return "$rc"
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

# What a stand-in is built from: its folder, and for the ASP.NET runtime the host's .NET runtimes.
standin_hash() { # folder
  { (cd "$STANDINS/$1" && find . -type f | sort | xargs cat); [ "$1" != aspnet ] || dotnet --list-runtimes; } |
    sha256sum | cut -c1-16
}

# A stand-in built from other sources than the ones here now (its label says which).
standin_outdated() { # image folder
  local label
  label=$(docker image inspect -f '{{index .Config.Labels "monitor.standin"}}' "$1" 2>/dev/null)
  case "$label" in ''|'<no value>') return 1 ;; esac
  [ "$label" != "$(standin_hash "$2")" ]
}

build_standin() { # official-name folder
  local image="$1" folder="$2" context="$STANDINS/$2" rc=0
  [ "$folder" = aspnet ] && context=$(aspnet_context)
  docker build -q --build-arg BASE="$BASE_IMAGE" --label "monitor.standin=$(standin_hash "$folder")" \
    -t "$image" "$context" >"$STATE/standin-$folder.log" 2>&1 || rc=$?
  [ "$folder" = aspnet ] && rm -rf "$context"
  [ "$rc" -eq 0 ] || { tail -n 30 "$STATE/standin-$folder.log" >&2; return 1; }
}

# Every base image: present, pulled, or built here. Prints "<image> present|pulled|stand-in" per image.
ensure_base_images() {
  local entry image folder
  for entry in "postgres:15 postgres" "rabbitmq:3.13-management rabbitmq" "mcr.microsoft.com/dotnet/aspnet:10.0 aspnet"; do
    read -r image folder <<<"$entry"
    if image_present "$image" && ! standin_outdated "$image" "$folder"; then echo "$image present"; continue; fi
    if ! image_present "$image" && try_pull "$image"; then echo "$image pulled"; continue; fi
    build_base || return 1
    build_standin "$image" "$folder" || return 1
    echo "$image stand-in"
  done
}
