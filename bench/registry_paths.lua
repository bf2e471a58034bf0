-- One registry figure as a dashboard asks for it (issue 16): BENCH_PATH, where "{c}" is replaced
-- by a commune drawn at random (C001 … C099) on each request.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/?.lua"
local report = require("report")
local path = os.getenv("BENCH_PATH") or "/healthz"
local token = os.getenv("BENCH_TOKEN") or ""
request = function()
  local p = path:gsub("{c}", string.format("C%03d", math.random(99)))
  if token ~= "" then
    return wrk.format("GET", p, {["Authorization"] = "Bearer " .. token})
  end
  return wrk.format("GET", p)
end
done = report.done
