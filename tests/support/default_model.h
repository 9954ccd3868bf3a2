/* The default model for a test program's main: loaded, or the reason on
 * stderr and main's exit status 1. */
#ifndef SYRIA_TEST_DEFAULT_MODEL_H
#define SYRIA_TEST_DEFAULT_MODEL_H

#include <stdio.h>

#include "syria/syria.h"

static inline int tu_load_default_model(syria_model **model)
{
    if (syria_model_load_default(model) == SYRIA_OK) return 0;
    fprintf(stderr, "cannot load the default model: %s\n", syria_error_last());
    return 1;
}

#endif
