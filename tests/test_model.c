/* Model loading: the embedded default, files, and corrupt blobs in memory.
 * SYRIA_DEFAULT_MODEL_PATH (from CMake) is the source tree's default.smdl. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "support/testutil.h"
#include "syria/syria.h"

#ifndef SYRIA_DEFAULT_MODEL_PATH
#error "SYRIA_DEFAULT_MODEL_PATH must be defined by the build"
#endif
#ifndef SYRIA_TEST_TMPDIR
#define SYRIA_TEST_TMPDIR "."
#endif

static unsigned char *blob;
static size_t blob_len;

/* Header layout (model/model.h): magic, u32 version @8, u32 count @12,
 * u64 total @16, u64 FNV-1a of [32, total) @24, then 24-byte section entries
 * { tag[4], u32, u64 offset, u64 length }. */
static uint32_t rd32(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static uint64_t rd64(const unsigned char *p) { return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32; }
static void wr32(unsigned char *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i)); }
static void wr64(unsigned char *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i)); }

/* Recomputes the checksum so that only the intended damage is seen. */
static void fix_checksum(unsigned char *b, size_t n) { wr64(b + 24, tu_fnv1a64(b + 32, n - 32)); }

static unsigned char *copy_blob(void)
{
    unsigned char *c = malloc(blob_len);
    if (c) memcpy(c, blob, blob_len);
    return c;
}

/* Offset of the section table entry with tag, or 0. */
static size_t section_entry(const unsigned char *b, const char *tag)
{
    uint32_t count = rd32(b + 12);
    for (uint32_t k = 0; k < count; k++)
        if (memcmp(b + 32 + 24 * (size_t)k, tag, 4) == 0) return 32 + 24 * (size_t)k;
    return 0;
}

static void expect_emodel(const void *data, size_t len, const char *what)
{
    syria_model *m = (syria_model *)(uintptr_t)1; /* must be reset to NULL */
    int rc = syria_model_load_memory(&m, data, len);
    CHECK(rc == SYRIA_EMODEL, "%s: got %d (%s), expected SYRIA_EMODEL", what, rc, syria_error_last());
    CHECK(m == NULL, "%s: *out not NULL after failure", what);
    CHECK(syria_error_last()[0] != '\0', "%s: no message", what);
    CHECK(syria_error_last_code() == SYRIA_EMODEL, "%s: last code %d", what, syria_error_last_code());
    if (rc == SYRIA_OK) syria_model_free(m);
}

static char *analyse_json(const syria_model *m, const char *text)
{
    syria_doc *doc = NULL;
    char *json = NULL;
    if (syria_analyze(&doc, m, text, strlen(text), NULL) != SYRIA_OK) return NULL;
    if (syria_doc_to_json(&json, NULL, doc, 0) != SYRIA_OK) json = NULL;
    syria_doc_free(doc);
    return json;
}

static const char sample[] =
    "\xd9\x88\xd8\xa3\xd9\x83\xd8\xaf \xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1 \xd8\xa7\xd9\x84\xd8\xae\xd8\xa7\xd8\xb1\xd8\xac\xd9\x8a\xd8\xa9 "
    "\xd9\x84\xd8\xa7\xd9\x81\xd8\xb1\xd9\x88\xd9\x81 \xd8\xa3\xd9\x86 \xd9\x88\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7 "
    "\xd8\xa8\xd8\xa7\xd9\x84\xd9\x85\xd9\x86\xd8\xb7\xd9\x82\xd8\xa9 \xd9\x84\xd9\x84\xd9\x86\xd8\xb8\xd8\xa7\xd9\x85. "
    "\xd8\xaf. \xd9\x85\xd8\xad\xd9\x85\xd8\xaf 3.5\n\xd9\x88\xd8\xb3\xd9\x8a\xd8\xac\xd8\xaa\xd9\x85\xd8\xb9 \xd8\xba\xd8\xaf\xd8\xa7";

static void test_default(void)
{
    syria_model *m = NULL;
    REQUIRE(syria_model_load_default(&m) == SYRIA_OK && m, "%s", syria_error_last());
    const char *d = syria_model_description(m);
    CHECK(d && strlen(d) > 10 && strstr(d, "libsyria"), "description \"%s\"", d ? d : "(null)");
    char *json = analyse_json(m, sample);
    CHECK(json != NULL && strstr(json, "\"tokens\":[{"), "cannot analyse with the default model");
    syria_free(json);
    syria_model_free(m);
    /* Loading twice gives two independent models. */
    syria_model *a = NULL, *b = NULL;
    REQUIRE(syria_model_load_default(&a) == SYRIA_OK && syria_model_load_default(&b) == SYRIA_OK, "%s", syria_error_last());
    CHECK(a != b, "the same handle twice");
    syria_model_free(a);
    syria_model_free(b);
    CHECK_INT(syria_model_load_default(NULL), SYRIA_EINVAL);
}

static void test_files(void)
{
    syria_model *m = (syria_model *)(uintptr_t)1;
    CHECK_INT(syria_model_load_file(&m, SYRIA_TEST_TMPDIR "/no/such/model.smdl"), SYRIA_EIO);
    CHECK_INT(syria_error_last_code(), SYRIA_EIO);
    CHECK(m == NULL, "*out not NULL after SYRIA_EIO");
    CHECK(strstr(syria_error_last(), "model.smdl") != NULL, "message \"%s\" does not name the file", syria_error_last());
    CHECK_INT(syria_model_load_file(&m, SYRIA_TEST_TMPDIR), SYRIA_EIO); /* a directory */
    CHECK_INT(syria_model_load_file(&m, NULL), SYRIA_EINVAL);
    CHECK_INT(syria_model_load_file(NULL, SYRIA_DEFAULT_MODEL_PATH), SYRIA_EINVAL);

    /* The source tree's model file loads and matches the embedded one. */
    REQUIRE(syria_model_load_file(&m, SYRIA_DEFAULT_MODEL_PATH) == SYRIA_OK, "%s", syria_error_last());
    syria_model *def = NULL;
    REQUIRE(syria_model_load_default(&def) == SYRIA_OK, "%s", syria_error_last());
    CHECK_STR(syria_model_description(m), syria_model_description(def));
    syria_model_free(m);
    syria_model_free(def);

    /* A truncated file is SYRIA_EMODEL, not SYRIA_EIO. */
    const char *path = SYRIA_TEST_TMPDIR "/test_model_truncated.smdl";
    FILE *f = fopen(path, "wb");
    REQUIRE(f != NULL, "cannot write %s", path);
    fwrite(blob, 1, blob_len / 2, f);
    fclose(f);
    CHECK_INT(syria_model_load_file(&m, path), SYRIA_EMODEL);
    remove(path);
}

static void test_empty_and_garbage(void)
{
    unsigned char g[4096] = {0};
    expect_emodel(g, 0, "empty");
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof g; i++) {
        x = x * 1103515245u + 12345u;
        g[i] = (unsigned char)(x >> 16);
    }
    expect_emodel(g, sizeof g, "random bytes");
    memcpy(g, "SYRIAMDL", 8);
    expect_emodel(g, sizeof g, "magic then random bytes");
    expect_emodel("SYRIAMDL", 8, "magic only");
    syria_model *m = NULL;
    CHECK_INT(syria_model_load_memory(&m, NULL, 10), SYRIA_EINVAL);
    CHECK_INT(syria_model_load_memory(NULL, blob, blob_len), SYRIA_EINVAL);
}

static void test_truncated(void)
{
    size_t lengths[] = {1, 8, 16, 31, 32, 33, 56, 100, 1000, blob_len / 3, blob_len / 2, blob_len - 100, blob_len - 1};
    for (size_t k = 0; k < sizeof lengths / sizeof *lengths; k++) {
        char what[64];
        snprintf(what, sizeof what, "truncated to %zu bytes", lengths[k]);
        expect_emodel(blob, lengths[k], what);
    }
    /* Truncated, with the header's length and checksum made consistent: the
     * section bounds must catch it. */
    unsigned char *c = copy_blob();
    REQUIRE(c != NULL, "out of memory");
    size_t cuts[] = {100, 200, 1000, blob_len / 2, blob_len - 1};
    for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
        memcpy(c, blob, blob_len);
        wr64(c + 16, cuts[k]);
        fix_checksum(c, cuts[k]);
        char what[80];
        snprintf(what, sizeof what, "truncated to %zu with a consistent header", cuts[k]);
        expect_emodel(c, cuts[k], what);
    }
    /* One byte too many. */
    unsigned char *longer = malloc(blob_len + 1);
    REQUIRE(longer != NULL, "out of memory");
    memcpy(longer, blob, blob_len);
    longer[blob_len] = 0;
    expect_emodel(longer, blob_len + 1, "padded by one byte");
    free(longer);
    free(c);
}

static void test_flipped_bytes(void)
{
    unsigned char *c = copy_blob();
    REQUIRE(c != NULL, "out of memory");
    size_t offsets[] = {0, 7, 8, 12, 16, 24, 31, 32, 40, 48, 100, 200, 1000, blob_len / 3, blob_len / 2, blob_len - 1};
    for (size_t k = 0; k < sizeof offsets / sizeof *offsets; k++) {
        memcpy(c, blob, blob_len);
        c[offsets[k]] ^= 0x20;
        char what[64];
        snprintf(what, sizeof what, "byte %zu flipped", offsets[k]);
        expect_emodel(c, blob_len, what);
    }
    free(c);
}

static void test_bad_structure(void)
{
    unsigned char *c = copy_blob();
    REQUIRE(c != NULL, "out of memory");
    size_t desc = section_entry(blob, "DESC"), lex = section_entry(blob, "LEX1"), clit = section_entry(blob, "CLIT");
    REQUIRE(desc && lex && clit, "the default model lacks DESC/LEX1/CLIT sections");

    /* Other format versions. */
    uint32_t versions[] = {0, 2, 99, 0xFFFFFFFFu};
    for (size_t k = 0; k < 4; k++) {
        memcpy(c, blob, blob_len);
        wr32(c + 8, versions[k]);
        fix_checksum(c, blob_len);
        char what[64];
        snprintf(what, sizeof what, "format version %u", versions[k]);
        expect_emodel(c, blob_len, what);
    }

#define DAMAGE(what, stmt)                   \
    do {                                     \
        memcpy(c, blob, blob_len);           \
        stmt;                                \
        fix_checksum(c, blob_len);           \
        expect_emodel(c, blob_len, what);    \
    } while (0)

    DAMAGE("section offset past the end", wr64(c + desc + 8, blob_len + 1000));
    DAMAGE("section offset far past the end", wr64(c + lex + 8, UINT64_MAX - 4));
    DAMAGE("section length past the end", wr64(c + clit + 16, blob_len));
    DAMAGE("section length overflowing", wr64(c + lex + 16, UINT64_MAX));
    DAMAGE("section count huge", wr32(c + 12, 0x7FFFFFFFu));
    DAMAGE("no lexicon section", memcpy(c + lex, "XXXX", 4));
    DAMAGE("two lexicon sections", memcpy(c + desc, "LEX1", 4));
    DAMAGE("lexicon count too large", wr32(c + rd64(blob + lex + 8), 0xFFFFFFF0u));
    DAMAGE("clitic count too large", wr32(c + rd64(blob + clit + 8), 100000));
    /* First clitic ratio: after u32 count, u16 length and the affix bytes. */
    size_t r0 = (size_t)rd64(blob + clit + 8) + 4;
    size_t affix_len = (size_t)(blob[r0] | blob[r0 + 1] << 8);
    DAMAGE("clitic ratio NaN", wr32(c + r0 + 2 + affix_len, 0x7FC00000u));
    DAMAGE("clitic ratio negative", wr32(c + r0 + 2 + affix_len, 0xBF800000u));
    DAMAGE("clitic affix length zero", (c[r0] = 0, c[r0 + 1] = 0));
#undef DAMAGE
    free(c);
}

static void test_intact_copy(void)
{
    syria_model *mem = NULL, *def = NULL;
    unsigned char *c = copy_blob();
    REQUIRE(c != NULL, "out of memory");
    REQUIRE(syria_model_load_memory(&mem, c, blob_len) == SYRIA_OK, "%s", syria_error_last());
    /* The bytes were copied: the caller's buffer may go. */
    memset(c, 0, blob_len);
    free(c);
    REQUIRE(syria_model_load_default(&def) == SYRIA_OK, "%s", syria_error_last());
    CHECK_STR(syria_model_description(mem), syria_model_description(def));
    char *a = analyse_json(mem, sample), *b = analyse_json(def, sample);
    CHECK(a && b && strcmp(a, b) == 0, "memory model and default model analyse differently:\n%s\n%s", a ? a : "(null)",
          b ? b : "(null)");
    CHECK(a && strstr(a, "\"prefix\":\"\xd9\x88\""), "no clitic split in the output: the comparison would be vacuous");
    syria_free(a);
    syria_free(b);
    syria_model_free(mem);
    syria_model_free(def);
    syria_model_free(NULL); /* NULL-safe */
}

int main(void)
{
    blob = (unsigned char *)tu_read_file(SYRIA_DEFAULT_MODEL_PATH, &blob_len);
    if (!blob || blob_len < 64) {
        fprintf(stderr, "cannot read %s\n", SYRIA_DEFAULT_MODEL_PATH);
        return 1;
    }
    static const tu_test tests[] = {
        {"default model", test_default},
        {"model files", test_files},
        {"empty and garbage blobs", test_empty_and_garbage},
        {"truncated blobs", test_truncated},
        {"flipped bytes (checksum)", test_flipped_bytes},
        {"bad version and section bounds", test_bad_structure},
        {"untouched bytes load and analyse identically", test_intact_copy},
        {NULL, NULL},
    };
    int rc = tu_run("model", tests);
    free(blob);
    return rc;
}
