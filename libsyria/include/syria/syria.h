/**
 * @file syria.h
 * @brief libsyria: Arabic geopolitical news to structured data.
 *
 * One public header, C11 inside, usable from C99/C11/C++.
 *
 * Lifecycle:
 *   1. Load a model once (syria_model_load_default() needs no files). A model
 *      is immutable and may be shared by any number of threads.
 *   2. Analyse a text with syria_analyze(): you get a syria_doc, owned by you,
 *      used by one thread at a time.
 *   3. Read sentences, tokens, entities and events through the const record
 *      getters, or export the whole document as JSON (spec SCHEMA.md).
 *   4. Free the document and, when done, the model.
 *
 * Conventions:
 *   - Functions that can fail return 0 (SYRIA_OK) or a negative SYRIA_E* code;
 *     the message of the last failure on the calling thread is
 *     syria_error_last() (never NULL).
 *   - Output parameters come first. What a call hands out through `**out` is
 *     freed with the matching NULL-safe *_free() function; strings the library
 *     allocates are freed with syria_free().
 *   - Pointers returned by getters are borrowed: valid until their parent
 *     (document or model) is freed.
 *   - Spans are UTF-8 byte offsets and lengths into the caller's original text;
 *     normalisation never moves them. (No field is named `end`: it is a Lua
 *     keyword.)
 *   - Record structs are only ever extended at the end; read them through the
 *     pointers the library returns, never allocate them yourself.
 *   - The library never aborts and never prints.
 */
#ifndef SYRIA_SYRIA_H
#define SYRIA_SYRIA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @name Version (parsed by CMake; keep the three lines in this form) */
/**@{*/
/** Major version: changes with an incompatible ABI (the SONAME's number). */
#define SYRIA_VERSION_MAJOR 1
/** Minor version: additions that keep the ABI. */
#define SYRIA_VERSION_MINOR 0
/** Patch version: fixes only. */
#define SYRIA_VERSION_PATCH 0
/** Version as one integer: major*10000 + minor*100 + patch. */
#define SYRIA_VERSION_NUMBER \
    (SYRIA_VERSION_MAJOR * 10000 + SYRIA_VERSION_MINOR * 100 + SYRIA_VERSION_PATCH)
/**@}*/

/** Symbol export: the library is built with -fvisibility=hidden. */
#if defined(SYRIA_BUILDING) && defined(__GNUC__)
#define SYRIA_API __attribute__((visibility("default")))
#else
#define SYRIA_API
#endif

/** Pass as a text length to mean "the text is NUL-terminated". */
#define SYRIA_NUL_TERMINATED ((size_t)-1)

/** Status codes: 0 is success, failures are negative. */
typedef enum syria_status {
    SYRIA_OK = 0,
    SYRIA_EINVAL = -1,    /**< invalid argument (NULL pointer, bad option, misuse) */
    SYRIA_ENOMEM = -2,    /**< out of memory */
    SYRIA_EUTF8 = -3,     /**< text is not valid UTF-8 */
    SYRIA_ENUL = -4,      /**< text contains a NUL byte */
    SYRIA_EMODEL = -5,    /**< model data is corrupt, truncated or of another version */
    SYRIA_EIO = -6,       /**< a file could not be read */
    SYRIA_ERANGE = -7,    /**< index or size out of range */
    SYRIA_EDATE = -8,     /**< a date is not a valid YYYY-MM-DD calendar date */
    SYRIA_ETOOBIG = -9,   /**< input larger than the library accepts (SYRIA_MAX_TEXT) */
    SYRIA_EINTERNAL = -10 /**< a dependency (ICU) failed unexpectedly */
} syria_status;

/** Largest text syria_analyze() accepts, in bytes (offsets are stored as 32-bit). */
#define SYRIA_MAX_TEXT ((size_t)0x7fffffff)

/**
 * @brief The library version as "MAJOR.MINOR.PATCH" (static string).
 * Thread-safe.
 */
SYRIA_API const char *syria_version(void);

/** @brief The run-time version as SYRIA_VERSION_NUMBER computes it. */
SYRIA_API int syria_version_number(void);

/**
 * @brief A static description of a status code ("invalid UTF-8", ...).
 * Never NULL; unknown codes give "unknown error". Thread-safe.
 */
SYRIA_API const char *syria_strerror(int code);

/**
 * @brief The message of the last failure on the calling thread.
 *
 * Never NULL: "" if nothing has failed yet on this thread. The buffer is
 * thread-local and overwritten by the next failing call on the same thread.
 */
SYRIA_API const char *syria_error_last(void);

/**
 * @brief The status code of the last failure on the calling thread
 * (SYRIA_OK if nothing has failed yet on this thread). Thread-local, like
 * syria_error_last().
 */
SYRIA_API int syria_error_last_code(void);

/** @brief Frees a string or buffer the library allocated. NULL-safe. */
SYRIA_API void syria_free(void *ptr);

/* ------------------------------------------------------------------ */
/** @name Normalisation flags */
/**@{*/
#define SYRIA_NORM_COMPAT 0x0001u      /**< utf8proc NFKC: presentation forms, ligatures, compatibility characters */
#define SYRIA_NORM_TATWEEL 0x0002u     /**< remove tatweel (U+0640) */
#define SYRIA_NORM_DIACRITICS 0x0004u  /**< remove harakat, tanwin, shadda, sukun, dagger alef, Quranic marks */
#define SYRIA_NORM_ALEF 0x0008u        /**< أ إ آ ٱ ٲ ٳ to ا */
#define SYRIA_NORM_ALEF_MAQSURA 0x0010u /**< ى to ي */
#define SYRIA_NORM_PERSIAN 0x0020u     /**< Persian/Urdu letters to Arabic: ک→ك ی→ي ۀ→ة ە→ه گ→ك پ→ب چ→ج ژ→ز ڤ→ف */
#define SYRIA_NORM_DIGITS 0x0040u      /**< Arabic-Indic and Persian digits to ASCII, ٫ to . and ٬ to , inside numbers */
#define SYRIA_NORM_INVISIBLE 0x0080u   /**< drop zero-width and bidirectional marks (ZWJ, ZWNJ, LRM, RLM, ...) */
#define SYRIA_NORM_TA_MARBUTA 0x0100u  /**< optional: ة to ه */
#define SYRIA_NORM_HAMZA 0x0200u       /**< optional: ؤ to و, ئ to ي, lone ء dropped */
#define SYRIA_NORM_CASEFOLD 0x0400u    /**< optional: Unicode case folding (ICU) of Latin, Greek, Cyrillic */
/** The folds on by default: everything except the optional three. */
#define SYRIA_NORM_DEFAULT 0x00ffu
/**@}*/

/**
 * @brief Normalises a UTF-8 string with the given SYRIA_NORM_* flags.
 *
 * @param[out] out      receives a NUL-terminated string; free with syria_free()
 * @param[out] out_len  receives its length in bytes (may be NULL)
 * @param text          UTF-8 input
 * @param len           its length, or SYRIA_NUL_TERMINATED
 * @param flags         SYRIA_NORM_* flags
 * @return SYRIA_OK, SYRIA_EINVAL, SYRIA_EUTF8, SYRIA_ENUL, SYRIA_ENOMEM.
 * Thread-safe.
 */
SYRIA_API int syria_normalize(char **out, size_t *out_len, const char *text, size_t len,
                              unsigned int flags);

/* ------------------------------------------------------------------ */
/** @name Models */
/**@{*/
/** An immutable model: lexicons and weights. Shareable across threads. */
typedef struct syria_model syria_model;

/** @brief Loads the default model embedded in the library (no files needed). */
SYRIA_API int syria_model_load_default(syria_model **out);

/**
 * @brief Loads a model file. Corrupt or truncated files give SYRIA_EMODEL,
 * unreadable ones SYRIA_EIO.
 */
SYRIA_API int syria_model_load_file(syria_model **out, const char *path);

/** @brief Loads a model from memory; the bytes are copied. */
SYRIA_API int syria_model_load_memory(syria_model **out, const void *data, size_t len);

/** @brief Frees a model. NULL-safe. No document made with it may be used afterwards. */
SYRIA_API void syria_model_free(syria_model *model);

/** @brief A short static description of the model ("libsyria default model 1 ..."). */
SYRIA_API const char *syria_model_description(const syria_model *model);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Analysis options */
/**@{*/
/** The layout version of syria_options this header describes. */
#define SYRIA_OPTIONS_VERSION 1

/** Option flags (syria_options.flags). */
#define SYRIA_OPT_REPLACE_INVALID 0x0001u /**< invalid UTF-8 and NUL bytes become U+FFFD in norms instead of failing; offsets still refer to the original bytes */
#define SYRIA_OPT_NO_CLITICS 0x0002u      /**< do not split clitics (every word is its own stem) */
#define SYRIA_OPT_NO_ENTITIES 0x0004u     /**< stop after sentences and tokens: no entities, no events */
#define SYRIA_OPT_NO_EVENTS 0x0008u       /**< tag entities but do not extract events */
#define SYRIA_OPT_ANERCORP 0x0010u        /**< entity spans by ANERcorp's conventions instead of SCHEMA.md's, for scoring against ANERcorp (docs/ENTITIES.md) */

/** Options for syria_analyze(). Initialise with SYRIA_OPTIONS_INIT. */
typedef struct syria_options {
    unsigned int version;    /**< SYRIA_OPTIONS_VERSION */
    unsigned int flags;      /**< SYRIA_OPT_* */
    unsigned int norm_flags; /**< SYRIA_NORM_* for tokens' norm (analysis itself always uses the model's normalisation) */
    const char *doc_name;    /**< the document's name for export ("doc"), may be NULL; copied */
    const char *doc_date;    /**< "YYYY-MM-DD" or NULL; copied; anchors relative dates */
} syria_options;

/** Initialiser of a syria_options: this version, no flags, default normalisation. */
#define SYRIA_OPTIONS_INIT {SYRIA_OPTIONS_VERSION, 0u, SYRIA_NORM_DEFAULT, NULL, NULL}
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Documents and records */
/**@{*/
/** One analysed text. Used by one thread at a time. */
typedef struct syria_doc syria_doc;

/** Token kinds. */
typedef enum syria_token_kind {
    SYRIA_TOKEN_WORD = 0,    /**< Arabic word ("word") */
    SYRIA_TOKEN_LATIN = 1,   /**< word in another script ("latin") */
    SYRIA_TOKEN_NUMBER = 2,  /**< number, ASCII or Arabic-Indic digits ("number") */
    SYRIA_TOKEN_PUNCT = 3,   /**< punctuation ("punct") */
    SYRIA_TOKEN_URL = 4,     /**< web address ("url") */
    SYRIA_TOKEN_EMAIL = 5,   /**< e-mail address ("email") */
    SYRIA_TOKEN_HASHTAG = 6, /**< \#hashtag ("hashtag") */
    SYRIA_TOKEN_MENTION = 7, /**< \@mention ("mention") */
    SYRIA_TOKEN_FILE = 8,    /**< file name such as photo_1200x676.jpg ("file") */
    SYRIA_TOKEN_SYMBOL = 9   /**< symbol, emoji or other character ("symbol") */
} syria_token_kind;

/** @brief The kind's name as exported in JSON ("word", "number", ...); "unknown" otherwise. */
SYRIA_API const char *syria_token_kind_name(int kind);

/** A sentence: a byte span and the range of its tokens. */
typedef struct syria_sentence {
    size_t start;       /**< byte offset into the original text */
    size_t length;      /**< length in bytes */
    size_t token_first; /**< index of its first token */
    size_t token_count; /**< number of tokens */
} syria_sentence;

/** A token. Strings are NUL-terminated and borrowed from the document. */
typedef struct syria_token {
    size_t start;        /**< byte offset into the original text */
    size_t length;       /**< length in bytes of the surface form */
    int kind;            /**< syria_token_kind */
    const char *norm;    /**< normalised form */
    const char *prefix;  /**< proclitics in normalised form joined by '+', e.g. "و+ال"; "" if none */
    const char *stem;    /**< the stem, normalised (of a hashtag: its words, after the sign) */
    const char *suffix;  /**< enclitic pronoun, normalised; "" if none */
    size_t stem_start;   /**< byte offset of the stem (after proclitics) in the original text */
    size_t stem_length;  /**< its length in bytes (up to the enclitic) */
    size_t article_start; /**< where an entity starting at this word begins: the article ال if any, else stem_start */
    size_t sentence;     /**< index of the sentence holding the token */
} syria_token;

/** Entity types. */
typedef enum syria_entity_type {
    SYRIA_ENTITY_PER = 0,
    SYRIA_ENTITY_ORG = 1,
    SYRIA_ENTITY_GPE = 2,
    SYRIA_ENTITY_LOC = 3,
    SYRIA_ENTITY_NORP = 4,
    SYRIA_ENTITY_DATE = 5,
    SYRIA_ENTITY_MISC = 6
} syria_entity_type;

/** @brief The type's name ("PER", "ORG", ...); "unknown" otherwise. */
SYRIA_API const char *syria_entity_type_name(int type);

/** A named entity. Strings are borrowed; optional ones are "" when absent. */
typedef struct syria_entity {
    const char *id;        /**< "e1", "e2", ... */
    size_t start;          /**< byte offset into the original text */
    size_t length;         /**< length in bytes */
    int type;              /**< syria_entity_type */
    const char *canonical; /**< one spelling for all variants ("" if none) */
    const char *code;      /**< country or actor code ("" if none) */
    const char *value;     /**< DATE: ISO 8601 value ("" if unresolved) */
    size_t token_first;    /**< first token it overlaps */
    size_t token_count;    /**< tokens it overlaps */
} syria_entity;

/** An event's participant. */
typedef struct syria_actor {
    const char *entity; /**< entity id ("" when the actor is not a named entity) */
    const char *code;   /**< actor code, e.g. "TURGOV" */
} syria_actor;

/** Event status. */
typedef enum syria_event_status {
    SYRIA_STATUS_ASSERTED = 0,
    SYRIA_STATUS_NEGATED = 1,
    SYRIA_STATUS_FUTURE = 2
} syria_event_status;

/** @brief The status's name ("asserted", ...); "unknown" otherwise. */
SYRIA_API const char *syria_event_status_name(int status);

/** A PLOVER event with its CAMEO projection. */
typedef struct syria_event {
    const char *id;            /**< "v1", "v2", ... */
    const char *type;          /**< PLOVER event type, e.g. "CONSULT" */
    const char *mode;          /**< PLOVER mode ("" if none) */
    const char *cameo;         /**< CAMEO code, e.g. "046" */
    int quad;                  /**< Phoenix quad class 1..4 */
    double goldstein;          /**< Goldstein scale value (GDELT table) */
    size_t trigger_start;      /**< trigger span, bytes */
    size_t trigger_length;     /**< its length in bytes */
    const syria_actor *sources; /**< array of source_count actors */
    size_t source_count;       /**< number of sources */
    const syria_actor *targets; /**< array of target_count actors */
    size_t target_count;       /**< number of targets */
    const char *location;      /**< entity id of the place ("" if none) */
    const char *date;          /**< ISO date ("" if none) */
    int status;                /**< syria_event_status */
    const char *reported_by;   /**< entity id of the reporting actor ("" if none) */
} syria_event;

/**
 * @brief Analyses a text: normalisation, sentences, tokens, clitics, entities, events.
 *
 * @param[out] out  receives the document; free it with syria_doc_free()
 * @param model     a loaded model (shared, not modified)
 * @param text      UTF-8 text; it is copied, the caller keeps ownership
 * @param len       its length in bytes, or SYRIA_NUL_TERMINATED
 * @param options   NULL for defaults, or a SYRIA_OPTIONS_INIT-initialised struct
 * @return SYRIA_OK; SYRIA_EINVAL (NULL argument, bad options), SYRIA_EUTF8,
 *         SYRIA_ENUL (unless SYRIA_OPT_REPLACE_INVALID), SYRIA_EDATE,
 *         SYRIA_ETOOBIG, SYRIA_ENOMEM, SYRIA_EINTERNAL. On failure *out is NULL.
 * Thread-safe for distinct documents, including with a shared model.
 */
SYRIA_API int syria_analyze(syria_doc **out, const syria_model *model, const char *text,
                            size_t len, const syria_options *options);

/** @brief Frees a document. NULL-safe. */
SYRIA_API void syria_doc_free(syria_doc *doc);

/** @brief The document's copy of the text (NUL-terminated); its length in *len if len is not NULL. */
SYRIA_API const char *syria_doc_text(const syria_doc *doc, size_t *len);
/** @brief The document's name ("" if none). */
SYRIA_API const char *syria_doc_name(const syria_doc *doc);
/** @brief The document's date "YYYY-MM-DD" ("" if none). */
SYRIA_API const char *syria_doc_date(const syria_doc *doc);

/** @brief Number of sentences (0 for NULL). */
SYRIA_API size_t syria_doc_sentence_count(const syria_doc *doc);
/** @brief Sentence i, or NULL (with SYRIA_ERANGE as the last error) when out of range. */
SYRIA_API const syria_sentence *syria_doc_sentence(const syria_doc *doc, size_t i);
/** @brief Number of tokens (0 for NULL). */
SYRIA_API size_t syria_doc_token_count(const syria_doc *doc);
/** @brief Token i, or NULL when out of range. */
SYRIA_API const syria_token *syria_doc_token(const syria_doc *doc, size_t i);
/** @brief Number of entities (0 for NULL). */
SYRIA_API size_t syria_doc_entity_count(const syria_doc *doc);
/** @brief Entity i, or NULL when out of range. */
SYRIA_API const syria_entity *syria_doc_entity(const syria_doc *doc, size_t i);
/** @brief Number of events (0 for NULL). */
SYRIA_API size_t syria_doc_event_count(const syria_doc *doc);
/** @brief Event i, or NULL when out of range. */
SYRIA_API const syria_event *syria_doc_event(const syria_doc *doc, size_t i);

/** JSON export flags. */
#define SYRIA_JSON_PRETTY 0x0001u    /**< indented, one field per line */
#define SYRIA_JSON_NO_TOKENS 0x0002u /**< leave out "sentences" and "tokens" */

/**
 * @brief Exports the document as one JSON object (spec SCHEMA.md, "libsyria/1").
 *
 * @param[out] out      receives a NUL-terminated UTF-8 string; free with syria_free()
 * @param[out] out_len  receives its length (may be NULL)
 * @param doc           the document
 * @param flags         SYRIA_JSON_* flags
 * Without SYRIA_JSON_PRETTY the output is one line (JSON Lines ready).
 */
SYRIA_API int syria_doc_to_json(char **out, size_t *out_len, const syria_doc *doc,
                                unsigned int flags);
/**@}*/

#ifdef __cplusplus
}
#endif

#endif /* SYRIA_SYRIA_H */
