/* Stage 6: export. The JSON document of spec/SCHEMA.md ("libsyria/1"). */
#include <string.h>

#include "core/doc.h"
#include "core/error.h"
#include "core/utf8.h"

/* A JSON string; invalid UTF-8 (possible only under
 * SYRIA_OPT_REPLACE_INVALID) becomes U+FFFD so the output stays valid. */
static void put_str(strbuf *b, const char *s, size_t n)
{
    strbuf_putc(b, '"');
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned char c = u[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        strbuf_append(b, s + run, i - run);
        if (c >= 0x80) {
            uint32_t cp;
            int k = utf8_decode(u + i, n - i, &cp);
            if (k) {
                strbuf_append(b, s + i, (size_t)k);
                i += (size_t)k;
            } else {
                strbuf_append(b, "\xEF\xBF\xBD", 3);
                i++;
            }
        } else {
            switch (c) {
            case '"': strbuf_append(b, "\\\"", 2); break;
            case '\\': strbuf_append(b, "\\\\", 2); break;
            case '\n': strbuf_append(b, "\\n", 2); break;
            case '\t': strbuf_append(b, "\\t", 2); break;
            case '\r': strbuf_append(b, "\\r", 2); break;
            default: strbuf_printf(b, "\\u%04x", c); break;
            }
            i++;
        }
        run = i;
    }
    strbuf_append(b, s + run, n - run);
    strbuf_putc(b, '"');
}

static void put_cstr(strbuf *b, const char *s) { put_str(b, s, strlen(s)); }

/* Layout helpers: compact output is one line; pretty output indents. */
typedef struct out {
    strbuf b;
    int pretty;
} out;

static void nl(out *o, int depth)
{
    if (!o->pretty) return;
    strbuf_putc(&o->b, '\n');
    for (int i = 0; i < depth; i++) strbuf_append(&o->b, "  ", 2);
}

static void key(out *o, const char *k, int first, int depth)
{
    if (!first) strbuf_putc(&o->b, ',');
    nl(o, depth);
    put_cstr(&o->b, k);
    strbuf_append(&o->b, o->pretty ? ": " : ":", o->pretty ? 2 : 1);
}

static void put_span(strbuf *b, size_t start, size_t len)
{
    strbuf_printf(b, "\"start\":%zu,\"end\":%zu", start, start + len);
}

static void put_actors(out *o, const syria_actor *a, size_t n)
{
    strbuf_putc(&o->b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i) strbuf_putc(&o->b, ',');
        strbuf_append(&o->b, "{\"entity\":", 10);
        if (a[i].entity && a[i].entity[0]) put_cstr(&o->b, a[i].entity);
        else strbuf_append(&o->b, "null", 4);
        strbuf_append(&o->b, ",\"code\":", 8);
        put_cstr(&o->b, a[i].code ? a[i].code : "");
        strbuf_putc(&o->b, '}');
    }
    strbuf_putc(&o->b, ']');
}

static void opt_field(strbuf *b, const char *k, const char *v)
{
    if (!v || !v[0]) return;
    strbuf_printf(b, ",\"%s\":", k);
    put_cstr(b, v);
}

SYRIA_API int syria_doc_to_json(char **res, size_t *res_len, const syria_doc *doc, unsigned flags)
{
    if (!res) return syria_fail(SYRIA_EINVAL, "syria_doc_to_json: out is NULL");
    *res = NULL;
    if (res_len) *res_len = 0;
    if (!doc) return syria_fail(SYRIA_EINVAL, "syria_doc_to_json: doc is NULL");
    if (flags & ~(SYRIA_JSON_PRETTY | SYRIA_JSON_NO_TOKENS))
        return syria_fail(SYRIA_EINVAL, "syria_doc_to_json: unknown flags 0x%x", flags);
    out o = {{0}, (flags & SYRIA_JSON_PRETTY) != 0};
    strbuf *b = &o.b;
    strbuf_grow(b, doc->text_len * 4 + 256);

    strbuf_putc(b, '{');
    key(&o, "schema", 1, 1);
    put_cstr(b, "libsyria/1");
    key(&o, "doc", 0, 1);
    if (doc->name[0]) put_cstr(b, doc->name);
    else strbuf_append(b, "null", 4);
    key(&o, "doc_date", 0, 1);
    if (doc->date[0]) put_cstr(b, doc->date);
    else strbuf_append(b, "null", 4);

    if (!(flags & SYRIA_JSON_NO_TOKENS)) {
        key(&o, "sentences", 0, 1);
        strbuf_putc(b, '[');
        for (size_t i = 0; i < doc->sents.count; i++) {
            const syria_sentence *s = &doc->sents.items[i];
            if (i) strbuf_putc(b, ',');
            nl(&o, 2);
            strbuf_putc(b, '{');
            put_span(b, s->start, s->length);
            strbuf_putc(b, '}');
        }
        if (doc->sents.count) nl(&o, 1);
        strbuf_putc(b, ']');

        key(&o, "tokens", 0, 1);
        strbuf_putc(b, '[');
        for (size_t i = 0; i < doc->toks.count; i++) {
            const syria_token *t = &doc->tokens[i];
            if (i) strbuf_putc(b, ',');
            nl(&o, 2);
            strbuf_putc(b, '{');
            put_span(b, t->start, t->length);
            strbuf_append(b, ",\"norm\":", 8);
            put_cstr(b, t->norm);
            strbuf_append(b, ",\"kind\":", 8);
            put_cstr(b, syria_token_kind_name(t->kind));
            strbuf_append(b, ",\"clitics\":{\"prefix\":", 21);
            put_cstr(b, t->prefix);
            strbuf_append(b, ",\"stem\":", 8);
            put_cstr(b, t->stem);
            strbuf_append(b, ",\"suffix\":", 10);
            put_cstr(b, t->suffix);
            strbuf_append(b, "}}", 2);
        }
        if (doc->toks.count) nl(&o, 1);
        strbuf_putc(b, ']');
    }

    key(&o, "entities", 0, 1);
    strbuf_putc(b, '[');
    for (size_t i = 0; i < doc->ents.count; i++) {
        const syria_entity *e = &doc->entity_recs[i];
        if (i) strbuf_putc(b, ',');
        nl(&o, 2);
        strbuf_append(b, "{\"id\":", 6);
        put_cstr(b, e->id);
        strbuf_putc(b, ',');
        put_span(b, e->start, e->length);
        strbuf_append(b, ",\"text\":", 8);
        put_str(b, doc->text + e->start, e->length);
        strbuf_append(b, ",\"type\":", 8);
        put_cstr(b, syria_entity_type_name(e->type));
        opt_field(b, "canonical", e->canonical);
        opt_field(b, "code", e->code);
        opt_field(b, "value", e->value);
        strbuf_putc(b, '}');
    }
    if (doc->ents.count) nl(&o, 1);
    strbuf_putc(b, ']');

    key(&o, "events", 0, 1);
    strbuf_putc(b, '[');
    for (size_t i = 0; i < doc->evs.count; i++) {
        const syria_event *v = &doc->event_recs[i];
        if (i) strbuf_putc(b, ',');
        nl(&o, 2);
        strbuf_append(b, "{\"id\":", 6);
        put_cstr(b, v->id);
        strbuf_append(b, ",\"type\":", 8);
        put_cstr(b, v->type);
        strbuf_append(b, ",\"mode\":", 8);
        put_cstr(b, v->mode ? v->mode : "");
        strbuf_append(b, ",\"cameo\":", 9);
        put_cstr(b, v->cameo);
        strbuf_printf(b, ",\"quad\":%d,\"goldstein\":%.1f,\"trigger\":{", v->quad, v->goldstein);
        put_span(b, v->trigger_start, v->trigger_length);
        strbuf_append(b, ",\"text\":", 8);
        put_str(b, doc->text + v->trigger_start, v->trigger_length);
        strbuf_append(b, "},\"sources\":", 12);
        put_actors(&o, v->sources, v->source_count);
        strbuf_append(b, ",\"targets\":", 11);
        put_actors(&o, v->targets, v->target_count);
        strbuf_append(b, ",\"location\":", 12);
        if (v->location && v->location[0]) put_cstr(b, v->location);
        else strbuf_append(b, "null", 4);
        strbuf_append(b, ",\"date\":", 8);
        if (v->date && v->date[0]) put_cstr(b, v->date);
        else strbuf_append(b, "null", 4);
        strbuf_append(b, ",\"status\":", 10);
        put_cstr(b, syria_event_status_name(v->status));
        strbuf_append(b, ",\"reported_by\":", 15);
        if (v->reported_by && v->reported_by[0]) put_cstr(b, v->reported_by);
        else strbuf_append(b, "null", 4);
        strbuf_putc(b, '}');
    }
    if (doc->evs.count) nl(&o, 1);
    strbuf_putc(b, ']');
    nl(&o, 0);
    strbuf_putc(b, '}');

    if (b->failed) {
        strbuf_free(b);
        return syria_fail(SYRIA_ENOMEM, "out of memory while exporting JSON");
    }
    *res = b->data;
    if (res_len) *res_len = b->len;
    return SYRIA_OK;
}
