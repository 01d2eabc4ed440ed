-- wrk script for WebhookHub ingest: the same signed GitHub body on every request, a unique X-GitHub-Delivery per request.
-- Usage: wrk -t2 -c32 -d10s -s ingest.lua http://127.0.0.1:PORT/api/webhooks/SOURCE -- BODY_FILE SIGNATURE RUN_ID
-- BODY_FILE holds the exact bytes SIGNATURE (sha256=<hex HMAC-SHA256>) was computed over; RUN_ID keeps IDs unique across runs.
-- At the end it prints one line: WRK_RESULT {json} (latencies in microseconds; status = responses with status > 399).

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  local file = assert(io.open(args[1], "rb"))
  local body = file:read("*a")
  file:close()
  prefix = args[3] .. "-" .. thread_number .. "-"
  counter = 0
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["User-Agent"] = "GitHub-Hookshot/bench"
  wrk.headers["X-GitHub-Event"] = "issues"
  wrk.headers["X-Hub-Signature-256"] = args[2]
end

function request()
  counter = counter + 1
  wrk.headers["X-GitHub-Delivery"] = prefix .. counter
  return wrk.format()
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"durationUs":%d,"requests":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d,' ..
    '"meanUs":%.1f,"p50Us":%d,"p90Us":%d,"p99Us":%d,"p999Us":%d,"maxUs":%d}\n',
    summary.duration, summary.requests, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
end
