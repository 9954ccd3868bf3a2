/*
 * The Python layer of syria.i: a private document handle that copies its
 * records into tuples in one call, and the public classes on top of it
 * (%pythoncode, in the manner of SentencePiece's sentencepiece.i).
 */

%{
/* Python indexes str by code point, the library by UTF-8 byte. One pass over
 * the text records the code-point count at every SYRIA_PY_STRIDE-th byte, so
 * converting an offset scans fewer than SYRIA_PY_STRIDE bytes. */
#define SYRIA_PY_STRIDE 64

typedef struct syria_py_offsets {
    const unsigned char *text;
    size_t len;
    size_t *marks; /* marks[k]: code points before byte k * SYRIA_PY_STRIDE */
} syria_py_offsets;

static int syria_py_offsets_init(syria_py_offsets *offsets, const char *text, size_t len)
{
    size_t count = 0;
    offsets->text = (const unsigned char *)text;
    offsets->len = len;
    offsets->marks = PyMem_Malloc((len / SYRIA_PY_STRIDE + 1) * sizeof *offsets->marks);
    if (!offsets->marks) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        if (i % SYRIA_PY_STRIDE == 0) offsets->marks[i / SYRIA_PY_STRIDE] = count;
        count += (offsets->text[i] & 0xC0) != 0x80; /* not a continuation byte */
    }
    if (len % SYRIA_PY_STRIDE == 0) offsets->marks[len / SYRIA_PY_STRIDE] = count;
    return 0;
}

static Py_ssize_t syria_py_codepoint(const syria_py_offsets *offsets, size_t byte)
{
    size_t at, count;
    if (byte > offsets->len) byte = offsets->len;
    at = byte / SYRIA_PY_STRIDE * SYRIA_PY_STRIDE;
    count = offsets->marks[byte / SYRIA_PY_STRIDE];
    for (; at < byte; at++) count += (offsets->text[at] & 0xC0) != 0x80;
    return (Py_ssize_t)count;
}

/* The library's "" for an absent optional string is None in Python. */
static PyObject *syria_py_optional(const char *s)
{
    if (!s || !*s) Py_RETURN_NONE;
    return PyUnicode_FromString(s);
}

static PyObject *syria_py_range(size_t first, size_t count)
{
    return PyObject_CallFunction((PyObject *)&PyRange_Type, "nn", (Py_ssize_t)first,
                                 (Py_ssize_t)(first + count));
}

/* The surface form text[start:start+length] as str. */
static PyObject *syria_py_surface(const syria_py_offsets *offsets, size_t start, size_t length)
{
    return PyUnicode_DecodeUTF8((const char *)offsets->text + start, (Py_ssize_t)length, "strict");
}

/* Each record as a tuple in the field order of its Python class. */
#define SYRIA_PY_SPAN_FORMAT "nnnnN"
#define SYRIA_PY_SPAN_ARGS(offsets, start, length)                                            \
    syria_py_codepoint(offsets, start), syria_py_codepoint(offsets, (start) + (length)),    \
        (Py_ssize_t)(start), (Py_ssize_t)((start) + (length)),                                 \
        syria_py_surface(offsets, start, length)

static PyObject *syria_py_missing(size_t i)
{
    return PyErr_Format(PyExc_IndexError, "libsyria: record %zu missing: %s", i, syria_error_last());
}

static PyObject *syria_py_sentence(const syria_doc *doc, size_t i, const syria_py_offsets *o)
{
    const syria_sentence *s = syria_doc_sentence(doc, i);
    if (!s) return syria_py_missing(i);
    return Py_BuildValue("(" SYRIA_PY_SPAN_FORMAT "N)", SYRIA_PY_SPAN_ARGS(o, s->start, s->length),
                         syria_py_range(s->token_first, s->token_count));
}

static PyObject *syria_py_token(const syria_doc *doc, size_t i, const syria_py_offsets *o)
{
    const syria_token *t = syria_doc_token(doc, i);
    if (!t) return syria_py_missing(i);
    return Py_BuildValue("(" SYRIA_PY_SPAN_FORMAT "sssssn)", SYRIA_PY_SPAN_ARGS(o, t->start, t->length),
                         syria_token_kind_name(t->kind), t->norm, t->prefix, t->stem, t->suffix,
                         (Py_ssize_t)t->sentence);
}

static PyObject *syria_py_entity(const syria_doc *doc, size_t i, const syria_py_offsets *o)
{
    const syria_entity *e = syria_doc_entity(doc, i);
    if (!e) return syria_py_missing(i);
    return Py_BuildValue("(s" SYRIA_PY_SPAN_FORMAT "sNNNN)", e->id,
                         SYRIA_PY_SPAN_ARGS(o, e->start, e->length), syria_entity_type_name(e->type),
                         syria_py_optional(e->canonical), syria_py_optional(e->code),
                         syria_py_optional(e->value), syria_py_range(e->token_first, e->token_count));
}

static PyObject *syria_py_actors(const syria_actor *actors, size_t count)
{
    PyObject *list = PyList_New((Py_ssize_t)count);
    if (!list) return NULL;
    for (size_t i = 0; i < count; i++) {
        PyObject *actor = Py_BuildValue("(Ns)", syria_py_optional(actors[i].entity), actors[i].code);
        if (!actor) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, actor);
    }
    return list;
}

static PyObject *syria_py_event(const syria_doc *doc, size_t i, const syria_py_offsets *o)
{
    const syria_event *v = syria_doc_event(doc, i);
    if (!v) return syria_py_missing(i);
    return Py_BuildValue("(ssNsid(" SYRIA_PY_SPAN_FORMAT ")NNNNsN)", v->id, v->type,
                         syria_py_optional(v->mode), v->cameo, v->quad, v->goldstein,
                         SYRIA_PY_SPAN_ARGS(o, v->trigger_start, v->trigger_length),
                         syria_py_actors(v->sources, v->source_count),
                         syria_py_actors(v->targets, v->target_count), syria_py_optional(v->location),
                         syria_py_optional(v->date), syria_event_status_name(v->status),
                         syria_py_optional(v->reported_by));
}

typedef PyObject *(*syria_py_record_fn)(const syria_doc *, size_t, const syria_py_offsets *);

static PyObject *syria_py_list(const syria_doc *doc, size_t count, syria_py_record_fn record,
                               const syria_py_offsets *offsets)
{
    PyObject *list = PyList_New((Py_ssize_t)count);
    if (!list) return NULL;
    for (size_t i = 0; i < count; i++) {
        PyObject *item = record(doc, i, offsets);
        if (!item) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;
}

/* (text, name, date, sentences, tokens, entities, events), all copied. */
static PyObject *syria_py_records(const syria_doc *doc)
{
    size_t len = 0;
    const char *text = syria_doc_text(doc, &len);
    syria_py_offsets offsets;
    PyObject *records;
    if (syria_py_offsets_init(&offsets, text, len) < 0) return NULL;
    records = Py_BuildValue(
        "(NNNNNNN)", syria_py_surface(&offsets, 0, len), syria_py_optional(syria_doc_name(doc)),
        syria_py_optional(syria_doc_date(doc)),
        syria_py_list(doc, syria_doc_sentence_count(doc), syria_py_sentence, &offsets),
        syria_py_list(doc, syria_doc_token_count(doc), syria_py_token, &offsets),
        syria_py_list(doc, syria_doc_entity_count(doc), syria_py_entity, &offsets),
        syria_py_list(doc, syria_doc_event_count(doc), syria_py_event, &offsets));
    PyMem_Free(offsets.marks);
    return records;
}

static char *syria_py_to_json(const syria_doc *doc)
{
    char *json = NULL;
    return syria_binding_check(syria_doc_to_json(&json, NULL, doc, 0)) < 0 ? NULL : json;
}
%}

/* The analysed document behind syria.Document: owned, freed with it. The
 * C names of these methods (syria_doc__records) cannot meet the library's. */
%rename(_Document) syria_doc;
%nodefaultctor syria_doc;
%thread syria_doc::_to_json;
%newobject syria_doc::_to_json;
%syria_raise_on_null(syria_doc::_to_json)
struct syria_doc {};
%extend syria_doc {
    ~syria_doc() { syria_doc_free($self); }
    PyObject *_records() { return syria_py_records($self); }
    char *_to_json() { return syria_py_to_json($self); }
}

%pythoncode %{
import json as _json
import os as _os
import threading as _threading


class Error(Exception):
    """A libsyria failure.

    str(error) is the library's message; `code` is its negative status, one
    of syria.EINVAL, ENOMEM, EUTF8, ENUL, EMODEL, EIO, ERANGE, EDATE, ETOOBIG,
    EINTERNAL.
    """

    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code

    def __reduce__(self):
        # Keep the code through pickling (multiprocessing sends errors back).
        return type(self), (str(self), self.code)


_set_error_class(Error)


class _Record:
    """Plain values copied out of a document: they outlive it, compare by
    value, and print readably."""

    __slots__ = ()
    # Byte offsets are noise in a printout; the attributes remain.
    _repr_skip = ("byte_start", "byte_end")

    def __init__(self, *values):
        if len(values) != len(self.__slots__):
            raise TypeError("%s takes %d values (%s), got %d" % (
                type(self).__name__, len(self.__slots__), ", ".join(self.__slots__), len(values)))
        for field, value in zip(self.__slots__, values):
            setattr(self, field, value)

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self.__slots__)

    __hash__ = None

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join(
            "%s=%r" % (f, getattr(self, f)) for f in self.__slots__ if f not in self._repr_skip))


class Sentence(_Record):
    """A sentence. `start`/`end` are code-point offsets (text[start:end] is
    the sentence), `byte_start`/`byte_end` UTF-8 byte offsets; `tokens` is
    the range of its indices in Document.tokens."""

    __slots__ = ("start", "end", "byte_start", "byte_end", "text", "tokens")


class Token(_Record):
    """A token: its span (code points and bytes, as Sentence), its surface
    `text`, `kind` ('word', 'latin', 'number', 'punct', 'url', 'email',
    'hashtag', 'mention', 'file', 'symbol'), the normalised form `norm`, the
    clitic split `prefix` + `stem` + `suffix` (normalised; proclitics joined
    by '+', e.g. 'و+ال') and the index of its `sentence`."""

    __slots__ = ("start", "end", "byte_start", "byte_end", "text", "kind", "norm",
                 "prefix", "stem", "suffix", "sentence")


class Entity(_Record):
    """A named entity: `id` ('e1', ...), its span (as Sentence), `type` ('PER',
    'ORG', 'GPE', 'LOC', 'NORP', 'DATE', 'MISC'), `canonical` spelling, actor
    or country `code`, ISO `value` of a DATE (each None when absent), and the
    range of the `tokens` it overlaps."""

    __slots__ = ("id", "start", "end", "byte_start", "byte_end", "text", "type",
                 "canonical", "code", "value", "tokens")


class Span(_Record):
    """A span of the text: code-point and byte offsets, and its `text`."""

    __slots__ = ("start", "end", "byte_start", "byte_end", "text")


class Actor(_Record):
    """An event's participant: the `entity` id (None when the actor is not a
    named entity) and its actor `code`, e.g. 'TURGOV'."""

    __slots__ = ("entity", "code")


class Event(_Record):
    """A PLOVER event with its CAMEO projection: `id` ('v1', ...), `type`
    ('CONSULT', ...), `mode`, `cameo` code, Phoenix `quad` class (1-4),
    `goldstein` value, `trigger` Span, `sources` and `targets` (lists of
    Actor), `location` (entity id), ISO `date`, `status` ('asserted',
    'negated', 'future') and `reported_by` (entity id); absent ones are None."""

    __slots__ = ("id", "type", "mode", "cameo", "quad", "goldstein", "trigger", "sources",
                 "targets", "location", "date", "status", "reported_by")
    _repr_skip = ()

    @classmethod
    def _from_record(cls, record):
        (id, type, mode, cameo, quad, goldstein, trigger, sources, targets, location, date,
         status, reported_by) = record
        return cls(id, type, mode, cameo, quad, goldstein, Span(*trigger),
                   [Actor(*a) for a in sources], [Actor(*a) for a in targets],
                   location, date, status, reported_by)


class Document:
    """An analysed text.

    `text`, `name` and `date` (None when not given) and the lists
    `sentences`, `tokens`, `entities`, `events` of plain objects, whose
    `start`/`end` are code-point offsets into `text`. to_json() and to_dict()
    give the library's export (schema 'libsyria/1').
    """

    __slots__ = ("text", "name", "date", "sentences", "tokens", "entities", "events",
                 "_handle", "_model")

    def __init__(self, handle, model):
        self._handle = handle
        # The document may borrow the model's memory: keep the model alive.
        self._model = model
        text, name, date, sentences, tokens, entities, events = handle._records()
        self.text = text
        self.name = name
        self.date = date
        self.sentences = [Sentence(*r) for r in sentences]
        self.tokens = [Token(*r) for r in tokens]
        self.entities = [Entity(*r) for r in entities]
        self.events = [Event._from_record(r) for r in events]

    def to_json(self, indent=None):
        """The document as JSON: the library's compact one-line export, or,
        with `indent`, the same data indented by the json module."""
        data = self._handle._to_json()
        if indent is None:
            return data
        return _json.dumps(_json.loads(data), indent=indent, ensure_ascii=False)

    def to_dict(self):
        """The JSON export as Python dicts and lists."""
        return _json.loads(self._handle._to_json())

    def __repr__(self):
        return "Document(name=%r, date=%r, sentences=%d, tokens=%d, entities=%d, events=%d)" % (
            self.name, self.date, len(self.sentences), len(self.tokens), len(self.entities),
            len(self.events))


def _date_string(date):
    # Accept datetime.date as well as "YYYY-MM-DD".
    return date if date is None or isinstance(date, str) else date.isoformat()


class Model:
    """A libsyria model (lexicons and weights), immutable once loaded.

    Model() is the default model embedded in the library; Model(path) loads
    a model file. One model may be shared by any number of threads; analysis
    releases the GIL, so threads analyse in parallel.
    """

    __slots__ = ("_handle",)

    def __init__(self, path=None):
        self._handle = _Model(None if path is None else _os.fsdecode(path))

    @property
    def description(self):
        """A short description of the model."""
        return self._handle.description()

    def analyze(self, text, date=None, name=None):
        """Analyses `text` (str, or UTF-8 bytes) and returns a Document.

        `date` ("YYYY-MM-DD" or datetime.date) anchors relative dates; `name`
        names the document in the export. Raises syria.Error on invalid
        UTF-8, a NUL character or an invalid date.
        """
        return Document(_analyze(self._handle, text, name, _date_string(date)), self._handle)

    def __repr__(self):
        return "<syria.Model %r>" % self.description


_default_model = None
_default_model_lock = _threading.Lock()


def default_model():
    """The default Model, loaded on first use and shared afterwards."""
    global _default_model
    if _default_model is None:
        with _default_model_lock:
            if _default_model is None:
                _default_model = Model()
    return _default_model


def analyze(text, date=None, name=None):
    """Analyses `text` with the default model; see Model.analyze."""
    return default_model().analyze(text, date=date, name=name)


def normalize(text, flags=NORM_DEFAULT):
    """Normalises `text` (str or UTF-8 bytes) with syria.NORM_* flags."""
    return _normalize(text, flags)


__version__ = version()
__all__ = ["Error", "Model", "Document", "Sentence", "Token", "Entity", "Event", "Span", "Actor",
           "analyze", "default_model", "normalize", "version"]
%}
