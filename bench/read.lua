-- Case reads by tracking code (public view), codes sampled from the database by run.sh.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/?.lua"
local report = require("report")
local codes = {}
for line in io.lines(os.getenv("CODES_FILE")) do codes[#codes + 1] = line end
request = function()
  return wrk.format("GET", "/api/v1/cases/" .. codes[math.random(#codes)])
end
done = report.done
