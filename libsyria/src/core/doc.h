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

/* A named entity (tag stage). Tokens [tok_first, tok_first+tok_count) are
 * the ones it overlaps; the span may start inside the first (after its
 * proclitics) and end inside the last. Strings are offsets in doc->strings. */
typedef struct ent {
    uint32_t start, len;
    uint32_t tok_first, tok_count;
    uint32_t sentence;
    uint8_t type;                    /* syria_entity_type */
    uint8_t city;                    /* a GPE that is a town or province (its code is its country's) */
    uint8_t source;                  /* ent_source: which part of the tag stage found it */
    uint32_t canonical, code, value; /* "" when none */
} ent;

enum ent_source { ENT_FROM_DATES, ENT_FROM_LEXICON, ENT_FROM_TAGGER, ENT_FROM_CONSISTENCY };

/* An event participant: an entity (index into doc->ents, or -1) and its
 * actor code (string offset). */
typedef struct ev_actor {
    int32_t ent;
    uint32_t code;
} ev_actor;

/* An event (extract stage). Its actors are doc->actors[first_actor ..
 * first_actor + nsources + ntargets): sources first, then targets. */
typedef struct ev {
    uint32_t trig_start, trig_len;
    uint32_t type, mode, cameo; /* string offsets */
    int quad;
    double goldstein;
    uint32_t first_actor, nsources, ntargets;
    int32_t location, reported_by; /* entity indices, -1 when none */
    uint32_t date;                 /* string offset, "" when none */
    uint8_t status;                /* syria_event_status */
    uint32_t sentence;
} ev;

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

    ARRAY(ent) ents;          /* tag stage, in text order */
    ARRAY(ev_actor) actors;   /* extract stage */
    ARRAY(ev) evs;            /* extract stage, in text order */

    /* Public records, built once the stages are done (pointers into strings). */
    syria_token *tokens;
    syria_entity *entity_recs;
    syria_actor *actor_recs;
    syria_event *event_recs;
};

/* Appends a NUL-terminated copy of s[0..n) to doc->strings and returns its offset. */
uint32_t doc_intern(struct syria_doc *doc, const char *s, size_t n);

#endif
