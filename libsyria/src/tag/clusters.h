/* Word clusters for the named-entity tagger: for each normalised clitic stem
 * of a news corpus, its cluster as a hierarchical bit string (a path from the
 * root of a binary tree over the clusters), its flat cluster number and a
 * small "info" byte (corpus frequency and article-taking statistics).
 * Built by tools/train/build_clusters.c (syria-build-clusters) from
 * ../shared/data/corpus; see docs/TAGGER.md.
 *
 * Words are stored as FNV-1a 64 hashes of their UTF-8 bytes (no strings):
 * a false hit needs a 64-bit collision.
 *
 * Blob (little-endian):
 *   0  "SYCLUST1"  magic (8 bytes)
 *   8  u32 version (CLUSTERS_FORMAT_VERSION)
 *  12  u32 nwords
 *  16  u32 nclusters (flat clusters, 1..65535)
 *  20  u32 total length of the blob in bytes
 *  24  u64 FNV-1a 64 of bytes [0, 24) followed by bytes [32, end)
 *  32  nwords x 16-byte entries, hashes strictly increasing:
 *        u64 hash, u32 path, u16 cluster, u8 path length (1..32), u8 info
 * Path bits: the first step from the root is the most significant of the
 * `length` low bits of `path`. Info: bits 0-3 log2 of the corpus frequency
 * (capped at 15), bits 4-5 how often the word carries the article ال
 * (0: <5%, 1: <30%, 2: <70%, 3: >=70%), bits 6-7 zero. */
#ifndef SYRIA_TAG_CLUSTERS_H
#define SYRIA_TAG_CLUSTERS_H

#include <stddef.h>
#include <stdint.h>

#define CLUSTERS_MAGIC "SYCLUST1"
#define CLUSTERS_FORMAT_VERSION 1u
#define CLUSTERS_HEADER_SIZE 32u
#define CLUSTERS_ENTRY_SIZE 16u
#define CLUSTERS_MAX_BITS 32u

typedef struct word_clusters word_clusters;

/* 0, -1 corrupt/truncated/foreign blob, -2 out of memory. The blob is not
 * referenced afterwards (copy what you need). */
int clusters_load(word_clusters **out, const void *blob, size_t len);
void clusters_free(word_clusters *wc);

#define CLUSTERS_INFO_LOG2_FREQ 0x0fu /* info bits 0-3: log2 of the corpus frequency */

/* One word's entry. */
typedef struct cluster_info {
    uint32_t path;    /* bit string, `len` low bits, first step most significant */
    uint16_t cluster; /* flat cluster number */
    uint8_t len;      /* path length 1..32; 0 = the word is unknown */
    uint8_t info;     /* see the blob description */
} cluster_info;

/* The hash under which a word is stored (FNV-1a 64 of its bytes). */
uint64_t clusters_hash(const char *word, size_t len);

/* Looks a word up; returns 1 and fills *ci when known, else 0 and a zeroed *ci.
 * wc may be NULL (nothing is known). No allocation. */
int clusters_lookup(const word_clusters *wc, const char *word, size_t len, cluster_info *ci);

/* The same look-up by the word's hash (clusters_hash of its bytes, which
 * is also gaz_word_hash's: callers that hashed the word already reuse it). */
int clusters_lookup_hash(const word_clusters *wc, uint64_t h, cluster_info *ci);

/* A hint: fetches the table slot of hash h into the cache ahead of a
 * clusters_lookup_hash (wc may be NULL). */
void clusters_prefetch(const word_clusters *wc, uint64_t h);

/* Number of words and of flat clusters (0 for NULL). */
size_t clusters_size(const word_clusters *wc);
unsigned clusters_count(const word_clusters *wc);

/* Serialises entries (any order; hashes must be distinct; lens 1..32,
 * clusters < nclusters): *out receives a malloc'ed blob. Returns 0, -1 on
 * invalid input, -2 out of memory. Used by the builder and the tests. */
int clusters_serialize(const uint64_t *hashes, const cluster_info *ci, size_t n, unsigned nclusters,
                       unsigned char **out, size_t *out_len);

#endif
