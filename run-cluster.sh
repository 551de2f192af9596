#!/usr/bin/env bash
# Starts, stops or reports on a local three-node Raft3D cluster, and adds or removes nodes while it runs.
#   ./run-cluster.sh [start|stop|status]      (default: start)
#   ./run-cluster.sh add-node N               start node N (e.g. 4) and join it to the running cluster
#   ./run-cluster.sh remove-node N            remove node N from the cluster, then stop it
#   ./run-cluster.sh start --tls              the same cluster over https, API and raft (mutual TLS between nodes),
#                                             with a local CA and node certificates made by openssl in data/tls/
# Nodes: node1..node3, API on 127.0.0.1:8080-8082, Raft on 9090-9092 (node1's ports: $RAFT3D_API_PORT and
# $RAFT3D_RAFT_PORT), data under data/nodeN, logs under logs/nodeN.log, pids under .run/,
# all relative to $RAFT3D_HOME (default: this folder).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HOME_DIR="${RAFT3D_HOME:-$ROOT}"
RUN_DIR="$HOME_DIR/.run"
NODE_DLL="$ROOT/Raft3D.Node/bin/Release/net10.0/Raft3D.Node.dll"
NODES=(1 2 3)
HOST=127.0.0.1
API_PORT="${RAFT3D_API_PORT:-8080}"
RAFT_PORT="${RAFT3D_RAFT_PORT:-9090}"

# A TLS cluster keeps its CA and node certificates here; their presence is what makes status, add-node and
# remove-node speak https to it.
TLS_DIR="$HOME_DIR/data/tls"
TLS=false
[[ -f "$TLS_DIR/ca.crt" ]] && TLS=true
SCHEME=http

api_port() { echo $((API_PORT - 1 + $1)); }
raft_port() { echo $((RAFT_PORT - 1 + $1)); }

# One raw HTTP/1.0 exchange, printing the response: over bash's /dev/tcp, so the script needs nothing beyond the
# .NET SDK, or for a TLS cluster through openssl, trusting only the cluster's CA and checking the address.
http_exchange() {
  local port=$1 seconds=$2 request=$3
  (
    if $TLS; then
      printf '%s' "$request" | timeout "$seconds" openssl s_client -quiet -connect "$HOST:$port" \
        -CAfile "$TLS_DIR/ca.crt" -verify_return_error -verify_ip "$HOST" || true
    else
      exec 3<>"/dev/tcp/$HOST/$port" || exit 1
      printf '%s' "$request" >&3
      timeout "$seconds" cat <&3 || true
    fi
  ) 2>/dev/null
}

http_get() {
  local port=$1 path=$2 request
  printf -v request 'GET %s HTTP/1.0\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$path" "$HOST" "$port"
  http_exchange "$port" 2 "$request"
}

# A request with a JSON body (or none); prints the raw response.
http_send() {
  local method=$1 port=$2 path=$3 body=${4:-} request
  printf -v request '%s %s HTTP/1.0\r\nHost: %s:%s\r\nContent-Type: application/json\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' \
    "$method" "$path" "$HOST" "$port" "${#body}" "$body"
  http_exchange "$port" 60 "$request"
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
    --Raft3D:HttpUrl="$SCHEME://$HOST:$(api_port "$i")"
    --Raft3D:RaftUrl="$SCHEME://$HOST:$(raft_port "$i")/"
    --Raft3D:DataDirectory="$HOME_DIR/data/node$i"
    --Raft3D:Logging:FilePath="$HOME_DIR/logs/node$i.log"
    --Raft3D:Join="$join"
  )
  for m in "${NODES[@]}"; do
    NODE_ARGS+=(--Raft3D:Members:$((m - 1)):Id="node$m"
      --Raft3D:Members:$((m - 1)):Raft="$SCHEME://$HOST:$(raft_port "$m")/"
      --Raft3D:Members:$((m - 1)):Http="$SCHEME://$HOST:$(api_port "$m")")
  done
  if $TLS; then
    NODE_ARGS+=(
      --Raft3D:Security:Tls:CertificateFile="$TLS_DIR/node$i.crt"
      --Raft3D:Security:Tls:KeyFile="$TLS_DIR/node$i.key"
      --Raft3D:Security:Tls:CaFile="$TLS_DIR/ca.crt"
      --Raft3D:Security:Tls:RequireClientCertificate=true
    )
  fi
}

require_openssl() {
  command -v openssl >/dev/null || { echo "--tls needs openssl; on Debian or Ubuntu: sudo apt-get install -y openssl" >&2; exit 1; }
}

# The demo's CA, made once per data folder and kept, so a restarted cluster is trusted where it was before.
ensure_ca() {
  require_openssl
  mkdir -p "$TLS_DIR"
  [[ -f "$TLS_DIR/ca.crt" ]] && return
  (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
    -subj "/CN=Raft3D local CA" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$TLS_DIR/ca.key" -out "$TLS_DIR/ca.crt.tmp" >>"$TLS_DIR/openssl.log" 2>&1) \
    || { cat "$TLS_DIR/openssl.log" >&2; exit 1; }
  chmod 644 "$TLS_DIR/ca.crt.tmp" && mv "$TLS_DIR/ca.crt.tmp" "$TLS_DIR/ca.crt"
  echo "created a local CA: $TLS_DIR/ca.crt"
}

# Node i's certificate, issued by the CA for the addresses clients and peers use (127.0.0.1, localhost), for
# serving (serverAuth) and for proving itself to peers over mutual TLS (clientAuth).
ensure_node_certificate() {
  local i=$1 key="$TLS_DIR/node$1.key" crt="$TLS_DIR/node$1.crt"
  [[ -f "$crt" && -f "$key" ]] && return
  printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "extendedKeyUsage=serverAuth,clientAuth" \
    "keyUsage=critical,digitalSignature" "basicConstraints=critical,CA:FALSE" >"$TLS_DIR/node.ext"
  (umask 077 && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=node$i" \
    -keyout "$key" -out "$TLS_DIR/node$i.csr" >>"$TLS_DIR/openssl.log" 2>&1 \
    && openssl x509 -req -in "$TLS_DIR/node$i.csr" -CA "$TLS_DIR/ca.crt" -CAkey "$TLS_DIR/ca.key" -CAcreateserial \
      -days 825 -sha256 -extfile "$TLS_DIR/node.ext" -out "$crt" >>"$TLS_DIR/openssl.log" 2>&1) \
    || { cat "$TLS_DIR/openssl.log" >&2; exit 1; }
  chmod 644 "$crt"
  rm -f "$TLS_DIR/node$i.csr"
}

print_trust() {
  local ca="$TLS_DIR/ca.crt" first="https://$HOST:$(api_port 1)"
  cat <<TRUST
TLS: every node's certificate is issued by the local CA $ca (made for this demo; keep ca.key private).
Trust it, and only for this cluster:
  curl:  curl --cacert $ca $first/cluster/status
  CLI:   ./raft3d --cacert $ca --nodes $first,https://$HOST:$(api_port 2),https://$HOST:$(api_port 3) cluster status
  OS:    sudo cp $ca /usr/local/share/ca-certificates/raft3d-local-ca.crt && sudo update-ca-certificates
         (browsers keep their own list: import ca.crt under Settings, Certificates, Authorities)
TRUST
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
  echo "node$i started (pid $!): API $SCHEME://$HOST:$(api_port "$i"), raft $SCHEME://$HOST:$(raft_port "$i")/"
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
  # A data folder remembers its members' URLs, http or https; starting it the other way would leave peers
  # knocking on the wrong scheme.
  if $TLS && ! $WANT_TLS; then
    echo "$HOME_DIR/data holds a TLS cluster; start it with --tls (or remove $HOME_DIR/data for a new cluster)" >&2
    exit 2
  fi
  if $WANT_TLS && ! $TLS && [[ -d "$HOME_DIR/data/node1" ]]; then
    echo "$HOME_DIR/data holds a cluster started without --tls; start it that way (or remove $HOME_DIR/data for a new cluster)" >&2
    exit 2
  fi
  if $WANT_TLS; then
    ensure_ca
    use_tls
    for i in "${NODES[@]}"; do ensure_node_certificate "$i"; done
  fi
  build
  for i in "${NODES[@]}"; do start_node "$i"; done
  wait_for_leader
  for i in "${NODES[@]}"; do
    echo "node$i: dashboard $SCHEME://$HOST:$(api_port "$i")/   Swagger $SCHEME://$HOST:$(api_port "$i")/swagger   status $SCHEME://$HOST:$(api_port "$i")/cluster/status"
  done
  if $TLS; then print_trust; fi
}

use_tls() {
  TLS=true
  SCHEME=https
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
  if $TLS; then ensure_node_certificate "$n"; fi
  build
  start_node "$n" true
  local deadline=$((SECONDS + 60)) port
  while ((SECONDS < deadline)); do
    port="$(any_member_port)" || { sleep 0.5; continue; }
    if [[ "$(http_get "$port" /cluster/status)" == *"\"id\":\"node$n\""* ]]; then
      echo "node$n joined: API $SCHEME://$HOST:$(api_port "$n")/swagger"
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
  if [[ "$(head -1 <<<"$response")" != *" 200 "* ]]; then
    head -1 <<<"$response" >&2
    tail -1 <<<"$response" >&2
    exit 1
  fi
  echo "removed node$n from the cluster"
  if [[ -f "$pidfile" ]] && is_ours "$(cat "$pidfile")"; then
    kill "$(cat "$pidfile")" && wait_gone "node$n" "$(cat "$pidfile")"
  fi
  rm -f "$pidfile"
}

# Returns once the process has exited, so that "stopped" means its ports are free and its log is closed (a node
# flushes and leaves on SIGTERM, a second or two); says so if it has not within 30 s.
wait_gone() { # name, pid
  local deadline=$((SECONDS + 30))
  while is_ours "$2"; do
    (( SECONDS < deadline )) || { echo "$1 (pid $2) has not exited 30 s after SIGTERM" >&2; return 1; }
    sleep 0.1
  done
  echo "stopped $1 (pid $2)"
}

cmd_stop() {
  local pidfile pid names=() pids=() i status=0
  shopt -s nullglob
  # Every node is told first, so that they leave together rather than one election after another.
  for pidfile in "$RUN_DIR"/node*.pid; do
    pid="$(cat "$pidfile")"
    if is_ours "$pid" && kill "$pid"; then
      names+=("$(basename "$pidfile" .pid)"); pids+=("$pid")
    fi
    rm -f "$pidfile"
  done
  for i in "${!pids[@]}"; do
    wait_gone "${names[i]}" "${pids[i]}" || status=1
  done
  return "$status"
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

WANT_TLS=false
ARGS=()
for arg in "$@"; do
  if [[ "$arg" == --tls ]]; then WANT_TLS=true; else ARGS+=("$arg"); fi
done
if $TLS; then use_tls; fi

case "${ARGS[0]:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  add-node) cmd_add_node "${ARGS[1]:-}" ;;
  remove-node) cmd_remove_node "${ARGS[1]:-}" ;;
  *) echo "usage: $0 [start|stop|status|add-node N|remove-node N] [--tls]" >&2; exit 2 ;;
esac
