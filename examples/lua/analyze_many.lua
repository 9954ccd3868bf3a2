-- Analyse several articles in parallel and print one summary line each.
--   lua5.4 analyze_many.lua [--threads N] [--date YYYY-MM-DD] ARTICLE.txt...
-- syria.analyze_many analyses in C threads sharing one model and returns the
-- same tables as syria.analyze, in the order of the files.
local syria = require "syria"

local paths, threads, date = {}, nil, nil
local i = 1
while i <= #arg do
  if arg[i] == "--threads" then
    threads, i = math.tointeger(tonumber(arg[i + 1])), i + 2
  elseif arg[i] == "--date" then
    date, i = arg[i + 1], i + 2
  else
    paths[#paths + 1], i = arg[i], i + 1
  end
end
if #paths == 0 then
  io.stderr:write("usage: analyze_many.lua [--threads N] [--date YYYY-MM-DD] ARTICLE.txt...\n")
  os.exit(2)
end

local texts = {}
for k, path in ipairs(paths) do
  local f = assert(io.open(path, "rb"))
  texts[k] = f:read("a")
  f:close()
end

-- One name per text; the first failing text's error names its index.
local ok, docs = pcall(syria.analyze_many, texts, {threads = threads, date = date, names = paths})
if not ok then
  io.stderr:write("analyze_many.lua: ", tostring(docs), "\n")
  os.exit(1)
end
for _, doc in ipairs(docs) do
  print(string.format("%s: %d sentences, %d tokens, %d entities, %d events", doc.name,
    #doc.sentences, #doc.tokens, #doc.entities, #doc.events))
end
