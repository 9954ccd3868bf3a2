-- The Lua tests' harness: every test runs, each failure is reported with
-- its traceback, and finish() fails the script if any did.
--   local h = dofile((arg[0]:match("^(.*)/") or ".") .. "/harness.lua")
--   h.test("name", function() h.eq(actual, expected, "what") end)
--   h.finish()
local h = {failures = 0}

function h.test(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    print("ok      " .. name)
  else
    h.failures = h.failures + 1
    print("FAILED  " .. name .. "\n" .. tostring(err))
  end
end

function h.eq(actual, expected, what)
  if actual ~= expected then
    error(string.format("%s: expected %q, got %q", what or "value", tostring(expected),
                        tostring(actual)), 2)
  end
end

function h.finish()
  if h.failures > 0 then
    error(h.failures .. " test(s) failed", 0)
  end
end

return h
