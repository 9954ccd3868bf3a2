/* The trigger lexicon (libsyria/lexicons/triggers.tsv, compiled into
 * trigger_table.c by tools/gen/gen_triggers.py) and the matcher that finds
 * its entries in a document's tokens. Format and rules: docs/EVENTS.md. */
#ifndef SYRIA_EXTRACT_TRIGGERS_H
#define SYRIA_EXTRACT_TRIGGERS_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct syria_doc;

typedef enum trig_kind {
    TK_EVENT = 0, /* an event trigger: type = PLOVER type, code = CAMEO code */
    TK_SAY,       /* a reporting verb or noun: not an event */
    TK_NEG,       /* negation cue */
    TK_FUT,       /* future / planned cue */
    TK_ROLE,      /* role noun: code = GOV, MIL, REB, ... */
    TK_ACTOR,     /* common noun naming an actor: code = full actor code */
    TK_STOP,      /* a phrase that is no trigger (مواقع التواصل، البحث عن): it only takes its words */
    TK_PAIR       /* "the two sides" (الطرفان، الجانبين): the parties of the last event */
} trig_kind;

typedef enum trig_frame {
    TF_DEFAULT = 0,
    TF_OBJ,  /* transitive: the object is a target; a noun's genitive is the agent */
    TF_PREP, /* SAY: the speaker follows (بحسب، وفقا ل) */
    TF_PAT,  /* like TF_OBJ, but a noun's genitive is the target (اعتقال X) */
    TF_INV   /* the object acts, the subject undergoes (X فشل في إقناع Y: Y rejects X) */
} trig_frame;

#define TRIG_MAX_WORDS 6
#define TRIG_MAX_GAP 3

typedef struct trig_entry {
    uint8_t kind;      /* trig_kind */
    const char *type;  /* "CONSULT", "SAY", "ROLE", ... */
    const char *code;  /* CAMEO code, role or actor code; "-" when none */
    uint8_t frame;     /* trig_frame */
    uint8_t nwords;
    uint8_t gaps;      /* bit k: up to TRIG_MAX_GAP tokens may come before word k */
    uint16_t line;     /* line in triggers.tsv */
} trig_entry;

typedef struct trig_form {
    const char *form; /* normalised written form */
    uint16_t entry;   /* index in trig_entries */
    uint8_t word;     /* which word of the entry's pattern */
    uint8_t verb;     /* 1 a verb form only, 0 a noun form only, 2 both (دعم، اتفق) */
} trig_form;

extern const trig_entry trig_entries[];
extern const size_t trig_nentries;
extern const trig_form trig_forms[]; /* sorted by form (bytes) */
extern const size_t trig_nforms;

/* The forms equal to s[0..n): *first is the first index, the return value
 * the count (0 when none). */
size_t trig_find(const char *s, size_t n, size_t *first);

/* One match of an entry on tokens first..last (inclusive; tokens between
 * matched words may belong to a gap). verb: the first word matched a verb form. */
typedef struct trig_match {
    uint32_t entry;
    uint32_t first, last;
    uint8_t verb;
} trig_match;

typedef ARRAY(trig_match) trig_match_array;

/* Finds the lexicon's entries in the document's tokens, leftmost-longest,
 * never across a sentence or a punctuation token; appends them in text order.
 * Returns SYRIA_OK or SYRIA_ENOMEM. */
int trig_match_doc(const struct syria_doc *doc, trig_match_array *out);

#endif
