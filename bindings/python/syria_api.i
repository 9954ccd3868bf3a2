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

/* The record classes of the Python layer (Sentence, Token, ...), registered
 * when the module is imported. Records are built here directly: a new
 * instance whose slots are set in the order of the class's __slots__, which
 * costs a fraction of calling the class. */
enum { SYRIA_PY_SENTENCE, SYRIA_PY_TOKEN, SYRIA_PY_ENTITY, SYRIA_PY_SPAN, SYRIA_PY_ACTOR,
       SYRIA_PY_EVENT, SYRIA_PY_CLASSES };
static const Py_ssize_t syria_py_field_count[SYRIA_PY_CLASSES] = {6, 11, 11, 5, 2, 13};
static PyObject *syria_py_classes[SYRIA_PY_CLASSES];
static PyObject *syria_py_fields[SYRIA_PY_CLASSES]; /* each class's __slots__ as a tuple */

static PyObject *syria_python_set_record_classes(PyObject *classes)
{
    if (!PyTuple_Check(classes) || PyTuple_GET_SIZE(classes) != SYRIA_PY_CLASSES)
        return PyErr_Format(PyExc_TypeError, "_set_record_classes takes a tuple of %d classes",
                            SYRIA_PY_CLASSES);
    for (int k = 0; k < SYRIA_PY_CLASSES; k++) {
        PyObject *cls = PyTuple_GET_ITEM(classes, k);
        PyObject *slots = PyObject_GetAttrString(cls, "__slots__");
        PyObject *fields = slots ? PySequence_Tuple(slots) : NULL;
        Py_XDECREF(slots);
        if (!fields) return NULL;
        if (!PyType_Check(cls) || PyTuple_GET_SIZE(fields) != syria_py_field_count[k]) {
            Py_DECREF(fields);
            return PyErr_Format(PyExc_TypeError, "record class %d must have %zd slots", k,
                                syria_py_field_count[k]);
        }
        Py_INCREF(cls);
        Py_XSETREF(syria_py_classes[k], cls);
        Py_XSETREF(syria_py_fields[k], fields);
    }
    Py_RETURN_NONE;
}

/* An instance of record class k from a tuple of its values (stolen). */
static PyObject *syria_py_make(int k, PyObject *values)
{
    PyTypeObject *cls = (PyTypeObject *)syria_py_classes[k];
    PyObject *obj;
    if (!values) return NULL;
    if (!cls) {
        Py_DECREF(values);
        return PyErr_Format(PyExc_RuntimeError, "libsyria: record classes not registered");
    }
    obj = cls->tp_alloc(cls, 0);
    for (Py_ssize_t i = 0; obj && i < syria_py_field_count[k]; i++) {
        if (PyObject_GenericSetAttr(obj, PyTuple_GET_ITEM(syria_py_fields[k], i),
                                    PyTuple_GET_ITEM(values, i)) < 0)
            Py_CLEAR(obj);
    }
    Py_DECREF(values);
    return obj;
}

/* Each record's values in the field order of its Python class. */
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
    return syria_py_make(SYRIA_PY_SENTENCE,
                         Py_BuildValue("(" SYRIA_PY_SPAN_FORMAT "N)",
                                       SYRIA_PY_SPAN_ARGS(o, s->start, s->length),
                                       syria_py_range(s->token_first, s->token_count)));
}

/* Token kinds as shared str objects: most tokens are words. */
static PyObject *syria_py_kind_names[16];

static PyObject *syria_py_kind(int kind)
{
    if (kind < 0 || kind >= 16) return PyUnicode_FromString(syria_token_kind_name(kind));
    if (!syria_py_kind_names[kind]) {
        syria_py_kind_names[kind] = PyUnicode_InternFromString(syria_token_kind_name(kind));
        if (!syria_py_kind_names[kind]) return NULL;
    }
    Py_INCREF(syria_py_kind_names[kind]);
    return syria_py_kind_names[kind];
}

static PyObject *syria_py_token(const syria_doc *doc, size_t i, const syria_py_offsets *o)
{
    const syria_token *t = syria_doc_token(doc, i);
    if (!t) return syria_py_missing(i);
    return syria_py_make(SYRIA_PY_TOKEN,
                         Py_BuildValue("(" SYRIA_PY_SPAN_FORMAT "Nssssn)",
                                       SYRIA_PY_SPAN_ARGS(o, t->start, t->length),
                                       syria_py_kind(t->kind), t->norm, t->prefix, t->stem,
                                       t->suffix, (Py_ssize_t)t->sentence));
}

static PyObject *syria_py_entity(const syria_doc *doc, size_t i, const syria_py_offsets *o)
{
    const syria_entity *e = syria_doc_entity(doc, i);
    if (!e) return syria_py_missing(i);
    return syria_py_make(SYRIA_PY_ENTITY,
                         Py_BuildValue("(s" SYRIA_PY_SPAN_FORMAT "sNNNN)", e->id,
                                       SYRIA_PY_SPAN_ARGS(o, e->start, e->length),
                                       syria_entity_type_name(e->type),
                                       syria_py_optional(e->canonical), syria_py_optional(e->code),
                                       syria_py_optional(e->value),
                                       syria_py_range(e->token_first, e->token_count)));
}

static PyObject *syria_py_actors(const syria_actor *actors, size_t count)
{
    PyObject *list = PyList_New((Py_ssize_t)count);
    if (!list) return NULL;
    for (size_t i = 0; i < count; i++) {
        PyObject *actor = syria_py_make(
            SYRIA_PY_ACTOR, Py_BuildValue("(Ns)", syria_py_optional(actors[i].entity), actors[i].code));
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
    return syria_py_make(
        SYRIA_PY_EVENT,
        Py_BuildValue("(ssNsidNNNNNsN)", v->id, v->type, syria_py_optional(v->mode), v->cameo,
                      v->quad, v->goldstein,
                      syria_py_make(SYRIA_PY_SPAN,
                                    Py_BuildValue("(" SYRIA_PY_SPAN_FORMAT ")",
                                                  SYRIA_PY_SPAN_ARGS(o, v->trigger_start,
                                                                     v->trigger_length))),
                      syria_py_actors(v->sources, v->source_count),
                      syria_py_actors(v->targets, v->target_count), syria_py_optional(v->location),
                      syria_py_optional(v->date), syria_event_status_name(v->status),
                      syria_py_optional(v->reported_by)));
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

/* (text, name, date): the document's own fields. */
static PyObject *syria_py_meta(const syria_doc *doc)
{
    size_t len = 0;
    const char *text = syria_doc_text(doc, &len);
    return Py_BuildValue("(NNN)", PyUnicode_DecodeUTF8(text, (Py_ssize_t)len, "strict"),
                         syria_py_optional(syria_doc_name(doc)),
                         syria_py_optional(syria_doc_date(doc)));
}

/* One list of records, built when the Python layer first asks for it:
 * 0 sentences, 1 tokens, 2 entities, 3 events. */
static PyObject *syria_py_records(const syria_doc *doc, int which)
{
    static const syria_py_record_fn fns[] = {syria_py_sentence, syria_py_token, syria_py_entity,
                                             syria_py_event};
    size_t counts[4], len = 0;
    const char *text = syria_doc_text(doc, &len);
    syria_py_offsets offsets;
    PyObject *list;
    if (which < 0 || which > 3) return PyErr_Format(PyExc_ValueError, "no record list %d", which);
    counts[0] = syria_doc_sentence_count(doc);
    counts[1] = syria_doc_token_count(doc);
    counts[2] = syria_doc_entity_count(doc);
    counts[3] = syria_doc_event_count(doc);
    if (counts[which] == 0) return PyList_New(0);
    if (syria_py_offsets_init(&offsets, text, len) < 0) return NULL;
    list = syria_py_list(doc, counts[which], fns[which], &offsets);
    PyMem_Free(offsets.marks);
    return list;
}

static char *syria_py_to_json(const syria_doc *doc, unsigned int flags)
{
    char *json = NULL;
    return syria_binding_check(syria_doc_to_json(&json, NULL, doc, flags)) < 0 ? NULL : json;
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
    PyObject *_meta() { return syria_py_meta($self); }
    PyObject *_counts() {
        return Py_BuildValue("(nnnn)", (Py_ssize_t)syria_doc_sentence_count($self),
                             (Py_ssize_t)syria_doc_token_count($self),
                             (Py_ssize_t)syria_doc_entity_count($self),
                             (Py_ssize_t)syria_doc_event_count($self));
    }
    PyObject *_records(int which) { return syria_py_records($self, which); }
    char *_to_json(unsigned int flags = 0) { return syria_py_to_json($self, flags); }
}

%rename(_set_record_classes) syria_python_set_record_classes;
PyObject *syria_python_set_record_classes(PyObject *classes);

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


_SENTENCES, _TOKENS, _ENTITIES, _EVENTS = range(4)
_JSON_PRETTY, _JSON_NO_TOKENS = 1, 2


class Document:
    """An analysed text.

    `text`, `name` and `date` (None when not given) and the lists
    `sentences`, `tokens`, `entities`, `events` of plain objects, whose
    `start`/`end` are code-point offsets into `text`. to_json() and to_dict()
    give the library's export (schema 'libsyria/1').

    Each list is copied out of the library the first time it is read (and
    kept), so a program that wants only the events does not pay for the
    tokens' objects.
    """

    __slots__ = ("text", "name", "date", "_sentences", "_tokens", "_entities", "_events",
                 "_handle", "_model")

    def __init__(self, handle, model):
        self._handle = handle
        # The document may borrow the model's memory: keep the model alive.
        self._model = model
        self.text, self.name, self.date = handle._meta()
        self._sentences = self._tokens = self._entities = self._events = None

    @property
    def sentences(self):
        """The sentences, a list of Sentence."""
        if self._sentences is None:
            self._sentences = self._handle._records(_SENTENCES)
        return self._sentences

    @property
    def tokens(self):
        """The tokens, a list of Token."""
        if self._tokens is None:
            self._tokens = self._handle._records(_TOKENS)
        return self._tokens

    @property
    def entities(self):
        """The named entities, a list of Entity."""
        if self._entities is None:
            self._entities = self._handle._records(_ENTITIES)
        return self._entities

    @property
    def events(self):
        """The events, a list of Event."""
        if self._events is None:
            self._events = self._handle._records(_EVENTS)
        return self._events

    def to_json(self, indent=None, tokens=True, pretty=False):
        """The document as JSON (schema 'libsyria/1').

        By default the library's compact one-line export (JSON Lines ready);
        `pretty=True` is the library's own indented form (as `syria analyze
        --pretty`), `indent=N` re-indents with the json module, and
        `tokens=False` leaves out "sentences" and "tokens".
        """
        flags = (_JSON_PRETTY if pretty else 0) | (0 if tokens else _JSON_NO_TOKENS)
        data = self._handle._to_json(flags)
        if indent is None:
            return data
        return _json.dumps(_json.loads(data), indent=indent, ensure_ascii=False)

    def to_dict(self, tokens=True):
        """The JSON export as Python dicts and lists."""
        return _json.loads(self._handle._to_json(0 if tokens else _JSON_NO_TOKENS))

    def __repr__(self):
        # Counts from the library: printing a document builds no record.
        return "Document(name=%r, date=%r, sentences=%d, tokens=%d, entities=%d, events=%d)" % (
            (self.name, self.date) + tuple(self._handle._counts()))


_set_record_classes((Sentence, Token, Entity, Span, Actor, Event))


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

    def analyze_many(self, texts, threads=None, date=None, names=None):
        """Analyses every text of `texts` and returns their Documents, in order.

        `threads` threads (default: the number of CPUs) share the model; the
        library analyses with the GIL released, so they run in parallel.
        `date` applies to every text; `names`, if given, is one name per text.
        The first failure is raised as syria.Error once every thread has
        stopped.
        """
        texts = list(texts)
        count = len(texts)
        names = [None] * count if names is None else list(names)
        if len(names) != count:
            raise ValueError("analyze_many: %d names for %d texts" % (len(names), count))
        date = _date_string(date)
        if threads is None:
            threads = _os.cpu_count() or 1
        threads = max(1, min(int(threads), count))
        handle = self._handle
        if threads == 1:
            return [Document(_analyze(handle, texts[i], names[i], date), handle)
                    for i in range(count)]
        # Threads take batches of consecutive texts from a shared counter:
        # one pool task per text would cost more GIL time than short texts
        # take to analyse.
        batch = max(1, min(64, count // (threads * 8)))
        starts = iter(range(0, count, batch))
        lock = _threading.Lock()
        results = [None] * count
        failures = []

        def work():
            while not failures:
                with lock:
                    start = next(starts, None)
                if start is None:
                    return
                try:
                    for i in range(start, min(start + batch, count)):
                        results[i] = Document(_analyze(handle, texts[i], names[i], date), handle)
                except BaseException as e:  # raised by the caller's thread below
                    failures.append((start, e))
                    return

        workers = [_threading.Thread(target=work, name="syria-analyze-%d" % k, daemon=True)
                   for k in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        if failures:
            raise min(failures, key=lambda f: f[0])[1]
        return results

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


def analyze_many(texts, threads=None, date=None, names=None):
    """Analyses `texts` in parallel with the default model; see Model.analyze_many."""
    return default_model().analyze_many(texts, threads=threads, date=date, names=names)


def normalize(text, flags=NORM_DEFAULT):
    """Normalises `text` (str or UTF-8 bytes) with syria.NORM_* flags."""
    return _normalize(text, flags)


__version__ = version()
__all__ = ["Error", "Model", "Document", "Sentence", "Token", "Entity", "Event", "Span", "Actor",
           "analyze", "analyze_many", "default_model", "normalize", "version"]


def _main(argv=None):
    """python3 -m syria: the command line of `syria analyze` (JSON only)."""
    import sys
    argv = sys.argv[1:] if argv is None else argv
    usage = ("usage: python3 -m syria [analyze] [--date YYYY-MM-DD] [--name NAME] [--model FILE] "
             "[--pretty] [FILE...]\nFILE '-' or no FILE reads standard input.\n")

    def fail(message, status):
        sys.stderr.write("syria: %s\n" % message)
        return status

    if argv[:1] == ["analyze"]:
        argv = argv[1:]
    opts = {"--date": None, "--name": None, "--model": None}
    pretty = False
    files = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help"):
            sys.stdout.write(usage)
            return 0
        if arg == "--version":
            sys.stdout.write("syria %s\n" % version())
            return 0
        if arg in opts:
            if i + 1 >= len(argv):
                return fail("%s needs a value" % arg, 2)
            opts[arg] = argv[i + 1]
            i += 2
            continue
        if arg == "--pretty":
            pretty = True
        elif arg == "--":
            files.extend(argv[i + 1:])
            break
        elif arg.startswith("-") and arg != "-":
            return fail("unknown option %s (see 'python3 -m syria --help')" % arg, 2)
        else:
            files.append(arg)
        i += 1
    files = files or ["-"]
    if opts["--name"] is not None and len(files) > 1:
        return fail("--name names one input; several files were given", 2)
    try:
        model = Model(opts["--model"]) if opts["--model"] else default_model()
    except Error as e:
        return fail("cannot load model: %s" % e, 1)
    if opts["--date"] is not None:
        try:
            model.analyze("", date=opts["--date"])
        except Error as e:
            return fail(str(e), 2)
    out = sys.stdout.buffer
    failed = 0
    for path in files:
        # Each input is read and analysed whole before anything of it is written.
        try:
            if path == "-":
                data = sys.stdin.buffer.read()
            elif _os.path.isdir(path):
                failed = fail("%s: is a directory" % path, 1)
                continue
            else:
                with open(path, "rb") as f:
                    data = f.read()
        except OSError as e:
            failed = fail("%s: %s" % (path, e.strerror or e), 1)
            continue
        if not data:
            failed = fail("%s: empty input" % path, 1)
            continue
        name = opts["--name"] or ("stdin" if path == "-" else _os.path.basename(path))
        try:
            doc = model.analyze(data, date=opts["--date"], name=name)
            line = doc.to_json(pretty=pretty).encode("utf-8") + b"\n"
        except Error as e:
            failed = fail("%s: %s" % (path, e), 1)
            continue
        try:
            out.write(line)
            out.flush()
        except OSError as e:
            return fail("cannot write output: %s" % (e.strerror or e), 1)
    return failed


if __name__ == "__main__":
    import sys as _sys
    _sys.exit(_main())
%}
