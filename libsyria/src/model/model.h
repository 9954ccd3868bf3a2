/* The model: an immutable bundle of lexicons (and, later, weights) read from
 * a blob that starts with a magic and a format version and is bounds-checked
 * section by section. Shared read-only by every thread.
 *
 * Blob layout (little-endian):
 *   0  "SYRIAMDL"          magic
 *   8  u32 format version  (MODEL_FORMAT_VERSION)
 *  12  u32 section count
 *  16  u64 total length    (must equal the blob's length)
 *  24  u64 FNV-1a 64 of bytes [32, total)
 *  32  section table: count x { char tag[4]; u32 reserved; u64 offset; u64 length }
 *  ... section data
 * Sections:
 *   DESC  UTF-8 description
 *   LEX1  word frequencies: u32 n, then n x { u32 freq; u16 len; u8 split; bytes },
 *         split the clitic split precomputed by the builder (SPLIT_* below)
 *   CLIT  clitic parameters: u32 n, then n x { u16 len; bytes (affix); f32 ratio }
 *   DIC1  dictionary words: u32 n, then n x { u8 class; u16 len; bytes }, class a
 *         WORD_STEM (a noun, name or verb headword), WORD_FUNCTION (a base
 *         function word), WORD_CLITIC_FORM (one with proclitics) and/or
 *         WORD_NAME (a proper name of libsyria/lexicons) bits
 *   NAM1  the name lexicon (tag/names.h)
 *   TAG1  the named-entity tagger's weights (tag/tagger.h)
 *   CLU1  word clusters (tag/clusters.h)
 */
#ifndef SYRIA_MODEL_H
#define SYRIA_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "normalize/normalize.h"
#include "syria/syria.h"

#define MODEL_MAGIC "SYRIAMDL"
#define MODEL_FORMAT_VERSION 1u
#define MODEL_HEADER_SIZE 32u
#define MODEL_SECTION_SIZE 24u

#define WORD_STEM 1u     /* a dictionary headword: a stem, never clitic + stem */
#define WORD_FUNCTION 2u /* a function word in its own right (لكن, كما, في) */
#define WORD_CLITIC_FORM 4u /* a function word with proclitics (وفي, فهو, بأن) */
#define WORD_NAME 8u        /* a proper name from the project's lexicons (فيدان, سنجار) */

#define LEX_HEAD 16u
typedef struct lex_entry {
    uint32_t off; /* offset of the word in the blob */
    uint32_t freq;
    uint32_t hash; /* compared before the bytes: most probes are misses */
    uint16_t len;
    uint8_t flags; /* WORD_* */
    uint8_t split; /* precomputed clitic split, SPLIT_NONE if not computed */
    /* The word's first LEX_HEAD bytes, zero-padded: most words whole, so a
     * look-up reads one cache line (entries are 32 bytes, aligned), not also
     * the blob, a second miss elsewhere in memory. */
    char head[LEX_HEAD];
} lex_entry;

/* A precomputed clitic split in one byte: proclitic letters (0-3, bits 0-1),
 * article letters (0-2, bits 2-3), enclitic letters (0-3, bits 4-5). */
#define SPLIT_NONE 0xFFu
#define SPLIT_PACK(pro, art, enc) ((uint8_t)((pro) | (art) << 2 | (enc) << 4))
#define SPLIT_PRO(b) ((b) & 3u)
#define SPLIT_ART(b) (((b) >> 2) & 3u)
#define SPLIT_ENC(b) (((b) >> 4) & 3u)

/* The most frequent words again, bytes inline, in a table small enough to
 * stay in cache: most tokens of a text are among them. */
#define HOT_WORDS 32768u
#define HOT_SLOTS (2u * HOT_WORDS)
#define HOT_MAX_LEN 28u
typedef struct hot_entry {
    uint8_t len; /* 0: empty slot */
    uint8_t split;
    uint8_t flags;
    uint8_t pad;
    char w[HOT_MAX_LEN];
} hot_entry;

typedef struct affix_ratio {
    char affix[16];
    float ratio; /* how often affix+x occurs per occurrence of x, corpus-wide */
} affix_ratio;

struct syria_model {
    unsigned char *owned; /* the blob, when copied from memory or a file */
    const unsigned char *blob;
    size_t blob_len;
    char description[160];

    /* Word frequency lexicon: open addressing, power-of-two size. */
    lex_entry *lex;
    size_t lex_mask, lex_count, lex_capacity;
    uint64_t lex_total; /* sum of frequencies */

    hot_entry *hot; /* HOT_SLOTS entries */

    affix_ratio *ratios;
    size_t ratio_count;

    void *sentence_bi; /* UBreakIterator template, cloned per document */

    struct name_lexicon *names;     /* NAM1, NULL when absent */
    struct tagger_weights *tagger;  /* TAG1, NULL when absent */
    struct word_clusters *clusters; /* CLU1, NULL when absent */

    /* Normalisation tables for the default flags, built once; and for the
     * default flags without the alef folds (the clitic splitter's hamza
     * form, HAMZA_FLAGS). */
    norm_table norm_default, norm_default_obf;
    norm_table norm_hamza, norm_hamza_obf;
};

#define HAMZA_FLAGS (SYRIA_NORM_DEFAULT & ~(SYRIA_NORM_ALEF | SYRIA_NORM_ALEF_MAQSURA))

/* Frequency of a normalised word (0 if unknown). */
uint32_t model_freq(const struct syria_model *m, const char *w, size_t n);

/* Dictionary flags (WORD_*) of a normalised word, 0 if none. */
unsigned model_word_flags(const struct syria_model *m, const char *w, size_t n);

/* The precomputed clitic split of a normalised word, or SPLIT_NONE. */
unsigned model_word_split(const struct syria_model *m, const char *w, size_t n);

/* Corpus ratio for a clitic ("و", "ال", "+ها"...), or 0 if the model has none. */
float model_ratio(const struct syria_model *m, const char *affix);

uint64_t model_fnv1a64(const unsigned char *p, size_t n);

#endif
