-- POST a completion for today to a random assignment, as the client who owns it, with a fresh Idempotency-Key.
-- Arguments: assignments.csv, and optionally a file prefix: every completion answered 201 is appended (its id)
-- to <prefix>.<thread>, so a later check can find each acknowledged write in the database.
local common = dofile(os.getenv("BENCH_LOAD_DIR") .. "/common.lua")
local assignments, log
local sequence = 0
-- Keys are unique per wrk process (its process id), so two load generators started in the same second (the
-- two-process run) never send one key with two different bodies.
local function process_id()
  local stat = io.open("/proc/self/stat")
  if not stat then
    return tostring(math.random(1, 1000000000))
  end
  local pid = stat:read("*n")
  stat:close()
  return tostring(pid)
end
local run = tostring(os.time()) .. "-" .. process_id()

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
