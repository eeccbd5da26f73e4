"""Storage of analysed corpora in SQLite (default) or PostgreSQL, with people, search and exports."""
from presslens.store.repository import SaveResult, Store, StoreError, open_store

__all__ = ["SaveResult", "Store", "StoreError", "open_store"]
