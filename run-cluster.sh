#!/usr/bin/env bash
# Starts, stops or reports on a local three-node Raft3D cluster, and adds or removes nodes while it runs.
#   ./run-cluster.sh [start|stop|status]      (default: start)
#   ./run-cluster.sh add-node N               start node N (e.g. 4) and join it to the running cluster
#   ./run-cluster.sh remove-node N            remove node N from the cluster, then stop it
# Nodes: node1..node3, API on 127.0.0.1:8080-8082, Raft on 9090-9092,
# data under data/nodeN, logs under logs/nodeN.log, pids under .run/,
# all relative to $RAFT3D_HOME (default: this folder).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HOME_DIR="${RAFT3D_HOME:-$ROOT}"
RUN_DIR="$HOME_DIR/.run"
NODE_DLL="$ROOT/Raft3D.Node/bin/Release/net10.0/Raft3D.Node.dll"
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

# A request with a JSON body (or none), same /dev/tcp approach; prints the raw response.
http_send() {
  local method=$1 port=$2 path=$3 body=${4:-}
  (
    exec 3<>"/dev/tcp/$HOST/$port" || exit 1
    printf '%s %s HTTP/1.0\r\nHost: %s:%s\r\nContent-Type: application/json\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' \
      "$method" "$path" "$HOST" "$port" "${#body}" "$body" >&3
    timeout 60 cat <&3 || true
  ) 2>/dev/null
}

is_ours() {
  local pid=$1
  [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "Raft3D.Node.dll"
}

# Node i's whole command line, built in this one place (the tests and the bench build the same one with
# Raft3D.Node's NodeCommandLine). Sets NODE_ARGS.
node_args() {
  local i=$1 join=$2 m
  NODE_ARGS=(
    --Raft3D:NodeId="node$i"
    --Raft3D:HttpUrl="http://$HOST:$(api_port "$i")"
    --Raft3D:RaftUrl="http://$HOST:$(raft_port "$i")/"
    --Raft3D:DataDirectory="$HOME_DIR/data/node$i"
    --Raft3D:Logging:FilePath="$HOME_DIR/logs/node$i.log"
    --Raft3D:Join="$join"
  )
  for m in "${NODES[@]}"; do
    NODE_ARGS+=(--Raft3D:Members:$((m - 1)):Id="node$m"
      --Raft3D:Members:$((m - 1)):Raft="http://$HOST:$(raft_port "$m")/"
      --Raft3D:Members:$((m - 1)):Http="http://$HOST:$(api_port "$m")")
  done
}

start_node() {
  local i=$1 join=${2:-false} pidfile="$RUN_DIR/node$1.pid"
  if [[ -f "$pidfile" ]] && is_ours "$(cat "$pidfile")"; then
    echo "node$i already running (pid $(cat "$pidfile"))"
    return
  fi
  mkdir -p "$HOME_DIR/data/node$i" "$HOME_DIR/logs"
  node_args "$i" "$join"
  nohup dotnet "$NODE_DLL" "${NODE_ARGS[@]}" >>"$HOME_DIR/logs/node$i.out.log" 2>&1 &
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
  build
  for i in "${NODES[@]}"; do start_node "$i"; done
  wait_for_leader
  for i in "${NODES[@]}"; do
    echo "node$i: dashboard http://$HOST:$(api_port "$i")/   Swagger http://$HOST:$(api_port "$i")/swagger   status http://$HOST:$(api_port "$i")/cluster/status"
  done
}

build() {
  command -v dotnet >/dev/null || { echo "dotnet is not on PATH; install the .NET 10 SDK" >&2; exit 1; }
  mkdir -p "$RUN_DIR"
  echo "building (Release)..."
  dotnet build "$ROOT/Raft3D.Node/Raft3D.Node.csproj" -c Release -nologo -v quiet >"$RUN_DIR/build.log" 2>&1 \
    || { cat "$RUN_DIR/build.log" >&2; exit 1; }
}

# The first of node1..node3 whose API answers.
any_member_port() {
  local i
  for i in "${NODES[@]}"; do
    if [[ -n "$(http_get "$(api_port "$i")" /healthz)" ]]; then api_port "$i"; return 0; fi
  done
  return 1
}

cmd_add_node() {
  local n=${1:?usage: $0 add-node N}
  [[ "$n" =~ ^[1-9]$ ]] || { echo "N must be 1..9" >&2; exit 2; }
  build
  start_node "$n" true
  local deadline=$((SECONDS + 60)) port
  while ((SECONDS < deadline)); do
    port="$(any_member_port)" || { sleep 0.5; continue; }
    if [[ "$(http_get "$port" /cluster/status)" == *"\"id\":\"node$n\""* ]]; then
      echo "node$n joined: API http://$HOST:$(api_port "$n")/swagger"
      return 0
    fi
    sleep 0.5
  done
  echo "node$n did not join within 60 s; see $HOME_DIR/logs/node$n.log" >&2
  return 1
}

cmd_remove_node() {
  local n=${1:?usage: $0 remove-node N} port response pidfile="$RUN_DIR/node$1.pid"
  local attempt
  for attempt in 1 2 3 4 5; do
    port="$(any_member_port)" || { echo "no node answers; cannot change membership" >&2; exit 3; }
    response="$(http_send DELETE "$port" "/cluster/members/node$n")"
    # 503: an election is under way (removing the leader makes it step down first); retry.
    [[ "$(head -1 <<<"$response")" == *" 503 "* ]] || break
    sleep 1
  done
  echo "$response" | head -1
  if [[ "$(head -1 <<<"$response")" != *" 200 "* ]]; then
    tail -1 <<<"$response" >&2
    exit 1
  fi
  if [[ -f "$pidfile" ]] && is_ours "$(cat "$pidfile")"; then
    kill "$(cat "$pidfile")" && echo "stopped node$n (pid $(cat "$pidfile"))"
  fi
  rm -f "$pidfile"
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
  local i pidfile state body ids
  ids="$( (printf '%s\n' "${NODES[@]}"; ls "$RUN_DIR" 2>/dev/null | sed -n 's/^node\([0-9]\)\.pid$/\1/p') | sort -un)"
  for i in $ids; do
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
  add-node) cmd_add_node "${2:-}" ;;
  remove-node) cmd_remove_node "${2:-}" ;;
  *) echo "usage: $0 [start|stop|status|add-node N|remove-node N]" >&2; exit 2 ;;
esac
