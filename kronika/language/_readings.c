/* The morphology stage's per-token loop, compiled: MorphologyTagger.read_tokens_python in C.
 *
 * Why C: the loop does no linguistics, only a slice, two set lookups, a cached reading and a
 * Token per word, yet in Python it cost ~0.3 s per 250k tokens in `kronika bench` (half of the
 * stage with warm caches). The readings still come from the same Python caches (best_initial,
 * best_inside), and the Tokens are filled through the dataclass's own slot descriptors, so the
 * tokens are the ones the Python loop builds.
 *
 * Built by `pip install` where a C compiler is present (optional extension; without it the
 * Python loop runs).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define N_FIELDS 6 /* start, end, text, lemma, tag, proper */

static int fill(PyObject *token, PyObject **slots, PyObject **values) {
    for (int f = 0; f < N_FIELDS; f++)
        if (Py_TYPE(slots[f])->tp_descr_set(slots[f], token, values[f]) < 0)
            return -1;
    return 0;
}

/* read_tokens(text, starts, ends, sentence_starts, openers, initial, inside, token_type, slots)
 * -> list of Tokens: for each (start, end), word = text[start:end], its reading (lemma, tag,
 * proper) from initial(word) at a sentence start or after an opener, else from inside(word). */
static PyObject *read_tokens(PyObject *self, PyObject *args) {
    PyObject *text, *starts_obj, *ends_obj, *sentence_starts, *openers, *initial, *inside, *slots_obj;
    PyTypeObject *token_type;
    if (!PyArg_ParseTuple(args, "UOOO!O!OOO!O", &text, &starts_obj, &ends_obj, &PySet_Type, &sentence_starts,
                          &PyFrozenSet_Type, &openers, &initial, &inside, &PyType_Type, &token_type, &slots_obj))
        return NULL;
    PyObject *slots_seq = PySequence_Fast(slots_obj, "slots must be a sequence");
    if (slots_seq == NULL)
        return NULL;
    PyObject *starts = PySequence_Fast(starts_obj, "starts must be a sequence");
    PyObject *ends = PySequence_Fast(ends_obj, "ends must be a sequence");
    PyObject *out = NULL, *prev = NULL;
    if (starts == NULL || ends == NULL)
        goto done;
    if (PySequence_Fast_GET_SIZE(slots_seq) != N_FIELDS) {
        PyErr_SetString(PyExc_ValueError, "slots must be the 6 field descriptors of Token");
        goto done;
    }
    PyObject **slots = PySequence_Fast_ITEMS(slots_seq);
    for (int f = 0; f < N_FIELDS; f++)
        if (Py_TYPE(slots[f])->tp_descr_set == NULL) {
            PyErr_SetString(PyExc_TypeError, "slots must be data descriptors");
            goto done;
        }
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(starts);
    if (PySequence_Fast_GET_SIZE(ends) != n) {
        PyErr_SetString(PyExc_ValueError, "starts and ends differ in length");
        goto done;
    }
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    out = PyList_New(n);
    if (out == NULL)
        goto done;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *start = PySequence_Fast_GET_ITEM(starts, k), *end = PySequence_Fast_GET_ITEM(ends, k);
        Py_ssize_t a = PyLong_AsSsize_t(start), b = PyLong_AsSsize_t(end);
        if ((a == -1 || b == -1) && PyErr_Occurred())
            goto fail;
        if (a < 0 || b < a || b > length) {
            PyErr_Format(PyExc_ValueError, "token %zd: offsets %zd-%zd outside the text (%zd characters)", k, a, b,
                         length);
            goto fail;
        }
        PyObject *word = PyUnicode_Substring(text, a, b);
        if (word == NULL)
            goto fail;
        int at_start = PySet_Contains(sentence_starts, start);
        if (at_start == 0 && prev != NULL)
            at_start = PySet_Contains(openers, prev);
        if (at_start < 0) {
            Py_DECREF(word);
            goto fail;
        }
        PyObject *reading = PyObject_CallOneArg(at_start ? initial : inside, word);
        if (reading == NULL) {
            Py_DECREF(word);
            goto fail;
        }
        if (!PyTuple_Check(reading) || PyTuple_GET_SIZE(reading) != 3) {
            PyErr_SetString(PyExc_TypeError, "a reading must be a (lemma, tag, proper) tuple");
            Py_DECREF(reading);
            Py_DECREF(word);
            goto fail;
        }
        PyObject *token = token_type->tp_alloc(token_type, 0);
        PyObject *values[N_FIELDS] = {start, end, word, PyTuple_GET_ITEM(reading, 0), PyTuple_GET_ITEM(reading, 1),
                                      PyTuple_GET_ITEM(reading, 2)};
        if (token == NULL || fill(token, slots, values) < 0) {
            Py_XDECREF(token);
            Py_DECREF(reading);
            Py_DECREF(word);
            goto fail;
        }
        Py_DECREF(reading);
        PyList_SET_ITEM(out, k, token);
        Py_XDECREF(prev);
        prev = word; /* the token holds its own reference; this one is for the opener check */
    }
    goto done;
fail:
    Py_CLEAR(out); /* the slots not yet filled are NULL, which list deallocation skips */
done:
    Py_XDECREF(prev);
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    Py_DECREF(slots_seq);
    return out;
}

static PyMethodDef methods[] = {
    {"read_tokens", read_tokens, METH_VARARGS,
     "read_tokens(text, starts, ends, sentence_starts, openers, initial, inside, token_type, slots) -> Tokens"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_readings",
                                    "Compiled per-token loop of the morphology stage.", -1, methods};

PyMODINIT_FUNC PyInit__readings(void) { return PyModule_Create(&module); }
