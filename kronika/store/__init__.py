"""Storage of analyzed documents: ``open_store("sqlite:///kronika.db")`` or ``open_store("postgresql://…")``.

    from kronika.store import open_store
    with open_store("sqlite:///dane/kronika.db") as store:
        store.save(doc)
        hits = store.search("Korea Północna")   # finds "Korei Północnej" too
"""

from kronika.store.search import SearchHit
from kronika.store.store import Store, normalize_url, open_store

__all__ = ["SearchHit", "Store", "normalize_url", "open_store"]
