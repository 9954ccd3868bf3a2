#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>

/* One buffer per thread: no locks, no global mutable state shared between
 * threads. */
static _Thread_local char last_message[512];
static _Thread_local int last_code;

int syria_fail(int code, const char *fmt, ...)
{
    last_code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    va_end(ap);
    return code;
}

SYRIA_API const char *syria_error_last(void)
{
    return last_message;
}

SYRIA_API int syria_error_last_code(void)
{
    return last_code;
}

SYRIA_API const char *syria_strerror(int code)
{
    switch (code) {
    case SYRIA_OK: return "success";
    case SYRIA_EINVAL: return "invalid argument";
    case SYRIA_ENOMEM: return "out of memory";
    case SYRIA_EUTF8: return "invalid UTF-8";
    case SYRIA_ENUL: return "NUL byte in text";
    case SYRIA_EMODEL: return "corrupt or incompatible model";
    case SYRIA_EIO: return "input/output error";
    case SYRIA_ERANGE: return "out of range";
    case SYRIA_EDATE: return "invalid date";
    case SYRIA_ETOOBIG: return "input too large";
    case SYRIA_EINTERNAL: return "internal error";
    default: return "unknown error";
    }
}
