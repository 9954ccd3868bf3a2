/* JSON export (SCHEMA.md "libsyria/1"), checked with a strict parser. */
#include <stdlib.h>
#include <string.h>

#include "support/minijson.h"
#include "support/default_model.h"
#include "support/testutil.h"
#include "syria/syria.h"

static syria_model *model;

/* قال لافروف إن روسيا "مستعدة" للحوار. ثم غادر */
static const char small[] =
    "\xd9\x82\xd8\xa7\xd9\x84 \xd9\x84\xd8\xa7\xd9\x81\xd8\xb1\xd9\x88\xd9\x81 \xd8\xa5\xd9\x86 \xd9\x88\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7 "
    "\"\xd9\x85\xd8\xb3\xd8\xaa\xd8\xb9\xd8\xaf\xd8\xa9\" \xd8\xa8\xd8\xa7\xd9\x84\xd8\xad\xd9\x88\xd8\xa7\xd8\xb1. "
    "\xd8\xab\xd9\x85 \xd8\xba\xd8\xa7\xd8\xaf\xd8\xb1";

static syria_doc *analyze(const char *text, size_t len, const char *name, const char *date, unsigned flags)
{
    syria_options opt = SYRIA_OPTIONS_INIT;
    opt.doc_name = name;
    opt.doc_date = date;
    opt.flags = flags;
    syria_doc *doc = NULL;
    int rc = syria_analyze(&doc, model, text, len, &opt);
    CHECK(rc == SYRIA_OK, "analyze: %d %s", rc, syria_error_last());
    return doc;
}

static mj_value *export(const syria_doc *doc, unsigned flags, char **raw)
{
    char *json = NULL;
    size_t len = 0;
    int rc = syria_doc_to_json(&json, &len, doc, flags);
    CHECK(rc == SYRIA_OK && json, "syria_doc_to_json(0x%x): %d %s", flags, rc, syria_error_last());
    if (rc || !json) return NULL;
    CHECK(len == strlen(json), "out_len %zu, strlen %zu", len, strlen(json));
    char err[128];
    mj_value *v = mj_parse(json, len, err, sizeof err);
    CHECK(v != NULL, "invalid JSON (%s): %s", err, json);
    if (raw) *raw = json;
    else syria_free(json);
    return v;
}

static int is_uint(const mj_value *v) { return v && v->type == MJ_NUMBER && v->is_integer && v->number >= 0; }

/* The exported object agrees with the record getters. */
static void check_against_records(const mj_value *v, const syria_doc *doc, int with_tokens)
{
    REQUIRE(v && v->type == MJ_OBJECT, "not an object");
    const mj_value *schema = mj_get(v, "schema");
    CHECK(schema && schema->type == MJ_STRING && strcmp(schema->string, "libsyria/1") == 0, "schema");
    const mj_value *ents = mj_get(v, "entities"), *evs = mj_get(v, "events");
    CHECK(ents && ents->type == MJ_ARRAY && ents->count == syria_doc_entity_count(doc), "entities");
    CHECK(evs && evs->type == MJ_ARRAY && evs->count == syria_doc_event_count(doc), "events");
    const mj_value *sents = mj_get(v, "sentences"), *toks = mj_get(v, "tokens");
    if (!with_tokens) {
        CHECK(sents == NULL && toks == NULL, "sentences/tokens present with SYRIA_JSON_NO_TOKENS");
        return;
    }
    REQUIRE(sents && sents->type == MJ_ARRAY && toks && toks->type == MJ_ARRAY, "sentences/tokens missing");
    CHECK(sents->count == syria_doc_sentence_count(doc), "%zu sentences in JSON, %zu in the document", sents->count,
          syria_doc_sentence_count(doc));
    CHECK(toks->count == syria_doc_token_count(doc), "%zu tokens in JSON, %zu in the document", toks->count,
          syria_doc_token_count(doc));
    for (size_t i = 0; i < sents->count && i < syria_doc_sentence_count(doc); i++) {
        const syria_sentence *s = syria_doc_sentence(doc, i);
        const mj_value *a = mj_get(&sents->items[i], "start"), *z = mj_get(&sents->items[i], "end");
        CHECK(is_uint(a) && is_uint(z) && a->number == (double)s->start && z->number == (double)(s->start + s->length),
              "sentence %zu span", i);
    }
    for (size_t k = 0; k < toks->count && k < syria_doc_token_count(doc); k++) {
        const syria_token *t = syria_doc_token(doc, k);
        const mj_value *o = &toks->items[k];
        const mj_value *a = mj_get(o, "start"), *z = mj_get(o, "end"), *norm = mj_get(o, "norm"), *kind = mj_get(o, "kind");
        const mj_value *cl = mj_get(o, "clitics");
        CHECK(is_uint(a) && is_uint(z) && a->number == (double)t->start && z->number == (double)(t->start + t->length),
              "token %zu span", k);
        CHECK(norm && norm->type == MJ_STRING && strcmp(norm->string, t->norm) == 0, "token %zu norm", k);
        CHECK(kind && kind->type == MJ_STRING && strcmp(kind->string, syria_token_kind_name(t->kind)) == 0, "token %zu kind", k);
        REQUIRE(cl && cl->type == MJ_OBJECT, "token %zu has no clitics object", k);
        const mj_value *p = mj_get(cl, "prefix"), *st = mj_get(cl, "stem"), *sf = mj_get(cl, "suffix");
        CHECK(p && p->type == MJ_STRING && strcmp(p->string, t->prefix) == 0, "token %zu prefix", k);
        CHECK(st && st->type == MJ_STRING && strcmp(st->string, t->stem) == 0, "token %zu stem", k);
        CHECK(sf && sf->type == MJ_STRING && strcmp(sf->string, t->suffix) == 0, "token %zu suffix", k);
    }
}

static void test_checker_rejects_bad_json(void)
{
    /* The checker must be able to fail, or the tests below prove nothing. */
    const char *bad[] = {"", "{", "{\"a\":1,}", "{\"a\":1}x", "{\"a\":\"\x01\"}", "{\"a\":\"\\x\"}", "[01]", "{\"a\":1,\"a\":2}",
                         "{\"a\":\"\xff\"}", "{a:1}", "[1 2]", "\"\\ud800\""};
    char err[128];
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        mj_value *v = mj_parse(bad[k], strlen(bad[k]), err, sizeof err);
        CHECK(v == NULL, "the checker accepted bad JSON #%zu", k);
        mj_free(v);
    }
    const char *good = "{\"a\":[1,-2.5e3,true,null,\"\\u00e9\\ud83d\\ude00\"]}";
    mj_value *v = mj_parse(good, strlen(good), err, sizeof err);
    CHECK(v != NULL, "the checker rejected good JSON: %s", err);
    mj_free(v);
}

static void test_compact(void)
{
    syria_doc *doc = analyze(small, strlen(small), "doc1.txt", "2020-02-18", 0);
    if (!doc) return;
    char *raw = NULL;
    mj_value *v = export(doc, 0, &raw);
    if (v) {
        CHECK(strchr(raw, '\n') == NULL, "compact output has a line break");
        CHECK(strncmp(raw, "{\"schema\":\"libsyria/1\"", 22) == 0, "output starts \"%.30s\"", raw);
        /* وروسيا: the entity is روسيا, the proclitic و outside its span. */
        CHECK(strstr(raw, "\"text\":\"\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7\",\"type\":\"GPE\"") != NULL,
              "no GPE entity for the country in: %s", raw);
        CHECK(strstr(raw, "\"code\":\"RUS\"") != NULL, "no country code in: %s", raw);
        const mj_value *d = mj_get(v, "doc"), *date = mj_get(v, "doc_date");
        CHECK(d && d->type == MJ_STRING && strcmp(d->string, "doc1.txt") == 0, "doc");
        CHECK(date && date->type == MJ_STRING && strcmp(date->string, "2020-02-18") == 0, "doc_date");
        CHECK(syria_doc_token_count(doc) >= 10, "%zu tokens", syria_doc_token_count(doc));
        CHECK(syria_doc_sentence_count(doc) == 2, "%zu sentences", syria_doc_sentence_count(doc));
        check_against_records(v, doc, 1);
        /* The quotation marks survive as escaped norms. */
        CHECK(strstr(raw, "\"norm\":\"\\\"\"") != NULL, "no escaped quote token");
    }
    mj_free(v);
    syria_free(raw);
    syria_doc_free(doc);
}

static void test_pretty(void)
{
    syria_doc *doc = analyze(small, strlen(small), "doc1.txt", NULL, 0);
    if (!doc) return;
    char *raw = NULL;
    mj_value *p = export(doc, SYRIA_JSON_PRETTY, &raw), *c = export(doc, 0, NULL);
    if (p && c) {
        size_t lines = 0;
        for (const char *s = raw; *s; s++) lines += *s == '\n';
        CHECK(lines >= 8, "pretty output has %zu line breaks", lines);
        CHECK(strstr(raw, "\n  \"schema\": \"libsyria/1\"") != NULL, "pretty output is not indented");
        CHECK(mj_equal(p, c), "pretty and compact outputs differ in content");
        const mj_value *date = mj_get(p, "doc_date");
        CHECK(date && date->type == MJ_NULL, "doc_date is not null without a date");
        check_against_records(p, doc, 1);
    }
    mj_free(p);
    mj_free(c);
    syria_free(raw);
    syria_doc_free(doc);
}

static void test_escaping(void)
{
    /* Control characters, quotes and backslashes in the text (\x01 and \x7f
     * are symbol tokens) and in the document name. */
    const char text[] = "a\x01" "b \"q\" \\ c\td \x7f \xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7\x1b";
    const char name[] = "na\"me\\x\ty\n\x01\xd9\x88.txt";
    syria_doc *doc = analyze(text, sizeof text - 1, name, NULL, 0);
    if (!doc) return;
    char *raw = NULL;
    mj_value *v = export(doc, 0, &raw);
    if (v) {
        for (const char *s = raw; *s; s++)
            CHECK((unsigned char)*s >= 0x20, "raw control character 0x%02x in the output", (unsigned char)*s);
        CHECK(strstr(raw, "\\u0001") != NULL, "\\x01 not escaped as \\u0001");
        CHECK(strstr(raw, "\\\\") != NULL && strstr(raw, "\\\"") != NULL, "no escaped backslash or quote");
        const mj_value *d = mj_get(v, "doc");
        CHECK(d && d->type == MJ_STRING && strcmp(d->string, name) == 0, "doc name does not round-trip: \"%s\"",
              d && d->string ? d->string : "(null)");
        check_against_records(v, doc, 1);
        /* Find the \x01 token's norm. */
        const mj_value *toks = mj_get(v, "tokens");
        int found = 0;
        for (size_t k = 0; toks && k < toks->count; k++) {
            const mj_value *n = mj_get(&toks->items[k], "norm");
            const mj_value *kind = mj_get(&toks->items[k], "kind");
            if (n && n->string_len == 1 && n->string[0] == '\x01')
                found = kind && strcmp(kind->string, "symbol") == 0;
        }
        CHECK(found, "no symbol token with norm \\x01");
    }
    mj_free(v);
    syria_free(raw);
    syria_doc_free(doc);
}

static void test_no_tokens(void)
{
    syria_doc *doc = analyze(small, strlen(small), "x", "2021-01-01", 0);
    if (!doc) return;
    char *raw = NULL;
    mj_value *v = export(doc, SYRIA_JSON_NO_TOKENS, &raw);
    if (v) {
        check_against_records(v, doc, 0);
        CHECK(mj_get(v, "doc") && mj_get(v, "doc_date"), "doc/doc_date missing");
        CHECK(strstr(raw, "\"tokens\"") == NULL, "tokens key present");
    }
    mj_free(v);
    syria_free(raw);
    v = export(doc, SYRIA_JSON_NO_TOKENS | SYRIA_JSON_PRETTY, NULL);
    if (v) check_against_records(v, doc, 0);
    mj_free(v);
    syria_doc_free(doc);
}

static void test_bad_arguments(void)
{
    syria_doc *doc = analyze(small, strlen(small), NULL, NULL, 0);
    if (!doc) return;
    char *out = (char *)"sentinel";
    size_t len = 7;
    CHECK_INT(syria_doc_to_json(&out, &len, doc, 0x4u), SYRIA_EINVAL);
    CHECK(out == NULL && len == 0, "out/out_len not reset on failure");
    CHECK_INT(syria_doc_to_json(&out, &len, doc, 0x80000000u), SYRIA_EINVAL);
    CHECK_INT(syria_doc_to_json(NULL, &len, doc, 0), SYRIA_EINVAL);
    CHECK_INT(syria_doc_to_json(&out, &len, NULL, 0), SYRIA_EINVAL);
    CHECK(syria_error_last()[0] != '\0', "no message");
    /* out_len may be NULL. */
    REQUIRE(syria_doc_to_json(&out, NULL, doc, 0) == SYRIA_OK, "%s", syria_error_last());
    syria_free(out);
    syria_doc_free(doc);
}

static void test_replaced_bytes_stay_valid(void)
{
    /* Under SYRIA_OPT_REPLACE_INVALID the output must still be valid UTF-8. */
    const char text[] = "\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7 \xff\xfe ab\xc0\x80 \xe2\x82 \x00 end";
    syria_doc *doc = analyze(text, sizeof text - 1, "bad\xff" "name", NULL, SYRIA_OPT_REPLACE_INVALID);
    if (!doc) return;
    char *raw = NULL;
    mj_value *v = export(doc, 0, &raw);
    if (v) {
        CHECK(tu_utf8_valid(raw, strlen(raw)), "output is not valid UTF-8");
        CHECK(strstr(raw, "\xef\xbf\xbd") != NULL, "no U+FFFD for the invalid bytes");
        check_against_records(v, doc, 1);
    }
    mj_free(v);
    syria_free(raw);
    syria_doc_free(doc);
}

static void test_empty_document(void)
{
    syria_doc *doc = analyze("", 0, "", NULL, 0);
    if (!doc) return;
    char *raw = NULL;
    mj_value *v = export(doc, 0, &raw);
    if (v) {
        /* An unnamed document: "doc" is "" or null (the schema leaves it open). */
        const char *a = "{\"schema\":\"libsyria/1\",\"doc\":\"\",\"doc_date\":null,\"sentences\":[],\"tokens\":[],"
                        "\"entities\":[],\"events\":[]}";
        const char *b = "{\"schema\":\"libsyria/1\",\"doc\":null,\"doc_date\":null,\"sentences\":[],\"tokens\":[],"
                        "\"entities\":[],\"events\":[]}";
        CHECK(strcmp(raw, a) == 0 || strcmp(raw, b) == 0, "empty document exported as %s", raw);
    }
    mj_free(v);
    syria_free(raw);
    v = export(doc, SYRIA_JSON_PRETTY, NULL);
    mj_free(v);
    syria_doc_free(doc);
}

int main(void)
{
    if (tu_load_default_model(&model)) return 1;
    static const tu_test tests[] = {
        {"the JSON checker rejects bad JSON", test_checker_rejects_bad_json},
        {"compact export", test_compact},
        {"pretty export", test_pretty},
        {"escaping", test_escaping},
        {"SYRIA_JSON_NO_TOKENS", test_no_tokens},
        {"bad arguments", test_bad_arguments},
        {"replaced invalid bytes stay valid UTF-8", test_replaced_bytes_stay_valid},
        {"empty document", test_empty_document},
        {NULL, NULL},
    };
    int rc = tu_run("json", tests);
    syria_model_free(model);
    return rc;
}
