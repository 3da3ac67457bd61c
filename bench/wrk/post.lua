-- wrk script for bench/run.sh: POSTs the JSON body in $BENCH_BODY to the URL wrk was given, with an
-- optional auth header ($BENCH_AUTH_NAME: $BENCH_AUTH_VALUE), and prints one machine-readable line.
-- $BENCH_DELAY_MS, when set, makes each connection wait that long after an answer before its next request:
-- a load below the service's capacity, so that latencies compare at the same rate rather than at saturation.
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
local auth_name = os.getenv("BENCH_AUTH_NAME")
if auth_name and auth_name ~= "" then
  wrk.headers[auth_name] = os.getenv("BENCH_AUTH_VALUE")
end

local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if delay_ms then
  function delay()
    return delay_ms
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d timeouts=%d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write, e.timeout))
end
