/* The CAMEO code table (generated: cameo_table.c, by tools/gen/gen_cameo.py
 * from ../shared/data/cameo/cameo_codes.tsv). */
#ifndef SYRIA_EXTRACT_CAMEO_H
#define SYRIA_EXTRACT_CAMEO_H

#include <stddef.h>

typedef struct cameo_row {
    const char *code;   /* "040", "0871" */
    const char *plover; /* PLOVER event type ("CONSULT"; "dropped" for 01x/02x; "" when unmapped) */
    const char *mode;   /* PLOVER mode, "" when none */
    int quad;           /* Phoenix quad class 0-4 */
    double goldstein;   /* GDELT Goldstein scale */
} cameo_row;

extern const cameo_row cameo_rows[]; /* sorted by code (strcmp) */
extern const size_t cameo_nrows;

/* The row of a code, or NULL. */
const cameo_row *cameo_lookup(const char *code);

#endif
