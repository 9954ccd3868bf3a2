-- syria.analyze_many and Model:analyze_many (ctest: lua_many): the same
-- tables as a loop of Model:analyze, whatever the number of threads, and
-- errors that name the failing text.
--
-- SYRIA_SEEDS_DIR (the seed articles) and SYRIA_CORPUS (a corpus of
-- blank-line-separated articles) add real articles; each part is skipped,
-- with a line saying so, when its files are absent.

local syria = require "syria"

local SENTENCE = "وقال لافروف إن روسيا وتركيا اتفقتا على وقف إطلاق النار في إدلب."
local SECOND = "وأكد أن الهدنة ستصمد."
local TEXTS = {SENTENCE, SECOND, SENTENCE .. " " .. SECOND, "", "12 آذار 2020", SENTENCE}
local CORPUS_ARTICLES = 300

local harness = dofile((arg[0]:match("^(.*)/") or ".") .. "/harness.lua")
local test, eq = harness.test, harness.eq

-- The first difference between two values (nil if none), as a path.
local function difference(a, b, path)
  if type(a) ~= "table" or type(b) ~= "table" then
    if a == b and math.type(a) == math.type(b) then return nil end
    return string.format("%s: %s ~= %s", path, tostring(a), tostring(b))
  end
  for k, v in pairs(a) do
    local d = difference(v, b[k], path .. "." .. tostring(k))
    if d then return d end
  end
  for k, v in pairs(b) do
    if a[k] == nil then return string.format("%s.%s: absent ~= %s", path, tostring(k), tostring(v)) end
  end
  return nil
end

local function same(actual, expected, what)
  local d = difference(actual, expected, what or "value")
  if d then error(d, 2) end
end

-- The error message of fn(...), which must fail.
local function failure(fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then error("expected an error", 2) end
  return tostring(err)
end

local function contains(message, part)
  if not message:find(part, 1, true) then
    error(string.format("%q does not contain %q", message, part), 2)
  end
end

-- What analyze_many must give: Model:analyze of each text in turn.
local function serial(model, texts, date, names)
  local docs = {}
  for i, text in ipairs(texts) do
    docs[i] = model:analyze(text, {date = date, name = names and names[i]})
  end
  return docs
end

local function read_file(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local text = f:read("a")
  f:close()
  return text
end

local function seed_texts()
  local dir = os.getenv("SYRIA_SEEDS_DIR") or "../shared/seeds"
  local texts, names = {}, {}
  local listing = io.popen('ls "' .. dir .. '"/*.txt 2>/dev/null')
  if listing then
    for path in listing:lines() do
      texts[#texts + 1] = assert(read_file(path))
      names[#names + 1] = path:match("[^/]+$")
    end
    listing:close()
  end
  return texts, names, dir
end

-- The first `limit` articles (blank-line-separated blocks) of the corpus.
local function corpus_texts(limit)
  local path = os.getenv("SYRIA_CORPUS") or "../shared/data/corpus/ant_multisource.txt"
  local f = io.open(path, "rb")
  if not f then return {}, path end
  local texts, lines = {}, {}
  for line in f:lines() do
    if line == "" then
      if #lines > 0 then texts[#texts + 1] = table.concat(lines, "\n") end
      lines = {}
      if #texts == limit then break end
    else
      lines[#lines + 1] = line
    end
  end
  if #lines > 0 and #texts < limit then texts[#texts + 1] = table.concat(lines, "\n") end
  f:close()
  return texts, path
end

local model = syria.model()

test("the private entry point stays hidden", function()
  eq(type(syria.analyze_many), "function", "syria.analyze_many")
  eq(type(model.analyze_many), "function", "Model:analyze_many")
  eq(syria._analyze_many, nil, "syria._analyze_many")
end)

test("small texts: the serial loop's tables, for 1, 2, 4, 8 threads and the default", function()
  local names = {"a1", "a2", "a3", "a4", "a5", "a6"}
  local expected = serial(model, TEXTS, "2020-02-18", names)
  for _, threads in ipairs({1, 2, 4, 8, 100}) do
    local docs = model:analyze_many(TEXTS, {threads = threads, date = "2020-02-18", names = names})
    eq(#docs, #TEXTS, "document count")
    same(docs, expected, "threads=" .. threads)
  end
  same(model:analyze_many(TEXTS, {date = "2020-02-18", names = names}), expected, "default threads")
  same(syria.analyze_many(TEXTS), serial(model, TEXTS), "syria.analyze_many, no options")
  eq(model:analyze_many(TEXTS)[1].name, nil, "no name")
  eq(model:analyze_many(TEXTS, {threads = 2.0})[2].text, SECOND, "threads as an integral float")
end)

test("each document is a table of its own", function()
  local docs = syria.analyze_many({SENTENCE, SENTENCE}, {threads = 2})
  assert(docs[1] ~= docs[2] and docs[1].tokens ~= docs[2].tokens, "shared tables")
  docs[1].tokens[1].text = "changed"
  eq(docs[2].tokens[1].text, "وقال", "second document")
end)

test("an empty table gives an empty table", function()
  local docs = syria.analyze_many({})
  eq(type(docs), "table", "type")
  eq(next(docs), nil, "empty")
  eq(next(model:analyze_many({}, {threads = 4, names = {}})), nil, "empty with options")
end)

test("texts read through metamethods, the caller's table left alone", function()
  local proxy = setmetatable({}, {
    __len = function() return #TEXTS end,
    __index = function(_, i) return TEXTS[i] end,
  })
  same(syria.analyze_many(proxy, {threads = 2}), serial(model, TEXTS), "proxy")
  local texts = {SENTENCE, SECOND}
  syria.analyze_many(texts, {threads = 2})
  same(texts, {SENTENCE, SECOND}, "texts")
end)

test("texts only the call holds are kept alive while the threads read them", function()
  local function texts()  -- fresh strings, no other reference
    local t = {}
    for i = 1, 64 do t[i] = SENTENCE .. " " .. string.rep(SECOND .. " ", i % 5) .. i end
    return t
  end
  local expected = serial(model, texts())
  collectgarbage("collect")
  for _ = 1, 3 do
    same(syria.analyze_many(texts(), {threads = 4}), expected, "fresh texts")
    collectgarbage("step", 0)
  end
end)

test("errors: arguments", function()
  contains(failure(syria.analyze_many, SENTENCE), "syria: texts must be a table, not string")
  contains(failure(syria.analyze_many, nil), "syria: texts must be a table, not nil")
  contains(failure(syria.analyze_many, {SENTENCE, SECOND, 42}), "syria: text 3 must be a string, not number")
  contains(failure(syria.analyze_many, {SENTENCE, nil, SECOND}), "syria: text 2 must be a string, not nil")
  contains(failure(syria.analyze_many, {{}}), "syria: text 1 must be a string, not table")
  contains(failure(syria.analyze_many, TEXTS, "2020-02-18"), "syria: options must be a table, not string")
  contains(failure(syria.analyze_many, TEXTS, {names = {"a"}}), "syria: 1 names for 6 texts")
  contains(failure(syria.analyze_many, {}, {names = {"a"}}), "syria: 1 names for 0 texts")
  contains(failure(syria.analyze_many, {SENTENCE, SECOND}, {names = {"a", 7}}),
           "syria: name 2 must be a string, not number")
  contains(failure(syria.analyze_many, TEXTS, {names = "a"}), "syria: names must be a table, not string")
  contains(failure(syria.analyze_many, TEXTS, {name = "a"}), "names, one per text")
  contains(failure(syria.analyze_many, TEXTS, {date = 20200218}), "syria: date must be a string, not number")
  for _, threads in ipairs({0, -1, -100, 1.5, "2", true, math.huge, 0 / 0}) do
    contains(failure(syria.analyze_many, TEXTS, {threads = threads}),
             "syria: threads must be an integer of at least 1")
  end
  contains(failure(model.analyze_many, model, {}, {threads = 0}), "at least 1")
end)

test("errors: the failing text's message, named by its index", function()
  local bad = {SENTENCE, SECOND, SENTENCE, "\xd8\xa7\xff\xfe", SECOND, "روسيا\0تركيا", "\xff"}
  for _, threads in ipairs({1, 2, 4, 7}) do
    local message = failure(syria.analyze_many, bad, {threads = threads})
    contains(message, "syria: text 4: ")
    contains(message, "UTF-8")
  end
  contains(failure(syria.analyze_many, {SENTENCE, "روسيا\0تركيا"}, {threads = 2}), "syria: text 2: ")
  contains(failure(syria.analyze_many, {SENTENCE, "روسيا\0تركيا"}, {threads = 2}), "NUL")
  local message = failure(syria.analyze_many, {SENTENCE, SECOND}, {date = "2020-13-45", threads = 2})
  contains(message, "syria: text 1: ")
  contains(message, "2020-13-45")
  -- The lowest failing index, however the threads run: many good texts, two bad ones.
  local many = {}
  for i = 1, 200 do many[i] = (i % 2 == 0) and SENTENCE or SECOND end
  many[150], many[37] = "\xff", "\xc3"
  for _ = 1, 5 do
    contains(failure(syria.analyze_many, many, {threads = 4}), "syria: text 37: ")
  end
  -- Analysis goes on afterwards.
  eq(#syria.analyze_many({SENTENCE}, {threads = 2})[1].tokens, 13, "token count")
end)

test("seed articles: the serial loop's tables, 1 and 4 threads", function()
  local texts, names, dir = seed_texts()
  if #texts == 0 then
    print("        skipped: no seed articles in " .. dir)
    return
  end
  local expected = serial(model, texts, "2020-02-18", names)
  for _, threads in ipairs({1, 4}) do
    same(model:analyze_many(texts, {threads = threads, date = "2020-02-18", names = names}),
         expected, "seeds, threads=" .. threads)
  end
  print(string.format("        %d seed articles", #texts))
end)

test("corpus articles: the serial loop's tables, 1 and 4 threads", function()
  local texts, path = corpus_texts(CORPUS_ARTICLES)
  if #texts == 0 then
    print("        skipped: no corpus at " .. path)
    return
  end
  local expected = serial(model, texts)
  local entities, events = 0, 0
  for _, doc in ipairs(expected) do
    entities, events = entities + #doc.entities, events + #doc.events
  end
  same(model:analyze_many(texts, {threads = 4}), expected, "corpus, threads=4")
  same(model:analyze_many(texts, {threads = 1}), expected, "corpus, threads=1")
  print(string.format("        %d corpus articles, %d entities, %d events", #texts, entities, events))
end)

harness.finish()
