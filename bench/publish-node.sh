#!/usr/bin/env bash
# Publishes the node for the bench scripts as the image ships it: Release, self-contained, composite ReadyToRun
# (Raft3D.Node/NodeRuntime.props). One place for it, since every publish of the node for linux-x64 in a checkout
# must be self-contained (the SDK's incremental ReadyToRun step does not notice a switch from composite).
#   bench/publish-node.sh OUT_DIR
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet publish "$ROOT/Raft3D.Node/Raft3D.Node.csproj" -c Release -r linux-x64 --self-contained -o "$1" -nologo -v quiet >/dev/null
