-- Throughput of syria.analyze_many with 1, 2, ... threads on a corpus.
--   lua5.4 bench_analyze_many.lua CORPUS [THREADS...] [--batch N] [--limit N] [--repeat R]
-- The Lua counterpart of examples/python/bench_analyze_many.py. The corpus
-- (one article per blank-line-separated block) is analysed in batches of
-- --batch articles (2000), one analyze_many call per batch and thread count.
-- Each batch runs R times (3) with each thread count in turn (1, 2, 1, 2,
-- ...) and its fastest run counts: on a machine shared with other work, the
-- interleaving and the minimum keep a burst of someone else's load from
-- deciding the comparison. Timed: analysis and building the Lua tables.
-- Reported: seconds for the whole corpus (sum of the batches' minima), MB/s
-- of UTF-8 input, the speed-up over the first thread count. The entities
-- and events must be the same whatever the number of threads (checked
-- outside the timed part).
local syria = require "syria"

local function usage()
  io.stderr:write("usage: bench_analyze_many.lua CORPUS [THREADS...] [--batch N] [--limit N] [--repeat R]\n")
  os.exit(2)
end

local corpus, thread_counts, batch_size, limit, repeats = nil, {}, 2000, nil, 3
local i = 1
while i <= #arg do
  local a = arg[i]
  if a == "--batch" or a == "--limit" or a == "--repeat" then
    local n = math.tointeger(tonumber(arg[i + 1]))
    if not n or n < 1 then usage() end
    if a == "--batch" then batch_size = n elseif a == "--limit" then limit = n else repeats = n end
    i = i + 2
  elseif not corpus then
    corpus, i = a, i + 1
  else
    local n = math.tointeger(tonumber(a))
    if not n or n < 1 then usage() end
    thread_counts[#thread_counts + 1], i = n, i + 1
  end
end
if not corpus then usage() end
if #thread_counts == 0 then thread_counts = {1, 2} end

-- Articles: blocks of lines separated by blank lines.
local articles, lines, nbytes = {}, {}, 0
local function flush()
  if #lines > 0 and not (limit and #articles >= limit) then
    articles[#articles + 1] = table.concat(lines, "\n")
    nbytes = nbytes + #articles[#articles]
  end
  lines = {}
end
for line in assert(io.lines(corpus)) do
  if line == "" then flush() else lines[#lines + 1] = line end
  if limit and #articles >= limit then break end
end
flush()

local batches = {}
for start = 1, #articles, batch_size do
  batches[#batches + 1] = table.move(articles, start, math.min(start + batch_size - 1, #articles), 1, {})
end
local model = syria.model()
print(string.format("%d articles, %.1f MB, %d batches of %d, best of %d interleaved runs, libsyria %s",
  #articles, nbytes / 1e6, #batches, batch_size, repeats, syria.version()))

-- os.clock() is CPU time of the whole process: wall time comes from the shell.
local function now()
  local p = io.popen("date +%s.%N")
  local t = tonumber(p:read("l"))
  p:close()
  return t
end

local wall, cpu, counts = {}, {}, {}
for _, t in ipairs(thread_counts) do wall[t], cpu[t], counts[t] = {}, {}, {0, 0} end
for b, batch in ipairs(batches) do
  for r = 1, repeats do
    for _, t in ipairs(thread_counts) do
      collectgarbage("collect")  -- the previous run's tables are not this run's cost
      local start, start_cpu = now(), os.clock()
      local docs = model:analyze_many(batch, {threads = t})
      local elapsed, used = now() - start, os.clock() - start_cpu
      if not wall[t][b] or elapsed < wall[t][b] then wall[t][b], cpu[t][b] = elapsed, used end
      if r == 1 then
        for _, doc in ipairs(docs) do
          counts[t][1], counts[t][2] = counts[t][1] + #doc.entities, counts[t][2] + #doc.events
        end
      end
    end
  end
end

local function sum(list)
  local s = 0
  for _, x in ipairs(list) do s = s + x end
  return s
end

local first = thread_counts[1]
for _, t in ipairs(thread_counts) do
  if counts[t][1] ~= counts[first][1] or counts[t][2] ~= counts[first][2] then
    print(string.format("FAIL: %d threads gave other documents than %d", t, first))
    os.exit(1)
  end
end
local base = sum(wall[first])
for _, t in ipairs(thread_counts) do
  local total, total_cpu = sum(wall[t]), sum(cpu[t])
  print(string.format("threads=%d  %.2f s  %.2f MB/s  %.0f articles/s  x%.2f  cpu %.2f s = %.2f cores"
    .. "  (%d entities, %d events)", t, total, nbytes / 1e6 / total, #articles / total, base / total,
    total_cpu, total_cpu / total, counts[t][1], counts[t][2]))
end
