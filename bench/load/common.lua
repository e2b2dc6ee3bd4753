-- Shared by the wrk scripts: reads "id,token" rows, seeds the random generator per thread, counts statuses
-- and prints one RESULT line of JSON when the run ends.
local common = {}

function common.rows(path)
  local rows = {}
  for line in io.lines(path) do
    local id, token = line:match("^([^,]+),([^,]+)$")
    if id then
      rows[#rows + 1] = { id = id, auth = "Bearer " .. token }
    end
  end
  assert(#rows > 0, "no rows in " .. path)
  return rows
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

statuses = {}
retry_after_missing = 0

function common.count(status, headers)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 503 and headers["Retry-After"] == nil and headers["retry-after"] == nil then
    retry_after_missing = retry_after_missing + 1
  end
end

function done(summary, latency, requests)
  local merged, missing = {}, 0
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses") or {}
    for status, n in pairs(counts) do
      merged[status] = (merged[status] or 0) + n
    end
    missing = missing + (thread:get("retry_after_missing") or 0)
  end
  local parts = {}
  for status, n in pairs(merged) do
    parts[#parts + 1] = string.format('"%d": %d', status, n)
  end
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "p50_ms": %.3f, "p99_ms": %.3f, "non2xx": %d, "socket_errors": %d, "statuses": {%s}, "retry_after_missing": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout, table.concat(parts, ", "), missing))
end

return common
