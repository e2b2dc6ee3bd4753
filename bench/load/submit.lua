-- POST a completion for today to a random assignment, as the client who owns it, with a fresh Idempotency-Key.
-- Arguments: assignments.csv, and optionally a file prefix: every completion answered 201 is appended (its id)
-- to <prefix>.<thread>, so a later check can find each acknowledged write in the database.
local common = dofile(os.getenv("BENCH_LOAD_DIR") .. "/common.lua")
local assignments, log
local sequence = 0
local run = tostring(os.time())

function init(args)
  assignments = common.rows(args[1])
  math.randomseed(os.time() * 100 + tid)
  if args[2] then
    log = io.open(args[2] .. "." .. tid, "a")
  end
end

function request()
  local assignment = assignments[math.random(#assignments)]
  sequence = sequence + 1
  local body = string.format(
    '{"completedAt":"%s","durationMinutes":%d,"distressBefore":%d,"distressAfter":%d,"helpfulness":%d}',
    os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 60), math.random(3, 30), math.random(5, 10), math.random(0, 5), math.random(2, 10))
  return wrk.format("POST", "/api/v1/assignments/" .. assignment.id .. "/completions", {
    Authorization = assignment.auth,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("bench-%s-%d-%d", run, tid, sequence),
  }, body)
end

function response(status, headers, body)
  common.count(status, headers)
  if log and status == 201 then
    local id = body:match('"id":"([^"]+)"')
    if id then
      log:write(id, "\n")
      log:flush()
    end
  end
end
