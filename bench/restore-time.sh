#!/usr/bin/env bash
# How long a large farm's snapshot takes to write and to read back (the bulk of a restarted member's catching up
# beyond ~100,000 printers), with no node around it (about a minute): builds farms of 100,000, 500,000 and
# 1,000,000 printers shaped like the bench's writes, and times the snapshot's writing and four reads of it from an
# array (the decoding; a node maps the file instead). Published as the node is (Release, ReadyToRun, its runtime
# settings); the first read is the reader's first run, after building the farm has run the code they share.
#   bench/restore-time.sh [ROWS...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out/restore-time"
dotnet publish "$ROOT/bench/Raft3D.RestoreTime/Raft3D.RestoreTime.csproj" -c Release -r linux-x64 --no-self-contained -o "$OUT" -nologo -v quiet >/dev/null
dotnet "$OUT/Raft3D.RestoreTime.dll" "$@"
