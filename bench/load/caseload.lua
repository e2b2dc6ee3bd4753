-- GET the caseload of a random therapist (40 clients each with the default data). Arguments: therapists.csv, and
-- optionally "computed": the caseload as of an hour before the run started, earlier than any triage the API has
-- stored (ADR 0074), so every plan's triage is computed from its completions, as after every plan had a write.
local common = dofile(os.getenv("BENCH_LOAD_DIR") .. "/common.lua")
local therapists
local query = ""

function init(args)
  therapists = common.rows(args[1])
  if args[2] == "computed" then
    query = "&asOf=" .. os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 3600)
  end
  math.randomseed(os.time() * 100 + tid)
end

function request()
  local therapist = therapists[math.random(#therapists)]
  return wrk.format("GET", "/api/v1/caseload?therapistId=" .. therapist.id .. query, { Authorization = therapist.auth })
end

function response(status, headers)
  common.count(status, headers)
end
