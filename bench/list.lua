-- Filtered list requests as an officer's inbox and a supervisor's views make them.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/?.lua"
local report = require("report")
local statuses = {"received", "accepted", "in_progress", "resolved", "closed"}
local categories = {"land_dispute", "water_pollution", "disaster_damage", "roads_bridges"}
request = function()
  local r = math.random(4)
  local path
  if r == 1 then
    -- an authenticated inbox: the supervisor sees private cases too
    path = string.format("/api/v1/cases?unit=C%03d&status=%s&limit=20", math.random(99),
                         statuses[math.random(#statuses)])
    return wrk.format("GET", path, {["Authorization"] = "Bearer jbt_demo_supervisor"})
  elseif r == 2 then
    path = string.format("/api/v1/cases?unit=C%03d&limit=20", math.random(99))
  elseif r == 3 then
    path = string.format("/api/v1/cases?category=%s&status=%s&limit=20",
                         categories[math.random(#categories)], statuses[math.random(#statuses)])
  else
    path = "/api/v1/cases?overdue=true&limit=20"
  end
  return wrk.format("GET", path)
end
done = report.done
