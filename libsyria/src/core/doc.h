/* The document object: the one structure every stage reads from and writes
 * to, in order (normalise -> tokenise -> clitics -> sentences -> tag ->
 * extract -> export). Offsets are 32-bit: texts are limited to
 * SYRIA_MAX_TEXT bytes. */
#ifndef SYRIA_CORE_DOC_H
#define SYRIA_CORE_DOC_H

#include <stdint.h>

#include "core/buf.h"
#include "syria/syria.h"

typedef struct tok {
    uint32_t start, len;     /* surface span in the original text */
    uint8_t kind;            /* syria_token_kind */
    uint8_t obfuscated;      /* broken with tatweel and dots: normalise with NORM_DEOBFUSCATE */
    uint32_t norm;           /* offset of the user-visible norm in doc->strings */
    uint32_t key, key_len;   /* the model's normalisation (== norm with default flags) */
    uint32_t prefix, stem, suffix; /* clitic split, offsets in doc->strings */
    uint32_t stem_start, stem_len, article_start; /* surface spans of the split */
    uint32_t sentence;
} tok;

struct syria_doc {
    char *text; /* private, NUL-terminated copy of the input */
    size_t text_len;
    char *name;
    char date[11];
    const struct syria_model *model;
    unsigned flags, norm_flags;

    ARRAY(tok) toks;
    ARRAY(syria_sentence) sents;
    strbuf strings; /* every NUL-terminated string the records point to */

    /* Public records, built once the stages are done (pointers into strings). */
    syria_token *tokens;
    ARRAY(syria_entity) ents;
    ARRAY(syria_event) evs;
};

/* Appends a NUL-terminated copy of s[0..n) to doc->strings and returns its offset. */
uint32_t doc_intern(struct syria_doc *doc, const char *s, size_t n);

#endif
