/* The name lexicon: the project's lexicons (the TSV files of libsyria/lexicons) as the
 * model's NAM1 section, indexed for look-up of word sequences.
 *
 * NAM1 (little-endian): u32 n, then n entries of
 *   u8 type (GAZ_* of gazetteer.h), then six strings, each u16 length + bytes:
 *   canonical, variant, key (the variant normalised with SYRIA_NORM_DEFAULT,
 *   words separated by one space), code, kind, value.
 * The builder writes entries in priority order: where two entries share a
 * key, the first one is the one a look-up returns.
 *
 * Three indexes are kept: entity names (PER ORG GPE LOC NORP MISC), date
 * words (dates.tsv: months, weekdays, numbers, units ...) and descriptors
 * (descriptors.tsv: titles such as الرئيس, head nouns such as مدينة). The
 * tagger's gazetteer features are built from the same entries. */
#ifndef SYRIA_TAG_NAMES_H
#define SYRIA_TAG_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "tag/gazetteer.h"

typedef struct name_entry {
    uint8_t type; /* GAZ_* */
    const char *canonical, *variant, *key, *code, *kind, *value;
} name_entry;

enum { NAMES_ENTITY = 0, NAMES_DATE, NAMES_TITLE, NAMES_NINDEX };

typedef struct name_lexicon name_lexicon;

/* Parses a NAM1 section. Returns 0, -1 when it is malformed, -2 when out of
 * memory. The section is not referenced afterwards. */
int names_load(name_lexicon **out, const void *sec, size_t len);
void names_free(name_lexicon *nl);

size_t names_count(const name_lexicon *nl);

/* The gazetteer built from the entries (for the tagger's features). */
const gazetteer *names_gazetteer(const name_lexicon *nl);

/* The entry whose key is exactly key[0..len) in the given index, or NULL. */
const name_entry *names_lookup(const name_lexicon *nl, int index, const char *key, size_t len);

/* Can an entry of the index start at the token (is one of its first-word
 * candidates, as names_match takes them, the first word of an entry)?
 * Never 0 where names_match would find an entry there. */
int names_may_start(const name_lexicon *nl, int index, const gaz_tok *tok);

/* The longest entry of the index that starts at toks[i] and spans at most
 * max_words tokens: the first word may be the token's norm, its clitic stem,
 * or ال + stem; later words are norms. Returns the number of tokens matched
 * (0 when none) and sets *entry and *form (0 norm, 1 stem, 2 ال + stem). */
size_t names_match(const name_lexicon *nl, int index, const gaz_tok *toks, size_t n, size_t i,
                   size_t max_words, const name_entry **entry, int *form);

#endif
