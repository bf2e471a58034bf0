-- The "two shoulders" indicator (issue 16): the province, or a commune drawn at random, as the
-- dashboard asks for them. INDICATOR_UNIT=P01 asks for the province only.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/?.lua"
local report = require("report")
local unit = os.getenv("INDICATOR_UNIT") or ""
request = function()
  if unit ~= "" then
    return wrk.format("GET", "/api/v1/indicators/concurrency?unit=" .. unit)
  end
  return wrk.format("GET", string.format("/api/v1/indicators/concurrency?unit=C%03d",
                                         math.random(99)))
end
done = report.done
