/* The public syria_normalize(): the normaliser on its own. */
#include <string.h>

#include "core/error.h"
#include "core/utf8.h"
#include "normalize/normalize.h"

SYRIA_API int syria_normalize(char **out, size_t *out_len, const char *text, size_t len, unsigned flags)
{
    if (!out) return syria_fail(SYRIA_EINVAL, "syria_normalize: out is NULL");
    *out = NULL;
    if (out_len) *out_len = 0;
    if (!text) return syria_fail(SYRIA_EINVAL, "syria_normalize: text is NULL");
    if (flags & ~0x07ffu) return syria_fail(SYRIA_EINVAL, "syria_normalize: unknown flags 0x%x", flags);
    if (len == SYRIA_NUL_TERMINATED) len = strlen(text);
    size_t bad = utf8_validate(text, len);
    if (bad < len) return syria_fail(SYRIA_EUTF8, "invalid UTF-8 at byte %zu", bad);
    if (memchr(text, '\0', len)) return syria_fail(SYRIA_ENUL, "NUL byte in text");
    strbuf b = {0};
    strbuf_grow(&b, len + 1);
    norm_append(&b, text, len, flags);
    strbuf_putc(&b, '\0');
    if (b.failed) {
        strbuf_free(&b);
        return syria_fail(SYRIA_ENOMEM, "out of memory");
    }
    b.len--; /* the NUL just written */
    *out = b.data;
    if (out_len) *out_len = b.len;
    return SYRIA_OK;
}
