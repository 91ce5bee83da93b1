/* The mention CRF's arithmetic, compiled: state scores (features.sequence_scores_numpy) and
 * Viterbi decoding (CrfModel.decode_numpy).
 *
 * Why C: numpy's fixed cost per call dominates arrays of a dozen labels. The numpy decoder makes
 * ~6 calls per token position (0.46 s of the 2.1 s mention stage in `kronika bench`), the state
 * scores ~25 per document. These loops do the same additions in the same order, so the scores are
 * the same doubles and the labels identical, ties included (the first, lowest label id wins, as
 * in crfsuite and numpy's argmax).
 *
 * Built by `pip install` when a C compiler is present (an optional extension: without one the
 * install goes on and kronika.entities.crf uses the numpy decoder). No numpy headers: the arrays
 * arrive through the buffer protocol.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int get_doubles(PyObject *obj, Py_buffer *view, const char *what) {
    /* Only ``out`` is written to; asking every array for a writable buffer would refuse none here. */
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (strcmp(what, "out") == 0 ? PyBUF_WRITABLE : 0)) < 0)
        return -1;
    if (view->itemsize != sizeof(double) || view->format == NULL || strcmp(view->format, "d") != 0) {
        PyErr_Format(PyExc_TypeError, "%s must be a C-contiguous float64 array", what);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static int get_ints(PyObject *obj, Py_buffer *view, const char *what) {
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    if (view->itemsize != sizeof(Py_ssize_t) || view->format == NULL ||
        (strcmp(view->format, "l") != 0 && strcmp(view->format, "q") != 0 && strcmp(view->format, "n") != 0)) {
        PyErr_Format(PyExc_TypeError, "%s must be a C-contiguous int64 array", what);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* Adds ``weights`` (L doubles) to the rows of ``out`` that the Python list ``at`` names. */
static int add_at(double *out, Py_ssize_t rows, Py_ssize_t L, PyObject *at, const double *weights) {
    PyObject *seq = PySequence_Fast(at, "positions must be a sequence");
    if (seq == NULL)
        return -1;
    for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(seq); k++) {
        Py_ssize_t i = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(seq, k));
        if (i < 0 || i >= rows) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_IndexError, "position %zd outside the %zd tokens", i, rows);
            Py_DECREF(seq);
            return -1;
        }
        for (Py_ssize_t j = 0; j < L; j++)
            out[i * L + j] += weights[j];
    }
    Py_DECREF(seq);
    return 0;
}

/* state_scores(out, table, ids, lengths, extras, init, cap_mid, lower, first, second, codes, width,
 *              bigram_table)
 * out: (n x L) float64, filled; table: (words x 5 x L) per-word rows (own, then what the word adds
 * two before, one before, one after, two after it); ids: n int64 row ids; lengths: sentence
 * lengths adding up to n; extras: (8 x L) float64 = bias, pad -2, pad -1, pad 1, pad 2, init,
 * cap_mid, lower; init, cap_mid, lower: lists of token positions; first, second:
 * per-word bigram half ids (-1: none), codes: sorted int64 bigram codes (first * width + second)
 * with bigram_table (codes x L) their weights. */
static PyObject *state_scores(PyObject *self, PyObject *args) {
    PyObject *out_obj, *table_obj, *ids_obj, *lengths_obj, *extras_obj, *init, *cap_mid, *lower, *first_obj,
        *second_obj, *codes_obj, *bigram_obj;
    Py_ssize_t width;
    if (!PyArg_ParseTuple(args, "OOOOOOOOOOOnO", &out_obj, &table_obj, &ids_obj, &lengths_obj, &extras_obj, &init,
                          &cap_mid, &lower, &first_obj, &second_obj, &codes_obj, &width, &bigram_obj))
        return NULL;
    Py_buffer b[8];
    int got = 0;
    PyObject *result = NULL, *lengths = NULL;
    unsigned char *has_prev = NULL, *has_next = NULL;
    if (get_doubles(out_obj, &b[0], "out") < 0 || (got++, get_doubles(table_obj, &b[1], "table") < 0) ||
        (got++, get_ints(ids_obj, &b[2], "ids") < 0) || (got++, get_doubles(extras_obj, &b[3], "extras") < 0) ||
        (got++, get_ints(first_obj, &b[4], "first") < 0) || (got++, get_ints(second_obj, &b[5], "second") < 0) ||
        (got++, get_ints(codes_obj, &b[6], "codes") < 0) || (got++, get_doubles(bigram_obj, &b[7], "bigram_table") < 0))
        goto done;
    got++;
    double *out = (double *)b[0].buf;
    const double *table = (const double *)b[1].buf, *extras = (const double *)b[3].buf,
                 *bigrams = (const double *)b[7].buf;
    const Py_ssize_t *ids = (const Py_ssize_t *)b[2].buf, *first = (const Py_ssize_t *)b[4].buf,
                     *second = (const Py_ssize_t *)b[5].buf, *codes = (const Py_ssize_t *)b[6].buf;
    const Py_ssize_t n = b[2].len / (Py_ssize_t)sizeof(Py_ssize_t);
    const Py_ssize_t L = n > 0 ? (b[0].len / (Py_ssize_t)sizeof(double)) / n : 0;
    const Py_ssize_t words = L > 0 ? (b[1].len / (Py_ssize_t)sizeof(double)) / (5 * L) : 0;
    const Py_ssize_t n_codes = b[6].len / (Py_ssize_t)sizeof(Py_ssize_t);
    if (n == 0) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    if (L == 0 || b[0].len != (Py_ssize_t)sizeof(double) * n * L || b[3].len != (Py_ssize_t)sizeof(double) * 8 * L ||
        b[1].len != (Py_ssize_t)sizeof(double) * words * 5 * L || b[4].len != b[5].len ||
        b[7].len != (Py_ssize_t)sizeof(double) * n_codes * L) {
        PyErr_SetString(PyExc_ValueError, "state_scores: array shapes do not fit together");
        goto done;
    }
    const Py_ssize_t n_words = b[4].len / (Py_ssize_t)sizeof(Py_ssize_t);
    for (Py_ssize_t i = 0; i < n; i++)
        if (ids[i] < 0 || ids[i] >= words || ids[i] >= n_words) {
            PyErr_Format(PyExc_IndexError, "word id %zd outside the table", ids[i]);
            goto done;
        }
    lengths = PySequence_Fast(lengths_obj, "lengths must be a sequence");
    has_prev = PyMem_Calloc(n, 1);
    has_next = PyMem_Calloc(n, 1);
    if (lengths == NULL || has_prev == NULL || has_next == NULL) {
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t at = 0;
    for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(lengths); k++) {
        Py_ssize_t m = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(lengths, k));
        if (m < 0 || at + m > n) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "sentence lengths do not add up to the tokens");
            goto done;
        }
        for (Py_ssize_t t = 1; t < m; t++) {
            has_prev[at + t] = 1;
            has_next[at + t - 1] = 1;
        }
        at += m;
    }
    if (at != n) {
        PyErr_SetString(PyExc_ValueError, "sentence lengths do not add up to the tokens");
        goto done;
    }
    const double *bias = extras, *pad2 = extras + L, *pad1 = extras + 2 * L, *next1 = extras + 3 * L,
                 *next2 = extras + 4 * L;
    for (Py_ssize_t i = 0; i < n; i++) {
        /* In numpy's order: own + bias, then the -2, -1, +1, +2 neighbours' rows (or the pads). */
        const double *own = table + ids[i] * 5 * L;
        const double *x2 = (has_prev[i] && has_prev[i - 1]) ? table + ids[i - 2] * 5 * L + 1 * L : pad2;
        const double *x1 = has_prev[i] ? table + ids[i - 1] * 5 * L + 2 * L : pad1;
        const double *y1 = has_next[i] ? table + ids[i + 1] * 5 * L + 3 * L : next1;
        const double *y2 = (has_next[i] && has_next[i + 1]) ? table + ids[i + 2] * 5 * L + 4 * L : next2;
        double *o = out + i * L;
        for (Py_ssize_t j = 0; j < L; j++) {
            double v = own[j] + bias[j];
            v += x2[j];
            v += x1[j];
            v += y1[j];
            v += y2[j];
            o[j] = v;
        }
    }
    if (add_at(out, n, L, init, extras + 5 * L) < 0 || add_at(out, n, L, cap_mid, extras + 6 * L) < 0 ||
        add_at(out, n, L, lower, extras + 7 * L) < 0)
        goto done;
    /* "bi-1=prev|cur": both halves known to some bigram, then the pair's code among the model's. */
    for (Py_ssize_t i = 1; i < n && n_codes > 0; i++) {
        Py_ssize_t f = first[ids[i - 1]], s2 = second[ids[i]];
        if (!has_prev[i] || f < 0 || s2 < 0)
            continue;
        Py_ssize_t code = f * width + s2, lo = 0, hi = n_codes;
        while (lo < hi) {
            Py_ssize_t mid = lo + (hi - lo) / 2;
            if (codes[mid] < code)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n_codes && codes[lo] == code)
            for (Py_ssize_t j = 0; j < L; j++)
                out[i * L + j] += bigrams[lo * L + j];
    }
    result = Py_NewRef(Py_None);
done:
    for (int k = 0; k < got && k < 8; k++)
        PyBuffer_Release(&b[k]);
    Py_XDECREF(lengths);
    PyMem_Free(has_prev);
    PyMem_Free(has_next);
    return result;
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
    {"state_scores", state_scores, METH_VARARGS,
     "state_scores(out, table, ids, lengths, extras, init, cap_mid, lower, first, second, codes, width, "
     "bigram_table): fill out with the tokens' state scores"},
    {"decode", decode, METH_VARARGS,
     "decode(scores, lengths, transitions, labels) -> best label per token of consecutive sentences"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_crf", "Compiled state scores and Viterbi of the mention CRF.", -1,
                                    methods};

PyMODINIT_FUNC PyInit__crf(void) { return PyModule_Create(&module); }
