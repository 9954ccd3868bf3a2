/* Growable byte and array buffers. Failures are sticky: once an allocation
 * fails, `failed` is set and later appends are ignored, so a stage can check
 * once at its end instead of after every append. */
#ifndef SYRIA_CORE_BUF_H
#define SYRIA_CORE_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct strbuf {
    char *data;
    size_t len, cap;
    int failed;
    int fixed; /* data is caller-owned storage of cap bytes: never reallocated */
} strbuf;

int strbuf_grow(strbuf *b, size_t extra);

static inline void strbuf_append(strbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap && !strbuf_grow(b, n + 1)) return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void strbuf_putc(strbuf *b, char c)
{
    if (b->len + 2 > b->cap && !strbuf_grow(b, 2)) return;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

static inline void strbuf_puts(strbuf *b, const char *s)
{
    strbuf_append(b, s, strlen(s));
}

void strbuf_printf(strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static inline void strbuf_free(strbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Typed growable array: ARRAY(type) name; array_push(&name) returns a pointer
 * to a zeroed new slot or NULL when memory ran out. */
#define ARRAY(T) struct { T *items; size_t count, cap; }

void *array_grow_(void **items, size_t *cap, size_t count, size_t elem);

#define array_push(a)                                                                   \
    ((a)->count < (a)->cap || array_grow_((void **)&(a)->items, &(a)->cap, (a)->count,  \
                                          sizeof *(a)->items)                           \
         ? (memset(&(a)->items[(a)->count], 0, sizeof *(a)->items), &(a)->items[(a)->count++]) \
         : NULL)

#define array_free(a) (free((a)->items), (a)->items = NULL, (a)->count = (a)->cap = 0)

#endif
