/* A small strict JSON (RFC 8259) reader for the tests: recursive descent,
 * rejects trailing data, raw control characters and invalid UTF-8 in strings,
 * bad escapes, malformed numbers and duplicate object keys. */
#ifndef SYRIA_MINIJSON_H
#define SYRIA_MINIJSON_H

#include <stddef.h>

typedef enum { MJ_NULL, MJ_BOOL, MJ_NUMBER, MJ_STRING, MJ_ARRAY, MJ_OBJECT } mj_type;

typedef struct mj_value {
    mj_type type;
    int boolean;
    double number;
    int is_integer;     /* the number was written without fraction or exponent */
    char *string;       /* decoded UTF-8, NUL-terminated (may contain NUL from \u0000) */
    size_t string_len;
    size_t count;       /* array items or object members */
    struct mj_value *items;
    char **keys;        /* object keys, decoded */
} mj_value;

/* Parses s[0..n). Returns NULL with a message in err on any error. */
mj_value *mj_parse(const char *s, size_t n, char *err, size_t errcap);
void mj_free(mj_value *v);

/* Object member by key, or NULL. */
const mj_value *mj_get(const mj_value *obj, const char *key);

/* Deep equality (object members compared by key). */
int mj_equal(const mj_value *a, const mj_value *b);

#endif
