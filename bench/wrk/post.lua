-- The floor's write (bench/floor.sh): an empty POST; the floor writes an 8-byte value of its own.
wrk.method = "POST"
wrk.body = ""
