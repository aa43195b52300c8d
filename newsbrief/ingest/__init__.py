"""Stage 1: read an input (file, HTML, URL, standard input) into an Article."""

from newsbrief.ingest.text import article_from_text, article_id

__all__ = ["article_from_text", "article_id"]
