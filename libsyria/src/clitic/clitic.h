/* Stage 3: clitic segmentation of Arabic words.
 *
 * A word such as وبالمنطقة is و + ب + ال + منطقة. Whether its first (or last)
 * letters are clitics is decided from data, not from a list of exceptions:
 * the project's proper-name lexicons, the Hunspell Arabic dictionary's
 * headwords and function-word lists, and corpus frequencies (does the clitic
 * reading explain how often the word occurs? does the word carry clitics of
 * its own, as a stem does?). split_ok() in clitic.c documents the order.
 *
 * The model stores each corpus word's split, computed by this code when the
 * model was built, so most words cost one look-up; the model must be rebuilt
 * when this code changes (test_core_model checks that it was). */
#ifndef SYRIA_CLITIC_H
#define SYRIA_CLITIC_H

#include <stddef.h>

#include "core/doc.h"

struct syria_model;

typedef struct clitic_split {
    char prefix[40];       /* proclitics joined by '+', e.g. "و+ب+ال"; "" if none */
    size_t proclitic_chars; /* code points of the word before the article (و ب ...) */
    size_t article_chars;  /* code points of the article (2 for ال, 1 for the ل of لل) */
    size_t stem_bytes_at;  /* byte offset of the stem in the word */
    size_t stem_bytes;     /* byte length of the stem */
    size_t suffix_chars;   /* code points of the enclitic pronoun */
} clitic_split;

/* Splits the normalised Arabic word w[0..n) (the model's normalisation).
 * `hamza` is the same word normalised without the alef and alef maqsura
 * folds (same length), or NULL: the article's alef never carries hamza, so
 * أل... (ألمانيا, ألغى) is never read as the article, and the pronoun ي is
 * never a folded ى (على). */
void clitic_analyze(const struct syria_model *m, const char *w, size_t n, const char *hamza,
                    clitic_split *out);

/* The one-byte form of a split that the model stores (model.h SPLIT_*), for
 * a word of only two-byte Arabic letters: pack, and unpack for word w. */
unsigned split_to_byte(const clitic_split *cs);
void split_from_byte(const char *w, size_t n, unsigned b, clitic_split *out);

/* Fills prefix/stem/suffix and the surface spans of every token of doc. */
int clitic_stage(struct syria_doc *doc);

/* The clitic inventory, shared with the model builder that measures the
 * corpus ratios. Each entry is a UTF-8 affix; enclitics start with '+'. */
extern const char *const clitic_proclitics[];
extern const char *const clitic_enclitics[];

#endif
