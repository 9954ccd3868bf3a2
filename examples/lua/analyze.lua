-- Analyse an article and print its sentences, tokens, entities and events.
--   lua5.4 analyze.lua ARTICLE.txt [YYYY-MM-DD]
local syria = require "syria"

local path, date = arg[1], arg[2]
if not path then
  io.stderr:write("usage: analyze.lua ARTICLE.txt [YYYY-MM-DD]\n")
  os.exit(2)
end
local f = assert(io.open(path, "rb"))
local text = f:read("a")
f:close()

local ok, doc = pcall(syria.analyze, text, {date = date, name = path})
if not ok then
  io.stderr:write("analyze.lua: ", tostring(doc), "\n")
  os.exit(1)
end
print(string.format("libsyria %s: %d sentences, %d tokens, %d entities, %d events", syria.version(),
  #doc.sentences, #doc.tokens, #doc.entities, #doc.events))
for s = 1, math.min(2, #doc.sentences) do
  local sent = doc.sentences[s]
  print("sentence: " .. text:sub(sent.start + 1, sent.start + sent.length))
  for _, t in ipairs(doc.tokens) do
    if t.sentence == s then
      print(string.format("  %-8s %s -> %s [%s|%s|%s]", t.kind, text:sub(t.start + 1, t.start + t.length),
        t.norm, t.prefix, t.stem, t.suffix))
    end
  end
end
for _, e in ipairs(doc.entities) do print("entity", e.type, text:sub(e.start + 1, e.start + e.length), e.code or "") end
for _, v in ipairs(doc.events) do print("event", v.type, v.cameo) end
