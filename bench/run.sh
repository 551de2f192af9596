#!/usr/bin/env bash
# Raft3D vs etcd on this machine, one command: installs etcd (Debian), builds Release, runs
# bench/Raft3D.Bench, writes bench/RESULTS.md, and leaves no process behind.
#   bench/run.sh [--quick]      Raft3D vs etcd -> bench/RESULTS.md
#   bench/run.sh --events       what event stream followers cost writers -> bench/EVENTS.md (no etcd needed)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/bench/out"

if [[ " $* " != *" --events "* ]] && ! command -v etcd >/dev/null; then
  echo "installing etcd-server and etcd-client from Debian..."
  SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends etcd-server etcd-client >/dev/null
fi

# Debian's package starts a system etcd on the default ports; the bench uses its own ports and data.
rm -rf "$WORK"
mkdir -p "$WORK"
cleanup() {
  pkill -f -- "$WORK" 2>/dev/null || true
  pkill -f -- "/dev/shm/raft3d-bench-etcd" 2>/dev/null || true
  rm -rf /dev/shm/raft3d-bench-etcd-*
}
trap cleanup EXIT

echo "building (Release)..."
dotnet build "$ROOT/Raft3D.Node/Raft3D.Node.csproj" -c Release -nologo -v quiet >/dev/null
dotnet build "$ROOT/bench/Raft3D.Bench/Raft3D.Bench.csproj" -c Release -nologo -v quiet >/dev/null

dotnet "$ROOT/bench/Raft3D.Bench/bin/Release/net10.0/Raft3D.Bench.dll" \
  "$ROOT/Raft3D.Node/bin/Release/net10.0/Raft3D.Node.dll" "$WORK" "$ROOT/bench/RESULTS.md" "$@"
