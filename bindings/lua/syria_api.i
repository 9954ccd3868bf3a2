/*
 * The Lua layer of syria.i: syria.analyze, syria.analyze_many, syria.model,
 * syria.to_json, syria.normalize on top of the private _Model, _analyze,
 * _analyze_many and _to_json.
 */

%{
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* ------------------------------------------------------------------ */
/* _analyze_many(handle, texts, names, date, threads): the texts analysed by
 * `threads` threads sharing the model, the documents in input order.
 *
 * The calling thread reads every text (pointer and length) out of `texts`
 * before any thread starts; the Lua layer passes a table of its own, so the
 * strings stay referenced, and in place, for the whole call. threads - 1
 * workers take indices from an atomic counter and never touch the Lua
 * state. The calling thread turns the finished documents into tables in
 * input order while the workers go on, and analyses a text itself whenever
 * the next document is not ready: with threads = 1 it is a loop of
 * analyze. Everything the call allocates hangs off one userdata (a "job"),
 * marked to-be-closed: its __close (and __gc) stops and joins the workers,
 * then frees every document left, so an error anywhere, a Lua memory error
 * while the tables are built included, leaves nothing behind. */

#define SYRIA_LUA_JOB_METATABLE "syria.analyze_many job"

/* luaL_error without the position prefix, like the layer's error(msg, 0). */
#define SYRIA_LUA_ERROR(L, ...) (lua_pushfstring(L, __VA_ARGS__), lua_error(L))

/* Per worker (0 is the calling thread): its first failure; a worker stops
 * at its first one. */
typedef struct syria_lua_worker {
    struct syria_lua_job *job;
    size_t failed;  /* index of the failing text, or the job's count */
    int status;
    char *message;  /* malloc'd copy of syria_error_last(), or NULL */
    pthread_t thread;
} syria_lua_worker;

typedef struct syria_lua_job {
    const syria_model *model;
    const char *date;
    size_t count;
    const char **texts;
    size_t *lens;
    const char **names;     /* NULL: no names */
    syria_doc **docs;       /* docs[i] belongs to the calling thread once done[i] */
    unsigned char *done;    /* under lock: text i analysed (docs[i] NULL if it failed) */
    syria_lua_worker *workers;
    size_t worker_count;    /* workers with a failure record */
    size_t started;         /* workers 1..started-1 run in threads not yet joined */
    bool sync;              /* lock and cond initialised */
    pthread_mutex_t lock;
    pthread_cond_t cond;    /* signalled when a text is done */
    atomic_size_t next;     /* the next index to analyse */
    atomic_bool stop;       /* a text failed, or the call is unwinding: take no new index */
} syria_lua_job;

static void syria_lua_job_release(syria_lua_job *job)
{
    atomic_store(&job->stop, true);
    for (size_t k = 1; k < job->started; k++) pthread_join(job->workers[k].thread, NULL);
    job->started = 0;
    if (job->docs) {
        for (size_t i = 0; i < job->count; i++) {
            syria_doc_free(job->docs[i]);
            job->docs[i] = NULL;
        }
    }
    for (size_t k = 0; k < job->worker_count; k++) {
        free(job->workers[k].message);
        job->workers[k].message = NULL;
    }
    if (job->sync) {
        pthread_cond_destroy(&job->cond);
        pthread_mutex_destroy(&job->lock);
        job->sync = false;
    }
}

/* __close and __gc, in the calling thread: the second call does nothing. */
static int syria_lua_job_close(lua_State *L)
{
    syria_lua_job *job = (syria_lua_job *)luaL_checkudata(L, 1, SYRIA_LUA_JOB_METATABLE);
    syria_lua_job_release(job);
    return 0;
}

static char *syria_lua_copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = (char *)malloc(n);
    if (copy) memcpy(copy, s, n);
    return copy;
}

/* Takes the next index and analyses its text; false when none is left.
 * Indices are handed out in increasing order: once text f fails, every
 * index below f has been taken already and is analysed to the end, so the
 * lowest failing index is found whatever the threads' timing. */
static bool syria_lua_analyze_next(syria_lua_worker *w)
{
    syria_lua_job *job = w->job;
    if (w->failed < job->count || atomic_load(&job->stop)) return false;
    size_t i = atomic_fetch_add(&job->next, 1);
    if (i >= job->count) return false;
    syria_doc *doc = syria_binding_analyze(job->model, job->texts[i], job->lens[i],
                                           job->names ? job->names[i] : NULL, job->date);
    if (!doc) {
        w->failed = i;
        w->status = syria_binding_status;
        w->message = syria_lua_copy_string(syria_error_last());
        atomic_store(&job->stop, true);
    }
    pthread_mutex_lock(&job->lock);
    job->docs[i] = doc;
    job->done[i] = 1;
    pthread_cond_signal(&job->cond);  /* only the calling thread waits */
    pthread_mutex_unlock(&job->lock);
    return true;
}

static void *syria_lua_work(void *arg)
{
    while (syria_lua_analyze_next((syria_lua_worker *)arg)) {}
    return NULL;
}

/* The element at `index` of the table at `table` as a string, or an error
 * naming the index. Raw access: the Lua layer passes plain tables. */
static const char *syria_lua_element(lua_State *L, int table, lua_Integer index, const char *what,
                                     size_t *len)
{
    const char *s;
    if (lua_rawgeti(L, table, index) != LUA_TSTRING)
        SYRIA_LUA_ERROR(L, "syria: %s %I must be a string, not %s", what, index,
                        luaL_typename(L, -1));
    s = lua_tolstring(L, -1, len);
    lua_pop(L, 1);  /* the table keeps the string */
    return s;
}

static size_t syria_lua_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (size_t)n;
}

static int syria_lua_analyze_many(lua_State *L)
{
    syria_model *model = NULL;
    if (!SWIG_IsOK(SWIG_ConvertPtr(L, 1, (void **)&model, SWIGTYPE_p_syria_model, 0)) || !model)
        return SYRIA_LUA_ERROR(L, "syria: analyze_many needs a model");
    luaL_checktype(L, 2, LUA_TTABLE);
    bool has_names = !lua_isnoneornil(L, 3);
    if (has_names) luaL_checktype(L, 3, LUA_TTABLE);
    const char *date = luaL_optstring(L, 4, NULL);
    lua_Integer wanted = luaL_optinteger(L, 5, 0);  /* 0: one per online CPU */
    if (wanted < 0) return SYRIA_LUA_ERROR(L, "syria: threads must be at least 1, not %I", wanted);
    lua_settop(L, 5);

    size_t count = (size_t)lua_rawlen(L, 2);
    if (has_names && (size_t)lua_rawlen(L, 3) != count)
        return SYRIA_LUA_ERROR(L, "syria: %I names for %I texts", (lua_Integer)lua_rawlen(L, 3),
                               (lua_Integer)count);
    size_t threads = wanted > 0 ? (size_t)wanted : syria_lua_default_threads();
    if (threads > count) threads = count;
    if (threads < 1) threads = 1;

    /* One block: the job, then its arrays (pointer-aligned ones first). */
    size_t per_text = 3 * sizeof(void *) + sizeof(size_t) + 1;
    if (count > (SIZE_MAX / 2 - sizeof(syria_lua_job)) / per_text ||
        threads > (SIZE_MAX / 2) / sizeof(syria_lua_worker))
        return SYRIA_LUA_ERROR(L, "syria: too many texts");
    size_t size = sizeof(syria_lua_job) + threads * sizeof(syria_lua_worker) + count * per_text;
    syria_lua_job *job = (syria_lua_job *)lua_newuserdatauv(L, size, 0);
    memset(job, 0, size);
    job->model = model;
    job->date = date;
    job->count = count;
    atomic_init(&job->next, 0);
    atomic_init(&job->stop, false);
    if (luaL_newmetatable(L, SYRIA_LUA_JOB_METATABLE)) {
        lua_pushcfunction(L, syria_lua_job_close);
        lua_setfield(L, -2, "__close");
        lua_pushcfunction(L, syria_lua_job_close);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    lua_toclose(L, -1);  /* index 6, closed on return and on any error */

    unsigned char *p = (unsigned char *)(job + 1);
    job->workers = (syria_lua_worker *)p;
    p += threads * sizeof(syria_lua_worker);
    job->docs = (syria_doc **)p;
    p += count * sizeof(syria_doc *);
    job->texts = (const char **)p;
    p += count * sizeof(const char *);
    job->names = has_names ? (const char **)p : NULL;
    p += count * sizeof(const char *);
    job->lens = (size_t *)p;
    p += count * sizeof(size_t);
    job->done = p;
    for (size_t i = 0; i < count; i++) {
        job->docs[i] = NULL;
        job->texts[i] = syria_lua_element(L, 2, (lua_Integer)i + 1, "text", &job->lens[i]);
        if (has_names) job->names[i] = syria_lua_element(L, 3, (lua_Integer)i + 1, "name", NULL);
    }
    for (size_t k = 0; k < threads; k++) {
        job->workers[k].job = job;
        job->workers[k].failed = count;
        job->workers[k].message = NULL;
    }
    job->worker_count = threads;
    if (pthread_mutex_init(&job->lock, NULL) != 0) return SYRIA_LUA_ERROR(L, "syria: no mutex");
    if (pthread_cond_init(&job->cond, NULL) != 0) {
        pthread_mutex_destroy(&job->lock);
        return SYRIA_LUA_ERROR(L, "syria: no condition variable");
    }
    job->sync = true;
    lua_createtable(L, count > INT_MAX ? INT_MAX : (int)count, 0);  /* before any thread */

    /* Workers 1.. in threads. One that cannot be created leaves its share
     * to the others, the calling thread included. */
    job->started = 1;
    while (job->started < threads &&
           pthread_create(&job->workers[job->started].thread, NULL, syria_lua_work,
                          &job->workers[job->started]) == 0)
        job->started++;

    /* Document i into the table as soon as it is done; meanwhile, analyse. */
    size_t i = 0;
    while (i < count) {
        pthread_mutex_lock(&job->lock);
        bool done = job->done[i];
        pthread_mutex_unlock(&job->lock);
        if (!done) {
            if (syria_lua_analyze_next(&job->workers[0])) continue;
            /* Nothing left to take: text i is being analysed by a worker. */
            pthread_mutex_lock(&job->lock);
            while (!job->done[i]) pthread_cond_wait(&job->cond, &job->lock);
            pthread_mutex_unlock(&job->lock);
        }
        if (!job->docs[i]) break;  /* text i failed */
        syria_lua_push_doc(L, job->docs[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
        syria_doc_free(job->docs[i]);
        job->docs[i] = NULL;
        i++;
    }
    if (i == count) return 1;  /* closing the job joins the workers, all done */

    /* Text i failed, the lowest failing index: the texts before it went
     * through. Stop and join the workers before reading their records. */
    atomic_store(&job->stop, true);
    for (size_t k = 1; k < job->started; k++) pthread_join(job->workers[k].thread, NULL);
    const syria_lua_worker *first = NULL;
    for (size_t k = 0; k < job->worker_count; k++)
        if (job->workers[k].failed < count && (!first || job->workers[k].failed < first->failed))
            first = &job->workers[k];
    job->started = 0;
    if (!first || first->failed != i)
        return SYRIA_LUA_ERROR(L, "syria: text %I: analysis failed", (lua_Integer)i + 1);
    /* The job (closed by the error) frees the documents and messages. */
    return SYRIA_LUA_ERROR(L, "syria: text %I: %s", (lua_Integer)i + 1,
                           first->message ? first->message : syria_strerror(first->status));
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
/* pthreads and sysconf under -std=c11 (analyze_many). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
%}

%native(_analyze_many) int syria_lua_analyze_many(lua_State *L);

%rename(_to_json) syria_lua_to_json;
%newobject syria_lua_to_json;
%syria_raise_on_null(syria_lua_to_json)
char *syria_lua_to_json(const syria_model *model, const char *text, size_t len, const char *name,
                        const char *date, bool pretty);

%luacode %{
local syria = package.loaded.syria

-- The private entry points leave the module table; the layer keeps them.
local new_model, analyze_text, analyze_texts, text_to_json, normalize_text =
  syria._Model, syria._analyze, syria._analyze_many, syria._to_json, syria._normalize
syria._Model, syria._analyze, syria._analyze_many, syria._to_json, syria._normalize =
  nil, nil, nil, nil, nil

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

-- A plain array of the strings of `list` (a table of `what`s), read
-- with its metamethods. The C side reads the copy: nothing else holds it,
-- so its strings stay alive and in place while the threads read them.
local function string_list(list, what)
  local copy = {}
  for i = 1, #list do
    local s = list[i]
    if type(s) ~= "string" then
      error(string.format("syria: %s %d must be a string, not %s", what, i, type(s)), 0)
    end
    copy[i] = s
  end
  return copy
end

-- analyze_many's opts: nil or {threads = N, date = "YYYY-MM-DD", names = {...}}
local function many_options(opts)
  if opts == nil then return nil, nil, nil end
  if type(opts) ~= "table" then
    error("syria: options must be a table, not " .. type(opts), 0)
  end
  local threads, date, names = opts.threads, opts.date, opts.names
  if opts.name ~= nil then
    error("syria: analyze_many takes names, one per text, not name", 0)
  end
  if threads ~= nil then
    local n = type(threads) == "number" and math.tointeger(threads)
    if not n or n < 1 then
      error("syria: threads must be an integer of at least 1, not " .. tostring(threads), 0)
    end
    threads = n
  end
  if date ~= nil and type(date) ~= "string" then
    error("syria: date must be a string, not " .. type(date), 0)
  end
  if names ~= nil and type(names) ~= "table" then
    error("syria: names must be a table, not " .. type(names), 0)
  end
  return threads, date, names
end

-- The documents of `texts` (an array of strings), in order: the same tables
-- as Model:analyze of each, analysed by opts.threads threads in C (default:
-- one per online CPU). opts.date applies to every text; opts.names, if
-- given, holds one name per text. The first failing text's error (by
-- index) is raised once every thread has stopped.
function Model:analyze_many(texts, opts)
  local threads, date, names = many_options(opts)
  if type(texts) ~= "table" then
    error("syria: texts must be a table, not " .. type(texts), 0)
  end
  local list = string_list(texts, "text")
  if names ~= nil then
    names = string_list(names, "name")
    if #names ~= #list then
      error(string.format("syria: %d names for %d texts", #names, #list), 0)
    end
  end
  return analyze_texts(self.handle, list, names, date, threads)
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

function syria.analyze_many(texts, opts)
  return default():analyze_many(texts, opts)
end

function syria.to_json(text, opts)
  return default():to_json(text, opts)
end

function syria.normalize(text, flags)
  return normalize_text(check_text(text), flags or syria.NORM_DEFAULT)
end
%}
