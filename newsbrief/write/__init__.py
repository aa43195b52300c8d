"""Stage 4b (optional): writers that retell a composed brief, and the verifier that checks them.

    compose → write → render

A writer takes the extractive ``Brief`` and its ``Analysis`` records and returns a brief whose
items may be generated prose. Writers live behind a tiny registry (``get_writer``); the
extractive writer, which returns the brief unchanged, is the default and just one more backend.
The verifier (``verify``) is a capability of its own: it checks any sentence against the source
sentences it cites, whoever wrote it.
"""

from newsbrief.write.registry import ExtractiveWriter, Writer, get_writer, register

__all__ = ["ExtractiveWriter", "Writer", "get_writer", "register"]
