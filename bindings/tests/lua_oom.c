/*
 * lua_oom SCRIPT: runs SCRIPT in a Lua state whose allocator can be made to
 * fail (ctest: lua_many_oom). The script gets two globals:
 *   oom_limit(n)  from now on, fail any allocation that would take the
 *                 bytes allocated past n more than now
 *   oom_unlimit() allocate freely again
 * so that it can run syria.analyze_many with every budget in turn: the call
 * must fail with Lua's memory error or succeed, and the sanitizer build
 * (LeakSanitizer) checks that no document is left behind either way.
 */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>

static size_t oom_used;    /* bytes allocated through Lua */
static size_t oom_ceiling; /* fail past this */
static int oom_limited;

static void *oom_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    size_t old = ptr ? osize : 0;
    (void)ud;
    if (nsize == 0) {
        free(ptr);
        oom_used -= old;
        return NULL;
    }
    if (oom_limited && nsize > old && oom_used + (nsize - old) > oom_ceiling) return NULL;
    void *p = realloc(ptr, nsize);
    if (p) oom_used = oom_used - old + nsize;
    return p;
}

static int oom_limit(lua_State *L)
{
    lua_Integer n = luaL_checkinteger(L, 1);
    oom_ceiling = oom_used + (n < 0 ? 0 : (size_t)n);
    oom_limited = 1;
    return 0;
}

static int oom_unlimit(lua_State *L)
{
    (void)L;
    oom_limited = 0;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: lua_oom SCRIPT\n");
        return 2;
    }
    lua_State *L = lua_newstate(oom_alloc, NULL);
    if (!L) return 1;
    luaL_openlibs(L);
    lua_register(L, "oom_limit", oom_limit);
    lua_register(L, "oom_unlimit", oom_unlimit);
    int status = luaL_dofile(L, argv[1]);
    if (status != LUA_OK) fprintf(stderr, "lua_oom: %s\n", lua_tostring(L, -1));
    lua_close(L);
    return status == LUA_OK ? 0 : 1;
}
