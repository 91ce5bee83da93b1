"""The packaged linear-chain CRF, decoded in numpy from crfsuite's own model file.

pycrfsuite spends most of its tagging time turning our Python feature strings into its item
lists (measured over the BSNLP corpus: 2.2 of 2.6 s), while the scoring itself is a few weight
sums per token. Here the weights are read once from the model file (exact doubles: crfsuite's
text dump keeps only six decimals), a word form's weights are summed once per process
(``features.sentence_scores``), and Viterbi runs over all sentences of a document at once.
The decoding is crfsuite's: no start/end transitions, ties go to the lower label id. It runs in
the compiled ``_crf`` module where ``pip install`` could build it, else in numpy; both give
the same labels (``tests/entities/test_crf.py`` compares them).
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

try:  # built by pip install where a C compiler is present (pyproject.toml: ext-modules)
    from kronika.entities import _crf
except ImportError:  # no compiler at install time: the numpy decoder, same labels, ~15× slower
    _crf = None
compiled = _crf  # what features.sequence_scores calls too

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_FEATURE = struct.Struct("<IIId")  # type (0 state, 1 transition), source, destination, weight
_STATE, _TRANSITION = 0, 1


class CrfModel:
    """Labels, per-attribute weight rows and the label transition matrix of one crfsuite model.

    ``weights["w=korei"]`` is the vector of that attribute's weight per label (zero where the model
    has none); ``transitions[i, j]`` scores label j after label i.
    """

    def __init__(self, labels: list[str], weights: dict[str, np.ndarray], transitions: np.ndarray) -> None:
        self.labels = tuple(labels)
        self.weights = weights
        self.transitions = transitions
        self.zero = np.zeros(len(labels))
        self._compiled_args: tuple[np.ndarray, list[str]] | None = None

    @classmethod
    def from_file(cls, path: str | Path, attributes: dict[str, int], labels: list[str]) -> CrfModel:
        """Weights from the FEAT chunk of a crfsuite 1d model; attribute and label ids as the
        tagger reports them (``Tagger.info().attributes``, ``Tagger.labels()``)."""
        data = Path(path).read_bytes()
        head = _HEADER.unpack_from(data, 0)
        if head[0] != b"lCRF" or head[2] != b"FOMC":
            raise ValueError(f"{path}: not a crfsuite CRF1d model")
        off = head[7]
        chunk, _size, count = struct.unpack_from("<4sII", data, off)
        if chunk != b"FEAT":
            raise ValueError(f"{path}: no feature chunk at offset {off}")
        names = {i: a for a, i in attributes.items()}
        n = len(labels)
        rows: dict[int, np.ndarray] = {}
        transitions = np.zeros((n, n))
        for kind, src, dst, weight in _FEATURE.iter_unpack(data[off + 12 : off + 12 + _FEATURE.size * count]):
            if kind == _STATE:
                rows.setdefault(src, np.zeros(n))[dst] = weight
            elif kind == _TRANSITION:
                transitions[src, dst] = weight
        return cls(labels, {names[i]: row for i, row in rows.items()}, transitions)

    def decode(self, scores: np.ndarray, lengths: list[int]) -> list[str]:
        """Best labels of consecutive sentences, given their (tokens × labels) state scores one
        sentence after another and the sentences' lengths; one label per row of ``scores``."""
        if _crf is None:
            return self.decode_numpy(scores, lengths)
        if not self._compiled_args:
            self._compiled_args = (np.ascontiguousarray(self.transitions, dtype=np.float64), list(self.labels))
        transitions, labels = self._compiled_args
        return _crf.decode(np.ascontiguousarray(scores, dtype=np.float64), lengths, transitions, labels)

    def decode_numpy(self, scores: np.ndarray, lengths: list[int]) -> list[str]:
        """``decode`` in numpy: the path without the compiled module, and its reference in tests."""
        if not lengths:
            return []
        count, longest, n = len(lengths), max(lengths), len(self.labels)
        size = np.array(lengths)
        first = np.cumsum(size) - size
        seq = np.repeat(np.arange(count), size)
        pos = np.arange(len(scores)) - first[seq]
        # Longest sentences first: at step t the sentences still running are a prefix of the batch,
        # so each step works on those alone (a document's sentences differ in length a lot).
        order = np.argsort(-size, kind="stable")
        rank = np.empty(count, dtype=np.intp)
        rank[order] = np.arange(count)
        running = np.searchsorted(-size[order], -np.arange(longest + 1), side="left").tolist()  # length > t
        state = np.zeros((longest, count, n))
        state[pos, rank[seq]] = scores
        alpha = state[0]
        final = np.empty((count, n))  # the scores at each sentence's last token
        final[running[1]:] = alpha[running[1]:]
        back = np.empty((longest, count, n), dtype=np.intp)
        # Why this layout: numpy's fixed cost per call dominates arrays this small, and an argmax
        # along the last axis plus a gather costs less than argmax and max along a middle axis.
        into = np.ascontiguousarray(self.transitions.T)  # into[j, i] = score of label j after label i
        cand = np.empty((count, n, n))
        flat = cand.reshape(-1)
        row_start = np.arange(0, count * n * n, n).reshape(count, n)  # where cand[b, j, :] starts in flat
        for t in range(1, longest):
            k, ended = running[t], running[t + 1]
            # crfsuite: curr[j] = max_i(prev[i] + trans[i][j]) + state[j], the first i on a tie.
            np.add(alpha[:k, None, :], into, out=cand[:k])
            best = cand[:k].argmax(axis=2, out=back[t, :k])
            alpha = flat[row_start[:k] + best]
            alpha += state[t, :k]
            if ended < k:
                final[ended:k] = alpha[ended:]
        cur = final.argmax(axis=1)
        path = np.empty((longest, count), dtype=np.intp)
        every = np.arange(count)
        for t in range(longest - 1, 0, -1):
            k = running[t]
            path[t, :k] = cur[:k]
            cur[:k] = back[t, every[:k], cur[:k]]
        path[0] = cur
        labels = self.labels
        return [labels[k] for k in path[pos, rank[seq]].tolist()]
