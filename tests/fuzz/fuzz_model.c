/* fuzz_model: arbitrary bytes to syria_model_load_memory().
 *
 * Each input is loaded twice: as is, and (when it is at least a header long
 * and starts with the magic "SYRIAMDL") with the header's total size and
 * FNV-1a checksum rewritten to match, so mutations get past the checksum
 * into the section parsers. Whenever a model loads, a fixed Arabic sentence
 * is analysed with it (with and without clitic splitting), every getter is
 * checked (fuzz_common.c) and the document is exported to JSON.
 * Failures must return SYRIA_EMODEL (or ENOMEM) with *out NULL. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <syria/syria.h>

#include "fuzz_common.c"

/* libsyria/src/model/model.h (format 1): 32-byte header, magic at 0, total
 * size at 16, FNV-1a 64 of the bytes after the header at 24. */
#define HDR 32u

static const char sentence[] =
    "وقال لافروف إن روسيا وتركيا اتفقتا بالمنطقة للأسد، وكتابهم العسكـ.ـرية 69,062 في ٣٫٥ #سوريا.\n"
    "والمملكة فسيقولون: لن نقبل! Ankara, 2020-02-18.";

static uint64_t fnv1a64(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static void wr64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static void try_load(const unsigned char *data, size_t size)
{
    syria_model *m = (syria_model *)(uintptr_t)1;
    int rc = syria_model_load_memory(&m, data, size);
    if (rc != SYRIA_OK) {
        FUZZ_CHECK(m == NULL, "*out not NULL after a failed load");
        FUZZ_CHECK(rc == SYRIA_EMODEL || rc == SYRIA_ENOMEM, "bad model bytes gave a status other than SYRIA_EMODEL");
        FUZZ_CHECK(syria_error_last_code() == rc, "syria_error_last_code() differs from the returned status");
        return;
    }
    FUZZ_CHECK(m != NULL, "model load succeeded without a model");
    const char *desc = syria_model_description(m);
    FUZZ_CHECK(desc != NULL, "model description is NULL");
    (void)strlen(desc); /* NUL-terminated (ASan checks the read) */
    for (unsigned f = 0; f < 2; f++) {
        syria_options opt = SYRIA_OPTIONS_INIT;
        opt.flags = f ? SYRIA_OPT_NO_CLITICS : 0;
        opt.doc_date = "2020-02-18";
        syria_doc *doc = NULL;
        rc = syria_analyze(&doc, m, sentence, sizeof sentence - 1, &opt);
        FUZZ_CHECK(rc == SYRIA_OK || rc == SYRIA_ENOMEM, "a loaded model cannot analyse a plain sentence");
        if (rc != SYRIA_OK) continue;
        fuzz_check_doc(doc, sentence, sizeof sentence - 1, opt.flags);
        fuzz_check_exports(doc, 0);
        syria_doc_free(doc);
    }
    syria_model_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size private copy so that ASan sees any overread. */
    unsigned char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    memcpy(copy, data, size);
    try_load(copy, size);
    if (size >= HDR && memcmp(copy, "SYRIAMDL", 8) == 0) {
        wr64(copy + 16, (uint64_t)size);
        wr64(copy + 24, fnv1a64(copy + HDR, size - HDR));
        try_load(copy, size);
    }
    free(copy);
    return 0;
}
