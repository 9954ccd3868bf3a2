/* Entities through the public API with the default model: spans (proclitics
 * out, article in, descriptors out), types, canonical names, codes, DATE
 * values, and the name lexicon section's loader. Sentences come from the
 * seed articles and the news corpus. */
#include <stdlib.h>
#include <string.h>

#include "support/default_model.h"
#include "support/testutil.h"
#include "syria/syria.h"
#include "tag/tag.h"
#include "tag/tagger.h"
#include "tag/dates.h"
#include "tag/names.h"

static syria_model *model;

/* Analyses text (dated doc_date, or undated when NULL) with option flags. */
static syria_doc *run_flags(const char *text, const char *doc_date, unsigned flags)
{
    syria_options opt = SYRIA_OPTIONS_INIT;
    opt.doc_date = doc_date;
    opt.flags = flags;
    syria_doc *doc = NULL;
    int rc = syria_analyze(&doc, model, text, SYRIA_NUL_TERMINATED, &opt);
    CHECK(rc == SYRIA_OK, "analyze: %s", syria_error_last());
    return doc;
}

static syria_doc *run(const char *text, const char *doc_date) { return run_flags(text, doc_date, 0u); }

/* The entity whose surface is exactly `surface`, or NULL. */
static const syria_entity *find(const syria_doc *doc, const char *surface)
{
    size_t len = 0;
    const char *text = syria_doc_text(doc, &len);
    for (size_t i = 0; i < syria_doc_entity_count(doc); i++) {
        const syria_entity *e = syria_doc_entity(doc, i);
        if (e->length == strlen(surface) && !memcmp(text + e->start, surface, e->length)) return e;
    }
    return NULL;
}

/* The nth (from 0, in text order) entity whose surface is `surface`, or NULL. */
static const syria_entity *find_nth(const syria_doc *doc, const char *surface, size_t nth)
{
    size_t len = 0;
    const char *text = syria_doc_text(doc, &len);
    for (size_t i = 0; i < syria_doc_entity_count(doc); i++) {
        const syria_entity *e = syria_doc_entity(doc, i);
        if (e->length == strlen(surface) && !memcmp(text + e->start, surface, e->length) && nth-- == 0) return e;
    }
    return NULL;
}

/* How many entities have the surface `surface`. */
static size_t count_surface(const syria_doc *doc, const char *surface)
{
    size_t k = 0;
    while (find_nth(doc, surface, k)) k++;
    return k;
}

/* Checks the nth entity of a surface: its type and code. */
static void expect_nth(const syria_doc *doc, const char *surface, size_t nth, int type, const char *code)
{
    const syria_entity *e = find_nth(doc, surface, nth);
    CHECK(e != NULL, "no entity \"%s\" number %zu", surface, nth);
    if (!e) return;
    CHECK(e->type == type, "\"%s\" %zu: type %s, expected %s", surface, nth, syria_entity_type_name(e->type),
          syria_entity_type_name(type));
    CHECK(!strcmp(e->code, code), "\"%s\" %zu: code \"%s\", expected \"%s\"", surface, nth, e->code, code);
}

/* Does entity e start after the first occurrence of `marker` in the text? */
static int after(const syria_doc *doc, const syria_entity *e, const char *marker)
{
    size_t len = 0;
    const char *text = syria_doc_text(doc, &len);
    const char *at = strstr(text, marker);
    return e && at && e->start > (size_t)(at - text);
}

/* Checks one entity: surface, type, and (when not NULL) code and value. */
static void expect(const syria_doc *doc, const char *surface, int type, const char *code, const char *value)
{
    const syria_entity *e = find(doc, surface);
    CHECK(e != NULL, "no entity \"%s\"", surface);
    if (!e) return;
    CHECK(e->type == type, "\"%s\": type %s, expected %s", surface, syria_entity_type_name(e->type),
          syria_entity_type_name(type));
    if (code) CHECK(!strcmp(e->code, code), "\"%s\": code \"%s\", expected \"%s\"", surface, e->code, code);
    if (value) CHECK(!strcmp(e->value, value), "\"%s\": value \"%s\", expected \"%s\"", surface, e->value, value);
}

static void test_spans_and_codes(void)
{
    /* Seed 002: proclitic و outside, the capital's country code, the
     * ministry as one ORG with a government code, the adjective as NORP. */
    syria_doc *doc = run("وقالت وزارة الخارجية الروسية إن موسكو وأنقرة ستجريان محادثات بشأن إدلب.", "2020-02-18");
    if (!doc) return;
    expect(doc, "وزارة الخارجية الروسية", SYRIA_ENTITY_ORG, "RUSGOV", NULL);
    expect(doc, "موسكو", SYRIA_ENTITY_GPE, NULL, NULL);
    expect(doc, "أنقرة", SYRIA_ENTITY_GPE, NULL, NULL);
    expect(doc, "إدلب", SYRIA_ENTITY_GPE, "SYR", NULL);
    CHECK(find(doc, "الروسية") == NULL, "the adjective inside the ministry's name is not an entity of its own");
    CHECK(find(doc, "وأنقرة") == NULL, "the proclitic is inside the span");
    syria_doc_free(doc);

    /* The article stays in; ل + article: the span starts at the second ل. */
    doc = run("وأكد الرئيس التركي رجب طيب أردوغان دعم بلاده للنظام السوري بالعراق والروس.", NULL);
    if (!doc) return;
    expect(doc, "التركي", SYRIA_ENTITY_NORP, "TUR", NULL);
    expect(doc, "رجب طيب أردوغان", SYRIA_ENTITY_PER, "TURGOV", NULL);
    expect(doc, "العراق", SYRIA_ENTITY_GPE, "IRQ", NULL);
    expect(doc, "لنظام السوري", SYRIA_ENTITY_ORG, "SYRGOV", NULL);
    expect(doc, "الروس", SYRIA_ENTITY_NORP, "RUS", NULL);
    const syria_entity *e = find(doc, "رجب طيب أردوغان");
    if (e) {
        CHECK(e->canonical[0] != '\0', "a known person has a canonical name");
        CHECK(e->token_count == 3, "%zu tokens", e->token_count);
    }
    syria_doc_free(doc);

    /* A capital that acts stands for its government; one that is only a
     * place keeps the country code. Descriptors stay outside names. */
    doc = run("وتتهم موسكو أنقرة بدعم تنظيم القاعدة، فيما وصل الوفد إلى طهران.", NULL);
    if (!doc) return;
    expect(doc, "موسكو", SYRIA_ENTITY_GPE, "RUSGOV", NULL);
    expect(doc, "أنقرة", SYRIA_ENTITY_GPE, "TURGOV", NULL);
    expect(doc, "طهران", SYRIA_ENTITY_GPE, "IRN", NULL);
    expect(doc, "القاعدة", SYRIA_ENTITY_ORG, "IMGMUS", NULL);
    syria_doc_free(doc);

    /* Variants share one canonical name (أمريكا/أميركا/الولايات المتحدة). */
    doc = run("وصلت الولايات المتحدة وأميركا وأمريكا.", NULL);
    if (!doc) return;
    const syria_entity *a = find(doc, "الولايات المتحدة"), *b = find(doc, "أميركا"), *c = find(doc, "أمريكا");
    CHECK(a && b && c, "three mentions of the United States");
    if (a && b && c) {
        CHECK(!strcmp(a->canonical, b->canonical) && !strcmp(b->canonical, c->canonical), "canonical %s / %s / %s",
              a->canonical, b->canonical, c->canonical);
        CHECK(!strcmp(a->code, "USA") && !strcmp(c->code, "USA"), "codes %s %s", a->code, c->code);
    }
    syria_doc_free(doc);
}

static void test_anercorp_conventions(void)
{
    /* The same sentence by SCHEMA.md's conventions (longest names, armies
     * are organisations) and by ANERcorp's (SYRIA_OPT_ANERCORP: the core
     * name, no generic institutions): the spans differ, the text does not. */
    const char *text = "وقال الجيش اللبناني إن قوات في قطاع غزة اشتبكت مع حركة حماس أمس.";
    syria_doc *doc = run(text, NULL);
    if (doc) {
        expect(doc, "الجيش اللبناني", SYRIA_ENTITY_ORG, NULL, NULL);
        expect(doc, "قطاع غزة", SYRIA_ENTITY_GPE, NULL, NULL);
        expect(doc, "حركة حماس", SYRIA_ENTITY_ORG, NULL, NULL);
        syria_doc_free(doc);
    }
    doc = run_flags(text, NULL, SYRIA_OPT_ANERCORP);
    if (!doc) return;
    CHECK(find(doc, "الجيش اللبناني") == NULL && find(doc, "الجيش") == NULL, "no organisation for the army");
    expect(doc, "غزة", SYRIA_ENTITY_GPE, NULL, NULL);
    expect(doc, "حماس", SYRIA_ENTITY_ORG, NULL, NULL);
    expect(doc, "أمس", SYRIA_ENTITY_DATE, NULL, NULL);
    CHECK(find(doc, "قطاع غزة") == NULL && find(doc, "حركة حماس") == NULL, "no descriptor inside the names");
    syria_doc_free(doc);
}

static void test_conjoined_persons(void)
{
    /* و attached inside a person's name starts another person: the tagger's
     * B-PER I-PER I-PER over ريد وموساوي حسن becomes B-PER B-PER I-PER; a
     * word without و, or inside another type, is left alone. */
    static const char W[] = "\xd9\x88"; /* و */
    tagger_tok toks[5] = {{.norm = "a", .prefix = ""}, {.norm = "b", .prefix = W}, {.norm = "c", .prefix = ""},
                          {.norm = "d", .prefix = ""}, {.norm = "e", .prefix = W}};
    uint8_t tags[5] = {TAG_B(TAG_PER), TAG_I(TAG_PER), TAG_I(TAG_PER), TAG_B(TAG_ORG), TAG_I(TAG_ORG)};
    tag_split_conjoined_persons(tags, toks, 5);
    CHECK_INT(tags[0], TAG_B(TAG_PER));
    CHECK_INT(tags[1], TAG_B(TAG_PER));
    CHECK_INT(tags[2], TAG_I(TAG_PER));
    CHECK_INT(tags[3], TAG_B(TAG_ORG));
    CHECK_INT(tags[4], TAG_I(TAG_ORG)); /* حركة العدل والمساواة: organisations may */
}

static void test_name_letters(void)
{
    /* The clitic analysis reads بيتر as ب + يتر and بوش as ب + وش; a name the
     * tagger found keeps the letters the corpus shows to be its own, and
     * still loses a real preposition (بممدوح) and the conjunction (وبلير). */
    syria_doc *doc = run("وقال بيتر نافارو إن الرسوم ستبقى. وأشاد الوزير بممدوح شاهين أمس. "
                         "وقال بوش وبلير إن الحرب مستمرة.",
                         NULL);
    if (!doc) return;
    expect(doc, "بيتر نافارو", SYRIA_ENTITY_PER, NULL, NULL);
    expect(doc, "ممدوح شاهين", SYRIA_ENTITY_PER, NULL, NULL);
    expect(doc, "بوش", SYRIA_ENTITY_PER, NULL, NULL);
    expect(doc, "بلير", SYRIA_ENTITY_PER, NULL, NULL);
    const syria_entity *e = find(doc, "بيتر نافارو");
    CHECK(e && !strcmp(e->canonical, "بيتر نافارو"), "canonical from the name's own letters");
    syria_doc_free(doc);
}

static void test_capitals(void)
{
    /* A capital that acts is its government, with or without the article;
     * a capital named as a place (after في/إلى, ب attached, a noun that
     * names a place by it, العاصمة in a place's position, a verb of visiting
     * or arriving) is the country; loyal to or backed by a capital (موالية
     * لطهران, مدعومة من واشنطن) is its government. */
    syria_doc *doc = run("وأكدت الرياض أن الاتفاق قائم. وصل الوفد إلى العاصمة المصرية القاهرة أمس. "
                         "افتتح مطار موسكو الجديد. القمة التي ستستضيفها العاصمة موسكو مهمة. ووصل بموسكو. "
                         "وسيزور الوزير الرياض غدا. وقاتلت فصائل موالية لطهران قوات مدعومة من واشنطن.",
                         NULL);
    if (!doc) return;
    expect_nth(doc, "الرياض", 0, SYRIA_ENTITY_GPE, "SAUGOV");
    expect_nth(doc, "القاهرة", 0, SYRIA_ENTITY_GPE, "EGY");
    expect_nth(doc, "موسكو", 0, SYRIA_ENTITY_GPE, "RUS");
    expect_nth(doc, "موسكو", 1, SYRIA_ENTITY_GPE, "RUSGOV");
    expect_nth(doc, "موسكو", 2, SYRIA_ENTITY_GPE, "RUS");
    expect_nth(doc, "الرياض", 1, SYRIA_ENTITY_GPE, "SAU");
    expect_nth(doc, "طهران", 0, SYRIA_ENTITY_GPE, "IRNGOV");
    expect_nth(doc, "واشنطن", 0, SYRIA_ENTITY_GPE, "USAGOV");
    syria_doc_free(doc);
}

static void test_money(void)
{
    /* The tagger learnt ANERcorp's MISC, which includes currencies; SCHEMA.md's
     * MISC does not: money is an entity only with SYRIA_OPT_ANERCORP. A club
     * named ريال stays an organisation. */
    const char *text = "خصصت كوريا 3 ملايين دولار لدعم الجهود وفاز ريال مدريد.";
    syria_doc *doc = run(text, NULL);
    if (doc) {
        CHECK(find(doc, "دولار") == NULL, "no entity for the currency");
        expect(doc, "ريال مدريد", SYRIA_ENTITY_ORG, NULL, NULL);
        syria_doc_free(doc);
    }
    doc = run_flags(text, NULL, SYRIA_OPT_ANERCORP);
    if (!doc) return;
    expect(doc, "دولار", SYRIA_ENTITY_MISC, NULL, NULL);
    syria_doc_free(doc);
}

static void test_common_word_misc(void)
{
    /* ANERcorp tags substances, religions, weapons MISC and the tagger learnt
     * it; SCHEMA.md's MISC is named processes, agreements, operations and
     * events: a one-word tagger MISC that the dictionary lists as a common
     * word is dropped without SYRIA_OPT_ANERCORP. Named events stay. */
    const char *text = "فلا عودة لتخصيب اليورانيوم وإنتاج الصواريخ الباليستية. وتحدث عن الاتفاق النووي والمونديال.";
    syria_doc *doc = run(text, NULL);
    if (doc) {
        CHECK(find(doc, "اليورانيوم") == NULL, "no entity for a common noun");
        expect(doc, "الاتفاق النووي", SYRIA_ENTITY_MISC, NULL, NULL);
        expect(doc, "المونديال", SYRIA_ENTITY_MISC, NULL, NULL);
        syria_doc_free(doc);
    }
    doc = run_flags(text, NULL, SYRIA_OPT_ANERCORP);
    if (!doc) return;
    expect(doc, "اليورانيوم", SYRIA_ENTITY_MISC, NULL, NULL);
    syria_doc_free(doc);
    /* A model with its number (إس-400, ميغ-31) is no SCHEMA entity either. */
    doc = run("واشترت تركيا منظومة إس-400 الروسية. وأطلقت مقاتلات سوخوي-25 وميغ-31 صواريخ.", NULL);
    if (!doc) return;
    for (size_t i = 0; i < syria_doc_entity_count(doc); i++) {
        int type = syria_doc_entity(doc, i)->type;
        CHECK(type == SYRIA_ENTITY_GPE || type == SYRIA_ENTITY_NORP, "only تركيا and الروسية: %s",
              syria_entity_type_name(type));
    }
    syria_doc_free(doc);
}

static void test_descriptor_and_adjective(void)
{
    /* SCHEMA.md keeps a descriptor (وكالة) outside a name, but الوكالة
     * الدولية is a noun and its adjective, the name itself. */
    syria_doc *doc = run("وطالب الوزير بالسماح لمفتشي الوكالة الدولية بدخول المواقع. "
                         "وقال مدير وكالة الأناضول إن الخبر صحيح.",
                         NULL);
    if (!doc) return;
    expect(doc, "الوكالة الدولية", SYRIA_ENTITY_ORG, NULL, NULL);
    CHECK(find(doc, "الدولية") == NULL, "no entity for the adjective alone");
    expect(doc, "الأناضول", SYRIA_ENTITY_ORG, NULL, NULL);
    syria_doc_free(doc);
}

static void test_country_or_adjective(void)
{
    /* سورية is the country and the feminine of سوري: after a noun without
     * the article it is the adjective (NORP); after a preposition, a verb or
     * a noun that names a place it is the country. */
    syria_doc *doc = run("أسقطت إسرائيل مقاتلة سورية أمس. وقال إن الحل في سورية سياسي. "
                         "وزار الوزير سورية. وتقدمت القوات في شرق سورية.",
                         NULL);
    if (!doc) return;
    expect_nth(doc, "سورية", 0, SYRIA_ENTITY_NORP, "SYR");
    for (size_t k = 1; k < 4; k++) expect_nth(doc, "سورية", k, SYRIA_ENTITY_GPE, "SYR");
    syria_doc_free(doc);
    /* With the article: السعودية after a definite noun is the adjective. */
    doc = run("وكانت الحكومة السعودية قد رفضت التهديدات. وقال إن السعودية ترفض ذلك.", NULL);
    if (!doc) return;
    expect_nth(doc, "السعودية", 0, SYRIA_ENTITY_NORP, "SAU");
    expect_nth(doc, "السعودية", 1, SYRIA_ENTITY_GPE, "SAU");
    syria_doc_free(doc);
}

static void test_common_word_places(void)
{
    /* A place name that is a common word (القصير "short", الباب "door"), in
     * a noun phrase with another definite common word, is the word. */
    syria_doc *doc = run("يحتمل أن ترتفع الأسعار في الأجل القصير. ووضعت المادة على الباب الأمامي للمنزل. "
                         "وسيطر الجيش على القصير أمس.",
                         NULL);
    if (!doc) return;
    CHECK_INT(count_surface(doc, "القصير"), 1);
    CHECK(after(doc, find(doc, "القصير"), "وسيطر"), "القصير: only the town");
    CHECK(find(doc, "الباب") == NULL, "no entity for the door");
    syria_doc_free(doc);
    /* A town that is a common word, heading a country's name: the word. */
    doc = run("واعتبر الاعتداء جزءا من سلوك روسيا. وسيطرت القوات على بلدة سلوك أمس.", NULL);
    if (!doc) return;
    CHECK_INT(count_surface(doc, "سلوك"), 1);
    CHECK(after(doc, find(doc, "سلوك"), "وسيطرت"), "سلوك روسيا is no town");
    syria_doc_free(doc);
    /* A country's name that is a nisba after a noun: the adjective. */
    doc = run("وظلت محرومة من أكبر سوق مالي في العالم. وقتل جنود في مالي.", NULL);
    if (!doc) return;
    CHECK_INT(count_surface(doc, "مالي"), 1);
    CHECK(after(doc, find(doc, "مالي"), "وقتل"), "سوق مالي is no country");
    syria_doc_free(doc);
}

static void test_given_name_adjective(void)
{
    /* تركي is the adjective "Turkish" and a given name: after a title with
     * the article it is the name (an adjective would take the article). */
    syria_doc *doc = run("وقال المتحدث باسم التحالف العقيد تركي المالكي إن الضربات دقيقة. "
                         "واستقبل الأمير تركي بن محمد الوفد. وقال مسؤول تركي إن الرئيس التركي سيزور موسكو.",
                         NULL);
    if (!doc) return;
    expect(doc, "تركي المالكي", SYRIA_ENTITY_PER, NULL, NULL);
    expect(doc, "تركي بن محمد", SYRIA_ENTITY_PER, NULL, NULL);
    expect(doc, "تركي", SYRIA_ENTITY_NORP, "TUR", NULL);
    expect(doc, "التركي", SYRIA_ENTITY_NORP, "TUR", NULL);
    syria_doc_free(doc);
}

static void test_institution_and_nationality(void)
{
    /* A generic institution with a nationality adjective is one name whose
     * code says whose it is (the gold's وزارة الخارجية الروسية, RUSGOV); the
     * ministry of defence is the military. Not in ANERcorp's conventions. */
    const char *text = "وقالت وزارة الخارجية الكندية إن السفير غادر. وأعلنت وزارة الدفاع البريطانية ذلك.";
    syria_doc *doc = run(text, NULL);
    if (doc) {
        expect(doc, "وزارة الخارجية الكندية", SYRIA_ENTITY_ORG, "CANGOV", NULL);
        expect(doc, "وزارة الدفاع البريطانية", SYRIA_ENTITY_ORG, "GBRMIL", NULL);
        syria_doc_free(doc);
    }
    doc = run_flags(text, NULL, SYRIA_OPT_ANERCORP);
    if (!doc) return;
    CHECK(find(doc, "وزارة الخارجية الكندية") == NULL, "ANERcorp's conventions: not extended");
    syria_doc_free(doc);
}

static void test_adjacent_persons(void)
{
    /* يوليا (a person elsewhere in the article) beside سكريبال: one person,
     * not linked to سيرغي سكريبال by the shared surname. Not across و. */
    syria_doc *doc = run("وقال ديمتري بيسكوف إنه يعتقد أن يوليا سكريبال تتحدث كرها. وقالت يوليا إنها بخير. "
                         "وكان سيرغي سكريبال قد نقل إلى المستشفى.",
                         NULL);
    if (!doc) return;
    expect(doc, "يوليا سكريبال", SYRIA_ENTITY_PER, "", NULL);
    const syria_entity *e = find(doc, "يوليا سكريبال");
    CHECK(e && !strcmp(e->canonical, "يوليا سكريبال"), "canonical of the merged name: %s", e ? e->canonical : "-");
    syria_doc_free(doc);
    /* A shorter mention links to the earlier full name whose words it ends
     * (دي سوزا), not one that only shares the last word (ليوناردو دي سوزا
     * after كلاوديمير دي سوزا); a surname the lexicon gives someone else
     * (أوزيل) is the person the document named before. */
    doc = run("وغاب كلاوديمير دي سوزا عن المباراة. ولعب ليوناردو دي سوزا. وقال دي سوزا إنه سعيد. "
              "ووجه الاتحاد الألماني انتقادات لمسعود أوزيل وإيلكاي غندوغان. وقال أوزيل إنه فخور.",
              NULL);
    if (!doc) return;
    e = find(doc, "ليوناردو دي سوزا");
    CHECK(e && strstr(e->canonical, "ليوناردو"), "ليوناردو دي سوزا keeps its name: %s", e ? e->canonical : "-");
    e = find(doc, "دي سوزا");
    CHECK(e && strstr(e->canonical, "ليوناردو"), "دي سوزا is the latest: %s", e ? e->canonical : "-");
    e = find(doc, "أوزيل");
    CHECK(e && strstr(e->canonical, "مسعود") && !*e->code, "أوزيل is مسعود أوزيل: %s %s", e ? e->canonical : "-",
          e ? e->code : "-");
    syria_doc_free(doc);
    /* Two persons the lexicon knows are two: subject and object. */
    doc = run("ووصف أردوغان نتنياهو بالإرهابي.", NULL);
    if (!doc) return;
    expect(doc, "أردوغان", SYRIA_ENTITY_PER, "TURGOV", NULL);
    expect(doc, "نتنياهو", SYRIA_ENTITY_PER, "ISRGOV", NULL);
    syria_doc_free(doc);
}

static void test_hashtags(void)
{
    /* Names in hashtags: the sign stays outside the span; the words of a
     * hashtag are a name's words (underscores as spaces). */
    syria_doc *doc = run("وقال الرئيس الأمريكي دونالد #ترمب إن #الولايات_المتحدة ستدعم #روسيا.", NULL);
    if (!doc) return;
    expect(doc, "روسيا", SYRIA_ENTITY_GPE, "RUS", NULL);
    expect(doc, "الولايات_المتحدة", SYRIA_ENTITY_GPE, "USA", NULL);
    const syria_entity *e = find(doc, "الولايات_المتحدة");
    CHECK(e && !strcmp(e->canonical, "الولايات المتحدة"), "canonical of a hashtag name: %s", e ? e->canonical : "-");
    expect(doc, "دونالد #ترمب", SYRIA_ENTITY_PER, "USAGOV", NULL);
    CHECK(find(doc, "#روسيا") == NULL, "the sign is outside the span");
    /* The token keeps its kind and text; its stem is the words. */
    size_t k = 0;
    while (k < syria_doc_token_count(doc) && syria_doc_token(doc, k)->kind != SYRIA_TOKEN_HASHTAG) k++;
    CHECK(k < syria_doc_token_count(doc), "a hashtag token");
    if (k < syria_doc_token_count(doc)) {
        const syria_token *t = syria_doc_token(doc, k);
        CHECK(!strcmp(t->stem, "\xd8\xaa\xd8\xb1\xd9\x85\xd8\xa8") && t->stem_start == t->start + 1, /* ترمب */
              "hashtag stem \"%s\" at +%zu", t->stem, t->stem_start - t->start);
    }
    syria_doc_free(doc);
}

static void test_name_final_ya(void)
{
    /* The clitic analysis reads كومي as كوم + the pronoun ي; after a name the
     * tagger found, ي is the name's own letter: in the span and in canonical,
     * also after a preposition and in a repetition. */
    syria_doc *doc = run("وقال مدير مكتب التحقيقات الفيدرالي السابق جيمس كومي إن الرئيس كذب. "
                         "ورد البيت الأبيض على كومي أمس.",
                         NULL);
    if (!doc) return;
    expect(doc, "جيمس كومي", SYRIA_ENTITY_PER, NULL, NULL);
    const syria_entity *e = find(doc, "جيمس كومي");
    CHECK(e && !strcmp(e->canonical, "جيمس كومي"), "canonical keeps the ي");
    expect(doc, "كومي", SYRIA_ENTITY_PER, NULL, NULL);
    CHECK(find(doc, "كوم") == NULL, "no span without the ي");
    syria_doc_free(doc);
    /* The same for ه (جوزيه read as جوزي + "his"). */
    doc = run("واستدعى المدرب المهاجم ويليان جوزيه بعد تألقه مع فريقه.", NULL);
    if (!doc) return;
    expect(doc, "ويليان جوزيه", SYRIA_ENTITY_PER, NULL, NULL);
    syria_doc_free(doc);
}

static void test_name_connector(void)
{
    /* A person's name does not end on a connector (بن، أبو، عبد ...): the
     * tagger stopped at أبو, the name goes on over the next word
     * (person_spans.c). Not after أبي alone (أبي أحمد, شينزو آبي). */
    syria_doc *doc = run("وأفادت وكالة وفا الرسمية أن المزارع محمد عطا عبد المولى أبو جامع أصيب برصاصة في ظهره.", NULL);
    if (!doc) return;
    expect(doc, "محمد عطا عبد المولى أبو جامع", SYRIA_ENTITY_PER, NULL, NULL);
    CHECK(find(doc, "محمد عطا عبد المولى أبو") == NULL, "no name ending on أبو");
    syria_doc_free(doc);
}

static void test_dates(void)
{
    /* Seed 002 (2020-02-18, a Tuesday). */
    syria_doc *doc = run("وقال يوم أمس الاثنين إن الاجتماع في الثالث من فبراير الجاري سبقه لقاء في شهر أكتوبر الماضي "
                         "وإن الحرب مستمرة منذ تسع سنوات وإن المهلة 48 ساعة.",
                         "2020-02-18");
    if (!doc) return;
    expect(doc, "يوم أمس الاثنين", SYRIA_ENTITY_DATE, NULL, "2020-02-17");
    expect(doc, "الثالث من فبراير الجاري", SYRIA_ENTITY_DATE, NULL, "2020-02-03");
    expect(doc, "شهر أكتوبر الماضي", SYRIA_ENTITY_DATE, NULL, "2019-10");
    expect(doc, "تسع سنوات", SYRIA_ENTITY_DATE, NULL, "P9Y");
    expect(doc, "48 ساعة", SYRIA_ENTITY_DATE, NULL, "PT48H");
    syria_doc_free(doc);

    /* A dual with a relative word (the past two days): one expression. */
    doc = run("وخطفت المليشيات خلال اليومين الماضيين سبعة صحفيين.", "2020-02-18");
    if (!doc) return;
    expect(doc, "اليومين الماضيين", SYRIA_ENTITY_DATE, NULL, "P2D");
    syria_doc_free(doc);

    /* العامين after a definite plural is "public": المدعين العامين. */
    doc = run("وطردت السلطات آلاف القضاة والمدعين العامين خلال العامين الماضيين.", "2018-06-20");
    if (!doc) return;
    CHECK_INT(count_surface(doc, "العامين"), 0);
    expect(doc, "العامين الماضيين", SYRIA_ENTITY_DATE, NULL, "P2Y");
    syria_doc_free(doc);

    /* أول + a month: its first day. */
    doc = run("وفي أول نيسان قال الوزير إن الاجتماع في أول أبريل 2019.", "2018-06-20");
    if (!doc) return;
    expect(doc, "أول نيسان", SYRIA_ENTITY_DATE, NULL, "2018-04-01");
    expect(doc, "أول أبريل 2019", SYRIA_ENTITY_DATE, NULL, "2019-04-01");
    syria_doc_free(doc);

    /* Seed 003 (2024-12-04, a Wednesday): weekdays resolve to the past. */
    doc = run("وصل الأربعاء، بعد هجوم الثلاثاء واجتماع السبت الماضي ولقاء الأربعاء الماضي، "
              "وسيعقد الاجتماع يومي 7 و8 من ديسمبر الجاري، كما حدث في شهري مايو وأكتوبر من عام 2015.",
              "2024-12-04");
    if (!doc) return;
    expect(doc, "الأربعاء", SYRIA_ENTITY_DATE, NULL, "2024-12-04");
    expect(doc, "الثلاثاء", SYRIA_ENTITY_DATE, NULL, "2024-12-03");
    expect(doc, "السبت الماضي", SYRIA_ENTITY_DATE, NULL, "2024-11-30");
    expect(doc, "الأربعاء الماضي", SYRIA_ENTITY_DATE, NULL, "2024-11-27");
    expect(doc, "يومي 7 و8 من ديسمبر الجاري", SYRIA_ENTITY_DATE, NULL, "2024-12-07/2024-12-08");
    expect(doc, "شهري مايو وأكتوبر من عام 2015", SYRIA_ENTITY_DATE, NULL, "2015");
    syria_doc_free(doc);

    /* Both month series, and no value without a document date. */
    doc = run("في 9 سبتمبر/أيلول 2016 وفي عام 2015 وأمس.", NULL);
    if (!doc) return;
    expect(doc, "9 سبتمبر/أيلول 2016", SYRIA_ENTITY_DATE, NULL, "2016-09-09");
    expect(doc, "عام 2015", SYRIA_ENTITY_DATE, NULL, "2015");
    expect(doc, "أمس", SYRIA_ENTITY_DATE, NULL, "");
    syria_doc_free(doc);

    /* Months never take the article: الأب is "the father", not آب (August). */
    doc = run("عثر على الأب وابنته في 3 آب 2019.", NULL);
    if (!doc) return;
    CHECK(find(doc, "الأب") == NULL, "الأب is not a month");
    expect(doc, "3 آب 2019", SYRIA_ENTITY_DATE, NULL, "2019-08-03");
    syria_doc_free(doc);

    /* A bare number is not a date. */
    doc = run("قتل 15 شخصا في 3 قرى.", "2020-01-01");
    if (!doc) return;
    for (size_t i = 0; i < syria_doc_entity_count(doc); i++)
        CHECK(syria_doc_entity(doc, i)->type != SYRIA_ENTITY_DATE, "a date in a sentence without one");
    syria_doc_free(doc);
}

static void test_calendar(void)
{
    CHECK_INT(date_weekday(2020, 2, 18), 2); /* a Tuesday */
    CHECK_INT(date_weekday(2024, 12, 4), 3);
    CHECK_INT(date_weekday(2000, 1, 1), 6);
    int y = 2020, m = 3, d = 1;
    date_add_days(&y, &m, &d, -1);
    CHECK(y == 2020 && m == 2 && d == 29, "%d-%d-%d", y, m, d);
    y = 2024, m = 12, d = 31;
    date_add_days(&y, &m, &d, 1);
    CHECK(y == 2025 && m == 1 && d == 1, "%d-%d-%d", y, m, d);
}

static void test_entity_invariants(void)
{
    /* On a longer text: entities in order, not overlapping, each span
     * inside its tokens, every DATE value well-formed or empty. */
    const char *text =
        "أعلن المتحدث باسم الكرملين دميتري بيسكوف أمس أن الرئيس فلاديمير بوتين سيلتقي نظيره التركي في سوتشي، "
        "فيما قصفت القوات السورية مواقع لهيئة تحرير الشام في ريف حلب الغربي. وقالت وكالة الأنباء الإيرانية إن "
        "وزير الخارجية عباس عراقجي بحث مع نظيره السوري تطورات الأوضاع في الشرق الأوسط.";
    syria_doc *doc = run(text, "2024-12-04");
    if (!doc) return;
    size_t n = syria_doc_entity_count(doc);
    CHECK(n >= 10, "only %zu entities", n);
    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        const syria_entity *e = syria_doc_entity(doc, i);
        CHECK(e->start >= prev_end, "entity %zu overlaps the previous one", i);
        prev_end = e->start + e->length;
        const syria_token *a = syria_doc_token(doc, e->token_first);
        const syria_token *b = syria_doc_token(doc, e->token_first + e->token_count - 1);
        CHECK(a && b && e->start >= a->start && e->start + e->length <= b->start + b->length,
              "entity %zu outside its tokens", i);
        char id[32];
        snprintf(id, sizeof id, "e%zu", i + 1);
        CHECK_STR(e->id, id);
    }
    expect(doc, "دميتري بيسكوف", SYRIA_ENTITY_PER, NULL, NULL);
    expect(doc, "هيئة تحرير الشام", SYRIA_ENTITY_ORG, "SYRREB", NULL);
    expect(doc, "حلب", SYRIA_ENTITY_GPE, "SYR", NULL);
    expect(doc, "الشرق الأوسط", SYRIA_ENTITY_LOC, NULL, NULL);
    expect(doc, "أمس", SYRIA_ENTITY_DATE, NULL, "2024-12-03");
    syria_doc_free(doc);

    /* Without entities by option. */
    syria_options opt = SYRIA_OPTIONS_INIT;
    opt.flags = SYRIA_OPT_NO_ENTITIES;
    REQUIRE(syria_analyze(&doc, model, text, SYRIA_NUL_TERMINATED, &opt) == SYRIA_OK, "%s", syria_error_last());
    CHECK_INT(syria_doc_entity_count(doc), 0);
    CHECK(syria_doc_token_count(doc) > 40, "tokens still there");
    syria_doc_free(doc);
}

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void test_names_section(void)
{
    /* One well-formed entry: type GPE, six strings. */
    unsigned char sec[64] = {1, 0, 0, 0, GAZ_GPE};
    size_t at = 5;
    const char *fields[6] = {"Xa", "Xa", "xa", "XAA", "city", ""};
    for (int f = 0; f < 6; f++) {
        size_t l = strlen(fields[f]);
        put16(sec + at, (unsigned)l);
        memcpy(sec + at + 2, fields[f], l);
        at += 2 + l;
    }
    name_lexicon *nl = NULL;
    REQUIRE(names_load(&nl, sec, at) == 0, "a good section is refused");
    CHECK_INT(names_count(nl), 1);
    const name_entry *e = names_lookup(nl, NAMES_ENTITY, "xa", 2);
    CHECK(e && !strcmp(e->code, "XAA") && e->type == GAZ_GPE, "look-up");
    CHECK(names_lookup(nl, NAMES_DATE, "xa", 2) == NULL, "a name is not a date word");
    names_free(nl);
    /* Every truncation, a wrong count, a bad type, an empty key: refused. */
    for (size_t cut = 0; cut < at; cut++) {
        CHECK(names_load(&nl, sec, cut) == -1, "truncated at %zu accepted", cut);
        CHECK(nl == NULL, "no lexicon on failure");
    }
    unsigned char bad[64];
    memcpy(bad, sec, at);
    bad[0] = 2;
    CHECK(names_load(&nl, bad, at) == -1, "count larger than the entries");
    memcpy(bad, sec, at);
    bad[4] = 200;
    CHECK(names_load(&nl, bad, at) == -1, "unknown type");
    memcpy(bad, sec, at);
    put16(bad + 5 + 4 + 4, 0); /* key length 0: the entry is now malformed */
    CHECK(names_load(&nl, bad, at) == -1, "empty key");
}

int main(void)
{
    if (tu_load_default_model(&model)) return 1;
    static const tu_test tests[] = {
        {"spans, types, canonical names and codes", test_spans_and_codes},
        {"ANERcorp's conventions (SYRIA_OPT_ANERCORP)", test_anercorp_conventions},
        {"money is not a SCHEMA entity", test_money},
        {"capitals: the government or the place", test_capitals},
        {"two persons joined by و", test_conjoined_persons},
        {"a foreign name keeps its first letter", test_name_letters},
        {"a name keeps its final ي", test_name_final_ya},
        {"a name does not end on a connector", test_name_connector},
        {"names in hashtags", test_hashtags},
        {"adjacent persons are one", test_adjacent_persons},
        {"an institution and its nationality", test_institution_and_nationality},
        {"a country name or its adjective", test_country_or_adjective},
        {"place names that are common words", test_common_word_places},
        {"a nationality adjective as a given name", test_given_name_adjective},
        {"a descriptor and its adjective are one name", test_descriptor_and_adjective},
        {"a common noun is no SCHEMA MISC", test_common_word_misc},
        {"date expressions and their values", test_dates},
        {"calendar arithmetic", test_calendar},
        {"entity invariants on a longer text", test_entity_invariants},
        {"the name lexicon section loader", test_names_section},
        {NULL, NULL},
    };
    int rc = tu_run("entities", tests);
    syria_model_free(model);
    return rc;
}
