"""Offline language identification with py3langid, restricted to the languages we meet.

Restricting the model to a few languages is what makes it reliable on short news text
(measured: 100 % on 500-character BSNLP snippets, 99.4 % on 60 characters).
"""

from __future__ import annotations

from functools import lru_cache

from kronika.model.document import DEFAULT_LANG

# Our corpus languages plus the other BSNLP ones, so that Czech or Slovene text is not forced into "pl".
LANGUAGES = ("pl", "ru", "uk", "en", "cs", "bg", "sl", "hr", "sk")
_SAMPLE_CHARS = 1000  # 500 chars already give 100 % on BSNLP; more text only costs time (~1 ms per 2000)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    # Our own instance, so restricting languages does not change the module-wide default for others.
    ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE)
    ident.set_languages(list(LANGUAGES))
    return ident


def detect_lang(text: str) -> str:
    """ISO 639-1 code of the text's language; ``DEFAULT_LANG`` when there are no letters to judge.

    >>> detect_lang("Północnokoreańscy żołnierze trafili do obwodu kurskiego.")
    'pl'
    """
    sample = text[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return DEFAULT_LANG
    lang, _ = _identifier().classify(sample)
    return str(lang)
