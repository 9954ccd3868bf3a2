-- Entities and events as Lua tables (ctest: lua_records).
-- Until the tagger and the extractor exist, ctest preloads fake_records.c,
-- whose getters return fixed records for RECORDS_TEXT; the script exits
-- with 77 (skipped) without it.

if not os.getenv("SYRIA_FAKE_RECORDS") then
  print("skipped: needs the fake records preloaded (SYRIA_FAKE_RECORDS)")
  os.exit(77)
end

local syria = require "syria"

local RECORDS_TEXT = "وقال لافروف إن روسيا وتركيا اتفقتا أمس"
local doc = syria.analyze(RECORDS_TEXT)

local function eq(actual, expected, what)
  if actual ~= expected then
    error(string.format("%s: expected %s, got %s", what, tostring(expected), tostring(actual)), 2)
  end
end

local function integer(x, what)
  eq(math.type(x), "integer", what .. " type")
  return x
end

eq(#doc.entities, 4, "entity count")
for i, e in ipairs(doc.entities) do
  eq(e.id, "e" .. i, "id")
  eq(RECORDS_TEXT:sub(integer(e.start, "start") + 1, e.start + integer(e.length, "length")), e.text,
     "surface of " .. e.id)
  eq(integer(e.token_count, "token_count"), 1, "token_count")
  local token = doc.tokens[integer(e.token_first, "token_first")]
  assert(token.start <= e.start and e.start + e.length <= token.start + token.length,
         "token of " .. e.id)
end
local per, date = doc.entities[1], doc.entities[4]
eq(per.start, 9, "start")
eq(per.length, 12, "length")
eq(per.type, "PER", "type")
eq(per.canonical, "سيرغي لافروف", "canonical")
eq(per.code, "RUSGOV", "code")
eq(per.value, nil, "absent value")
eq(date.type, "DATE", "type")
eq(date.value, "2020-02-17", "value")
eq(date.canonical, nil, "absent canonical")

eq(#doc.events, 2, "event count")
local agree, consult = doc.events[1], doc.events[2]
eq(agree.id, "v1", "id")
eq(agree.type, "AGREE", "type")
eq(agree.mode, nil, "absent mode")
eq(agree.cameo, "030", "cameo")
eq(integer(agree.quad, "quad"), 1, "quad")
eq(math.type(agree.goldstein), "float", "goldstein type")
eq(agree.goldstein, 4.0, "goldstein")
eq(integer(agree.trigger.start, "trigger start"), 51, "trigger start")
eq(integer(agree.trigger.length, "trigger length"), 12, "trigger length")
eq(agree.trigger.text, "اتفقتا", "trigger text")
eq(#agree.sources, 2, "sources")
eq(agree.sources[1].entity, "e2", "source entity")
eq(agree.sources[2].code, "TUR", "source code")
eq(type(agree.targets), "table", "targets")
eq(#agree.targets, 0, "no targets")
eq(agree.location, nil, "absent location")
eq(agree.date, "2020-02-17", "date")
eq(agree.status, "asserted", "status")
eq(agree.reported_by, "e1", "reported_by")
eq(consult.mode, "visit", "mode")
eq(consult.sources[1].entity, nil, "actor without entity")
eq(consult.sources[1].code, "SYRGOV", "actor code")
eq(consult.targets[1].entity, "e2", "target entity")
eq(consult.location, "e3", "location")
eq(consult.date, nil, "absent date")
eq(consult.status, "negated", "status")
eq(consult.reported_by, nil, "absent reported_by")
print("entities and events: ok")
