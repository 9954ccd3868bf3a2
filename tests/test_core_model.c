/* syria_core_model is documented as "the internal library with the default
 * model, for tests of internals". Linked against it alone (as CMake does
 * for any test), the internal modules must see the embedded model. */
#include <string.h>

#include "clitic/clitic.h"
#include "core/doc.h"
#include "model/model.h"
#include "support/testutil.h"
#include "syria/syria.h"
#include "tokenize/tokenize.h"

#define RUSSIA "\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7" /* روسيا */

static syria_model *model;

static void test_load_default(void)
{
    syria_model *m = NULL;
    int rc = syria_model_load_default(&m);
    CHECK(rc == SYRIA_OK && m, "syria_model_load_default from syria_core_model: %d %s", rc, syria_error_last());
    syria_model_free(m);
}

static void test_lexicon_and_ratios(void)
{
    REQUIRE(model != NULL, "no default model");
    /* Frequent words of any news text are in the lexicon. */
    const char *common[] = {"\xd9\x81\xd9\x8a", "\xd9\x85\xd9\x86", "\xd8\xa7\xd9\x84\xd8\xaa\xd9\x8a"}; /* في من التي */
    for (int k = 0; k < 3; k++)
        CHECK(model_freq(model, common[k], strlen(common[k])) > 100, "freq(%s) = %u", common[k],
              model_freq(model, common[k], strlen(common[k])));
    CHECK(model_freq(model, RUSSIA, strlen(RUSSIA)) > 10, "freq(روسيا) = %u", model_freq(model, RUSSIA, strlen(RUSSIA)));
    CHECK_INT(model_freq(model, "zzqqxx", 6), 0);
    CHECK(model_ratio(model, "\xd9\x88") > 0.0f, "no ratio for و");
    CHECK(model_ratio(model, "\xd8\xa7\xd9\x84") > 0.0f, "no ratio for ال");
    CHECK(model_ratio(model, "nonsense") == 0.0f, "a ratio for an unknown affix");
}

static void test_clitic_analyze(void)
{
    REQUIRE(model != NULL, "no default model");
    clitic_split cs;
    clitic_analyze(model, "\xd9\x88" RUSSIA, 12, NULL, &cs);
    CHECK_STR(cs.prefix, "\xd9\x88");
    CHECK_INT(cs.stem_bytes_at, 2);
    CHECK_INT(cs.stem_bytes, 10);
    /* بالمنطقة: ب + ال */
    clitic_analyze(model, "\xd8\xa8\xd8\xa7\xd9\x84\xd9\x85\xd9\x86\xd8\xb7\xd9\x82\xd8\xa9", 16, NULL, &cs);
    CHECK_STR(cs.prefix, "\xd8\xa8+\xd8\xa7\xd9\x84");
    CHECK_INT(cs.proclitic_chars, 1);
    CHECK_INT(cs.article_chars, 2);
    CHECK_INT(cs.stem_bytes_at, 6);
    /* Non-Arabic input is left whole. */
    clitic_analyze(model, "Reuters", 7, NULL, &cs);
    CHECK_STR(cs.prefix, "");
    CHECK_INT(cs.stem_bytes, 7);
}

/* The model stores each word's clitic split, precomputed by the builder
 * from the splitter's code. A model built before a change to the splitter
 * would silently disagree with it: every stored split must equal the live
 * decision (rebuild the model, docs/MODEL.md, when this fails). */
static void test_precomputed_splits_current(void)
{
    REQUIRE(model != NULL, "no default model");
    size_t checked = 0, stale = 0;
    for (size_t i = 0; i <= model->lex_mask; i++) {
        const lex_entry *e = &model->lex[i];
        if (!e->len || e->split == SPLIT_NONE) continue;
        const char *w = (const char *)model->blob + e->off;
        clitic_split cs;
        clitic_analyze(model, w, e->len, w, &cs);
        checked++;
        if (split_to_byte(&cs) != e->split && stale++ < 5)
            fprintf(stderr, "stale split for %.*s: stored 0x%02x, splitter 0x%02x\n", (int)e->len, w, e->split,
                    split_to_byte(&cs));
    }
    CHECK(checked > 50000, "only %zu precomputed splits", checked);
    CHECK(stale == 0, "%zu of %zu precomputed splits disagree with the splitter: rebuild the model", stale, checked);
}

/* A document as syria_analyze sets it up before its stages. */
static struct syria_doc *bare_doc(const char *text, unsigned norm_flags, int with_model)
{
    struct syria_doc *doc = calloc(1, sizeof *doc);
    REQUIRE(doc != NULL, "out of memory");
    doc->text_len = strlen(text);
    doc->text = malloc(doc->text_len + 1);
    REQUIRE(doc->text != NULL, "out of memory");
    memcpy(doc->text, text, doc->text_len + 1);
    doc->model = with_model ? model : NULL;
    doc->norm_flags = norm_flags;
    return doc;
}

static void test_one_pass_tokenise_normalise(void)
{
    /* syria_analyze's one pass gives the tokens and strings of the two
     * stages run one after the other: default and other flags, with and
     * without a model, broken (obfuscated) words, Latin, digits, emoji. */
    static const char *const texts[] = {
        "\xd9\x88\xd9\x82\xd8\xa7\xd9\x84\xd8\xaa \xd9\x88\xd8\xb2\xd8\xa7\xd8\xb1\xd8\xa9 "
        "\xd8\xa7\xd9\x84\xd8\xae\xd8\xa7\xd8\xb1\xd8\xac\xd9\x8a\xd8\xa9 " RUSSIA " (TASS) 2024.",
        "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb3\xd9\x83\xd9\x80.\xd9\x80\xd8\xb1\xd9\x8a\xd8\xa9 "
        "\xd9\xa1\xd9\xa2\xd9\xa3 \xf0\x9f\x99\x82 \xd8\xa3\xd9\x8e\xd8\xad\xd9\x92\xd9\x85\xd9\x8e\xd8\xaf\n"
        "\xd9\x85\xd8\xa4\xd8\xaa\xd9\x85\xd8\xb1 \xd8\xa5\xd9\x84\xd9\x89 \xd8\xb4\xd9\x8a\xd8\xa1\xd8\x9f",
    };
    static const unsigned flags[] = {SYRIA_NORM_DEFAULT, SYRIA_NORM_DEFAULT | SYRIA_NORM_HAMZA | SYRIA_NORM_TA_MARBUTA, 0u};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        for (size_t f = 0; f < sizeof flags / sizeof *flags; f++)
            for (int with_model = 0; with_model < 2; with_model++) {
                if (with_model && !model) continue;
                struct syria_doc *two = bare_doc(texts[i], flags[f], with_model);
                struct syria_doc *one = bare_doc(texts[i], flags[f], with_model);
                REQUIRE(tokenize(two) == SYRIA_OK && tokenize_normalize(two) == SYRIA_OK, "two passes");
                REQUIRE(tokenize_and_normalize(one) == SYRIA_OK, "one pass");
                CHECK(one->toks.count > 5, "text %zu: %zu tokens", i, one->toks.count);
                size_t broken = 0;
                for (size_t k = 0; k < one->toks.count; k++) broken += one->toks.items[k].obfuscated;
                if (i == 1) CHECK(broken > 0, "the broken word is read as one obfuscated token");
                CHECK_INT(one->toks.count, two->toks.count);
                for (size_t k = 0; k < one->toks.count && k < two->toks.count; k++) {
                    const tok *a = &one->toks.items[k], *b = &two->toks.items[k];
                    CHECK(a->start == b->start && a->len == b->len && a->kind == b->kind &&
                              a->obfuscated == b->obfuscated && a->norm == b->norm && a->key == b->key &&
                              a->key_len == b->key_len,
                          "text %zu flags 0x%x model %d token %zu differs", i, flags[f], with_model, k);
                }
                CHECK(one->strings.len == two->strings.len &&
                          !memcmp(one->strings.data, two->strings.data, one->strings.len),
                      "text %zu flags 0x%x model %d: strings differ", i, flags[f], with_model);
                syria_doc_free(one);
                syria_doc_free(two);
            }
}

int main(void)
{
    if (syria_model_load_default(&model) != SYRIA_OK) {
        fprintf(stderr, "syria_model_load_default: %s\n", syria_error_last());
        model = NULL;
    }
    static const tu_test tests[] = {
        {"default model through syria_core_model", test_load_default},
        {"lexicon and clitic ratios", test_lexicon_and_ratios},
        {"clitic_analyze", test_clitic_analyze},
        {"precomputed splits match the splitter", test_precomputed_splits_current},
        {"tokenise and normalise in one pass", test_one_pass_tokenise_normalise},
        {NULL, NULL},
    };
    int rc = tu_run("core_model", tests);
    syria_model_free(model);
    return rc;
}
