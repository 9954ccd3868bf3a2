/* fuzz_analyze: arbitrary bytes as text for syria_analyze().
 *
 * Input layout: byte 0 = option bits, bytes 1-2 = normalisation flags
 * (little endian), the rest = the text.
 *   bit 0  SYRIA_OPT_REPLACE_INVALID
 *   bit 1  SYRIA_OPT_NO_CLITICS
 *   bits 2-4  doc_date, index into `dates` below (valid, invalid, NULL)
 *   bit 5  pass the length as SYRIA_NUL_TERMINATED (text cut at its first NUL)
 *   bit 6  set a doc_name
 *   bit 7  pass the 16 norm bits unmasked (bits above 0x07ff must be refused);
 *          when clear, norm bit 15 sets SYRIA_OPT_ANERCORP
 * Inputs shorter than 3 bytes are analysed with the default options.
 *
 * Checks: the status matches the input (EINVAL for unknown flags, EDATE for
 * an invalid date, EUTF8/ENUL without REPLACE_INVALID exactly when the text
 * is invalid / has a NUL, success otherwise), syria_error_last_code() agrees;
 * on success every getter's invariants (fuzz_common.c) and both JSON exports
 * (NUL-free valid UTF-8 strict JSON starting with '{', pretty == compact
 * modulo whitespace). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <syria/syria.h>

#include "fuzz_common.c"

static syria_model *model;

static const struct {
    const char *date;
    int valid;
} dates[8] = {
    {NULL, 1},          {"2020-02-18", 1}, {"2024-02-29", 1}, {"1999-12-31", 1},
    {"2023-02-29", 0},  {"2020-13-01", 0}, {"", 0},           {"2020-2-18x", 0},
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    if (syria_model_load_default(&model) != SYRIA_OK) {
        fprintf(stderr, "fuzz_analyze: cannot load the default model: %s\n", syria_error_last());
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    syria_options opt = SYRIA_OPTIONS_INIT;
    int date_valid = 1, flags_valid = 1, nul_term = 0;
    if (size >= 3) {
        unsigned b0 = data[0], nf = (unsigned)data[1] | (unsigned)data[2] << 8;
        opt.flags = b0 & 3u;
        opt.doc_date = dates[(b0 >> 2) & 7].date;
        date_valid = dates[(b0 >> 2) & 7].valid;
        nul_term = (b0 >> 5) & 1;
        if (b0 & 0x40) opt.doc_name = "fuzz \"doc\"\\\t\x01 \xd8\xb3\xd9\x88\xd8\xb1\xd9\x8a\xd8\xa7";
        opt.norm_flags = (b0 & 0x80) ? nf : (nf & 0x07ffu);
        if (!(b0 & 0x80) && (nf & 0x8000u)) opt.flags |= SYRIA_OPT_ANERCORP;
        flags_valid = (opt.norm_flags & ~0x07ffu) == 0;
        data += 3, size -= 3;
    }
    /* A private copy: exactly `size` bytes (ASan sees overreads), plus a
     * NUL-terminated one for the SYRIA_NUL_TERMINATED mode. */
    char *text = malloc(size ? size : 1);
    if (!text) return 0;
    memcpy(text, data, size);
    size_t len = size;
    char *ztext = NULL;
    if (nul_term) {
        ztext = malloc(size + 1);
        if (!ztext) {
            free(text);
            return 0;
        }
        memcpy(ztext, data, size);
        ztext[size] = '\0';
        len = strlen(ztext);
    }
    const char *arg = nul_term ? ztext : text;

    syria_doc *doc = (syria_doc *)(uintptr_t)1; /* must be reset to NULL on failure */
    int rc = syria_analyze(&doc, model, arg, nul_term ? SYRIA_NUL_TERMINATED : len, &opt);

    int expect;
    if (!flags_valid) expect = SYRIA_EINVAL;
    else if (!date_valid) expect = SYRIA_EDATE;
    else if (!(opt.flags & SYRIA_OPT_REPLACE_INVALID) &&
             fuzz_utf8_valid_prefix((const unsigned char *)arg, len) < len) expect = SYRIA_EUTF8;
    else if (!(opt.flags & SYRIA_OPT_REPLACE_INVALID) && memchr(arg, '\0', len)) expect = SYRIA_ENUL;
    else expect = SYRIA_OK;

    if (rc != SYRIA_OK) {
        FUZZ_CHECK(doc == NULL, "*out not NULL after a failure");
        FUZZ_CHECK(syria_error_last_code() == rc, "syria_error_last_code() differs from the returned status");
        FUZZ_CHECK(syria_error_last()[0] != '\0', "failure without a message");
        FUZZ_CHECK(rc != SYRIA_EINTERNAL, "SYRIA_EINTERNAL (a dependency failed)");
    }
    FUZZ_CHECK(rc == expect || rc == SYRIA_ENOMEM, "syria_analyze status differs from the expected status");

    if (rc == SYRIA_OK) {
        FUZZ_CHECK(doc != NULL, "success without a document");
        fuzz_check_doc(doc, arg, len, opt.flags);
        if (opt.doc_date) FUZZ_CHECK(strcmp(syria_doc_date(doc), opt.doc_date) == 0, "doc date not kept");
        if (opt.doc_name) FUZZ_CHECK(strcmp(syria_doc_name(doc), opt.doc_name) == 0, "doc name not kept");
        fuzz_check_exports(doc, 0);
        syria_doc_free(doc);
    }
    free(text);
    free(ztext);
    return 0;
}
