#!/usr/bin/env bash
# Starts, stops or reports on a local three-node Raft3D cluster.
#   ./run-cluster.sh [start|stop|status]      (default: start)
# Nodes: node1..node3, API on 127.0.0.1:8080-8082, Raft on 9090-9092,
# data under data/nodeN, logs under logs/nodeN.log, pids under .run/,
# all relative to $RAFT3D_HOME (default: this folder).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HOME_DIR="${RAFT3D_HOME:-$ROOT}"
RUN_DIR="$HOME_DIR/.run"
NODE_DLL="$ROOT/src/Raft3D.Node/bin/Release/net10.0/Raft3D.Node.dll"
NODES=(1 2 3)
HOST=127.0.0.1

api_port() { echo $((8079 + $1)); }
raft_port() { echo $((9089 + $1)); }

# A plain HTTP GET with bash's /dev/tcp, so the script needs nothing beyond the .NET SDK.
http_get() {
  local port=$1 path=$2
  (
    exec 3<>"/dev/tcp/$HOST/$port" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$path" "$HOST" "$port" >&3
    timeout 2 cat <&3 || true
  ) 2>/dev/null
}

is_ours() {
  local pid=$1
  [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "Raft3D.Node.dll"
}

members_args() {
  local i args=()
  for i in "${NODES[@]}"; do
    args+=("--Raft3D:Members:$((i - 1)):Id=node$i"
      "--Raft3D:Members:$((i - 1)):Raft=http://$HOST:$(raft_port "$i")/"
      "--Raft3D:Members:$((i - 1)):Http=http://$HOST:$(api_port "$i")")
  done
  echo "${args[@]}"
}

start_node() {
  local i=$1 pidfile="$RUN_DIR/node$1.pid"
  if [[ -f "$pidfile" ]] && is_ours "$(cat "$pidfile")"; then
    echo "node$i already running (pid $(cat "$pidfile"))"
    return
  fi
  mkdir -p "$HOME_DIR/data/node$i" "$HOME_DIR/logs"
  # shellcheck disable=SC2046
  nohup dotnet "$NODE_DLL" \
    --Raft3D:NodeId="node$i" \
    --Raft3D:HttpUrl="http://$HOST:$(api_port "$i")" \
    --Raft3D:RaftUrl="http://$HOST:$(raft_port "$i")/" \
    --Raft3D:DataDirectory="$HOME_DIR/data/node$i" \
    --Raft3D:Logging:FilePath="$HOME_DIR/logs/node$i.log" \
    $(members_args) \
    >>"$HOME_DIR/logs/node$i.out.log" 2>&1 &
  echo $! >"$pidfile"
  echo "node$i started (pid $!): API http://$HOST:$(api_port "$i"), raft http://$HOST:$(raft_port "$i")/"
}

wait_for_leader() {
  local deadline=$((SECONDS + 60)) i body
  while ((SECONDS < deadline)); do
    for i in "${NODES[@]}"; do
      body="$(http_get "$(api_port "$i")" /cluster/leader || true)"
      if [[ "$body" == *'"leader_id"'* ]]; then
        echo "leader elected: $(grep -o '"leader_id":"[^"]*"' <<<"$body" | cut -d'"' -f4)"
        return 0
      fi
    done
    sleep 0.5
  done
  echo "no leader after 60 s; see logs/node*.log" >&2
  return 1
}

cmd_start() {
  command -v dotnet >/dev/null || { echo "dotnet is not on PATH; install the .NET 10 SDK" >&2; exit 1; }
  mkdir -p "$RUN_DIR"
  echo "building (Release)..."
  dotnet build "$ROOT/src/Raft3D.Node/Raft3D.Node.csproj" -c Release -nologo -v quiet >"$RUN_DIR/build.log" 2>&1 \
    || { cat "$RUN_DIR/build.log" >&2; exit 1; }
  for i in "${NODES[@]}"; do start_node "$i"; done
  wait_for_leader
  for i in "${NODES[@]}"; do
    echo "node$i: Swagger http://$HOST:$(api_port "$i")/swagger   status http://$HOST:$(api_port "$i")/cluster/status"
  done
}

cmd_stop() {
  local pidfile pid
  shopt -s nullglob
  for pidfile in "$RUN_DIR"/node*.pid; do
    pid="$(cat "$pidfile")"
    if is_ours "$pid"; then
      kill "$pid" && echo "stopped $(basename "$pidfile" .pid) (pid $pid)"
    fi
    rm -f "$pidfile"
  done
}

cmd_status() {
  local i pidfile state body
  for i in "${NODES[@]}"; do
    pidfile="$RUN_DIR/node$i.pid"
    state="stopped"
    if [[ -f "$pidfile" ]] && is_ours "$(cat "$pidfile")"; then state="running (pid $(cat "$pidfile"))"; fi
    body="$(http_get "$(api_port "$i")" /cluster/status || true)"
    echo "node$i: $state $(grep -o '"role":"[^"]*"\|"term":[0-9]*\|"leader_id":"[^"]*"\|"commit_index":[0-9]*' <<<"$body" | tr '\n' ' ')"
  done
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac
