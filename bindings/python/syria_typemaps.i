/*
 * Python typemaps for syria.i, included before the core declarations.
 *
 * The module is built with -threads. Only the calls that do real work
 * without touching Python objects release the GIL (analysis, model loading,
 * normalisation, JSON export); everything else, getters included, keeps it.
 */

%nothread;
%thread syria_model::syria_model;
%thread syria_binding_analyze;
%thread syria_binding_normalize;

%{
/* syria.Error, registered by the Python layer when the module is imported. */
static PyObject *syria_python_error_class;

static void syria_python_set_error_class(PyObject *cls)
{
    PyObject *old = syria_python_error_class;
    Py_XINCREF(cls);
    syria_python_error_class = cls;
    Py_XDECREF(old);
}

/* Raises syria.Error(message, code) for the last failure on this thread. */
static void syria_python_raise(int code)
{
    PyObject *cls = syria_python_error_class ? syria_python_error_class : PyExc_RuntimeError;
    const char *message = syria_error_last();
    /* Messages may quote user input (a file name): never fail on decoding. */
    PyObject *text = PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message), "replace");
    PyObject *error = text ? PyObject_CallFunction(cls, "Ni", text, code) : NULL;
    if (error) {
        PyErr_SetObject((PyObject *)Py_TYPE(error), error);
        Py_DECREF(error);
    }
}

#define SYRIA_BINDING_RAISE() syria_python_raise(syria_binding_status)
%}

%rename(_set_error_class) syria_python_set_error_class;
void syria_python_set_error_class(PyObject *cls);

/* Text arguments: str (encoded to UTF-8 by Python, cached in the object) or
 * bytes (passed as they are, so invalid UTF-8 reaches the library's check).
 * Either buffer stays valid while the GIL is released: the caller holds it. */
%typemap(in) (const char *text, size_t len) {
    Py_ssize_t size = 0;
    if (PyUnicode_Check($input)) {
        $1 = ($1_ltype)PyUnicode_AsUTF8AndSize($input, &size);
        if (!$1) SWIG_fail;
    } else if (PyBytes_Check($input)) {
        char *bytes = NULL;
        if (PyBytes_AsStringAndSize($input, &bytes, &size) < 0) SWIG_fail;
        $1 = bytes;
    } else {
        PyErr_Format(PyExc_TypeError, "text must be str or bytes, not %.100s", Py_TYPE($input)->tp_name);
        SWIG_fail;
    }
    $2 = (size_t)size;
}

/* A new document belongs to its Python handle, which frees it. */
%typemap(out) syria_doc * "$result = SWIG_NewPointerObj($1, $1_descriptor, SWIG_POINTER_OWN);"
