/* The tag stage's consistency pass (tag/consistency.c) on documents whose
 * tokens come from the library and whose first entities are set by hand, so
 * that each rule is checked without depending on what the tagger finds:
 * a tagger name labels its untagged repetitions (proclitics out, article
 * in), lexicon names and covered tokens are left alone, the window, the
 * majority type, a person's last word and the compound guard. */
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "support/default_model.h"
#include "support/testutil.h"
#include "syria/syria.h"
#include "tag/consistency.h"

static syria_model *model;

/* Tokens and sentences only: the entities are the test's. */
static struct syria_doc *tokens_of(const char *text)
{
    syria_options opt = SYRIA_OPTIONS_INIT;
    opt.flags = SYRIA_OPT_NO_ENTITIES;
    syria_doc *doc = NULL;
    int rc = syria_analyze(&doc, model, text, SYRIA_NUL_TERMINATED, &opt);
    CHECK(rc == SYRIA_OK, "analyze: %s", syria_error_last());
    return doc;
}

/* Index of the nth (from 0) token whose surface is `surface`; -1 if none. */
static long token_at(const struct syria_doc *doc, const char *surface, int nth)
{
    size_t n = strlen(surface);
    for (size_t k = 0; k < doc->toks.count; k++) {
        const tok *t = &doc->toks.items[k];
        if (t->len == n && !memcmp(doc->text + t->start, surface, n) && nth-- == 0) return (long)k;
    }
    return -1;
}

/* An entity over tokens [first, first + count), found by `source`; its
 * canonical offset is `tag` (a marker the copies must carry). */
static void add(struct syria_doc *doc, long first, uint32_t count, int type, int source, uint32_t tag)
{
    REQUIRE(first >= 0, "token not found");
    ent *e = array_push(&doc->ents);
    REQUIRE(e != NULL, "out of memory");
    const tok *a = &doc->toks.items[first], *b = &doc->toks.items[first + count - 1];
    *e = (ent){.start = a->article_start, .len = b->start + b->len - a->article_start, .tok_first = (uint32_t)first,
               .tok_count = count, .sentence = a->sentence, .type = (uint8_t)type, .source = (uint8_t)source,
               .canonical = tag, .code = tag, .value = tag};
}

/* The entity whose first token is `first`, or NULL. */
static const ent *entity_at(const struct syria_doc *doc, long first)
{
    for (size_t i = 0; i < doc->ents.count; i++)
        if ((long)doc->ents.items[i].tok_first == first) return &doc->ents.items[i];
    return NULL;
}

static void check_order(const struct syria_doc *doc)
{
    for (size_t i = 1; i < doc->ents.count; i++)
        CHECK(doc->ents.items[i].start >= doc->ents.items[i - 1].start + doc->ents.items[i - 1].len,
              "entities %zu and %zu out of order or overlapping", i - 1, i);
}

static void test_repetitions(void)
{
    struct syria_doc *doc = tokens_of("وصل أورفان إلى دمشق. وقال أورفان إن البنك التجاري ربح. "
                                      "وأعلن البنك التجاري وللبنك التجاري فرع في دمشق.");
    REQUIRE(doc != NULL, "no document");
    add(doc, token_at(doc, "أورفان", 0), 1, SYRIA_ENTITY_MISC, ENT_FROM_TAGGER, 7);
    add(doc, token_at(doc, "دمشق", 0), 1, SYRIA_ENTITY_GPE, ENT_FROM_LEXICON, 8);
    add(doc, token_at(doc, "البنك", 0), 2, SYRIA_ENTITY_ORG, ENT_FROM_TAGGER, 9);
    add(doc, token_at(doc, "البنك", 1), 2, SYRIA_ENTITY_ORG, ENT_FROM_TAGGER, 9); /* already tagged */
    REQUIRE(tag_consistency(doc) == 0, "out of memory");
    CHECK_INT(doc->ents.count, 6);
    check_order(doc);

    const ent *e = entity_at(doc, token_at(doc, "أورفان", 1));
    CHECK(e && e->type == SYRIA_ENTITY_MISC && e->source == ENT_FROM_CONSISTENCY && e->canonical == 7 &&
              e->code == 7 && e->tok_count == 1,
          "the repeated tagger name is labelled, with the first mention's strings");

    /* و+ل+ال: the proclitics out, the article in. */
    long k = token_at(doc, "وللبنك", 0);
    e = entity_at(doc, k);
    CHECK(e && e->type == SYRIA_ENTITY_ORG && e->tok_count == 2 && e->canonical == 9, "للبنك التجاري");
    if (e) {
        const tok *t = &doc->toks.items[k];
        CHECK(e->start == t->article_start && e->start > t->start, "span starts at the article");
        const tok *last = &doc->toks.items[k + 1];
        CHECK_INT(e->start + e->len, last->start + last->len);
    }
    /* A lexicon name is not a source: the lexicon already matched wherever
     * it could. */
    CHECK(entity_at(doc, token_at(doc, "دمشق", 1)) == NULL, "a lexicon name does not propagate");
    syria_doc_free(doc);
}

static void test_window_and_votes(void)
{
    /* One mention, then 30 sentences, then the name again: too far. */
    char text[4096] = "وصل أورفان اليوم. وقال نيرفا إن أورفان وصل. ";
    for (int i = 0; i < 30; i++) strcat(text, "نعم. ");
    strcat(text, "وعاد أورفان. وغاب نيرفا. وقال نيرفا كلمته.");
    struct syria_doc *doc = tokens_of(text);
    REQUIRE(doc != NULL, "no document");
    add(doc, token_at(doc, "أورفان", 0), 1, SYRIA_ENTITY_PER, ENT_FROM_TAGGER, 1);
    /* نيرفا: PER in the second sentence, ORG in the last but one: only the
     * mentions in the window vote. */
    add(doc, token_at(doc, "نيرفا", 0), 1, SYRIA_ENTITY_PER, ENT_FROM_TAGGER, 2);
    add(doc, token_at(doc, "نيرفا", 1), 1, SYRIA_ENTITY_ORG, ENT_FROM_TAGGER, 3);
    REQUIRE(tag_consistency(doc) == 0, "out of memory");
    check_order(doc);
    const ent *near = entity_at(doc, token_at(doc, "أورفان", 1));
    CHECK(near && near->type == SYRIA_ENTITY_PER, "a repetition in the next sentence is labelled");
    CHECK(entity_at(doc, token_at(doc, "أورفان", 2)) == NULL, "a repetition 30 sentences later is not");
    const ent *last = entity_at(doc, token_at(doc, "نيرفا", 2));
    CHECK(last && last->type == SYRIA_ENTITY_ORG && last->canonical == 3, "only the mentions in the window vote");
    syria_doc_free(doc);

    doc = tokens_of("قال نيرفا. وأكد نيرفا. وأعلن نيرفا. وغادر نيرفا.");
    REQUIRE(doc != NULL, "no document");
    add(doc, token_at(doc, "نيرفا", 0), 1, SYRIA_ENTITY_ORG, ENT_FROM_TAGGER, 4);
    add(doc, token_at(doc, "نيرفا", 1), 1, SYRIA_ENTITY_ORG, ENT_FROM_TAGGER, 4);
    add(doc, token_at(doc, "نيرفا", 3), 1, SYRIA_ENTITY_PER, ENT_FROM_TAGGER, 5);
    REQUIRE(tag_consistency(doc) == 0, "out of memory");
    const ent *mid = entity_at(doc, token_at(doc, "نيرفا", 2));
    CHECK(mid && mid->type == SYRIA_ENTITY_ORG, "two ORG mentions outvote a nearer PER one");
    syria_doc_free(doc);
}

static void test_surnames(void)
{
    struct syria_doc *doc = tokens_of("التقى كوفي أنان عبد الله. وقال أنان إن الله كريم.");
    REQUIRE(doc != NULL, "no document");
    add(doc, token_at(doc, "كوفي", 0), 2, SYRIA_ENTITY_PER, ENT_FROM_LEXICON, 6);
    add(doc, token_at(doc, "عبد", 0), 2, SYRIA_ENTITY_PER, ENT_FROM_TAGGER, 7);
    REQUIRE(tag_consistency(doc) == 0, "out of memory");
    check_order(doc);
    const ent *e = entity_at(doc, token_at(doc, "أنان", 1));
    CHECK(e && e->type == SYRIA_ENTITY_PER && e->canonical == 6, "a person's last word alone is the person");
    CHECK(entity_at(doc, token_at(doc, "الله", 1)) == NULL, "the second half of عبد الله is not a name alone");
    CHECK_INT(doc->ents.count, 3);
    syria_doc_free(doc);
}

static void test_common_words(void)
{
    /* علي (Ali) normalises as على (on); الثاني (the second) ends عبد الله
     * الثاني. Alone, such frequent words are the common word; a rarer
     * last word (أورفان) still stands for its person. */
    struct syria_doc *doc = tokens_of("وصل محمد علي أورفان إلى عمان. وقال أورفان إنه على حق. "
                                      "وقال علي إن الملك عبد الله الثاني وصل في اليوم الثاني.");
    REQUIRE(doc != NULL, "no document");
    add(doc, token_at(doc, "محمد", 0), 3, SYRIA_ENTITY_PER, ENT_FROM_TAGGER, 1);
    add(doc, token_at(doc, "عبد", 0), 3, SYRIA_ENTITY_PER, ENT_FROM_TAGGER, 2);
    add(doc, token_at(doc, "علي", 1), 1, SYRIA_ENTITY_PER, ENT_FROM_TAGGER, 3);
    REQUIRE(tag_consistency(doc) == 0, "out of memory");
    check_order(doc);
    const ent *e = entity_at(doc, token_at(doc, "أورفان", 1));
    CHECK(e && e->type == SYRIA_ENTITY_PER && e->canonical == 1, "a rare last word is the person");
    CHECK(entity_at(doc, token_at(doc, "على", 0)) == NULL, "على is not the person علي");
    CHECK(entity_at(doc, token_at(doc, "الثاني", 1)) == NULL, "الثاني alone is not عبد الله الثاني");
    CHECK_INT(doc->ents.count, 4);
    syria_doc_free(doc);
}

static void test_many_mentions(void)
{
    /* One long sentence of one name, every other mention found by the
     * tagger: every other one is labelled, and the work per token stays
     * bounded (quadratic work here would run into the test's timeout). */
    enum { N = 200000 };
    static const char word[] = "نيرفا ";
    char *text = malloc(N * (sizeof word - 1) + 1);
    REQUIRE(text != NULL, "out of memory");
    for (size_t i = 0; i < N; i++) memcpy(text + i * (sizeof word - 1), word, sizeof word - 1);
    text[N * (sizeof word - 1)] = '\0';
    struct syria_doc *doc = tokens_of(text);
    free(text);
    REQUIRE(doc != NULL && doc->toks.count == N, "tokens");
    for (long k = 0; k < N; k += 2) add(doc, k, 1, SYRIA_ENTITY_PER, ENT_FROM_TAGGER, 1);
    REQUIRE(tag_consistency(doc) == 0, "out of memory");
    CHECK_INT(doc->ents.count, N);
    check_order(doc);
    syria_doc_free(doc);
}

static void test_nothing_to_do(void)
{
    struct syria_doc *doc = tokens_of("لا أسماء هنا.");
    REQUIRE(doc != NULL, "no document");
    CHECK_INT(tag_consistency(doc), 0);
    CHECK_INT(doc->ents.count, 0);
    syria_doc_free(doc);
}

int main(void)
{
    if (tu_load_default_model(&model)) return 1;
    static const tu_test tests[] = {
        {"repetitions of a tagger name", test_repetitions},
        {"window and majority type", test_window_and_votes},
        {"a person's last word, compounds", test_surnames},
        {"frequent words are not spread", test_common_words},
        {"many mentions of one name", test_many_mentions},
        {"a document without tagger names", test_nothing_to_do},
        {NULL, NULL},
    };
    int rc = tu_run("consistency", tests);
    syria_model_free(model);
    return rc;
}
