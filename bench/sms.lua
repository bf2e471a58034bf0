-- Inbound SMS webhooks: each request a distinct, signed delivery read from SMS_FILE
-- (bench/gen_sms.py). A 200 means the report is stored (fsync'd) and its reply queued.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/?.lua"
local report = require("report")
local lines = {}
for line in io.lines(os.getenv("SMS_FILE")) do lines[#lines + 1] = line end
local offset = tonumber(os.getenv("SMS_OFFSET") or "0")
local i = 0
wrk.method = "POST"

request = function()
  i = i + 1
  local line = lines[offset + i]
  if line == nil then error("SMS_FILE has too few deliveries for this run") end
  local sig, ts, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
  return wrk.format("POST", "/channels/sms/android-gateway",
                    {["Content-Type"] = "application/json", ["X-Signature"] = sig,
                     ["X-Timestamp"] = ts}, body)
end
done = report.done
