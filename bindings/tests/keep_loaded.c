/*
 * Sanitizer builds only, preloaded into the interpreters: dlclose() leaves
 * shared objects mapped. lua_close() unloads syria.so, and with it
 * libsyria and ICU, whose caches are referenced from their static data;
 * once unmapped, LeakSanitizer would report those caches as leaks.
 */
int dlclose(void *handle);

int dlclose(void *handle)
{
    (void)handle;
    return 0;
}
