"""Export every stored document, with all layers, as JSON lines (the format `kronika load` reads back)."""

from __future__ import annotations

from typing import IO

from kronika.model.serialize import write_jsonl
from kronika.store import Store


def export_jsonl(store: Store, fh: IO[str]) -> int:
    """Write one record per stored document, ordered by id, and return how many were written.

    The order and the record layout (``kronika.model.serialize.doc_to_dict``) are fixed, so exporting
    the same store twice gives the same bytes. A record starts like
    ``{"schema_version": 1, "id": "fc17c70ebf1b6a5a", …, "text": "Wojska Korei Północnej walczą w Rosji.", …}``.
    """
    return write_jsonl(store.iter_documents(), fh)
