-- The installed Lua module works on its own (ctest: lua_installed).
-- ctest installs the project into SYRIA_TEST_PREFIX, points LUA_CPATH at the
-- installed syria.so and empties LD_LIBRARY_PATH: the module must find the
-- installed libsyria.so.1 through its RPATH, not the build tree's.

local syria, syria_path = require "syria"
local prefix = assert(os.getenv("SYRIA_TEST_PREFIX"), "SYRIA_TEST_PREFIX is not set")

local function under_prefix(path)
  return path:sub(1, #prefix + 1) == prefix .. "/"
end

assert(under_prefix(syria_path), "module loaded from " .. syria_path)
assert(syria_path:match("/lua/5%.4/syria%.so$"), "module path " .. syria_path)

local maps = io.open("/proc/self/maps")
if maps then
  local found = 0
  for line in maps:lines() do
    local path = line:match("(/%S*libsyria%.so%S*)$")
    if path then
      found = found + 1
      assert(under_prefix(path), "libsyria loaded from " .. path)
    end
  end
  maps:close()
  assert(found > 0, "libsyria is not mapped")
end

local token = syria.analyze("وروسيا").tokens[1]
assert(token.prefix == "و" and token.stem == "روسيا", "clitic split of وروسيا")
print("installed Lua module: " .. syria_path)
