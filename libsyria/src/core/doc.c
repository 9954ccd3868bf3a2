/* The document: runs the stages in order and serves the records. */
#include "core/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clitic/clitic.h"
#include "core/error.h"
#include "core/utf8.h"
#include "model/model.h"
#include "extract/extract.h"
#include "tag/tag.h"
#include "tokenize/tokenize.h"

uint32_t doc_intern(struct syria_doc *doc, const char *s, size_t n)
{
    uint32_t at = (uint32_t)doc->strings.len;
    strbuf_append(&doc->strings, s, n);
    strbuf_putc(&doc->strings, '\0');
    return at;
}

/* A proleptic Gregorian date YYYY-MM-DD with a real day of its month. */
static int valid_date(const char *d)
{
    if (strlen(d) != 10 || d[4] != '-' || d[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9')) return 0;
    int y = atoi(d), mo = atoi(d + 5), da = atoi(d + 8);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || da < 1 || da > mdays[mo - 1]) return 0;
    if (mo == 2 && da == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
    return 1;
}

/* Builds the public records once the stages are done. Ids are interned
 * first; after that the string arena no longer moves and records can point
 * into it. */
static int publish(struct syria_doc *doc)
{
    size_t ne = doc->ents.count, nv = doc->evs.count, na = doc->actors.count;
    uint32_t *ent_ids = malloc((ne + nv + 1) * sizeof *ent_ids);
    if (!ent_ids) return syria_fail(SYRIA_ENOMEM, "out of memory");
    uint32_t *ev_ids = ent_ids + ne;
    char idbuf[24];
    for (size_t k = 0; k < ne; k++) ent_ids[k] = doc_intern(doc, idbuf, (size_t)snprintf(idbuf, sizeof idbuf, "e%zu", k + 1));
    for (size_t k = 0; k < nv; k++) ev_ids[k] = doc_intern(doc, idbuf, (size_t)snprintf(idbuf, sizeof idbuf, "v%zu", k + 1));
    uint32_t empty = doc_intern(doc, "", 0);
    if (doc->strings.failed || doc->strings.len > UINT32_MAX) {
        free(ent_ids);
        return doc->strings.failed ? syria_fail(SYRIA_ENOMEM, "out of memory")
                                : syria_fail(SYRIA_ETOOBIG, "document too large to index");
    }
    size_t n = doc->toks.count;
    /* Every field of every token record is written below: no zeroing. */
    doc->tokens = malloc((n ? n : 1) * sizeof *doc->tokens);
    doc->entity_recs = calloc(ne ? ne : 1, sizeof *doc->entity_recs);
    doc->event_recs = calloc(nv ? nv : 1, sizeof *doc->event_recs);
    doc->actor_recs = calloc(na ? na : 1, sizeof *doc->actor_recs);
    if (!doc->tokens || !doc->entity_recs || !doc->event_recs || !doc->actor_recs) {
        free(ent_ids);
        return syria_fail(SYRIA_ENOMEM, "out of memory");
    }
    const char *s = doc->strings.data;
    for (size_t k = 0; k < ne; k++) {
        const ent *e = &doc->ents.items[k];
        doc->entity_recs[k] = (syria_entity){s + ent_ids[k], e->start, e->len, e->type, s + e->canonical,
                                             s + e->code, s + e->value, e->tok_first, e->tok_count};
    }
    for (size_t k = 0; k < na; k++) {
        const ev_actor *a = &doc->actors.items[k];
        doc->actor_recs[k].entity = a->ent >= 0 && (size_t)a->ent < ne ? s + ent_ids[a->ent] : s + empty;
        doc->actor_recs[k].code = s + a->code;
    }
    for (size_t k = 0; k < nv; k++) {
        const ev *v = &doc->evs.items[k];
        syria_event *p = &doc->event_recs[k];
        p->id = s + ev_ids[k];
        p->type = s + v->type;
        p->mode = s + v->mode;
        p->cameo = s + v->cameo;
        p->quad = v->quad;
        p->goldstein = v->goldstein;
        p->trigger_start = v->trig_start;
        p->trigger_length = v->trig_len;
        p->sources = doc->actor_recs + v->first_actor;
        p->source_count = v->nsources;
        p->targets = doc->actor_recs + v->first_actor + v->nsources;
        p->target_count = v->ntargets;
        p->location = v->location >= 0 && (size_t)v->location < ne ? s + ent_ids[v->location] : s + empty;
        p->date = s + v->date;
        p->status = v->status;
        p->reported_by = v->reported_by >= 0 && (size_t)v->reported_by < ne ? s + ent_ids[v->reported_by] : s + empty;
    }
    free(ent_ids);
    for (size_t k = 0; k < n; k++) {
        const tok *t = &doc->toks.items[k];
        syria_token *p = &doc->tokens[k];
        p->start = t->start;
        p->length = t->len;
        p->kind = t->kind;
        p->norm = s + t->norm;
        p->prefix = s + t->prefix;
        p->stem = s + t->stem;
        p->suffix = s + t->suffix;
        p->stem_start = t->stem_start;
        p->stem_length = t->stem_len;
        p->article_start = t->article_start;
        p->sentence = t->sentence;
    }
    return SYRIA_OK;
}

static int run_stages(struct syria_doc *doc)
{
    int rc;
    if ((rc = tokenize_and_normalize(doc))) return rc;
    if ((rc = clitic_stage(doc))) return rc;
    if ((rc = sentence_split(doc, doc->model->sentence_bi))) return rc;
    if (doc->flags & SYRIA_OPT_NO_ENTITIES) return publish(doc);
    if ((rc = tag_stage(doc))) return rc;
    if (doc->flags & SYRIA_OPT_NO_EVENTS) return publish(doc);
    if ((rc = extract_stage(doc))) return rc;
    return publish(doc);
}

SYRIA_API int syria_analyze(syria_doc **out, const syria_model *model, const char *text, size_t len,
                            const syria_options *opt)
{
    if (!out) return syria_fail(SYRIA_EINVAL, "syria_analyze: out is NULL");
    *out = NULL;
    if (!model) return syria_fail(SYRIA_EINVAL, "syria_analyze: model is NULL");
    if (!text) return syria_fail(SYRIA_EINVAL, "syria_analyze: text is NULL");
    syria_options defaults = SYRIA_OPTIONS_INIT;
    if (!opt) opt = &defaults;
    if (opt->version < 1 || opt->version > SYRIA_OPTIONS_VERSION)
        return syria_fail(SYRIA_EINVAL, "syria_analyze: options version %u unknown (initialise with SYRIA_OPTIONS_INIT)",
                          opt->version);
    if (opt->flags & ~(SYRIA_OPT_REPLACE_INVALID | SYRIA_OPT_NO_CLITICS | SYRIA_OPT_NO_ENTITIES | SYRIA_OPT_NO_EVENTS |
                       SYRIA_OPT_ANERCORP))
        return syria_fail(SYRIA_EINVAL, "syria_analyze: unknown option flags 0x%x", opt->flags);
    if (opt->norm_flags & ~0x07ffu)
        return syria_fail(SYRIA_EINVAL, "syria_analyze: unknown normalisation flags 0x%x", opt->norm_flags);
    if (len == SYRIA_NUL_TERMINATED) len = strlen(text);
    if (len > SYRIA_MAX_TEXT)
        return syria_fail(SYRIA_ETOOBIG, "syria_analyze: text of %zu bytes exceeds the limit of %zu", len,
                          (size_t)SYRIA_MAX_TEXT);
    if (opt->doc_date && !valid_date(opt->doc_date))
        return syria_fail(SYRIA_EDATE, "invalid document date '%.40s' (expected YYYY-MM-DD)", opt->doc_date);
    if (!(opt->flags & SYRIA_OPT_REPLACE_INVALID)) {
        size_t bad = utf8_validate(text, len);
        if (bad < len)
            return syria_fail(SYRIA_EUTF8, "invalid UTF-8 at byte %zu (byte 0x%02x)", bad,
                              (unsigned char)text[bad]);
        const char *nul = memchr(text, '\0', len);
        if (nul) return syria_fail(SYRIA_ENUL, "NUL byte at offset %zu", (size_t)(nul - text));
    }

    struct syria_doc *doc = calloc(1, sizeof *doc);
    if (!doc) return syria_fail(SYRIA_ENOMEM, "out of memory");
    doc->model = model;
    doc->flags = opt->flags;
    doc->norm_flags = opt->norm_flags;
    doc->text = malloc(len + 1);
    const char *name = opt->doc_name ? opt->doc_name : "";
    size_t name_len = strlen(name);
    doc->name = malloc(name_len + 1);
    if (doc->name) memcpy(doc->name, name, name_len + 1);
    if (!doc->text || !doc->name) {
        syria_doc_free(doc);
        return syria_fail(SYRIA_ENOMEM, "out of memory for a %zu-byte text", len);
    }
    memcpy(doc->text, text, len);
    doc->text[len] = '\0';
    doc->text_len = len;
    if (opt->doc_date) memcpy(doc->date, opt->doc_date, 11);

    int rc = run_stages(doc);
    if (rc) {
        syria_doc_free(doc);
        return rc;
    }
    *out = doc;
    return SYRIA_OK;
}

SYRIA_API void syria_doc_free(syria_doc *doc)
{
    if (!doc) return;
    free(doc->text);
    free(doc->name);
    array_free(&doc->toks);
    array_free(&doc->sents);
    strbuf_free(&doc->strings);
    free(doc->tokens);
    free(doc->entity_recs);
    free(doc->event_recs);
    free(doc->actor_recs);
    array_free(&doc->ents);
    array_free(&doc->actors);
    array_free(&doc->evs);
    free(doc);
}

SYRIA_API const char *syria_doc_text(const syria_doc *doc, size_t *len)
{
    if (len) *len = doc ? doc->text_len : 0;
    return doc ? doc->text : "";
}

SYRIA_API const char *syria_doc_name(const syria_doc *doc) { return doc ? doc->name : ""; }
SYRIA_API const char *syria_doc_date(const syria_doc *doc) { return doc ? doc->date : ""; }

#define GETTERS(what, count_expr, item_expr, type)                                         \
    SYRIA_API size_t syria_doc_##what##_count(const syria_doc *doc)                        \
    {                                                                                      \
        return doc ? (count_expr) : 0;                                                     \
    }                                                                                      \
    SYRIA_API const type *syria_doc_##what(const syria_doc *doc, size_t i)                 \
    {                                                                                      \
        if (!doc) {                                                                        \
            syria_fail(SYRIA_EINVAL, "syria_doc_" #what ": doc is NULL");                  \
            return NULL;                                                                   \
        }                                                                                  \
        if (i >= (count_expr)) {                                                           \
            syria_fail(SYRIA_ERANGE, "syria_doc_" #what ": index %zu out of range (%zu)", i, \
                       (size_t)(count_expr));                                              \
            return NULL;                                                                   \
        }                                                                                  \
        return &(item_expr);                                                               \
    }

GETTERS(sentence, doc->sents.count, doc->sents.items[i], syria_sentence)
GETTERS(token, doc->toks.count, doc->tokens[i], syria_token)
GETTERS(entity, doc->ents.count, doc->entity_recs[i], syria_entity)
GETTERS(event, doc->evs.count, doc->event_recs[i], syria_event)

SYRIA_API const char *syria_token_kind_name(int kind)
{
    static const char *const names[] = {"word", "latin", "number", "punct", "url",
                                        "email", "hashtag", "mention", "file", "symbol"};
    return kind >= 0 && kind < (int)(sizeof names / sizeof *names) ? names[kind] : "unknown";
}

SYRIA_API const char *syria_entity_type_name(int type)
{
    static const char *const names[] = {"PER", "ORG", "GPE", "LOC", "NORP", "DATE", "MISC"};
    return type >= 0 && type < (int)(sizeof names / sizeof *names) ? names[type] : "unknown";
}

SYRIA_API const char *syria_event_status_name(int status)
{
    static const char *const names[] = {"asserted", "negated", "future"};
    return status >= 0 && status < 3 ? names[status] : "unknown";
}

SYRIA_API void syria_free(void *p) { free(p); }

SYRIA_API const char *syria_version(void)
{
#define STR2(x) #x
#define STR(x) STR2(x)
    return STR(SYRIA_VERSION_MAJOR) "." STR(SYRIA_VERSION_MINOR) "." STR(SYRIA_VERSION_PATCH);
}

SYRIA_API int syria_version_number(void) { return SYRIA_VERSION_NUMBER; }
