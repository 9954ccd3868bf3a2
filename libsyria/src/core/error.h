/* Thread-local error reporting shared by every module. */
#ifndef SYRIA_CORE_ERROR_H
#define SYRIA_CORE_ERROR_H

#include "syria/syria.h"

/* Records a formatted message for syria_error_last() and returns code, so
 * callers can write `return syria_fail(SYRIA_EINVAL, "...")`. */
int syria_fail(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
