/* fuzz_json: syria_doc_to_json() under every export flag, including unknown
 * ones, with a fuzzed document name and text.
 *
 * Input layout: bytes 0-3 = export flags (little endian, any value),
 * byte 4 = name length L (0xff: no name), byte 5 = bit 0 SYRIA_OPT_NO_CLITICS,
 * bit 1 pass out_len as NULL, bit 2 use SYRIA_NORM_CASEFOLD|TA_MARBUTA|HAMZA;
 * then L bytes of document name (cut at a NUL), then the text. The text is
 * analysed with SYRIA_OPT_REPLACE_INVALID, so any bytes give a document.
 *
 * Checks: unknown flag bits give SYRIA_EINVAL and no string; known flags
 * give a NUL-free, valid UTF-8, strict JSON object starting with '{', on one
 * line unless SYRIA_JSON_PRETTY, with top-level "tokens" and "sentences"
 * exactly when SYRIA_JSON_NO_TOKENS is off, and pretty == compact modulo
 * whitespace. A document name that is not valid UTF-8 must either be refused
 * by syria_analyze() or still give valid UTF-8 JSON. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <syria/syria.h>

#include "fuzz_common.c"

static syria_model *model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    if (syria_model_load_default(&model) != SYRIA_OK) {
        fprintf(stderr, "fuzz_json: cannot load the default model: %s\n", syria_error_last());
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 6) return 0;
    unsigned flags = (unsigned)data[0] | (unsigned)data[1] << 8 | (unsigned)data[2] << 16 | (unsigned)data[3] << 24;
    unsigned nl = data[4], bits = data[5];
    data += 6, size -= 6;
    char *name = NULL;
    if (nl != 0xff) {
        if (nl > size) nl = (unsigned)size;
        name = malloc(nl + 1);
        if (!name) return 0;
        memcpy(name, data, nl);
        name[nl] = '\0';
        data += nl, size -= nl;
    }
    char *text = malloc(size ? size : 1);
    if (!text) {
        free(name);
        return 0;
    }
    memcpy(text, data, size);

    syria_options opt = SYRIA_OPTIONS_INIT;
    opt.flags = SYRIA_OPT_REPLACE_INVALID | ((bits & 1) ? SYRIA_OPT_NO_CLITICS : 0);
    if (bits & 4) opt.norm_flags |= SYRIA_NORM_CASEFOLD | SYRIA_NORM_TA_MARBUTA | SYRIA_NORM_HAMZA;
    opt.doc_name = name;
    opt.doc_date = "2020-02-18";
    syria_doc *doc = NULL;
    int rc = syria_analyze(&doc, model, text, size, &opt);
    int name_ok = !name || fuzz_utf8_valid_prefix((const unsigned char *)name, strlen(name)) == strlen(name);
    if (rc != SYRIA_OK) {
        FUZZ_CHECK(doc == NULL, "*out not NULL after a failure");
        FUZZ_CHECK(!name_ok || rc == SYRIA_ENOMEM, "syria_analyze failed with REPLACE_INVALID and a valid name");
        goto done;
    }
    fuzz_check_doc(doc, text, size, opt.flags);

    char *out = NULL;
    size_t out_len = (size_t)-1;
    rc = syria_doc_to_json(&out, (bits & 2) ? NULL : &out_len, doc, flags);
    if (flags & ~(SYRIA_JSON_PRETTY | SYRIA_JSON_NO_TOKENS)) {
        FUZZ_CHECK(rc == SYRIA_EINVAL, "unknown JSON flags not refused with SYRIA_EINVAL");
        FUZZ_CHECK(syria_error_last_code() == rc, "syria_error_last_code() differs from the returned status");
        FUZZ_CHECK(out == NULL, "a string was handed out on failure");
    } else {
        FUZZ_CHECK(rc == SYRIA_OK, "JSON export with known flags failed");
        if (bits & 2) out_len = out ? strlen(out) : 0;
        int keys = fuzz_check_json(out, out_len, (flags & SYRIA_JSON_PRETTY) != 0);
        FUZZ_CHECK((flags & SYRIA_JSON_NO_TOKENS) ? keys == 0 : keys == 3,
                   "\"tokens\"/\"sentences\" presence does not match SYRIA_JSON_NO_TOKENS");
    }
    syria_free(out);
    /* Both layouts for the token-less form too, against each other. */
    fuzz_check_exports(doc, flags & SYRIA_JSON_NO_TOKENS);
    syria_doc_free(doc);
done:
    free(text);
    free(name);
    return 0;
}
