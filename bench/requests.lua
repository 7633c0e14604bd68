-- Replays prepared requests: one per line of $BENCH_REQUESTS, "METHOD<TAB>PATH<TAB>TOKEN<TAB>ETAG<TAB>BODY".
-- Each wrk thread takes every n-th line from its own offset, so writes with unique client ids stay unique.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  local stride = tonumber(os.getenv("BENCH_THREADS") or "1")
  local index = 0
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    if index % stride == offset then
      local method, path, token, etag, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = {}
      if token ~= "" then headers["Authorization"] = "Bearer " .. token end
      if etag ~= "" then headers["If-None-Match"] = etag end
      if body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
      table.insert(requests, wrk.format(method, path, headers, body))
    end
    index = index + 1
  end
  position = 0
end

function request()
  position = position % #requests + 1
  return requests[position]
end
