/* Word clusters: blob loading and look-up (see clusters.h). */
#include "tag/clusters.h"

#include <stdlib.h>
#include <string.h>

struct word_clusters {
    size_t n, mask;     /* mask = table size - 1 */
    unsigned nclusters;
    uint64_t *keys;     /* table: hash */
    cluster_info *vals; /* table: entry; len 0 = empty slot */
};

static uint64_t fnv1a64_from(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

#define FNV0 0xcbf29ce484222325ull

uint64_t clusters_hash(const char *word, size_t len) { return fnv1a64_from(FNV0, (const unsigned char *)word, len); }

/* The blob's checksum: bytes [0, 24) and [32, len). */
static uint64_t blob_sum(const unsigned char *b, size_t len)
{
    return fnv1a64_from(fnv1a64_from(FNV0, b, 24), b + 32, len - 32);
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t get64(const unsigned char *p) { return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32; }
static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}
static void put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static inline size_t slot_of(uint64_t h, size_t mask)
{
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return (size_t)h & mask;
}

void clusters_free(word_clusters *wc)
{
    if (!wc) return;
    free(wc->keys);
    free(wc->vals);
    free(wc);
}

int clusters_load(word_clusters **out, const void *blob, size_t len)
{
    if (!out) return -1;
    *out = NULL;
    const unsigned char *b = blob;
    if (!b || len < CLUSTERS_HEADER_SIZE) return -1;
    if (memcmp(b, CLUSTERS_MAGIC, 8)) return -1;
    if (get32(b + 8) != CLUSTERS_FORMAT_VERSION) return -1;
    uint32_t n = get32(b + 12), ncl = get32(b + 16), total = get32(b + 20);
    if (ncl < 1 || ncl > 65535) return -1;
    if ((size_t)total != len) return -1;
    if ((len - CLUSTERS_HEADER_SIZE) / CLUSTERS_ENTRY_SIZE != n || (len - CLUSTERS_HEADER_SIZE) % CLUSTERS_ENTRY_SIZE)
        return -1;
    if (get64(b + 24) != blob_sum(b, len)) return -1;
    const unsigned char *e = b + CLUSTERS_HEADER_SIZE;
    uint64_t prev = 0;
    for (uint32_t i = 0; i < n; i++, e += CLUSTERS_ENTRY_SIZE) {
        uint64_t h = get64(e);
        unsigned cl = (unsigned)e[12] | (unsigned)e[13] << 8, pl = e[14];
        if ((i && h <= prev) || cl >= ncl || pl < 1 || pl > CLUSTERS_MAX_BITS) return -1;
        if (pl < 32 && (get32(e + 8) >> pl)) return -1;
        if (e[15] & 0xC0) return -1;
        prev = h;
    }
    word_clusters *wc = calloc(1, sizeof *wc);
    if (!wc) return -2;
    size_t cap = 16;
    while (cap < 2 * (size_t)n) cap *= 2;
    wc->keys = calloc(cap, sizeof *wc->keys);
    wc->vals = calloc(cap, sizeof *wc->vals);
    if (!wc->keys || !wc->vals) {
        clusters_free(wc);
        return -2;
    }
    wc->mask = cap - 1;
    wc->n = n;
    wc->nclusters = ncl;
    e = b + CLUSTERS_HEADER_SIZE;
    for (uint32_t i = 0; i < n; i++, e += CLUSTERS_ENTRY_SIZE) {
        uint64_t h = get64(e);
        size_t s = slot_of(h, wc->mask);
        while (wc->vals[s].len) s = (s + 1) & wc->mask;
        wc->keys[s] = h;
        wc->vals[s] = (cluster_info){get32(e + 8), (uint16_t)(e[12] | e[13] << 8), e[14], e[15]};
    }
    *out = wc;
    return 0;
}

int clusters_lookup_hash(const word_clusters *wc, uint64_t h, cluster_info *ci)
{
    memset(ci, 0, sizeof *ci);
    if (!wc || !wc->n) return 0;
    for (size_t s = slot_of(h, wc->mask); wc->vals[s].len; s = (s + 1) & wc->mask)
        if (wc->keys[s] == h) {
            *ci = wc->vals[s];
            return 1;
        }
    return 0;
}

int clusters_lookup(const word_clusters *wc, const char *word, size_t len, cluster_info *ci)
{
    if (!word) {
        memset(ci, 0, sizeof *ci);
        return 0;
    }
    return clusters_lookup_hash(wc, clusters_hash(word, len), ci);
}

void clusters_prefetch(const word_clusters *wc, uint64_t h)
{
#if defined(__GNUC__)
    if (!wc || !wc->n) return;
    size_t s = slot_of(h, wc->mask);
    __builtin_prefetch(&wc->vals[s]);
    __builtin_prefetch(&wc->keys[s]);
#else
    (void)wc, (void)h;
#endif
}

size_t clusters_size(const word_clusters *wc) { return wc ? wc->n : 0; }
unsigned clusters_count(const word_clusters *wc) { return wc ? wc->nclusters : 0; }

typedef struct ent {
    uint64_t h;
    cluster_info ci;
} ent;

static int cmp_ent(const void *a, const void *b)
{
    uint64_t x = ((const ent *)a)->h, y = ((const ent *)b)->h;
    return x < y ? -1 : x > y;
}

int clusters_serialize(const uint64_t *hashes, const cluster_info *ci, size_t n, unsigned nclusters,
                       unsigned char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (nclusters < 1 || nclusters > 65535 || n > (0xffffffffu - CLUSTERS_HEADER_SIZE) / CLUSTERS_ENTRY_SIZE)
        return -1;
    ent *v = malloc((n ? n : 1) * sizeof *v);
    if (!v) return -2;
    for (size_t i = 0; i < n; i++) {
        v[i].h = hashes[i];
        v[i].ci = ci[i];
        if (ci[i].len < 1 || ci[i].len > CLUSTERS_MAX_BITS || ci[i].cluster >= nclusters ||
            (ci[i].len < 32 && (ci[i].path >> ci[i].len)) || (ci[i].info & 0xC0)) {
            free(v);
            return -1;
        }
    }
    qsort(v, n, sizeof *v, cmp_ent);
    for (size_t i = 1; i < n; i++)
        if (v[i].h == v[i - 1].h) {
            free(v);
            return -1;
        }
    size_t len = CLUSTERS_HEADER_SIZE + n * CLUSTERS_ENTRY_SIZE;
    unsigned char *b = calloc(len, 1);
    if (!b) {
        free(v);
        return -2;
    }
    memcpy(b, CLUSTERS_MAGIC, 8);
    put32(b + 8, CLUSTERS_FORMAT_VERSION);
    put32(b + 12, (uint32_t)n);
    put32(b + 16, nclusters);
    put32(b + 20, (uint32_t)len);
    unsigned char *e = b + CLUSTERS_HEADER_SIZE;
    for (size_t i = 0; i < n; i++, e += CLUSTERS_ENTRY_SIZE) {
        put64(e, v[i].h);
        put32(e + 8, v[i].ci.path);
        e[12] = (unsigned char)(v[i].ci.cluster & 0xff);
        e[13] = (unsigned char)(v[i].ci.cluster >> 8);
        e[14] = v[i].ci.len;
        e[15] = v[i].ci.info;
    }
    put64(b + 24, blob_sum(b, len));
    free(v);
    *out = b;
    *out_len = len;
    return 0;
}
