/*
 * Lua typemaps for syria.i, included before the core declarations.
 *
 * A document comes back as a plain table built here with the Lua C API:
 * 1-based arrays, integers pushed with lua_pushinteger (SWIG 4.1 would push
 * floats), byte offsets so that text:sub(start + 1, start + length) is the
 * surface form, absent optional strings left out (nil).
 */

%{
#include <stdbool.h>

/* The library's message as the Lua error value (SWIG_fail raises it). */
#define SYRIA_BINDING_RAISE() lua_pushstring(L, syria_error_last())

#define syria_lua_is_string(L, index) (lua_type(L, index) == LUA_TSTRING)

static void syria_lua_set_integer(lua_State *L, const char *key, size_t value)
{
    lua_pushinteger(L, (lua_Integer)value);
    lua_setfield(L, -2, key);
}

static void syria_lua_set_string(lua_State *L, const char *key, const char *value)
{
    lua_pushstring(L, value);
    lua_setfield(L, -2, key);
}

/* The library's "" for an absent optional string stays out of the table. */
static void syria_lua_set_optional(lua_State *L, const char *key, const char *value)
{
    if (value && *value) syria_lua_set_string(L, key, value);
}

/* start (0-based byte offset), length and the surface text. */
static void syria_lua_set_span(lua_State *L, const char *text, size_t start, size_t length)
{
    syria_lua_set_integer(L, "start", start);
    syria_lua_set_integer(L, "length", length);
    lua_pushlstring(L, text + start, length);
    lua_setfield(L, -2, "text");
}

static void syria_lua_push_sentence(lua_State *L, const char *text, const syria_sentence *s)
{
    lua_createtable(L, 0, 5);
    syria_lua_set_span(L, text, s->start, s->length);
    syria_lua_set_integer(L, "token_first", s->token_first + 1);
    syria_lua_set_integer(L, "token_count", s->token_count);
}

static void syria_lua_push_token(lua_State *L, const char *text, const syria_token *t)
{
    lua_createtable(L, 0, 9);
    syria_lua_set_span(L, text, t->start, t->length);
    syria_lua_set_string(L, "kind", syria_token_kind_name(t->kind));
    syria_lua_set_string(L, "norm", t->norm);
    syria_lua_set_string(L, "prefix", t->prefix);
    syria_lua_set_string(L, "stem", t->stem);
    syria_lua_set_string(L, "suffix", t->suffix);
    syria_lua_set_integer(L, "sentence", t->sentence + 1);
}

static void syria_lua_push_entity(lua_State *L, const char *text, const syria_entity *e)
{
    lua_createtable(L, 0, 10);
    syria_lua_set_string(L, "id", e->id);
    syria_lua_set_span(L, text, e->start, e->length);
    syria_lua_set_string(L, "type", syria_entity_type_name(e->type));
    syria_lua_set_optional(L, "canonical", e->canonical);
    syria_lua_set_optional(L, "code", e->code);
    syria_lua_set_optional(L, "value", e->value);
    syria_lua_set_integer(L, "token_first", e->token_first + 1);
    syria_lua_set_integer(L, "token_count", e->token_count);
}

static void syria_lua_set_actors(lua_State *L, const char *key, const syria_actor *actors,
                                 size_t count)
{
    lua_createtable(L, (int)count, 0);
    for (size_t i = 0; i < count; i++) {
        lua_createtable(L, 0, 2);
        syria_lua_set_optional(L, "entity", actors[i].entity);
        syria_lua_set_string(L, "code", actors[i].code);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, key);
}

static void syria_lua_push_event(lua_State *L, const char *text, const syria_event *v)
{
    lua_createtable(L, 0, 13);
    syria_lua_set_string(L, "id", v->id);
    syria_lua_set_string(L, "type", v->type);
    syria_lua_set_optional(L, "mode", v->mode);
    syria_lua_set_string(L, "cameo", v->cameo);
    lua_pushinteger(L, v->quad);
    lua_setfield(L, -2, "quad");
    lua_pushnumber(L, v->goldstein);
    lua_setfield(L, -2, "goldstein");
    lua_createtable(L, 0, 3);
    syria_lua_set_span(L, text, v->trigger_start, v->trigger_length);
    lua_setfield(L, -2, "trigger");
    syria_lua_set_actors(L, "sources", v->sources, v->source_count);
    syria_lua_set_actors(L, "targets", v->targets, v->target_count);
    syria_lua_set_optional(L, "location", v->location);
    syria_lua_set_optional(L, "date", v->date);
    syria_lua_set_string(L, "status", syria_event_status_name(v->status));
    syria_lua_set_optional(L, "reported_by", v->reported_by);
}

/* One array field of the document table. The getters return NULL only for
 * an index out of range, which the counts rule out. */
#define SYRIA_LUA_SET_ARRAY(L, key, doc, text, count_fn, get_fn, push_fn) \
    do {                                                                  \
        size_t n_ = count_fn(doc);                                        \
        lua_createtable(L, (int)n_, 0);                                   \
        for (size_t i_ = 0; i_ < n_; i_++) {                              \
            push_fn(L, text, get_fn(doc, i_));                            \
            lua_rawseti(L, -2, (lua_Integer)i_ + 1);                      \
        }                                                                 \
        lua_setfield(L, -2, key);                                         \
    } while (0)

static void syria_lua_push_doc(lua_State *L, const syria_doc *doc)
{
    size_t len = 0;
    const char *text = syria_doc_text(doc, &len);
    lua_createtable(L, 0, 7);
    lua_pushlstring(L, text, len);
    lua_setfield(L, -2, "text");
    syria_lua_set_optional(L, "name", syria_doc_name(doc));
    syria_lua_set_optional(L, "date", syria_doc_date(doc));
    SYRIA_LUA_SET_ARRAY(L, "sentences", doc, text, syria_doc_sentence_count, syria_doc_sentence,
                        syria_lua_push_sentence);
    SYRIA_LUA_SET_ARRAY(L, "tokens", doc, text, syria_doc_token_count, syria_doc_token,
                        syria_lua_push_token);
    SYRIA_LUA_SET_ARRAY(L, "entities", doc, text, syria_doc_entity_count, syria_doc_entity,
                        syria_lua_push_entity);
    SYRIA_LUA_SET_ARRAY(L, "events", doc, text, syria_doc_event_count, syria_doc_event,
                        syria_lua_push_event);
}
%}

/* Text arguments are Lua strings: bytes with a length, NULs included (the
 * library rejects those with its own message). */
%typemap(in, checkfn="syria_lua_is_string") (const char *text, size_t len) {
    size_t len_;
    $1 = ($1_ltype)lua_tolstring(L, $input, &len_);
    $2 = len_;
}

/* The document is copied into a table and freed at once: nothing in Lua
 * points into it. (Only a Lua memory error while building the table, which
 * unwinds past the free, would leak it.) */
%typemap(out) syria_doc * {
    syria_lua_push_doc(L, $1);
    syria_doc_free($1);
    SWIG_arg++;
}
