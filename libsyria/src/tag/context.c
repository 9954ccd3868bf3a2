/* The context of a word in its sentence (context.h). */
#include "tag/context.h"

#include <stdint.h>
#include <string.h>

#include "core/affix.h"
#include "model/model.h"
#include "syria/syria.h"
#include "tag/tagger.h"

/* A verb or noun of visiting, arriving or leaving (compared on the clitic
 * stem: سيزور is س + يزور, زيارته is زيارت + ه). */
static int motion_word(const gaz_tok *t)
{
    static const char *const MOTION[] = {"زار", "زارت", "يزور", "تزور", "زيارة", "زيارت", "وصل", "وصلت", "يصل", "تصل",
                                         "غادر", "غادرت", "يغادر", "تغادر", "يتوجه", "تتوجه", "دخل", "دخلت", NULL};
    const char *stem = t->stem && *t->stem ? t->stem : t->norm;
    for (const char *const *w = MOTION; *w; w++)
        if (stem && !strcmp(stem, *w)) return 1;
    return 0;
}

/* An adjective of allegiance (موالية لطهران, التابعة لأنقرة): the capital
 * after it with ل is the government, not the place. On the clitic stem. */
static int allegiance_word(const gaz_tok *t)
{
    static const char *const A[] = {"موالي", "موالية", "موالين", "موالون", "تابع", "تابعة", "تابعين", "مقرب",
                                    "مقربة", "مقربين", "مقربون", "مدعوم", "مدعومة", "مدعومين", "مدعومون",
                                    "تابعون", NULL};
    const char *stem = t->stem && *t->stem ? t->stem : t->norm;
    for (const char *const *a = A; *a; a++)
        if (stem && !strcmp(stem, *a)) return 1;
    return 0;
}

/* Is the word at toks[i] in a place's position: after a locative
 * preposition or noun (في موسكو، إلى أنقرة، مدينة دمشق), with ب/ل attached
 * (بموسكو, للرياض; not the ل of the article), or named by the noun before it
 * (طريق القاهرة, مهرجان القاهرة, منطقة الرياض, العاصمة المصرية القاهرة)? A
 * capital elsewhere (موسكو تتهم، بين أنقرة ودمشق، أكدت الرياض) stands for its
 * government (SCHEMA.md). */
int ctx_place(const gaz_tok *toks, size_t i, int depth)
{
    static const char *const LOCATIVE[] = {"في", "الي", "الى", "من", "داخل", "خارج", "قرب", "نحو", "حول", "مدينة",
                                           "بمدينة", "وفي", "ومن", "والي", "عبر", "شمال", "جنوب", "شرق", "غرب", NULL};
    /* Nouns that name a place by the capital (compared on the clitic stem). */
    static const char *const PLACE_HEADS[] = {"امانة", "طريق", "مدخل", "منطقة", "ولاية", "مهرجان", "جامعة",
                                              "مطار", "ضواحي", "وسط", "مركز", "قناة", "جبل", "حي", "احياء",
                                              "حارات", "شوارع", "سكان", "اهالي", "بلدية", "محافظة", "امارة",
                                              "ميناء", "معرض", "جمهور", "نادي", "فريق", "منتخب", "ريف",
                                              "مدينة", "شمال", "جنوب", "شرق", "غرب", "قلب", "فندق", "بورصة", "غرفة", NULL};
    const char *pre = toks[i].prefix ? toks[i].prefix : "";
    for (const char *p = pre; *p;) {
        if (*p == '+') {
            p++;
            continue;
        }
        if (!strncmp(p, "\xd8\xa7\xd9\x84", 4)) break; /* ال: the rest is the article */
        if (!strncmp(p, "\xd8\xa8", 2)) return 1; /* ب attached */
        if (!strncmp(p, "\xd9\x84", 2)) return !(i > 0 && allegiance_word(&toks[i - 1])); /* ل, not موالية ل */
        p += 2;
    }
    if (i == 0) return 0;
    if (i >= 2 && !strcmp(toks[i - 1].norm, "\xd9\x85\xd9\x86") && allegiance_word(&toks[i - 2]))
        return 0; /* المدعومة من طهران, المقربة من موسكو: the government */
    for (const char *const *w = LOCATIVE; *w; w++)
        if (!strcmp(toks[i - 1].norm, *w)) return 1;
    /* Visiting, arriving in or leaving a capital (سيزور الرياض, زيارته موسكو,
     * غادر أنقرة; سيزور الوزير الرياض, with a definite subject between). */
    if (motion_word(&toks[i - 1])) return 1;
    if (i >= 2 && toks[i - 1].prefix && prefix_has_article(toks[i - 1].prefix) && motion_word(&toks[i - 2])) return 1;
    /* the noun before, or the one before a nationality adjective (العاصمة المصرية) */
    for (size_t back = 1; back <= 2 && back <= i; back++) {
        const gaz_tok *h = &toks[i - back];
        const char *stem = h->stem && *h->stem ? h->stem : h->norm;
        /* العاصمة موسكو is in apposition: a place where العاصمة is one (في
         * العاصمة موسكو), the government where it acts (ستستضيفها العاصمة موسكو). */
        if (!strcmp(stem, "\xd8\xb9\xd8\xa7\xd8\xb5\xd9\x85\xd8\xa9")) /* عاصمة (once: العاصمة العاصمة ... is no text) */
            return depth < 1 && ctx_place(toks, i - back, depth + 1);
        for (const char *const *w = PLACE_HEADS; *w; w++)
            if (!strcmp(stem, *w)) return 1;
    }
    return 0;
}

/* Is the tagger's span one common word, a dictionary headword that no
 * lexicon names (اليورانيوم, الرادار, الإسلام)? ANERcorp, which the tagger
 * learnt from, tags religions, weapons, substances and the like MISC;
 * SCHEMA.md's MISC is named processes, agreements, operations and events,
 * which are phrases (الاتفاق النووي) or words no dictionary lists (المونديال). */
int ctx_common_word(const struct syria_model *m, const gaz_tok *gt, const int *kinds, size_t first, size_t len)
{
    if (len != 1 || kinds[first] != SYRIA_TOKEN_WORD) return 0;
    const char *stem = gt[first].stem && *gt[first].stem ? gt[first].stem : gt[first].norm;
    unsigned f = model_word_flags(m, stem, strlen(stem));
    return (f & WORD_STEM) && !(f & WORD_NAME);
}

/* Is the country name e at token i (سورية, السعودية) the feminine of its
 * own nationality adjective (سوري, السعودي), used as one: after a noun
 * without the article (مقاتلة سورية, وسائل إعلام سورية, أهداف سورية), with
 * the article after a definite noun that is no name (الحكومة السعودية), or
 * joined by و to an adjective (تركية وسورية)? A noun is a word the corpus shows with the
 * article at least 5% of the time (the clusters' info byte): not a verb
 * (زار سورية) nor a preposition (في سورية), which take the country. */
int ctx_feminine_nationality(const ctx_view *v, size_t i, const name_entry *e)
{
    const struct syria_model *m = v->m;
    const gaz_tok *g = &v->gt[i];
    /* السعودية with the article: after a definite noun (الحكومة السعودية). */
    int definite = g->prefix && !strcmp(g->prefix, "\xd8\xa7\xd9\x84");
    const char *word = definite ? g->norm : g->stem && *g->stem ? g->stem : g->norm;
    size_t len = strlen(word);
    if (i == 0 || len < 6 || strcmp(word + len - 4, "\xd9\x8a\xd8\xa9") ||
        (!definite && g->prefix && prefix_has_article(g->prefix)))
        return 0; /* ends in ية; the article alone or none */
    const name_entry *masc = names_lookup(m->names, NAMES_ENTITY, word, len - 2); /* without the ة */
    if (!masc || masc->type != GAZ_NORP || strcmp(masc->code, e->code)) return 0;
    const gaz_tok *p = &v->gt[i - 1];
    if (v->kinds[i - 1] != SYRIA_TOKEN_WORD) return 0;
    if (definite) {
        const name_entry *pe;
        int pf;
        return p->prefix && !strcmp(p->prefix, "\xd8\xa7\xd9\x84") && !ctx_place(v->gt, i, 0) &&
               !names_match(m->names, NAMES_ENTITY, v->gt, i, i - 1, 1, &pe, &pf);
    }
    if (g->prefix && !strcmp(g->prefix, "\xd9\x88")) { /* و: after another adjective */
        const char *pw = p->stem && *p->stem ? p->stem : p->norm;
        const name_entry *pe = names_lookup(m->names, NAMES_ENTITY, pw, strlen(pw));
        return pe && pe->type == GAZ_NORP;
    }
    if (g->prefix && *g->prefix) return 0; /* بسورية, لسورية: the country */
    if (p->prefix && prefix_has_article(p->prefix)) return 0;
    if (ctx_place(v->gt, i, 0)) return 0; /* شرق سورية, سكان سورية: a place */
    const char *pw = p->stem && *p->stem ? p->stem : p->norm;
    if (model_word_flags(m, pw, strlen(pw)) & WORD_FUNCTION) return 0;
    return (v->tt[i - 1].cinfo >> 4 & 3) >= 1;
}

/* Is the nationality adjective at token i (تركي) a given name: bare (no
 * article, no proclitic) right after a title with the article (العقيد,
 * الأمير)? An adjective would agree with the title and take the article
 * (الأمير التركي). */
int ctx_given_name_after_title(const ctx_view *v, size_t i)
{
    const name_lexicon *nl = v->m->names;
    const gaz_tok *g = &v->gt[i], *p = i ? &v->gt[i - 1] : NULL;
    if (!p || (g->prefix && *g->prefix) || v->kinds[i - 1] != SYRIA_TOKEN_WORD) return 0;
    if (!p->prefix || strcmp(p->prefix, "\xd8\xa7\xd9\x84")) return 0; /* the title is ال + word */
    return names_lookup(nl, NAMES_TITLE, p->norm, strlen(p->norm)) != NULL;
}

/* Is token k a nationality adjective with the article (الكندية)? After a
 * generic institution it is part of the name (وزارة الخارجية الكندية, as
 * the gold's وزارة الخارجية الروسية); after a specific one it is not (the
 * gold's حزب الله + اللبناني, قوات حماية الشعب + الكردية). */
int ctx_nationality_with_article(const name_lexicon *nl, const gaz_tok *gt, size_t n, size_t k)
{
    const name_entry *e;
    int form;
    return k < n && gt[k].prefix && !strcmp(gt[k].prefix, "\xd8\xa7\xd9\x84") &&
           names_match(nl, NAMES_ENTITY, gt, n, k, 1, &e, &form) == 1 && e->type == GAZ_NORP;
}

/* Is the place name at token i, written with the article, the common word
 * it also is (القصير "short", الرباط "bond") inside a noun phrase: after a
 * definite noun it qualifies (الأجل القصير), or a definite adjective
 * qualifies it (الرباط الوثيق)? Only for dictionary headwords, and not where
 * the context names a place (في, مدينة, العاصمة ...). */
int ctx_common_noun_phrase(const ctx_view *v, size_t i)
{
    const struct syria_model *m = v->m;
    size_t n = v->n;
    const gaz_tok *g = &v->gt[i];
    if (!g->prefix || strcmp(g->prefix, "\xd8\xa7\xd9\x84") || !ctx_common_word(m, v->gt, v->kinds, i, 1)) return 0;
    if (ctx_place(v->gt, i, 0)) return 0;
    const name_entry *e;
    int form;
    const name_lexicon *nl = m->names;
    if (i > 0 && v->kinds[i - 1] == SYRIA_TOKEN_WORD && v->gt[i - 1].prefix &&
        !strcmp(v->gt[i - 1].prefix, "\xd8\xa7\xd9\x84") && ctx_common_word(m, v->gt, v->kinds, i - 1, 1) &&
        !names_match(nl, NAMES_ENTITY, v->gt, n, i - 1, 1, &e, &form))
        return 1;
    if (i + 1 < n && v->kinds[i + 1] == SYRIA_TOKEN_WORD && v->gt[i + 1].prefix &&
        !strcmp(v->gt[i + 1].prefix, "\xd8\xa7\xd9\x84") && ctx_common_word(m, v->gt, v->kinds, i + 1, 1) &&
        !names_match(nl, NAMES_ENTITY, v->gt, n, i + 1, 1, &e, &form) &&
        !names_match(nl, NAMES_DATE, v->gt, n, i + 1, 1, &e, &form))
        return 1;
    return 0;
}

/* Is the town at token i a common word heading a country's name (سلوك روسيا
 * "Russia's behaviour", not the town Suluk)? A town is not followed by its
 * country's bare name. */
int ctx_town_before_country(const ctx_view *v, size_t i, const name_entry *e)
{
    const struct syria_model *m = v->m;
    size_t n = v->n;
    const char *stem = v->gt[i].stem && *v->gt[i].stem ? v->gt[i].stem : v->gt[i].norm;
    if (!strstr(e->kind, "city") || i + 1 >= n || !(model_word_flags(m, stem, strlen(stem)) & WORD_STEM))
        return 0; /* a dictionary word (and a lexicon name) */
    /* Both bare: no article, no و or ب (بين الدوحة وإيران, نجران بالسعودية,
     * جدة السعودية are places). */
    if ((v->gt[i].prefix && *v->gt[i].prefix) || (v->gt[i + 1].prefix && *v->gt[i + 1].prefix)) return 0;
    const name_entry *next;
    int form;
    return names_match(m->names, NAMES_ENTITY, v->gt, n, i + 1, 0, &next, &form) && next->type == GAZ_GPE &&
           !strstr(next->kind, "city") && !strstr(next->kind, "province") && !strstr(next->kind, "capital");
}

/* Is the bare name at token i a nisba adjective (a dictionary noun and ي)
 * after a noun without the article (سوق مالي "a financial market", not
 * Mali)? A noun is
 * a word the corpus shows with the article at least 5% of the time (as in
 * nationality_in_adjective_position); not after a preposition, a verb, or a
 * noun that names a place, nor after دولة or جمهورية (دولة مالي). */
int ctx_nisba_after_noun(const ctx_view *v, size_t i)
{
    const struct syria_model *m = v->m;
    const gaz_tok *g = &v->gt[i], *p = i ? &v->gt[i - 1] : NULL;
    const char *word = g->stem && *g->stem ? g->stem : g->norm;
    size_t len = strlen(word);
    if (!p || (g->prefix && *g->prefix) || len < 6 || strcmp(word + len - 2, "\xd9\x8a") || /* ends in ي */
        v->kinds[i - 1] != SYRIA_TOKEN_WORD)
        return 0;
    /* A nisba: a dictionary noun and ي (مال + ي), the noun at least as
     * frequent in the corpus, bare or with the article, as the word (المال
     * against مالي; not الدب against دبي); هلسنكي, تشيلي are no nisbas. */
    unsigned base = model_word_flags(m, word, len - 2);
    if (!(base & WORD_STEM) || (base & WORD_FUNCTION)) return 0;
    char art[256];
    if (len + 2 > sizeof art) return 0;
    memcpy(art, "\xd8\xa7\xd9\x84", 4);
    memcpy(art + 4, word, len - 2);
    if ((uint64_t)model_freq(m, word, len - 2) + model_freq(m, art, len + 2) < model_freq(m, word, len)) return 0;
    const char *pw = p->stem && *p->stem ? p->stem : p->norm;
    if ((p->prefix && prefix_has_article(p->prefix)) || (model_word_flags(m, pw, strlen(pw)) & WORD_FUNCTION) ||
        ctx_place(v->gt, i, 0) || !strcmp(pw, "\xd8\xaf\xd9\x88\xd9\x84\xd8\xa9") || /* دولة */
        !strcmp(pw, "\xd8\xac\xd9\x85\xd9\x87\xd9\x88\xd8\xb1\xd9\x8a\xd8\xa9"))   /* جمهورية */
        return 0;
    return (v->tt[i - 1].cinfo >> 4 & 3) >= 1;
}

