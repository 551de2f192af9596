#!/usr/bin/env bash
# What a printer costs the state machine's heap, with no node around it (about 20 seconds): applies 500,000 creates
# shaped like the bench's writes to one FarmState and prints the live heap per printer. Deterministic to a byte or
# two, so a change to the rows' representation can be compared without a cluster.
#   bench/row-memory.sh [PRINTERS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet run --project "$ROOT/bench/Raft3D.RowMemory/Raft3D.RowMemory.csproj" -c Release -- "${1:-500000}"
