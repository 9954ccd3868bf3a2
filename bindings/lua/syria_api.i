/*
 * The Lua layer of syria.i: syria.analyze, syria.model, syria.to_json,
 * syria.normalize on top of the private _Model, _analyze and _to_json.
 */

%{
static char *syria_lua_to_json(const syria_model *model, const char *text, size_t len,
                               const char *name, const char *date, bool pretty)
{
    syria_doc *doc = syria_binding_analyze(model, text, len, name, date);
    char *json = NULL;
    if (!doc) return NULL;
    if (syria_binding_check(syria_doc_to_json(&json, NULL, doc, pretty ? SYRIA_JSON_PRETTY : 0)) < 0)
        json = NULL;
    syria_doc_free(doc);
    return json;
}

/* SWIG runs %luacode as a chunk without arguments, after %init: hand it the
 * module table through package.loaded, which require() sets to the same
 * table afterwards anyway. */
#define SYRIA_LUA_MODULE_NAME "syria"
%}

%init %{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, SYRIA_LUA_MODULE_NAME);
    lua_pop(L, 1);
%}

/* An error in the layer below must fail require(), not print and go on. */
%begin %{
#define SWIG_DOSTRING_FAIL(message) luaL_error(L, "syria: %s", message)
%}

%rename(_to_json) syria_lua_to_json;
%newobject syria_lua_to_json;
%syria_raise_on_null(syria_lua_to_json)
char *syria_lua_to_json(const syria_model *model, const char *text, size_t len, const char *name,
                        const char *date, bool pretty);

%luacode %{
local syria = package.loaded.syria

-- The private entry points leave the module table; the layer keeps them.
local new_model, analyze_text, text_to_json, normalize_text =
  syria._Model, syria._analyze, syria._to_json, syria._normalize
syria._Model, syria._analyze, syria._to_json, syria._normalize = nil, nil, nil, nil

-- SWIG's own message would name the C function: check here instead.
local function check_text(text)
  if type(text) ~= "string" then
    error("syria: text must be a string, not " .. type(text), 0)
  end
  return text
end

-- opts: nil or {name = "...", date = "YYYY-MM-DD", pretty = true}
local function options(opts)
  if opts == nil then return nil, nil, false end
  if type(opts) ~= "table" then
    error("syria: options must be a table, not " .. type(opts), 0)
  end
  return opts.name, opts.date, opts.pretty == true
end

local Model = {}
Model.__index = Model
Model.__name = "syria.Model"

-- syria.model() is the default model embedded in the library,
-- syria.model(path) loads a model file.
function syria.model(path)
  return setmetatable({handle = new_model(path)}, Model)
end

-- A plain table {text, name, date, sentences, tokens, entities, events}.
function Model:analyze(text, opts)
  local name, date = options(opts)
  return analyze_text(self.handle, check_text(text), name, date)
end

-- The library's JSON export (schema "libsyria/1"); opts.pretty indents it.
function Model:to_json(text, opts)
  local name, date, pretty = options(opts)
  return text_to_json(self.handle, check_text(text), name, date, pretty)
end

function Model:description()
  return self.handle:description()
end

function Model:__tostring()
  return "syria.Model: " .. self:description()
end

local default_model
local function default()
  default_model = default_model or syria.model()
  return default_model
end

function syria.default_model()
  return default()
end

function syria.analyze(text, opts)
  return default():analyze(text, opts)
end

function syria.to_json(text, opts)
  return default():to_json(text, opts)
end

function syria.normalize(text, flags)
  return normalize_text(check_text(text), flags or syria.NORM_DEFAULT)
end
%}
