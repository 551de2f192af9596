#!/usr/bin/env bash
# What one write costs each member: three Raft3D members on loopback, 64 clients creating printers on the leader
# (wrk with bench/wrk/load.lua), two warm-up windows, then 10 s windows that each print the writes per second,
# each member's CPU time per write (/proc/PID/stat) and the bytes the leader allocated per write
# (system_runtime_dotnet_gc_heap_total_allocated on /metrics). About 1 minute per window pair; the host's own
# noise moves a window by 10-15%, so compare builds in interleaved runs.
#   bench/cost.sh                 the node published from this checkout, 3 windows
#   bench/cost.sh NODE_DIR [N]    a node published elsewhere (another commit's), N windows
#   bench/cost.sh --follower ...  the clients write through a follower instead (it forwards to the leader)
# Runtime settings to try go in the environment (e.g. DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=70 bench/cost.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/bench/out/cost"
MODEL="Original Prusa MK4S with input shaper and a 0.4 mm nozzle"
command -v wrk >/dev/null || { echo "needs wrk (bench/run.sh installs it)"; exit 1; }

target=leader
if [[ ${1:-} == --follower ]]; then target=follower; shift; fi
rm -rf "$WORK/data"; mkdir -p "$WORK/data"
NODE="${1:-}"
if [[ -z $NODE ]]; then
  echo "publishing the node as the image ships it (Release, self-contained, composite ReadyToRun)..."
  "$ROOT/bench/publish-node.sh" "$WORK/node-bin"
  NODE="$WORK/node-bin"
fi
WINDOWS="${2:-3}"

pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
RAFT3D_HTTP_BASE=46080 RAFT3D_RAFT_BASE=46090
# shellcheck source=bench/raft3d-members.sh
source "$ROOT/bench/raft3d-members.sh"
for n in 0 1 2; do raft3d_start "$n" "$NODE" "$WORK/data" "$WORK/node"; done
l=""
for _ in $(seq 1 300); do l=$(raft3d_leader) && break; sleep 0.1; done
[[ -n $l ]] || { echo "no leader within 30 s; see $WORK/node-*.log"; exit 1; }
c=$l
[[ $target == follower ]] && c=$(( (l + 1) % 3 ))

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks
allocated() { curl -s "http://127.0.0.1:$((46080 + l))/metrics" | awk '/^system_runtime_dotnet_gc_heap_total_allocated / {print $2}'; }
writes() { wrk -t2 -c64 -d"$1" --timeout 10s -s "$ROOT/bench/wrk/load.lua" "http://127.0.0.1:$((46080 + c))/" -- raft3d write "$2" 0 "$MODEL" | grep -o '[0-9]* requests in' | grep -o '^[0-9]*'; }
tick_us=$((1000000 / $(getconf CLK_TCK)))

writes 6s "warm1$RANDOM" >/dev/null
writes 6s "warm2$RANDOM" >/dev/null
echo "64 clients writing to the $target"
first="follower"; [[ $target == follower ]] && first="follower the clients write to"
echo "| window | writes/s | CPU per write (µs): leader | $first | other follower | leader allocated per write (bytes) |"
echo "|---:|---:|---:|---:|---:|---:|"
for w in $(seq 1 "$WINDOWS"); do
  before=(); for n in 0 1 2; do before[n]=$(cpu "${raft3d_pid[n]}"); done
  bytes=$(allocated)
  count=$(writes 10s "cost$w$RANDOM")
  after=(); for n in 0 1 2; do after[n]=$(cpu "${raft3d_pid[n]}"); done
  f1=$(( (l + 1) % 3 )); f2=$(( (l + 2) % 3 ))
  echo "| $w | $((count / 10)) | $(( (after[l] - before[l]) * tick_us / count )) | $(( (after[f1] - before[f1]) * tick_us / count )) | $(( (after[f2] - before[f2]) * tick_us / count )) | $(( ($(allocated) - bytes) / count )) |"
done
