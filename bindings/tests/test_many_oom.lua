-- analyze_many with every memory budget in turn (ctest: lua_many_oom, run
-- by lua_oom.c): a memory error while the texts are read or the documents
-- become tables is Lua's memory error, and the documents the threads made
-- are freed (LeakSanitizer checks it in the sanitizer build). With enough
-- memory, the call gives what a loop of Model:analyze gives.

local syria = require "syria"

local SENTENCE = "وقال لافروف إن روسيا وتركيا اتفقتا على وقف إطلاق النار في إدلب."
local SECOND = "وأكد أن الهدنة ستصمد."
local texts = {SENTENCE, SECOND, SENTENCE .. " " .. SECOND}
local names = {"a1", "a2", "a3"}
local STEP = 256

local model = syria.model()
local expected = {}
for i, text in ipairs(texts) do expected[i] = model:analyze(text, {name = names[i]}) end
local opts = {threads = 2, names = names}
local analyze_many = model.analyze_many

-- Fails at budget, budget + step, ... until a call goes through; returns
-- how many failed and the budget that sufficed.
local function sweep(texts, opts, expected, step)
  local budget, failed = 0, 0
  while true do
    collectgarbage("collect")
    oom_limit(budget)
    local ok, result = pcall(analyze_many, model, texts, opts)
    oom_unlimit()
    if ok then
      assert(#result == #texts, "document count")
      for i, doc in ipairs(result) do
        assert(doc.name == opts.names[i] and doc.text == texts[i], "document " .. i)
        assert(#doc.tokens == #expected[i].tokens and #doc.entities == #expected[i].entities,
               "document " .. i .. " differs from Model:analyze")
      end
      return failed, budget
    end
    if result ~= "not enough memory" then
      error(string.format("budget %d: %s", budget, tostring(result)), 0)
    end
    failed = failed + 1
    budget = budget + step
  end
end

-- Every budget up to what three short texts need, two threads.
local failed, budget = sweep(texts, opts, expected, STEP)
assert(failed > 20, "only " .. failed .. " budgets failed")
print(string.format("%d budgets (steps of %d bytes) failed with a memory error, %d bytes sufficed",
                    failed, STEP, budget))

-- 64 texts, four threads, coarser steps: memory runs out while the workers
-- are still analysing, and the error has to wait for them.
local many, many_names, many_expected = {}, {}, {}
for i = 1, 64 do
  many[i], many_names[i] = texts[i % #texts + 1] .. " " .. i, "m" .. i
  many_expected[i] = model:analyze(many[i], {name = many_names[i]})
end
failed, budget = sweep(many, {threads = 4, names = many_names}, many_expected, 16 * STEP)
assert(failed > 20, "only " .. failed .. " budgets failed")
print(string.format("64 texts: %d budgets (steps of %d bytes) failed, %d bytes sufficed",
                    failed, 16 * STEP, budget))
