/* Person-name boundaries (person_spans.h). */
#include "tag/person_spans.h"

#include <string.h>

#include "model/model.h"
#include "syria/syria.h"
#include "tag/gazetteer.h"
#include "tag/tagger.h"

/* A kinship word that joins a name to the next one (بن، ابن، بنت، ولد) or
 * opens a compound name (ابو، ابي، ابا، عبد): a person's name never ends on
 * one. Compared on the norm (the default normalisation folds the alef:
 * أبو is ابو). */
static int connector(const tagger_tok *t)
{
    static const char *const C[] = {"بن", "ابن", "بنت", "ولد", "ابو", "ابا", "عبد", NULL};
    for (const char *const *c = C; *c; c++)
        if (!strcmp(t->norm, *c)) return 1;
    return 0;
}

/* ابي (أبي) is a connector only after بن or ابن (علي بن أبي طالب): alone it
 * is also a name (أبي أحمد) and the norm of آبي (شينزو آبي). */
static int connector_at(const tagger_tok *toks, const uint8_t *tags, size_t k)
{
    if (connector(&toks[k])) return 1;
    if (strcmp(toks[k].norm, "ابي") || k == 0 || tags[k] != TAG_I(TAG_PER)) return 0;
    return !strcmp(toks[k - 1].norm, "بن") || !strcmp(toks[k - 1].norm, "ابن");
}

/* Can the word go on a name: not a function word (إلى, في) that is no
 * name, nor a title (الأمير)? */
static int name_word(const struct syria_model *m, const tagger_tok *t)
{
    if (t->gaz & (GAZ_B(GAZ_TITLE) | GAZ_I(GAZ_TITLE))) return 0;
    if (!m) return 1;
    unsigned f = model_word_flags(m, t->norm, strlen(t->norm));
    return !(f & WORD_FUNCTION) || (f & WORD_NAME); /* علي is also على */
}

/* Does the word carry the conjunction و (a second name: محمد بن ... وعلي)? */
static int conjoined(const tagger_tok *t) { return t->prefix && !strncmp(t->prefix, "\xd9\x88", 2); }

void person_spans(const struct syria_model *m, const tagger_tok *toks, const int *kinds, size_t n, uint8_t *tags)
{
    /* A person's name does not end on a connector (الحسن بن [علي], أبو
     * [طالب], علي بن أبي [طالب]): the span goes on over the next word when
     * that is a word without و and untagged, or the start of another
     * person's span (the tagger cut the name in two). */
    for (size_t k = 0; k + 1 < n; k++) {
        if (tags[k] != TAG_B(TAG_PER) && tags[k] != TAG_I(TAG_PER)) continue;
        if (!connector_at(toks, tags, k) || kinds[k + 1] != SYRIA_TOKEN_WORD || conjoined(&toks[k + 1])) continue;
        if (!name_word(m, &toks[k + 1])) continue;
        if (tags[k + 1] == TAG_O || tags[k + 1] == TAG_B(TAG_PER)) tags[k + 1] = TAG_I(TAG_PER);
    }
}
