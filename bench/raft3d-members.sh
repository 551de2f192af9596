# Three Raft3D members on loopback for the bench's shell scripts (floor.sh, cost.sh). Source it after setting
# RAFT3D_HTTP_BASE and RAFT3D_RAFT_BASE (member 0's API and Raft ports; members 1 and 2 take the next ones) and
# declaring pids=() (every started process goes there, for the caller's cleanup). Then:
#   raft3d_start MEMBER NODE_DIR DATA_DIR LOG_PREFIX   starts member 0-2 of the published node in NODE_DIR, its data in
#                                                      DATA_DIR/nMEMBER, its output in LOG_PREFIX-MEMBER.log; its pid
#                                                      in raft3d_pid[MEMBER]
#   raft3d_leader                                      prints the leader's member number (0-2), or fails
# shellcheck shell=bash

raft3d_start() {
  local members=""
  for m in 0 1 2; do
    members+=" --Raft3D:Members:$m:Id=node$((m + 1)) --Raft3D:Members:$m:Raft=http://127.0.0.1:$((RAFT3D_RAFT_BASE + m))/ --Raft3D:Members:$m:Http=http://127.0.0.1:$((RAFT3D_HTTP_BASE + m))"
  done
  # shellcheck disable=SC2086
  dotnet "$2/Raft3D.Node.dll" --Raft3D:NodeId=node$(($1 + 1)) --Raft3D:HttpUrl=http://127.0.0.1:$((RAFT3D_HTTP_BASE + $1)) \
    --Raft3D:RaftUrl=http://127.0.0.1:$((RAFT3D_RAFT_BASE + $1))/ --Raft3D:DataDirectory="$3/n$1" --Raft3D:Logging:Console=Warning $members >>"$4-$1.log" 2>&1 &
  raft3d_pid[$1]=$!; pids+=($!); disown
}

raft3d_leader() {
  local l
  l=$(curl -s -m 1 "http://127.0.0.1:$RAFT3D_HTTP_BASE/cluster/status" | grep -o '"leader_id":"node[0-9]"' | grep -o '[0-9]') && echo $((l - 1))
}
