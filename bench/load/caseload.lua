-- GET the caseload of a random therapist (40 clients each with the default data). Argument: therapists.csv.
local common = dofile(os.getenv("BENCH_LOAD_DIR") .. "/common.lua")
local therapists

function init(args)
  therapists = common.rows(args[1])
  math.randomseed(os.time() * 100 + tid)
end

function request()
  local therapist = therapists[math.random(#therapists)]
  return wrk.format("GET", "/api/v1/caseload?therapistId=" .. therapist.id, { Authorization = therapist.auth })
end

function response(status, headers)
  common.count(status, headers)
end
