/* Gazetteer look-ups for the tagger: the project's lexicons
 * (the TSV files of libsyria/lexicons) as a set of normalised single words and
 * multi-word entries, each with a bit set of types. Marking a sentence gives
 * every token the B/I positions of the entries it is part of, by type: the
 * tagger turns those bits into features.
 *
 * Entries are stored as 64-bit hashes of their normalised words joined by
 * one space (no strings are kept): a false match needs a 64-bit collision. */
#ifndef SYRIA_TAG_GAZETTEER_H
#define SYRIA_TAG_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

/* Entry types (bit numbers). */
enum {
    GAZ_PER = 0,
    GAZ_ORG,
    GAZ_GPE,
    GAZ_LOC,
    GAZ_NORP,
    GAZ_MISC,
    GAZ_DATE,
    GAZ_TITLE, /* descriptors.tsv: الرئيس, الأمير ... */
    GAZ_NTYPES
};

/* Per-token mark: bit (2*type) = the token begins an entry of that type,
 * bit (2*type+1) = it continues one. */
#define GAZ_B(type) (1u << (2 * (type)))
#define GAZ_I(type) (1u << (2 * (type) + 1))

#define GAZ_MAX_WORDS 8 /* longer entries are ignored */

typedef struct gazetteer gazetteer;

/* An empty gazetteer, or NULL when out of memory. */
gazetteer *gaz_new(void);
void gaz_free(gazetteer *g);

/* Adds an entry (UTF-8, words separated by spaces; normalised here with
 * SYRIA_NORM_DEFAULT) of the given type. Returns 0, or -1 on a bad entry or
 * out of memory. */
int gaz_add(gazetteer *g, const char *entry, int type);

/* Adds an entry whose words are already normalised (SYRIA_NORM_DEFAULT) and
 * separated by single spaces. Returns 0, or -1 on a bad entry or out of memory. */
int gaz_add_key(gazetteer *g, const char *key, size_t len, int type);

/* The type of a lexicon type column ("PER", "GPE", ...), -1 if unknown. */
int gaz_type_of(const char *name);

/* Loads one lexicon file (TSV, '#' comments; column 1 canonical, column 2
 * variant, column 3 type). Both the canonical form and the variant are
 * added; descriptors.tsv entries count as GAZ_TITLE. Returns the number of
 * entries added, or -1 when the file cannot be read. */
long gaz_load_tsv(gazetteer *g, const char *path);

/* Loads every *.tsv of a folder. Returns the number of entries, -1 on error. */
long gaz_load_dir(gazetteer *g, const char *dir);

/* Number of distinct entries and the longest entry in words. */
size_t gaz_size(const gazetteer *g);
int gaz_max_words(const gazetteer *g);

/* Does the normalised word sequence w[0..n) form an entry? Returns its type
 * bits (1 << type), 0 if none. */
uint32_t gaz_lookup(const gazetteer *g, const char *const *w, size_t n);

/* One token as the gazetteer sees it: its normalised form and its clitic
 * stem and prefix (an entry may start at a word with proclitics: وسوريا,
 * بالعراق, where the stem or "ال"+stem is the entry's first word). */
typedef struct gaz_tok {
    const char *norm, *stem, *prefix;
    /* Filled by gaz_prepare (or on the fly when `prepared` is 0): the word
     * hashes of the first-word candidates in order of preference (the norm,
     * ال + stem when the prefix has the article, the stem) and their forms
     * (0 norm, 2 article + stem, 1 stem). hashes[0] is the norm's. */
    uint64_t hashes[3];
    uint8_t forms[3];
    uint8_t nhashes, prepared;
} gaz_tok;

/* Phrase hashing shared by the gazetteer and the name lexicon: a phrase's
 * hash is its words' hashes folded left to right, so each token's word
 * hashes are computed once per sentence and every look-up is arithmetic. */
uint64_t gaz_word_hash(const char *w, size_t n);
static inline uint64_t gaz_phrase_step(uint64_t h, uint64_t word)
{
    uint64_t z = h * 0x9e3779b97f4a7c15ull + word + 0x632be59bd9b4e019ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
/* The words of a phrase (separated by spaces or tabs), one at a time:
 *   gaz_words it = gaz_words_of(s, n);
 *   while (gaz_next_word(&it)) ... it.hash is the hash of the first it.count words ...
 */
typedef struct gaz_words {
    const char *p, *end;
    uint64_t hash;
    int count;
} gaz_words;
static inline gaz_words gaz_words_of(const char *s, size_t n) { return (gaz_words){s, s + n, 0, 0}; }
static inline int gaz_next_word(gaz_words *it)
{
    while (it->p < it->end && (*it->p == ' ' || *it->p == '\t')) it->p++;
    if (it->p >= it->end) return 0;
    const char *q = it->p;
    while (q < it->end && *q != ' ' && *q != '\t') q++;
    uint64_t wh = gaz_word_hash(it->p, (size_t)(q - it->p));
    it->hash = it->count++ ? gaz_phrase_step(it->hash, wh) : wh;
    it->p = q;
    return 1;
}

/* The hash of a phrase whose words are separated by single spaces (or tabs). */
uint64_t gaz_phrase_hash(const char *s, size_t n, int *words);

/* Computes toks[i].hashes/forms for i in [0, n). */
void gaz_prepare(gaz_tok *toks, size_t n);

/* Marks toks[0..n): marks[i] receives GAZ_B/GAZ_I bits. Longest matches
 * win at each start; overlapping matches of other starts are all marked.
 * No allocation. */
void gaz_mark(const gazetteer *g, const gaz_tok *toks, size_t n, uint32_t *marks);

#endif
