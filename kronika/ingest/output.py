"""`kronika ingest` behind the CLI: documents to a JSONL file (atomically) or to stdout."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from kronika.config import Settings
from kronika.errors import InputError
from kronika.ingest import IngestStats, iter_documents
from kronika.model import Document
from kronika.model.serialize import write_jsonl


def ingest_to_jsonl(paths: list[str], output: str, settings: Settings | None = None,
                    on_error: Callable[[InputError], None] | None = None) -> IngestStats:
    """Ingest ``paths`` and write the documents as JSON lines to ``output`` ("-" = stdout).

    A file is written to a temporary name beside it and renamed at the end, so a killed run never
    leaves half an output (``kronika ingest demo/ -o demo.jsonl`` either finishes or leaves no file).
    """
    stats = IngestStats()

    def good() -> Iterator[Document]:
        for item in iter_documents(paths, settings, stats):
            if isinstance(item, InputError):
                if on_error:
                    on_error(item)
            else:
                yield item

    if output == "-":
        write_jsonl(good(), sys.stdout)
        sys.stdout.flush()
        return stats
    target = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent if str(target.parent)
                               else ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            write_jsonl(good(), fh)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); give it the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return stats
