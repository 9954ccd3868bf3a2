/* Unit tests of the word clusters (tag/clusters.h) and of the tagger's
 * cluster fields (tagger_tok_clusters): blob round trip, look-up, corrupt and
 * truncated blobs refused, the committed libsyria/model/clusters.bin. */
#include <stdlib.h>
#include <string.h>

#include "support/testutil.h"
#include "tag/clusters.h"
#include "tag/tagger.h"

static const char *const words[] = {"سوريا", "روسيا", "لافروف", "قال", "وزير", "the", "2020"};
#define NW (sizeof words / sizeof *words)

static unsigned char *make_blob(size_t *len)
{
    uint64_t h[NW];
    cluster_info ci[NW];
    for (size_t i = 0; i < NW; i++) {
        h[i] = clusters_hash(words[i], strlen(words[i]));
        /* paths: 0b1 0b10 0b101 ... of growing length */
        ci[i] = (cluster_info){(uint32_t)(i + 1), (uint16_t)i, (uint8_t)(i + 3), (uint8_t)(i & 0x3f)};
    }
    ci[2].path = 0xffffffffu;
    ci[2].len = 32;
    unsigned char *b = NULL;
    REQUIRE(clusters_serialize(h, ci, NW, 16, &b, len) == 0, "serialise");
    return b;
}

static void test_round_trip(void)
{
    size_t len = 0;
    unsigned char *b = make_blob(&len);
    REQUIRE(b != NULL, "blob");
    CHECK_INT(len, CLUSTERS_HEADER_SIZE + NW * CLUSTERS_ENTRY_SIZE);
    word_clusters *wc = NULL;
    REQUIRE(clusters_load(&wc, b, len) == 0, "load");
    memset(b, 0xAA, len); /* the loaded clusters must not refer to the blob */
    free(b);
    CHECK_INT(clusters_size(wc), NW);
    CHECK_INT(clusters_count(wc), 16);
    for (size_t i = 0; i < NW; i++) {
        cluster_info ci;
        CHECK(clusters_lookup(wc, words[i], strlen(words[i]), &ci) == 1, "%s not found", words[i]);
        CHECK_INT(ci.cluster, i);
        CHECK_INT(ci.len, i == 2 ? 32 : i + 3);
        CHECK_INT(ci.path, i == 2 ? 0xffffffffu : i + 1);
        CHECK_INT(ci.info, i & 0x3f);
    }
    cluster_info ci;
    CHECK(clusters_lookup(wc, "تركيا", strlen("تركيا"), &ci) == 0, "unknown word found");
    CHECK(ci.len == 0 && ci.path == 0, "unknown word not zeroed");
    CHECK(clusters_lookup(wc, "سوري", strlen("سوري"), &ci) == 0, "prefix of a word found");
    CHECK(clusters_lookup(NULL, "سوريا", strlen("سوريا"), &ci) == 0, "NULL clusters");
    clusters_free(wc);
    clusters_free(NULL);
}

static void test_serialize_deterministic(void)
{
    size_t l1 = 0, l2 = 0;
    unsigned char *a = make_blob(&l1), *b = make_blob(&l2);
    REQUIRE(a && b, "blobs");
    CHECK(l1 == l2 && !memcmp(a, b, l1), "two serialisations differ");
    free(a);
    free(b);
    /* invalid input is refused */
    uint64_t h[2] = {1, 1};
    cluster_info ci[2] = {{1, 0, 1, 0}, {0, 0, 1, 0}};
    unsigned char *o = NULL;
    size_t ol = 0;
    CHECK(clusters_serialize(h, ci, 2, 4, &o, &ol) == -1, "duplicate hashes accepted");
    h[1] = 2;
    ci[1].len = 0;
    CHECK(clusters_serialize(h, ci, 2, 4, &o, &ol) == -1, "zero-length path accepted");
    ci[1].len = 1;
    ci[1].path = 2; /* more bits than the length */
    CHECK(clusters_serialize(h, ci, 2, 4, &o, &ol) == -1, "path longer than its length accepted");
    ci[1].path = 1;
    ci[1].cluster = 4;
    CHECK(clusters_serialize(h, ci, 2, 4, &o, &ol) == -1, "cluster out of range accepted");
}

static void test_corrupt_rejected(void)
{
    size_t len = 0;
    unsigned char *b = make_blob(&len);
    REQUIRE(b != NULL, "blob");
    word_clusters *wc = (word_clusters *)&len; /* must be reset to NULL on failure */
    CHECK(clusters_load(&wc, NULL, 0) == -1, "NULL blob");
    CHECK(wc == NULL, "out not reset");
    /* every truncation */
    for (size_t l = 0; l < len; l++) {
        CHECK(clusters_load(&wc, b, l) == -1, "truncated to %zu accepted", l);
        CHECK(wc == NULL, "out set on failure");
    }
    /* one byte longer */
    unsigned char *big = malloc(len + 1);
    REQUIRE(big != NULL, "malloc");
    memcpy(big, b, len);
    big[len] = 0;
    CHECK(clusters_load(&wc, big, len + 1) == -1, "trailing byte accepted");
    free(big);
    /* every single-byte change (the checksum or a field check catches it) */
    unsigned char *c = malloc(len);
    REQUIRE(c != NULL, "malloc");
    for (size_t i = 0; i < len; i++) {
        memcpy(c, b, len);
        c[i] ^= 0x5A;
        int rc = clusters_load(&wc, c, len);
        CHECK(rc == -1, "byte %zu changed: %d", i, rc);
        if (!rc) clusters_free(wc);
    }
    /* a valid checksum over invalid content: entries out of order, a bad
     * path length, a cluster out of range, a foreign magic, a version */
    static const struct {
        size_t off;
        unsigned char v;
    } edits[] = {
        {CLUSTERS_HEADER_SIZE + 14, 0},                           /* path length 0 */
        {CLUSTERS_HEADER_SIZE + 14, 33},                          /* path length 33 */
        {CLUSTERS_HEADER_SIZE + 13, 1},                           /* cluster 256+ >= 16 */
        {CLUSTERS_HEADER_SIZE + 15, 0x80},                        /* reserved info bits */
        {CLUSTERS_HEADER_SIZE + CLUSTERS_ENTRY_SIZE + 7, 0x00},   /* hash order */
        {0, 'X'},                                                 /* magic */
        {8, 9},                                                   /* version */
        {16, 0},                                                  /* no clusters */
    };
    for (size_t k = 0; k < sizeof edits / sizeof *edits; k++) {
        memcpy(c, b, len);
        c[edits[k].off] = edits[k].v;
        if (edits[k].off == CLUSTERS_HEADER_SIZE + CLUSTERS_ENTRY_SIZE + 7) {
            /* make entry 1's hash smaller than entry 0's */
            memset(c + CLUSTERS_HEADER_SIZE + CLUSTERS_ENTRY_SIZE, 0, 8);
        }
        if (edits[k].off == 16) memset(c + 16, 0, 4);
        /* recompute the checksum so that only the field checks can refuse */
        uint64_t h = 0xcbf29ce484222325ull;
        for (size_t i = 0; i < len; i++) {
            if (i >= 24 && i < 32) continue;
            h ^= c[i];
            h *= 0x100000001b3ull;
        }
        for (int i = 0; i < 8; i++) c[24 + i] = (unsigned char)(h >> (8 * i));
        int rc = clusters_load(&wc, c, len);
        CHECK(rc == -1, "edit %zu accepted (%d)", k, rc);
        if (!rc) clusters_free(wc);
    }
    free(c);
    free(b);
}

static void test_tagger_tok_clusters(void)
{
    size_t len = 0;
    unsigned char *b = make_blob(&len);
    word_clusters *wc = NULL;
    REQUIRE(b && clusters_load(&wc, b, len) == 0, "load");
    free(b);
    tagger_tok t[3] = {
        {.norm = "وسوريا", .prefix = "و", .stem = "سوريا", .suffix = "", .kind = 1},
        {.norm = "تركيا", .prefix = "", .stem = "تركيا", .suffix = "", .kind = 1, .cpath = 77, .ccluster = 7, .clen = 7, .cinfo = 7}, /* stale fields are cleared */
        {.norm = "2020", .prefix = "", .stem = "", .suffix = "", .kind = 3},       /* empty stem: the norm */
    };
    tagger_tok_clusters(t, 3, wc);
    CHECK(t[0].clen == 3 && t[0].cpath == 1 && t[0].ccluster == 0, "stem of وسوريا");
    CHECK(t[1].clen == 0 && t[1].cpath == 0 && t[1].ccluster == 0 && t[1].cinfo == 0, "unknown word");
    CHECK(t[2].clen == 9 && t[2].ccluster == 6, "norm used when the stem is empty");
    tagger_tok_clusters(t, 3, NULL);
    CHECK(t[0].clen == 0 && t[2].clen == 0, "NULL clusters clear the fields");
    /* cluster features change the tagger's features; none when unknown */
    uint32_t f1[3 * TAGGER_MAX_FEATS], o1[4], f2[3 * TAGGER_MAX_FEATS], o2[4];
    size_t n1 = tagger_features(t, 3, 18, f1, o1);
    tagger_tok_clusters(t, 3, wc);
    size_t n2 = tagger_features(t, 3, 18, f2, o2);
    CHECK(n2 > n1, "no cluster features (%zu vs %zu)", n2, n1);
    for (size_t i = 0; i < 3; i++) CHECK(o2[i + 1] - o2[i] <= TAGGER_MAX_FEATS, "too many features at %zu", i);
    clusters_free(wc);
}

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(n > 0 ? (size_t)n : 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void test_committed_clusters(void)
{
#ifdef SYRIA_CLUSTERS_PATH
    size_t len = 0;
    unsigned char *b = read_file(SYRIA_CLUSTERS_PATH, &len);
    if (!b) {
        fprintf(stderr, "\n    skipped: %s absent\n", SYRIA_CLUSTERS_PATH);
        return;
    }
    word_clusters *wc = NULL;
    REQUIRE(clusters_load(&wc, b, len) == 0, "the committed clusters do not load");
    free(b);
    CHECK(clusters_size(wc) > 10000, "only %zu words", clusters_size(wc));
    /* common news words are known; countries share a coarse cluster */
    static const char *const known[] = {"سوريا", "روسيا", "تركيا", "قال", "رئيس", "وزير"};
    cluster_info ci[6];
    for (size_t i = 0; i < 6; i++)
        CHECK(clusters_lookup(wc, known[i], strlen(known[i]), &ci[i]) == 1, "%s unknown", known[i]);
    unsigned p0 = ci[0].len >= 4 ? ci[0].path >> (ci[0].len - 4) : 99, p1 = ci[1].len >= 4 ? ci[1].path >> (ci[1].len - 4) : 98;
    CHECK(p0 == p1, "سوريا and روسيا in different 4-bit clusters");
    clusters_free(wc);
#endif
}

int main(void)
{
    static const tu_test tests[] = {
        {"blob round trip and look-up", test_round_trip},
        {"serialisation deterministic, invalid entries refused", test_serialize_deterministic},
        {"corrupt, truncated and foreign blobs are refused", test_corrupt_rejected},
        {"tagger_tok_clusters fills and clears the cluster fields", test_tagger_tok_clusters},
        {"the committed clusters.bin loads", test_committed_clusters},
        {NULL, NULL},
    };
    return tu_run("clusters", tests);
}
