#!/usr/bin/env bash
# What a printer and a print job cost the state machine's heap, with no node around it (about 20 seconds): applies
# 500,000 printer creates shaped like the bench's writes to one FarmState and prints the live heap per printer, then
# as many queued jobs (100 printers, 100 spools, 1,000 distinct files) and the heap per job. Deterministic to a
# byte or two, so a change to the rows' representation can be compared without a cluster.
#   bench/row-memory.sh [ROWS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet run --project "$ROOT/bench/Raft3D.RowMemory/Raft3D.RowMemory.csproj" -c Release -- "${1:-500000}"
