-- The wrk script for both systems, so that Raft3D and etcd get the same load from a generator neither wrote.
-- Every write creates a new entity with an id of its own (a replayed id would be a cheap no-op on Raft3D and an
-- overwrite on etcd); reads ask for ids the bench preloaded. Arguments after "--":
--   system  raft3d | etcd
--   mode    write | read | mixed (9 reads, then 1 write)
--   prefix  makes this run's ids unique, e.g. wl64
--   preload how many preloaded ids reads cycle through (pre-00000000 ...)
--   model   the padding that brings a write to ~150 bytes, the same text for both systems
-- done() prints one WRK_RESULT line that bench/Raft3D.Bench parses.

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

-- etcd's JSON gateway takes keys and values as base64 (LuaJIT has no built-in encoder).
local function base64(text)
  local out = {}
  for i = 1, #text, 3 do
    local a, b, c = text:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local quad = {}
    for j = 4, 1, -1 do
      local k = n % 64
      quad[j] = alphabet:sub(k + 1, k + 1)
      n = (n - k) / 64
    end
    if not b then quad[3] = "=" end
    if not c then quad[4] = "=" end
    out[#out + 1] = table.concat(quad)
  end
  return table.concat(out)
end

local json = { ["Content-Type"] = "application/json" }
local next_thread = 0

function setup(thread)
  -- Each wrk thread has its own Lua state and counter; the thread number keeps their ids apart.
  thread:set("thread_number", next_thread)
  next_thread = next_thread + 1
end

local system, mode, prefix, model
local reads = {}
local counter = 0

local function write_request(id)
  if system == "etcd" then
    return wrk.format("POST", "/v3/kv/put", json,
      '{"key":"' .. base64(id) .. '","value":"' .. model .. '"}')
  end
  return wrk.format("POST", "/api/v1/printers", json,
    '{"id":"' .. id .. '","company":"Prusa Research","model":"' .. model .. '"}')
end

function init(args)
  system, mode, prefix = args[1], args[2], args[3]
  local preload = tonumber(args[4])
  model = system == "etcd" and base64(args[5]) or args[5]
  -- Read requests are the same every cycle: build them once, so the script's own cost stays off the reads.
  for i = 0, preload - 1 do
    local id = string.format("pre-%08d", i)
    if system == "etcd" then
      reads[i + 1] = wrk.format("POST", "/v3/kv/range", json, '{"key":"' .. base64(id) .. '"}')
    else
      reads[i + 1] = wrk.format("GET", "/api/v1/printers/" .. id)
    end
  end
end

function request()
  counter = counter + 1
  if mode == "write" or (mode == "mixed" and counter % 10 == 0) then
    return write_request(string.format("%s-%d-%08d", prefix, thread_number, counter))
  end
  return reads[counter % #reads + 1]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%d p99_us=%d p999_us=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
end
