package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/?.lua"
local report = require("report")
wrk.method = "GET"
wrk.path = "/healthz"
done = report.done
