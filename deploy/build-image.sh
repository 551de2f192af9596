#!/usr/bin/env bash
# Builds the node's image without reaching an image registry: publishes the node self-contained on this machine
# and builds the Dockerfile's `prebuilt` target on a local Debian base (made by deploy/base-image.sh if missing).
# Usage: deploy/build-image.sh [tag]     (tag defaults to raft3d-node:latest; RAFT3D_ENGINE=podman|docker)
set -euo pipefail
cd "$(dirname "$0")/.."
tag="${1:-raft3d-node:latest}"
engine="${RAFT3D_ENGINE:-$(command -v podman >/dev/null && echo podman || echo docker)}"
base="localhost/raft3d-base:bookworm"

deploy/base-image.sh "$engine"
rm -rf deploy/out
dotnet publish Raft3D.Node/Raft3D.Node.csproj -c Release -r linux-x64 --self-contained -o deploy/out -nologo -v quiet
# Podman writes OCI images by default, and the OCI format has no HEALTHCHECK.
if [[ "$engine" == podman ]]; then format=(--format docker); else format=(); fi
"$engine" build --quiet "${format[@]}" --target prebuilt --build-arg "BASE_IMAGE=$base" -t "$tag" . >/dev/null
echo "$tag built with $engine on $base"
