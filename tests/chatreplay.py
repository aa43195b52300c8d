"""A chat-completions server on loopback that replays scripted answers, for the writer tests.

Each reply in the script answers one POST to ``/v1/chat/completions`` in order: an HTTP status,
the message ``content`` (a JSON object is sent as its JSON text, a string as is), optional
headers and a delay before answering. Every request body is recorded in ``requests``. Once the
script is used up, the server answers 500 (a test that asks more than it scripted fails).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "writer"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def ok(content: Any, *, prompt_tokens: int = 900, completion_tokens: int = 300) -> dict[str, Any]:
    return {
        "status": 200,
        "content": content,
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens},
    }


class ChatReplay:
    def __init__(self, script: list[dict[str, Any]]) -> None:
        self.script = list(script)
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                """Quiet: the tests read the responses, not the server's request log."""

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with replay._lock:
                    replay.requests.append(body)
                    reply = replay.script.pop(0) if replay.script else {"status": 500}
                time.sleep(float(reply.get("delay", 0)))
                self._answer(reply, body)

            def _answer(self, reply: dict[str, Any], body: dict[str, Any]) -> None:
                status = int(reply.get("status", 200))
                if "raw" in reply:
                    payload = str(reply["raw"]).encode()
                elif status == 200:
                    content = reply.get("content", "")
                    text = content if isinstance(content, str) else json.dumps(content)
                    message: dict[str, Any] = {"role": "assistant", "content": text}
                    if reply.get("refusal"):
                        message = {
                            "role": "assistant",
                            "content": None,
                            "refusal": reply["refusal"],
                        }
                    payload = json.dumps(
                        {
                            "id": "replay",
                            "object": "chat.completion",
                            "model": body.get("model", ""),
                            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                            "usage": reply.get("usage", {}),
                        }
                    ).encode()
                else:
                    payload = json.dumps({"error": {"message": f"scripted {status}"}}).encode()
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    for key, value in reply.get("headers", {}).items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> ChatReplay:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
