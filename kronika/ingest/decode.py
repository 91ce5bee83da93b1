"""Bytes → canonical text: size cap, binary rejection, BOM, encoding choice, NFC, newlines.

Polish files come in UTF-8 (with or without a BOM), Windows-1250 or ISO-8859-2. We try strict
UTF-8 first; only a file that is clearly *not* UTF-8 is decoded as a legacy code page, chosen by
how many Polish letters each reading yields ("Żołnierze z Korei" reads right only in one of them).
A UTF-8 file cut inside a multi-byte character is an error, never silently re-read as cp1250.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata
from pathlib import Path

from kronika.errors import InputError

STDIN = "-"
STDIN_NAME = "<stdin>"

# Magic numbers of files that people rename to .txt by mistake: name them in the error.
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/ODT)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)
_POLISH = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
_LEGACY = ("cp1250", "iso-8859-2")
# Text has tabs, newlines and form feeds but hardly any other C0 controls; random or compressed bytes do.
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}
_CONTROL_DELETE = bytes(sorted(_CONTROL_BYTES))  # for bytes.translate: one pass instead of one per byte value
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.05


def read_bytes(path: str, max_bytes: int) -> bytes:
    """Read a file (or stdin for "-"), refusing files over ``max_bytes`` before reading them."""
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(STDIN_NAME, None, f"input is larger than the {max_bytes}-byte cap",
                             "split it, or raise max_input_bytes (KRONIKA_MAX_INPUT_BYTES)")
        return data
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise InputError(path, None, f"cannot read file ({e.strerror})", "check the path and permissions") from e
    if size > max_bytes:
        raise InputError(path, None, f"file is {size} bytes, over the {max_bytes}-byte cap",
                         "split it, or raise max_input_bytes (KRONIKA_MAX_INPUT_BYTES)")
    try:
        return p.read_bytes()
    except OSError as e:
        raise InputError(path, None, f"cannot read file ({e.strerror})", "check the path and permissions") from e


def check_not_binary(data: bytes, path: str) -> None:
    """Raise InputError for empty input or bytes that are plainly not text (NUL bytes, image headers)."""
    if not data.strip():
        raise InputError(path, None, "file is empty", "remove it or give it some text")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, "byte 0", f"this is {what}, not text", "give Kronika text, HTML, RSS or JSONL")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(path, f"byte {nul}", "binary file (NUL byte)", "give Kronika text, HTML, RSS or JSONL")
    head = data[:_SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL_DELETE))
    if controls > len(head) * _MAX_CONTROL_SHARE:
        raise InputError(path, None, f"binary file ({controls} control bytes in the first {len(head)})",
                         "give Kronika text, HTML, RSS or JSONL")


def decode_bytes(data: bytes, path: str) -> str:
    """Decode to a str, choosing UTF-8 (±BOM), UTF-16 (with BOM), cp1250 or ISO-8859-2.

    >>> decode_bytes("Żołnierze".encode("cp1250"), "a.txt")
    'Żołnierze'
    """
    check_not_binary(data, path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(path, f"byte {e.start}", "broken UTF-16", "re-save the file as UTF-8") from e
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        error = e
    prefix_has_utf8 = any(b >= 0x80 for b in data[: error.start])
    # An ASCII file whose last byte starts a UTF-8 sequence is cut off too, unless that byte is a
    # Polish letter in cp1250 (a one-letter cp1250 file ending in "ę" is plausible, "Ĺ" is not).
    tail_is_polish = data[error.start:].decode("cp1250", errors="replace") in set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
    if error.end == len(data) and error.reason == "unexpected end of data" and (
            prefix_has_utf8 or not tail_is_polish):
        # Valid UTF-8 up to a multi-byte character cut off by the end of the file: a truncated download.
        raise InputError(path, f"byte {error.start}", "UTF-8 text is cut off inside a multi-byte character",
                         "the file looks truncated: fetch or copy it again")
    valid, invalid = _utf8_balance(data)
    if valid > invalid:
        # Mostly good UTF-8 with a few bad bytes: mixed or damaged, and a code page would garble the rest.
        raise InputError(path, f"byte {error.start}", "not valid UTF-8 (the rest of the file is UTF-8)",
                         "repair the damaged bytes or re-save the file as UTF-8")
    return _decode_legacy(data, path)


def _utf8_balance(data: bytes) -> tuple[int, int]:
    """(well-formed multi-byte UTF-8 sequences, bytes that are not valid UTF-8)."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) >= 0x80 and ch != "\ufffd")
    return valid, invalid


def _decode_legacy(data: bytes, path: str) -> str:
    best: tuple[int, str] | None = None
    for enc in _LEGACY:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        # C1 controls (0x80-0x9F under ISO-8859-2) never occur in real text; Polish letters do.
        score = sum(ch in _POLISH for ch in text) - 10 * sum(0x80 <= ord(ch) < 0xA0 for ch in text)
        if best is None or score > best[0]:
            best = (score, text)
    if best is None:
        raise InputError(path, None, "not UTF-8, Windows-1250 or ISO-8859-2 text", "re-save the file as UTF-8")
    return best[1]


def normalize_text(text: str) -> str:
    """The one normalisation: no BOM, ``\\n`` newlines, NFC, no trailing spaces, no blank ends.

    >>> normalize_text("Ko\\u0301rea  \\r\\nPółnocna\\r")
    'Kórea\\nPółnocna'
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    lines = [line.rstrip(" \t\u00a0") for line in text.split("\n")]
    return "\n".join(lines).strip("\n")
