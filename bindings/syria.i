/*
 * syria.i: the one SWIG interface of libsyria, shared by every language.
 *
 * The raw C API is hidden; this file declares a few private entry points
 * (_Model, _analyze, _normalize) that turn failures into the language's
 * errors. Each language then adds its typemaps (python/, lua/ *_typemaps.i,
 * included before the declarations they apply to) and its idiomatic layer
 * (*_api.i, included last), which copies records into native objects: no
 * proxy to the document's borrowed memory is ever handed out.
 */
%define SYRIA_DOCSTRING
"libsyria: Arabic news analysis (sentences, tokens, clitics, entities, events).

    import syria
    doc = syria.analyze(text, date=\"2020-02-18\", name=\"article.txt\")
    for t in doc.tokens:
        print(doc.text[t.start:t.end], t.kind, t.prefix, t.stem, t.suffix)
    for e in doc.entities:
        print(e.type, e.text, e.canonical, e.code)
    for v in doc.events:
        print(v.type, v.cameo, v.trigger.text, [a.code for a in v.sources])
    doc.to_json()
    docs = syria.Model().analyze_many(texts, threads=2)

Records are plain Python objects with code-point offsets (start, end) and
UTF-8 byte offsets (byte_start, byte_end). Failures raise syria.Error.
python3 -m syria FILE... works like the command `syria analyze`."
%enddef
%module(docstring=SYRIA_DOCSTRING) syria

%{
#include <syria/syria.h>

/* syria_error_last() gives the message of a failure; the bindings also
 * report its code (Python's Error.code), kept per thread like the message. */
static _Thread_local int syria_binding_status;

static int syria_binding_check(int status)
{
    if (status < 0) syria_binding_status = status;
    return status;
}

/* A path of NULL means the default model embedded in the library. */
static syria_model *syria_binding_model_load(const char *path)
{
    syria_model *model = NULL;
    int status = path ? syria_model_load_file(&model, path) : syria_model_load_default(&model);
    return syria_binding_check(status) < 0 ? NULL : model;
}

static syria_doc *syria_binding_analyze(const syria_model *model, const char *text, size_t len,
                                        const char *name, const char *date)
{
    syria_options options = SYRIA_OPTIONS_INIT;
    syria_doc *doc = NULL;
    options.doc_name = name;
    options.doc_date = date;
    return syria_binding_check(syria_analyze(&doc, model, text, len, &options)) < 0 ? NULL : doc;
}

static char *syria_binding_normalize(const char *text, size_t len, unsigned int flags)
{
    char *out = NULL;
    return syria_binding_check(syria_normalize(&out, NULL, text, len, flags)) < 0 ? NULL : out;
}
%}

/* Calls that return NULL on failure raise the library's message instead;
 * SYRIA_BINDING_RAISE() is defined by each language's typemaps. */
%define %syria_raise_on_null(NAME)
%exception NAME {
  $action
  if (!result) {
    SYRIA_BINDING_RAISE();
    SWIG_fail;
  }
}
%enddef

#if defined(SWIGPYTHON)
%include "python/syria_typemaps.i"
#elif defined(SWIGLUA)
%include "lua/syria_typemaps.i"
#else
#error "libsyria's bindings exist for Python and Lua only"
#endif

/* Strings the library allocates go back through syria_free(). */
%typemap(newfree) char * "syria_free($1);"

/* ------------------------------------------------------------------ */
/* The raw C API stays hidden: every syria_* name, including functions
 * added to the header later, unless renamed explicitly below (an explicit
 * %rename beats these catch-all rules). SYRIA_* macros and the status codes
 * lose their prefix: syria.EUTF8, syria.NORM_DEFAULT, syria.VERSION_MAJOR. */
%rename("$ignore", regextarget=1) "^syria_";
%rename("%(strip:[SYRIA_])s", regextarget=1) "^SYRIA_";
%rename("%s") syria_status;
/* Used only inside the shims above. */
%ignore SYRIA_NUL_TERMINATED;
%ignore SYRIA_OPTIONS_VERSION;
/* Option and export flags, present and future, are the layers' business. */
%rename("$ignore", regextarget=1) "^SYRIA_OPT_";
%rename("$ignore", regextarget=1) "^SYRIA_JSON_";

%rename(version) syria_version;
%feature("docstring", "The library's version, \"MAJOR.MINOR.PATCH\".") syria_version;

%include "syria/syria.h"

/* ------------------------------------------------------------------ */
/* A loaded model: immutable, shared by any number of threads. The C names
 * of %extend methods are <struct>_<method>, so a method "description"
 * would collide with syria_model_description(): private names, renamed. */
%rename(_Model) syria_model;
%rename(description) syria_model::_description;
%syria_raise_on_null(syria_model::syria_model)
struct syria_model {};
%extend syria_model {
    syria_model(const char *path = NULL) { return syria_binding_model_load(path); }
    ~syria_model() { syria_model_free($self); }
    const char *_description() { return syria_model_description($self); }
}

/* Analysis: the result's typemap (per language) copies the document out. */
%rename(_analyze) syria_binding_analyze;
%syria_raise_on_null(syria_binding_analyze)
syria_doc *syria_binding_analyze(const syria_model *model, const char *text, size_t len,
                                 const char *name, const char *date);

%rename(_normalize) syria_binding_normalize;
%newobject syria_binding_normalize;
%syria_raise_on_null(syria_binding_normalize)
char *syria_binding_normalize(const char *text, size_t len, unsigned int flags);

#if defined(SWIGPYTHON)
%include "python/syria_api.i"
#elif defined(SWIGLUA)
%include "lua/syria_api.i"
#endif
