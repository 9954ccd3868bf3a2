-- The Lua binding against the library's real output (ctest: lua_api).
-- Runs every test, reports each failure, and fails at the end if any did.

-- Lua 5.4's require also returns where it found the module.
local syria, syria_path = require "syria"

local SENTENCE = "وقال لافروف إن روسيا وتركيا اتفقتا على وقف إطلاق النار في إدلب."
local SECOND_SENTENCE = "وأكد أن الهدنة ستصمد."
local TWO_SENTENCES = SENTENCE .. " " .. SECOND_SENTENCE

local harness = dofile((arg[0]:match("^(.*)/") or ".") .. "/harness.lua")
local test, eq = harness.test, harness.eq

local function is_integer(x, what)
  if math.type(x) ~= "integer" then
    error(string.format("%s: expected an integer, got %s (%s)", what, tostring(x),
                        math.type(x) or type(x)), 2)
  end
end

-- The error message of fn(...), which must fail.
local function failure(fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then error("expected an error", 2) end
  return tostring(err)
end

local function find_token(doc, surface)
  for _, t in ipairs(doc.tokens) do
    if t.text == surface then return t end
  end
  error("no token " .. surface, 2)
end

test("the module under test is the one LUA_CPATH points at", function()
  local cpath = os.getenv("LUA_CPATH")
  if cpath then eq(syria_path, package.searchpath("syria", cpath), "module file") end
  eq(type(syria.analyze), "function", "syria.analyze")
  eq(syria.syria_analyze, nil, "raw C function")
  eq(syria._analyze, nil, "private entry point")
end)

test("version", function()
  assert(syria.version():match("^%d+%.%d+%.%d+$"), syria.version())
  eq(syria.version(), string.format("%d.%d.%d", syria.VERSION_MAJOR, syria.VERSION_MINOR,
                                    syria.VERSION_PATCH), "version")
  is_integer(syria.EUTF8, "syria.EUTF8")
  is_integer(syria.NORM_DEFAULT, "syria.NORM_DEFAULT")
end)

test("tokens: surfaces from 0-based byte offsets", function()
  local doc = syria.analyze(SENTENCE)
  eq(doc.text, SENTENCE, "doc.text")
  local expected = {"وقال", "لافروف", "إن", "روسيا", "وتركيا", "اتفقتا", "على", "وقف",
                    "إطلاق", "النار", "في", "إدلب", "."}
  eq(#doc.tokens, #expected, "token count")
  for i, t in ipairs(doc.tokens) do
    eq(t.text, expected[i], "token " .. i)
    eq(SENTENCE:sub(t.start + 1, t.start + t.length), t.text, "surface of token " .. i)
    is_integer(t.start, "start")
    is_integer(t.length, "length")
    is_integer(t.sentence, "sentence")
    eq(t.sentence, 1, "sentence of token " .. i)
    assert(utf8.len(t.text), "token " .. i .. " is not whole UTF-8")
  end
end)

test("tokens: offsets after 1- to 4-byte characters", function()
  local text = "a é € 😀 وروسيا"
  local doc = syria.analyze(text)
  local last = doc.tokens[#doc.tokens]
  eq(last.start, #text - #"وروسيا", "start")
  eq(last.length, #"وروسيا", "length")
  for _, t in ipairs(doc.tokens) do eq(text:sub(t.start + 1, t.start + t.length), t.text) end
end)

test("clitics", function()
  local t = find_token(syria.analyze(SENTENCE), "وتركيا")
  eq(t.prefix, "و", "prefix")
  eq(t.stem, "تركيا", "stem")
  eq(t.suffix, "", "suffix")
  t = syria.analyze("وروسيا").tokens[1]
  eq(t.prefix, "و", "prefix")
  eq(t.stem, "روسيا", "stem")
end)

test("norms and kinds", function()
  local doc = syria.analyze(SENTENCE)
  eq(find_token(doc, "إدلب").norm, "ادلب", "norm")
  eq(find_token(doc, "لافروف").kind, "word", "kind")
  eq(find_token(doc, ".").kind, "punct", "kind")
  doc = syria.analyze("قالت Reuters إن 25 شخصا قتلوا")
  eq(find_token(doc, "Reuters").kind, "latin", "kind")
  eq(find_token(doc, "25").kind, "number", "kind")
end)

test("sentences", function()
  local doc = syria.analyze(TWO_SENTENCES)
  eq(#doc.sentences, 2, "sentence count")
  eq(doc.sentences[1].text, SENTENCE, "first sentence")
  eq(doc.sentences[2].text, SECOND_SENTENCE, "second sentence")
  local next_token = 1
  for index, s in ipairs(doc.sentences) do
    is_integer(s.start, "start")
    is_integer(s.token_first, "token_first")
    is_integer(s.token_count, "token_count")
    eq(TWO_SENTENCES:sub(s.start + 1, s.start + s.length), s.text, "sentence surface")
    eq(s.token_first, next_token, "first token of sentence " .. index)
    for i = s.token_first, s.token_first + s.token_count - 1 do
      eq(doc.tokens[i].sentence, index, "sentence of token " .. i)
    end
    next_token = s.token_first + s.token_count
  end
  eq(next_token, #doc.tokens + 1, "tokens covered")
  eq(doc.tokens[doc.sentences[2].token_first].text, "وأكد", "first token of sentence 2")
end)

test("name and date round trip", function()
  local doc = syria.analyze(SENTENCE, {date = "2020-02-18", name = "002_a28b00397c7848ac.txt"})
  eq(doc.date, "2020-02-18", "date")
  eq(doc.name, "002_a28b00397c7848ac.txt", "name")
  doc = syria.analyze(SENTENCE)
  eq(doc.date, nil, "absent date")
  eq(doc.name, nil, "absent name")
end)

test("entities and events are arrays", function()
  -- The tagger and the extractor come later: only the shape is fixed.
  local doc = syria.analyze(SENTENCE)
  eq(type(doc.entities), "table", "entities")
  eq(type(doc.events), "table", "events")
  for _, e in ipairs(doc.entities) do
    eq(SENTENCE:sub(e.start + 1, e.start + e.length), e.text, "entity surface")
  end
  for _, v in ipairs(doc.events) do
    is_integer(v.quad, "quad")
    eq(type(v.sources), "table", "sources")
  end
end)

test("to_json", function()
  local json = syria.to_json(TWO_SENTENCES, {date = "2020-02-18", name = "n"})
  assert(not json:find("\n"), "compact JSON has no newline")
  assert(json:find('"schema":"libsyria/1"', 1, true), json)
  assert(json:find('"doc_date":"2020-02-18"', 1, true), json)
  assert(json:find('"doc":"n"', 1, true), json)
  local pretty = syria.to_json(TWO_SENTENCES, {pretty = true})
  assert(pretty:find('\n  "schema": "libsyria/1"', 1, true), pretty)
end)

test("model objects", function()
  local model = syria.model()
  assert(#model:description() > 0, "description")
  assert(tostring(model):find("syria.Model", 1, true))
  local a, b = model:analyze(SENTENCE), syria.analyze(SENTENCE)
  eq(#a.tokens, #b.tokens, "token count")
  for i, t in ipairs(a.tokens) do
    eq(t.start, b.tokens[i].start, "start")
    eq(t.norm, b.tokens[i].norm, "norm")
  end
  assert(model:to_json(SENTENCE):find('"schema":"libsyria/1"', 1, true))
end)

test("normalize", function()
  eq(syria.normalize("إدلب"), "ادلب", "default folds")
  eq(syria.normalize("إدلب", 0), "إدلب", "no folds")
end)

test("errors carry the library's message", function()
  local message = failure(syria.analyze, SENTENCE, {date = "2020-13-45"})
  assert(message:find("2020-13-45", 1, true), message)
  message = failure(syria.analyze, "\xd8\xa7\xff\xfe")
  assert(message:find("UTF-8", 1, true), message)
  message = failure(syria.analyze, "روسيا\0تركيا")
  assert(message:find("NUL", 1, true), message)
  message = failure(syria.model, "/no-such-dir-for-syria/missing.smdl")
  assert(message:find("/no-such-dir-for-syria/missing.smdl", 1, true), message)
  message = failure(syria.to_json, SENTENCE, {date = "2020-13-45"})
  assert(message:find("2020-13-45", 1, true), message)
  message = failure(syria.analyze, 42)
  assert(message:find("string", 1, true), message)
  message = failure(syria.analyze, SENTENCE, "2020-02-18")
  assert(message:find("table", 1, true), message)
  -- Analysis still works afterwards.
  eq(#syria.analyze(SENTENCE).tokens, 13, "token count")
end)

test("a corrupt model file", function()
  local path = os.tmpname()
  local f = assert(io.open(path, "wb"))
  f:write(string.rep("not a model at all", 10))
  f:close()
  local message = failure(syria.model, path)
  os.remove(path)
  assert(message:find("model", 1, true), message)
end)

harness.finish()
print("all Lua tests passed")
