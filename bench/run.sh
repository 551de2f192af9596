#!/usr/bin/env bash
# Raft3D vs etcd on this machine, one command: installs wrk and etcd (Debian) when missing, builds Release, runs
# bench/Raft3D.Bench, writes bench/RESULTS.md, and leaves no process behind.
#   bench/run.sh [--quick]      Raft3D vs etcd -> bench/RESULTS.md (about 15 min; --quick: a smoke test, 3-4 min)
#   bench/run.sh --tmpfs        also etcd with its data on /dev/shm, an fsync-free upper reference
#   bench/run.sh --events       what event stream followers cost writers -> bench/EVENTS.md (no etcd needed)
# RAFT3D_BENCH_PORT_OFFSET=N moves every port the bench uses by N, for a second checkout on the same machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/bench/out"

needed=()
command -v wrk >/dev/null || needed+=(wrk)
if [[ " $* " != *" --events "* ]]; then
  command -v etcd >/dev/null || needed+=(etcd-server)
  command -v etcdctl >/dev/null || needed+=(etcd-client)
fi
if (( ${#needed[@]} > 0 )); then
  echo "installing ${needed[*]} from Debian..."
  SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi

# Debian's package starts a system etcd on the default ports; the bench uses its own ports and data.
rm -rf "$WORK"
mkdir -p "$WORK"

echo "publishing the node as the image ships it (Release, self-contained, composite ReadyToRun)..."
"$ROOT/bench/publish-node.sh" "$WORK/node"
dotnet build "$ROOT/bench/Raft3D.Bench/Raft3D.Bench.csproj" -c Release -nologo -v quiet >/dev/null

# The bench runs in a process group of its own (setsid): its nodes, etcd members and wrk runs are in it, so the
# cleanup ends exactly them, even when the bench itself dies, and nothing another run started.
bench_group=""
cleanup() {
  if [[ -n "$bench_group" ]]; then
    kill -KILL -- "-$bench_group" 2>/dev/null || true
  fi
  rm -rf "/dev/shm/raft3d-bench-etcd-$bench_group"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

setsid dotnet "$ROOT/bench/Raft3D.Bench/bin/Release/net10.0/Raft3D.Bench.dll" \
  "$WORK/node/Raft3D.Node.dll" "$ROOT/bench/wrk/load.lua" "$WORK" "$ROOT/bench/RESULTS.md" "$@" &
bench_group=$!
wait "$bench_group"
