/* Viterbi decoding of the mention CRF, compiled: the same arithmetic as CrfModel.decode_numpy.
 *
 * Why C: numpy's fixed cost per call dominates arrays of a dozen labels, and the numpy decoder
 * makes ~6 calls per token position (0.46 s of the 2.1 s mention stage in `kronika bench`); this
 * loop does the same additions in the same order, so its labels are identical, ties included
 * (the first, lowest label id wins, as in crfsuite and numpy's argmax).
 *
 * Built by `pip install` when a C compiler is present (an optional extension: without one the
 * install goes on and kronika.entities.crf uses the numpy decoder). No numpy headers: the arrays
 * arrive through the buffer protocol.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int get_doubles(PyObject *obj, Py_buffer *view, const char *what) {
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    if (view->itemsize != sizeof(double) || view->format == NULL || strcmp(view->format, "d") != 0) {
        PyErr_Format(PyExc_TypeError, "%s must be a C-contiguous float64 array", what);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* decode(scores, lengths, transitions, labels) -> list of labels, one per row of scores.
 * scores: (tokens x L) float64, the sentences one after another; lengths: their token counts;
 * transitions: (L x L) float64, [i][j] scores label j after label i; labels: L objects. */
static PyObject *decode(PyObject *self, PyObject *args) {
    PyObject *scores_obj, *lengths_obj, *trans_obj, *labels_obj;
    if (!PyArg_ParseTuple(args, "OOOO", &scores_obj, &lengths_obj, &trans_obj, &labels_obj))
        return NULL;
    PyObject *labels = PySequence_Fast(labels_obj, "labels must be a sequence");
    if (labels == NULL)
        return NULL;
    PyObject *lengths = PySequence_Fast(lengths_obj, "lengths must be a sequence");
    if (lengths == NULL) {
        Py_DECREF(labels);
        return NULL;
    }
    Py_buffer sv, tv;
    if (get_doubles(scores_obj, &sv, "scores") < 0) {
        Py_DECREF(labels);
        Py_DECREF(lengths);
        return NULL;
    }
    if (get_doubles(trans_obj, &tv, "transitions") < 0) {
        PyBuffer_Release(&sv);
        Py_DECREF(labels);
        Py_DECREF(lengths);
        return NULL;
    }
    PyObject *out = NULL;
    double *alpha = NULL, *next = NULL;
    Py_ssize_t *back = NULL, *path = NULL;
    const Py_ssize_t L = PySequence_Fast_GET_SIZE(labels);
    const Py_ssize_t count = PySequence_Fast_GET_SIZE(lengths);
    const Py_ssize_t rows = L > 0 ? (Py_ssize_t)(sv.len / sizeof(double)) / L : 0;
    const double *s = (const double *)sv.buf, *trans = (const double *)tv.buf;

    if (L == 0 || (Py_ssize_t)(tv.len / sizeof(double)) != L * L || (Py_ssize_t)(sv.len / sizeof(double)) != rows * L) {
        PyErr_SetString(PyExc_ValueError, "scores must be (tokens x labels) and transitions (labels x labels)");
        goto done;
    }
    Py_ssize_t total = 0, longest = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_ssize_t m = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(lengths, k));
        if (m < 0) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "a sentence length is negative");
            goto done;
        }
        total += m;
        if (m > longest)
            longest = m;
    }
    if (total != rows) {
        PyErr_Format(PyExc_ValueError, "lengths add up to %zd tokens, scores have %zd rows", total, rows);
        goto done;
    }
    out = PyList_New(rows);
    alpha = PyMem_Malloc(sizeof(double) * L);
    next = PyMem_Malloc(sizeof(double) * L);
    back = PyMem_Malloc(sizeof(Py_ssize_t) * L * (longest > 0 ? longest : 1));
    path = PyMem_Malloc(sizeof(Py_ssize_t) * (longest > 0 ? longest : 1));
    if (out == NULL || alpha == NULL || next == NULL || back == NULL || path == NULL) {
        Py_CLEAR(out);
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t at = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        const Py_ssize_t m = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(lengths, k));
        if (m == 0)
            continue;
        const double *st = s + at * L;
        for (Py_ssize_t j = 0; j < L; j++)
            alpha[j] = st[j];
        for (Py_ssize_t t = 1; t < m; t++) {
            const double *row = st + t * L;
            Py_ssize_t *bt = back + t * L;
            for (Py_ssize_t j = 0; j < L; j++) {
                /* curr[j] = max_i(prev[i] + trans[i][j]) + state[j], the first i on a tie */
                Py_ssize_t best = 0;
                double top = alpha[0] + trans[j];
                for (Py_ssize_t i = 1; i < L; i++) {
                    double v = alpha[i] + trans[i * L + j];
                    if (v > top) {
                        top = v;
                        best = i;
                    }
                }
                bt[j] = best;
                next[j] = top + row[j];
            }
            double *swap = alpha;
            alpha = next;
            next = swap;
        }
        Py_ssize_t cur = 0;
        for (Py_ssize_t j = 1; j < L; j++)
            if (alpha[j] > alpha[cur])
                cur = j;
        for (Py_ssize_t t = m - 1; t > 0; t--) {
            path[t] = cur;
            cur = back[t * L + cur];
        }
        path[0] = cur;
        for (Py_ssize_t t = 0; t < m; t++) {
            PyObject *label = PySequence_Fast_GET_ITEM(labels, path[t]);
            Py_INCREF(label);
            PyList_SET_ITEM(out, at + t, label);
        }
        at += m;
    }
done:
    PyMem_Free(alpha);
    PyMem_Free(next);
    PyMem_Free(back);
    PyMem_Free(path);
    PyBuffer_Release(&sv);
    PyBuffer_Release(&tv);
    Py_DECREF(labels);
    Py_DECREF(lengths);
    return out;
}

static PyMethodDef methods[] = {
    {"decode", decode, METH_VARARGS,
     "decode(scores, lengths, transitions, labels) -> best label per token of consecutive sentences"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_viterbi", "Compiled Viterbi for the mention CRF.", -1,
                                    methods};

PyMODINIT_FUNC PyInit__viterbi(void) { return PyModule_Create(&module); }
