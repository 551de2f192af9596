#!/usr/bin/env bash
# The floor under Raft3D's figures: etcd, DotNext 6.12's HTTP Raft with MVC and a no-op state machine
# (bench/Raft3D.Floor, on the node's own log and runtime settings: followers flush before they answer, as etcd's do) and Raft3D, three members
# each, driven by the same wrk in interleaved 5 s windows on this machine; then each member's resident memory.
#   bench/floor.sh              throughput rows and memory (about 4 min)
#   bench/floor.sh --restart    also a follower's restart to a linearizable read after 100,000 writes, etcd and
#                               the floor (about 5 more min)
#   bench/floor.sh --warm-up    instead: each system alone on a fresh cluster, four back-to-back 8 s windows of
#                               64-client writes from the moment it has a leader, the first against the median of the
#                               next three, as bench/run.sh's growth table measures it (about 3 min)
# What Raft3D cannot beat here, DotNext and ASP.NET cannot give it; see the README, "The floor".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/bench/out/floor"
MODEL="Original Prusa MK4S with input shaper and a 0.4 mm nozzle"
command -v wrk >/dev/null && command -v etcd >/dev/null || { echo "needs wrk and etcd (bench/run.sh installs them)"; exit 1; }

rm -rf "$WORK"; mkdir -p "$WORK"
echo "publishing the floor and the node self-contained (Release, composite ReadyToRun, as the image ships the node)..."
dotnet publish "$ROOT/bench/Raft3D.Floor/Raft3D.Floor.csproj" -c Release -r linux-x64 --self-contained -o "$WORK/floor-bin" -nologo -v quiet >/dev/null
"$ROOT/bench/publish-node.sh" "$WORK/node-bin"

pids=()
RAFT3D_HTTP_BASE=44080 RAFT3D_RAFT_BASE=44090
# shellcheck source=bench/raft3d-members.sh
source "$ROOT/bench/raft3d-members.sh"
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
ETCD_CLUSTER="e0=http://127.0.0.1:42380,e1=http://127.0.0.1:42381,e2=http://127.0.0.1:42382"

start_etcd() { # member, state
  etcd --name "e$1" --data-dir "$WORK/etcd/e$1" --log-level error --initial-cluster "$ETCD_CLUSTER" --initial-cluster-state "$2" \
    --listen-client-urls "http://127.0.0.1:$((42379 + $1 * 10))" --advertise-client-urls "http://127.0.0.1:$((42379 + $1 * 10))" \
    --listen-peer-urls "http://127.0.0.1:$((42380 + $1))" --initial-advertise-peer-urls "http://127.0.0.1:$((42380 + $1))" >>"$WORK/etcd-$1.log" 2>&1 &
  etcd_pid[$1]=$!; pids+=($!); disown
}
start_floor() { # member
  dotnet "$WORK/floor-bin/Raft3D.Floor.dll" $((43262 + $1)) "$WORK/floor/f$1" 43262 43263 43264 >>"$WORK/floor-$1.log" 2>&1 &
  floor_pid[$1]=$!; pids+=($!); disown
}
start_raft3d() { raft3d_start "$1" "$WORK/node-bin" "$WORK/raft3d" "$WORK/raft3d"; } # member
etcd_leader() {
  for m in 0 1 2; do
    local s; s=$(curl -s -m 1 -X POST "http://127.0.0.1:$((42379 + m * 10))/v3/maintenance/status" -d '{}' || true)
    [[ -n $s && $(grep -o '"leader":"[0-9]*"' <<<"$s" | grep -o '[0-9]\{3,\}') == $(grep -o '"member_id":"[0-9]*"' <<<"$s" | grep -o '[0-9]\{3,\}') ]] && { echo "$m"; return; }
  done
  return 1
}
floor_leader() { for m in 0 1 2; do [[ $(curl -s -o /dev/null -w '%{http_code}' -m 1 -X POST "http://127.0.0.1:$((43262 + m))/value") == 204 ]] && { echo "$m"; return; }; done; return 1; }
wait_for() { for _ in $(seq 1 300); do "$1" && return; sleep 0.1; done; echo "no leader from $1" >&2; exit 1; }
window=5s
rate() { wrk -t"$(( $1 > 1 ? 2 : 1 ))" -c"$1" -d"$window" --timeout 10s "${@:2}" 2>&1 | grep -o 'Requests/sec: *[0-9.]*' | grep -o '[0-9.]*$'; }
# One window of writes to each system's leader, the rate printed: clients, the leader's member number.
etcd_writes() { rate "$1" -s "$ROOT/bench/wrk/load.lua" "http://127.0.0.1:$((42379 + $2 * 10))/" -- etcd write "e$1$RANDOM" 0 "$MODEL"; }
floor_writes() { rate "$1" -s "$ROOT/bench/wrk/post.lua" "http://127.0.0.1:$((43262 + $2))/value"; }
raft3d_writes() { rate "$1" -s "$ROOT/bench/wrk/load.lua" "http://127.0.0.1:$((44080 + $2))/" -- raft3d write "r$1$RANDOM" 0 "$MODEL"; }
rss() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$1/status") / 1024 )); }

if [[ " $* " == *" --warm-up "* ]]; then
  # One system at a time, so that nothing else compiles or flushes beside the cluster being warmed.
  window=8s
  fresh() { # name, start function, leader function, writes function
    local before=("${pids[@]}")
    for m in 0 1 2; do $2 "$m" new; done
    local w=()
    # The leader is asked before every window, as bench/run.sh's growth run does: an election at start-up must
    # not send a window to a follower unnoticed.
    for _ in 1 2 3 4; do w+=("$($4 64 "$(wait_for "$3")")"); done
    for p in "${pids[@]:${#before[@]}}"; do kill -9 "$p" 2>/dev/null || true; done
    pids=("${before[@]}")
    awk -v n="$1" -v a="${w[0]:-0}" -v b="${w[1]:-0}" -v c="${w[2]:-0}" -v d="${w[3]:-0}" 'BEGIN {
      m = (b < c) ? ((c < d) ? c : ((b < d) ? d : b)) : ((b < d) ? b : ((c < d) ? d : c))
      printf "| %s | %.0f | %.0f | %.0f | %.0f | %s |\n", n, a, b, c, d, (m > 0 ? sprintf("%.2f", a / m) : "no figure") }'
  }
  echo
  echo "| system | window 1 (writes/s) | 2 | 3 | 4 | first / median of 2-4 |"
  echo "|---|---:|---:|---:|---:|---:|"
  fresh etcd start_etcd etcd_leader etcd_writes
  fresh floor start_floor floor_leader floor_writes
  fresh Raft3D start_raft3d raft3d_leader raft3d_writes
  exit 0
fi

for m in 0 1 2; do start_etcd $m new; start_floor $m; start_raft3d $m; done
el=$(wait_for etcd_leader); fl=$(wait_for floor_leader); rl=$(wait_for raft3d_leader)
echo
echo "| clients | etcd (writes/s) | floor | floor/etcd | Raft3D | Raft3D/etcd |"
echo "|---:|---:|---:|---:|---:|---:|"
for c in 64 64 64 1 1 1; do
  e=$(etcd_writes "$c" "$el"); f=$(floor_writes "$c" "$fl"); r=$(raft3d_writes "$c" "$rl")
  awk -v c="$c" -v e="$e" -v f="$f" -v r="$r" 'BEGIN { printf "| %d | %.0f | %.0f | %.2f | %.0f | %.2f |\n", c, e, f, f / e, r, r / e }'
done
echo
echo "resident memory after the windows (MiB; leader first): floor $(rss "${floor_pid[$fl]}") / $(rss "${floor_pid[$(( (fl + 1) % 3 ))]}") / $(rss "${floor_pid[$(( (fl + 2) % 3 ))]}"), Raft3D $(rss "${raft3d_pid[$rl]}") / $(rss "${raft3d_pid[$(( (rl + 1) % 3 ))]}") / $(rss "${raft3d_pid[$(( (rl + 2) % 3 ))]}")"

[[ " $* " == *" --restart "* ]] || exit 0
restart() { # system, its leader's URL, wrk script: writes until 100,000, prints how many
  local system=$1 url=$2 script=$3 target=100000 total=0
  while (( total < target )); do
    local n; n=$(wrk -t2 -c64 -d5s --timeout 10s -s "$script" "$url" -- "$system" write "w$RANDOM" 0 "$MODEL" 2>&1 | grep -o '[0-9]* requests in' | grep -o '^[0-9]*')
    total=$((total + n))
  done
  echo "$total"
}
follower_restarts() { # name, command printing the follower's pid, command starting it, probe that succeeds once it serves
  local out=""
  for _ in 1 2 3; do
    kill -9 "$($2)"; sleep 1
    local t0; t0=$(date +%s%N); $3
    until $4; do sleep 0.01; done
    out+=" $(( ($(date +%s%N) - t0) / 1000000 ))"
  done
  echo "$1 restart of a SIGKILLed follower to a linearizable read (ms):$out"
}
ef=$(( (el + 1) % 3 )); ff=$(( (fl + 1) % 3 ))
echo
echo "etcd: $(restart etcd "http://127.0.0.1:$((42379 + el * 10))/" "$ROOT/bench/wrk/load.lua") writes"
follower_restarts etcd "eval echo \${etcd_pid[$ef]}" "start_etcd $ef existing" \
  "eval [[ \$(curl -s -o /dev/null -w '%{http_code}' -m 2 -X POST http://127.0.0.1:$((42379 + ef * 10))/v3/kv/range -d '{\"key\":\"eA==\"}') == 200 ]]"
echo "floor: $(restart floor "http://127.0.0.1:$((43262 + fl))/value" "$ROOT/bench/wrk/post.lua") writes"
follower_restarts floor "eval echo \${floor_pid[$ff]}" "start_floor $ff" \
  "eval [[ \$(curl -s -o /dev/null -w '%{http_code}' -m 2 http://127.0.0.1:$((43262 + ff))/value) == 204 ]]"
