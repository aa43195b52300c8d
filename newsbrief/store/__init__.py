"""Stage 3 storage: the SQLite archive (the only module that writes SQL) and its migrations."""

from newsbrief.store.archive import Archive

__all__ = ["Archive"]
