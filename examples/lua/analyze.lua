-- Analyse an article and print its entities and events.
--   lua5.4 analyze.lua ARTICLE.txt [YYYY-MM-DD]
-- Prints the same lines as examples/c/analyze.c and examples/python/analyze.py.
local syria = require "syria"

local path, date = arg[1], arg[2]
if not path then
  io.stderr:write("usage: analyze.lua ARTICLE.txt [YYYY-MM-DD]\n")
  os.exit(2)
end
local f = assert(io.open(path, "rb"))
local text = f:read("a")
f:close()

local function optional(key, value)
  return value and string.format(" %s=%s", key, value) or ""
end

local function actors(key, list)
  local parts = {}
  for i, a in ipairs(list) do
    parts[i] = a.code .. (a.entity and ("(" .. a.entity .. ")") or "")
  end
  return string.format(" %s=%s", key, #parts > 0 and table.concat(parts, ",") or "-")
end

-- Errors are raised with the library's message.
local ok, doc = pcall(syria.analyze, text, {date = date, name = path})
if not ok then
  io.stderr:write("analyze.lua: ", tostring(doc), "\n")
  os.exit(1)
end
print(string.format("libsyria %s: %d sentences, %d tokens, %d entities, %d events", syria.version(),
  #doc.sentences, #doc.tokens, #doc.entities, #doc.events))
for _, e in ipairs(doc.entities) do
  -- Byte offsets: text:sub(e.start + 1, e.start + e.length) is the entity (e.text too).
  print(string.format('entity %s %s "%s"', e.id, e.type, text:sub(e.start + 1, e.start + e.length))
    .. optional("canonical", e.canonical) .. optional("code", e.code) .. optional("value", e.value))
end
for _, v in ipairs(doc.events) do
  print(string.format("event %s %s", v.id, v.type) .. optional("mode", v.mode)
    .. string.format(' cameo=%s quad=%d goldstein=%.1f trigger="%s"', v.cameo, v.quad, v.goldstein,
      v.trigger.text)
    .. actors("sources", v.sources) .. actors("targets", v.targets)
    .. optional("location", v.location) .. optional("date", v.date)
    .. " status=" .. v.status .. optional("reported_by", v.reported_by))
end
