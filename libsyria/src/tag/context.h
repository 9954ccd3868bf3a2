/* The context of a word in its sentence: which reading a word that is a
 * name and something else takes (سورية the country or "Syrian", القصير the
 * town or "short", تركي the adjective or a given name), and whether a
 * capital is named as a place or stands for its government. The tag stage
 * (tag.c) asks; these functions only read the sentence's tokens. */
#ifndef SYRIA_TAG_CONTEXT_H
#define SYRIA_TAG_CONTEXT_H

#include <stddef.h>

#include "tag/gazetteer.h"
#include "tag/names.h"

struct syria_model;
struct tagger_tok;

/* One sentence as the tag stage sees it: the lexicon's and the tagger's
 * views of its n tokens (the tagger's carry the clusters' info byte), and
 * the tokens' syria_token_kind. */
typedef struct ctx_view {
    const struct syria_model *m;
    const gaz_tok *gt;
    const struct tagger_tok *tt;
    const int *kinds;
    size_t n;
} ctx_view;

/* Is the word at toks[i] in a place's position (في موسكو, مطار موسكو,
 * سيزور الرياض), rather than standing for its government (أكدت الرياض,
 * موالية لطهران)? depth: 0 (one recursion for العاصمة in apposition). */
int ctx_place(const gaz_tok *toks, size_t i, int depth);

/* Is the span [first, first+len) one word that the dictionary lists and no
 * lexicon names (اليورانيوم, القصير's قصير)? */
int ctx_common_word(const struct syria_model *m, const gaz_tok *gt, const int *kinds, size_t first, size_t len);

/* Is the country name e at token i the feminine of its own nationality
 * adjective, used as one (مقاتلة سورية, الحكومة السعودية)? */
int ctx_feminine_nationality(const ctx_view *v, size_t i, const name_entry *e);

/* Is the nationality adjective at token i a given name after a definite
 * title (العقيد تركي المالكي)? */
int ctx_given_name_after_title(const ctx_view *v, size_t i);

/* Is token k a nationality adjective with the article (الكندية)? */
int ctx_nationality_with_article(const name_lexicon *nl, const gaz_tok *gt, size_t n, size_t k);

/* Is the place name at token i, with the article, a common word inside a
 * definite noun phrase (الأجل القصير, الباب الأمامي)? */
int ctx_common_noun_phrase(const ctx_view *v, size_t i);

/* Is the town e at token i a common word heading a country's name (سلوك
 * روسيا)? */
int ctx_town_before_country(const ctx_view *v, size_t i, const name_entry *e);

/* Is the name at token i a nisba adjective after a noun (سوق مالي)? */
int ctx_nisba_after_noun(const ctx_view *v, size_t i);

#endif
