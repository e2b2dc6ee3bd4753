-- GET the adherence summary of a random current plan, as the plan's therapist. Argument: plans.csv.
local common = dofile(os.getenv("BENCH_LOAD_DIR") .. "/common.lua")
local plans

function init(args)
  plans = common.rows(args[1])
  math.randomseed(os.time() * 100 + tid)
end

function request()
  local plan = plans[math.random(#plans)]
  return wrk.format("GET", "/api/v1/plans/" .. plan.id .. "/adherence", { Authorization = plan.auth })
end

function response(status, headers)
  common.count(status, headers)
end
