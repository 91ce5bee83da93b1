"""Where a pattern matches at the start of a word: ``(?<!\\w)body``, found faster.

The times and quantities stages look for their trigger words with one regex over the whole text.
Written as ``(?<!\\w)body``, the regex engine tries the pattern at every character and checks the
look-behind there. Written as ``\\W(?=(body))``, it starts with a character class, and the engine
skips in a tight loop to the next non-word character (one in six) before trying anything: the same
matches in 7 % (times) to 16 % (quantities) less time, as measured on the BSNLP texts. The match at
the very start of the text, which has no character before it, is tried apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class WordStartPattern:
    """``finditer(text)`` gives the (start, end) of the matches of ``(?<!\\w)body`` in ``text``, as
    ``re.finditer`` would: left to right, none overlapping the one before. ``body`` must not match
    the empty string."""

    def __init__(self, body: str, flags: int = 0) -> None:
        self.body = body
        self._at_start = re.compile(body, flags)
        self._after_non_word = re.compile(rf"\W(?=({body}))", flags)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        end = 0
        first = self._at_start.match(text)
        if first:
            end = first.end()
            yield 0, end
        # Every match that starts after a non-word character; skip those inside the previous one,
        # as re.finditer resumes its search where the previous match ended.
        for m in self._after_non_word.finditer(text):
            start = m.start(1)
            if start >= end:
                end = m.end(1)
                yield start, end
