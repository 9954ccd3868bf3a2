/* The statistical core of the named-entity tagger: a first-order structured
 * averaged perceptron (Collins 2002) over BIO tags with Viterbi decoding that
 * never produces an invalid transition (O -> I-X, B-X -> I-Y, start -> I-X).
 *
 * Features are hashed: a 64-bit hash of a template id and its strings,
 * reduced to a table of 2^bits slots; a weight is a float per slot and tag.
 * A sentence's features are an array of slot numbers per token (see
 * tagger_features). Decoding allocates nothing per token: it works in a
 * caller-owned tagger_scratch that grows only when a longer sentence comes.
 *
 * Serialised weights ("TAG1" model section, little-endian):
 *   0  "SYTAGGR1"   magic (8 bytes)
 *   8  u32 version  (TAGGER_FORMAT_VERSION)
 *  12  u32 bits     (slot table size 2^bits, 10..26)
 *  16  u32 ntags    (TAGGER_NTAGS)
 *  20  u32 nrows    (slots with a non-zero weight)
 *  24  u64 FNV-1a 64 of bytes [32, end)
 *  32  f32 trans[(ntags+1) x ntags]  (row ntags: start of sentence)
 *  .. nrows x u32 slot, strictly increasing
 *  .. nrows x f32[ntags] weights
 * Total length must equal the blob's length. */
#ifndef SYRIA_TAG_TAGGER_H
#define SYRIA_TAG_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "tag/clusters.h"

/* Tags: O, then B-X and I-X for each class X. */
enum { TAG_PER = 0, TAG_ORG, TAG_LOC, TAG_MISC, TAG_NCLASSES };
#define TAGGER_NTAGS (1 + 2 * TAG_NCLASSES)
#define TAG_O 0
#define TAG_B(c) (1 + 2 * (c))
#define TAG_I(c) (2 + 2 * (c))
#define TAG_CLASS(t) (((t)-1) / 2)
#define TAG_IS_B(t) ((t) > 0 && ((t)&1))
#define TAG_IS_I(t) ((t) > 0 && !((t)&1))

#define TAGGER_FORMAT_VERSION 1u
#define TAGGER_MAGIC "SYTAGGR1"
#define TAGGER_HEADER_SIZE 32u
#define TAGGER_DEFAULT_BITS 21u

/* "O", "B-PER", "I-PER", ... ; NULL for an unknown tag. */
const char *tagger_tag_name(int tag);
/* The tag of a name; accepts PERS for PER and MIS* (AQMAR) for MISC.
 * Returns -1 if unknown. */
int tagger_tag_parse(const char *name);

/* Is prev -> cur allowed? prev = -1 for the start of a sentence. */
int tagger_transition_ok(int prev, int cur);
/* The decoder's table of allowed predecessors of a tag (increasing order):
 * returns their number and points *list at them (for the tests). */
int tagger_predecessors(int tag, const uint8_t **list);

/* ---------------------------------------------------------------- */
/* Features */

/* One token as the tagger sees it (strings normalised, "" when absent). */
typedef struct tagger_tok {
    const char *norm, *prefix, *stem, *suffix;
    int kind;      /* syria_token_kind */
    uint32_t gaz;  /* gazetteer marks (gazetteer.h GAZ_B/GAZ_I bits) */
    /* Word cluster of the stem (tagger_tok_clusters; all zero = unknown):
     * bit-string path (clen low bits, first step most significant), flat
     * cluster number and clusters.h's info byte (frequency, article rate). */
    uint32_t cpath;
    uint16_t ccluster;
    uint8_t clen, cinfo;
    /* Training only (0 at run time): leave out the token's own word-identity
     * features, as if it had never been seen (word dropout). */
    uint8_t unseen;
} tagger_tok;

/* Fills the cluster fields of toks[0..n) from the clusters of their stems
 * (the norm when the stem is empty). wc NULL: clears them (no cluster
 * features). No allocation. */
void tagger_tok_clusters(tagger_tok *toks, size_t n, const word_clusters *wc);

/* At most this many features per token. */
#define TAGGER_MAX_FEATS 96

/* Writes the features of toks[0..n) as slot numbers (< 2^bits): token i's
 * are feats[offs[i] .. offs[i+1]); offs has n+1 entries; feats room for
 * n * TAGGER_MAX_FEATS. Returns the number of features written. */
size_t tagger_features(const tagger_tok *toks, size_t n, unsigned bits, uint32_t *feats, uint32_t *offs);

/* ---------------------------------------------------------------- */
/* Weights for decoding (loaded from a blob; read-only, shareable). */

typedef struct tagger_weights {
    unsigned bits;
    uint32_t nrows;
    float trans[(TAGGER_NTAGS + 1) * TAGGER_NTAGS];
    /* Which slots have weights: bit s of present[s / 64]; their rows are
     * in slot order, so slot s's row is rank[s / 64] + the set bits below s
     * in its word (256 kB + 128 kB for bits = 21, instead of a 4-byte index
     * per slot: the look-ups stay in cache). */
    uint64_t *present; /* 2^bits / 64 words (at least 1) */
    uint32_t *rank;    /* rows before each word */
    /* The rows, quantised on loading to 16 bits: weight = rows[.] * scale,
     * scale = the largest |weight| / 32767 (half the memory of floats, the
     * decoding's cache misses are these rows). */
    int16_t *rows;     /* nrows x TAGGER_NTAGS */
    float scale;
    uint64_t checksum; /* the blob's (header bytes 24..32): identifies the weights */
} tagger_weights;

/* Loads serialised weights (bounds-checked, checksum verified). Returns 0,
 * -1 on corrupt/truncated/foreign input, -2 when out of memory. The blob is
 * not referenced afterwards. */
int tagger_load(tagger_weights *w, const void *blob, size_t len);
void tagger_weights_free(tagger_weights *w);

/* Work space for decoding; zero-initialise, free with tagger_scratch_free. */
typedef struct tagger_scratch {
    size_t cap;      /* tokens */
    float *score;    /* cap x NTAGS */
    float *delta;    /* cap x NTAGS */
    uint8_t *back;   /* cap x NTAGS */
    uint32_t *feats; /* cap x TAGGER_MAX_FEATS */
    uint32_t *offs;  /* cap + 1 */
    struct tagger_wrec *recs;    /* cap: records of this sentence's words the cache does not keep */
    const struct tagger_wrec **rp; /* cap: each token's record */
    int32_t *base;               /* cap x NTAGS: the cached part of each token's emissions */
    struct tagger_cache *cache;  /* the word cache when the thread has none */
    char *keys;                  /* cap x TAGGER_WKEY_MAX: each token's word-cache key */
    uint64_t *khash;             /* cap: the keys' hashes */
    uint8_t *klen;               /* cap: the keys' lengths (0: too long to be cached) */
} tagger_scratch;

/* The longest word-cache key (a word's strings, kind and cluster). */
#define TAGGER_WKEY_MAX 52

/* tagger_tag's word cache: for each word (its strings, kind and cluster),
 * the slots of the features that depend on it alone and the sums of their
 * rows, for the weights whose checksum it was made with (cleared when other
 * weights come). One cache per thread (C11 thread-specific storage, freed
 * when the thread ends), else one per scratch. At most TAGGER_CACHE_MAX
 * words (about 9 MB), taken the second time they are met (the first
 * ones to come twice stay). Keys are copied: the
 * tokens' strings need not outlive a call. */
#define TAGGER_CACHE_MAX 32768u

/* Makes room for n tokens (allocates only when n exceeds the capacity).
 * Returns 0 or -2 when out of memory. */
int tagger_scratch_reserve(tagger_scratch *s, size_t n);
void tagger_scratch_free(tagger_scratch *s);

/* Viterbi decoding of one sentence of n tokens whose features are
 * feats/offs (as tagger_features writes them). tags receives n tags.
 * The scratch must hold n tokens (tagger_scratch_reserve). Returns 0. */
int tagger_decode(const tagger_weights *w, const uint32_t *feats, const uint32_t *offs, size_t n,
                  tagger_scratch *s, uint8_t *tags);

/* Features + decoding in one call, using the scratch's feature buffers. */
int tagger_tag(const tagger_weights *w, const tagger_tok *toks, size_t n, tagger_scratch *s, uint8_t *tags);

/* ---------------------------------------------------------------- */
/* Training (averaged perceptron with the lazy averaging trick). */

typedef struct tagger_trainer {
    unsigned bits;
    float *w;  /* 2^bits x NTAGS current weights */
    float *u;  /* sum of c * update, for averaging */
    float trans[(TAGGER_NTAGS + 1) * TAGGER_NTAGS];
    float utrans[(TAGGER_NTAGS + 1) * TAGGER_NTAGS];
    double c;  /* examples seen + 1 */
    size_t updates, mistakes;
    tagger_scratch scratch;
} tagger_trainer;

/* Returns 0, or -2 when out of memory; bits 10..26. */
int tagger_train_init(tagger_trainer *t, unsigned bits);
void tagger_train_free(tagger_trainer *t);

/* One perceptron step on a sentence with gold tags. pred (may be NULL)
 * receives the prediction made before the update. Returns the number of
 * tokens mispredicted, or -2 when out of memory. */
long tagger_train_sentence(tagger_trainer *t, const uint32_t *feats, const uint32_t *offs, size_t n,
                           const uint8_t *gold, uint8_t *pred);

/* Serialises the averaged weights: *out receives a malloc'ed blob (free
 * with free()). Returns 0 or -2 when out of memory. */
int tagger_train_serialize(const tagger_trainer *t, unsigned char **out, size_t *out_len);

/* The blob of any weights: row(ctx, slot, v) writes the slot's NTAGS
 * weights to v and returns non-zero when one of them is non-zero (slots
 * returning 0 are left out); trans has (NTAGS + 1) x NTAGS entries. *out
 * receives a malloc'ed blob. Returns 0, -1 for bits out of range, -2 when
 * out of memory. */
typedef int (*tagger_row_fn)(const void *ctx, size_t slot, float *v);
int tagger_weights_blob(unsigned bits, const float *trans, tagger_row_fn row, const void *ctx, unsigned char **out,
                        size_t *out_len);

#endif
