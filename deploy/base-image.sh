#!/usr/bin/env bash
# Builds a minimal Debian bookworm image from the Debian mirror apt already uses and imports it as
# localhost/raft3d-base:bookworm, for machines that reach no image registry (the tests and CI use it as the
# Dockerfile's BASE_IMAGE). It holds what a self-contained .NET node needs and nothing more.
# Usage: deploy/base-image.sh [podman|docker]   (engine defaults to podman, else docker)
set -euo pipefail
engine="${1:-$(command -v podman >/dev/null && echo podman || echo docker)}"
image="localhost/raft3d-base:bookworm"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if "$engine" image exists "$image" 2>/dev/null || "$engine" image inspect "$image" >/dev/null 2>&1; then
  echo "$image already present"
  exit 0
fi

root="$(mktemp -d /tmp/raft3d-base.XXXXXX)"
trap 'rm -rf "$root"' EXIT
# libssl3 for TLS, ca-certificates for public roots, tzdata for log timestamps; ICU is left out (the node runs
# with invariant globalization).
debootstrap --variant=minbase --include=libssl3,ca-certificates,tzdata bookworm "$root" "$mirror" >/tmp/raft3d-base.log 2>&1 \
  || { echo "debootstrap failed (see /tmp/raft3d-base.log)" >&2; exit 1; }
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | "$engine" import - "$image" >/dev/null
echo "$image imported"
