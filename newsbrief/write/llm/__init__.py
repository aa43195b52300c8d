"""The LLM writer: any OpenAI-compatible chat-completions endpoint, every sentence verified.

- ``client``: the HTTP client (plain httpx): retries with back-off, response formats, usage.
- ``prompt``: the messages (numbered sentences, actors, dated events), the JSON schema, parsing.
- ``writer``: ask, verify, re-ask once, fall back; the answer cache and the run's stats.
- ``assemble``: the verified draft into the brief, extractive items where sentences failed.
"""

from newsbrief.write.llm.client import ChatClient, Usage
from newsbrief.write.llm.writer import LLMWriter, WriterStats

__all__ = ["ChatClient", "LLMWriter", "Usage", "WriterStats"]
