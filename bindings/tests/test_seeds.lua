-- The seed articles analyse with every surface in place (ctest: lua_seeds).
-- SYRIA_SEEDS_DIR (set by ctest to ../shared/seeds) holds the articles; the
-- script exits with 77, reported by ctest as skipped, when there are none.

local syria = require "syria"

local SKIPPED = 77
local seeds_dir = os.getenv("SYRIA_SEEDS_DIR") or "../shared/seeds"

-- Plain Lua cannot list a folder; ls can.
local function seed_files(dir)
  local files = {}
  local listing = io.popen('ls "' .. dir .. '"/*.txt 2>/dev/null')
  if listing then
    for path in listing:lines() do files[#files + 1] = path end
    listing:close()
  end
  return files
end

local seeds = seed_files(seeds_dir)
if #seeds == 0 then
  print("skipped: no seed articles in " .. seeds_dir)
  os.exit(SKIPPED)
end

for _, path in ipairs(seeds) do
  local f = assert(io.open(path, "rb"))
  local text = f:read("a")
  f:close()
  local name = path:match("[^/]+$")
  local doc = syria.analyze(text, {name = name})
  assert(doc.name == name, path .. ": name")
  assert(#doc.tokens > 100, path .. ": too few tokens")
  assert(#doc.sentences > 1, path .. ": too few sentences")
  for i, t in ipairs(doc.tokens) do
    assert(math.type(t.start) == "integer" and math.type(t.length) == "integer",
           path .. ": offsets of token " .. i .. " are not integers")
    local surface = text:sub(t.start + 1, t.start + t.length)
    if surface ~= t.text then
      error(string.format("%s: token %d at byte %d: %q ~= %q", path, i, t.start, surface, t.text))
    end
    assert(#t.stem > 0, path .. ": token " .. i .. " has no stem")
    assert(doc.sentences[t.sentence], path .. ": token " .. i .. " has no sentence")
  end
  for i, s in ipairs(doc.sentences) do
    assert(text:sub(s.start + 1, s.start + s.length) == s.text, path .. ": sentence " .. i)
  end
  for i, e in ipairs(doc.entities) do
    assert(text:sub(e.start + 1, e.start + e.length) == e.text, path .. ": entity " .. i)
  end
  print(string.format("ok  %s: %d sentences, %d tokens", name, #doc.sentences, #doc.tokens))
end
