-- Durable submissions: each POST gets its 201 only after the case is committed and fsync'd.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/?.lua"
local report = require("report")
local categories = {"land_dispute", "water_pollution", "disaster_damage", "irrigation_works",
                    "roads_bridges", "social_welfare", "site_clearance", "other"}
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function setup(thread)
  thread:set("id", tostring(math.random(1, 1e9)))
end

request = function()
  n = n + 1
  local commune = math.random(1, 99)
  local body = string.format(
    '{"body":"Benchmark report %s-%d: jembatan gantung rusak di dusun, mohon diperbaiki.",' ..
    '"unit":"C%03d-V%02d","category":"%s","reporter":{"name":"Warga","phone":"+8491%07d"},' ..
    '"language":"id"}', id or "0", n, commune, math.random(1, 17),
    categories[math.random(#categories)], math.random(0, 9999999))
  return wrk.format(nil, "/api/v1/cases", nil, body)
end
done = report.done
