/* syria_core_model is documented as "the internal library with the default
 * model, for tests of internals". Linked against it alone (as CMake does
 * for any test), the internal modules must see the embedded model. */
#include <string.h>

#include "clitic/clitic.h"
#include "model/model.h"
#include "support/testutil.h"
#include "syria/syria.h"

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
        {NULL, NULL},
    };
    int rc = tu_run("core_model", tests);
    syria_model_free(model);
    return rc;
}
