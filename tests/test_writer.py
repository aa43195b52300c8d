"""The LLM writer against a real chat-completions server on loopback replaying scripted answers.

A good draft becomes a prose brief whose every generated sentence is verified and cites its
sources; each adversarial sentence (invented number, wrong name, fabricated quote, stripped
attribution, flipped negation, wrong date, a citation to no sentence) is caught, re-asked once
with its reason and then replaced by the extractive item; every fault (timeout, 500, 429 then
success, malformed JSON, empty content, refusal, nothing listening) ends in a correct brief.
"""

from __future__ import annotations

import copy
import json
import socket
from pathlib import Path
from typing import Any

import pytest
from chatreplay import ChatReplay, fixture, ok

from newsbrief.analyze import analyze
from newsbrief.cli import main
from newsbrief.compose import compose_brief, compose_story_brief
from newsbrief.ingest import load_input
from newsbrief.models import Analysis, Brief
from newsbrief.settings import Settings
from newsbrief.store import Archive
from newsbrief.write.llm import ChatClient, LLMWriter

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "port-strike.txt"
DRAFT: dict[str, Any] = fixture("port-strike-draft")
ADVERSARIAL: dict[str, Any] = fixture("adversarial")


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(load_input(str(EXAMPLE)))


@pytest.fixture(scope="module")
def extractive(analysis: Analysis) -> Brief:
    return compose_brief(analysis)


def _writer(url: str, *, timeout_s: float = 5.0, cache: Archive | None = None) -> LLMWriter:
    client = ChatClient(url=url, model="replay", timeout_s=timeout_s, retries=2, backoff_s=0.05)
    return LLMWriter(client, cache=cache)


def _items(brief: Brief) -> list[Any]:
    body = [s for sec in brief.sections for p in sec.paragraphs for s in p.sentences]
    return [*brief.executive_summary, *brief.why_it_matters, *body]


def _assert_correct(brief: Brief, analysis: Analysis) -> None:
    """Every item has evidence in the article; generated ones passed and cite real sentences."""
    Brief.model_validate_json(brief.model_dump_json())
    assert brief.executive_summary and brief.sections
    n = len(analysis.sentences)
    for item in _items(brief):
        assert item.evidence.article_id == analysis.article.id
        assert 0 <= item.evidence.sentence_index < n
        if item.origin == "generated":
            assert item.verification is not None
            assert item.verification.verdict == "supported", item.verification
            assert item.citations and item.citations[0] == item.evidence
        else:
            assert item.verification is None
            sentence = analysis.sentences[item.evidence.sentence_index]
            assert item.text in analysis.article.text or item.text == sentence.text


def test_good_draft_becomes_a_verified_prose_brief(analysis: Analysis, extractive: Brief) -> None:
    with ChatReplay([ok(DRAFT)]) as server:
        writer = _writer(server.url)
        brief = writer.write(extractive, [analysis])
    _assert_correct(brief, analysis)
    assert [i.text for i in brief.executive_summary] == [
        s["text"] for s in DRAFT["executive_summary"]
    ]
    assert all(i.origin == "generated" for i in _items(brief))
    assert [s.heading for s in brief.sections] == [s["heading"] for s in DRAFT["sections"]]
    pay = brief.executive_summary[2]
    assert [c.sentence_index for c in pay.citations] == [5, 6]
    assert brief.story_so_far == extractive.story_so_far
    assert brief.who_thinks_what == extractive.who_thinks_what
    assert writer.stats.accepted == 12 and writer.stats.rejected == 0
    assert writer.client.usage.prompt_tokens == 900
    request = server.requests[0]
    prompt = request["messages"][1]["content"]
    assert "[0] Thousands of dockworkers" in prompt and "[23] Vasquel said" in prompt
    assert "Irena Vasquel (general secretary)" in prompt and "2019-03:" in prompt
    assert request["response_format"]["type"] == "json_schema"
    assert request["model"] == "replay"


def _with(kind: str) -> tuple[dict[str, Any], dict[str, Any], str, list[Any]]:
    path, bad, reason = ADVERSARIAL[kind]
    draft = copy.deepcopy(DRAFT)
    if path[0] == "sections":
        draft["sections"][path[1]]["sentences"][path[2]] = bad
    else:
        draft[path[0]][path[1]] = bad
    return draft, bad, reason, path


@pytest.mark.parametrize("kind", sorted(ADVERSARIAL))
def test_adversarial_sentence_is_caught_and_replaced(
    kind: str, analysis: Analysis, extractive: Brief
) -> None:
    draft, bad, reason, path = _with(kind)
    # the model insists: its repair repeats the bad sentence
    with ChatReplay([ok(draft), ok({"sentences": [bad]})]) as server:
        writer = _writer(server.url)
        brief = writer.write(extractive, [analysis])
    _assert_correct(brief, analysis)
    assert bad["text"] not in [i.text for i in _items(brief)]
    assert writer.stats.rejected == 1 and writer.stats.accepted == 11
    reask = server.requests[1]["messages"][-1]["content"]
    assert reason in reask, reask
    if path[0] == "executive_summary":
        assert brief.executive_summary[path[1]] == extractive.executive_summary[path[1]]
    elif path[0] == "why_it_matters":
        assert brief.why_it_matters[path[1]] == extractive.why_it_matters[path[1]]
    else:
        replaced = brief.sections[path[1]].paragraphs[0].sentences[path[2]]
        assert replaced.origin == "extracted"
        assert replaced.text == analysis.sentences[bad["cites"][0]].text


def test_reask_with_the_reason_repairs_a_sentence(analysis: Analysis, extractive: Brief) -> None:
    draft, _, _, _ = _with("invented_number")
    fixed = DRAFT["why_it_matters"][1]
    with ChatReplay([ok(draft), ok({"sentences": [fixed]})]) as server:
        writer = _writer(server.url)
        brief = writer.write(extractive, [analysis])
    _assert_correct(brief, analysis)
    assert brief.why_it_matters[1].text == fixed["text"]
    assert brief.why_it_matters[1].origin == "generated"
    assert writer.stats.repaired == 1 and writer.stats.rejected == 0


FAULTS: dict[str, list[dict[str, Any]]] = {
    "timeout": [{"delay": 1.5, **ok(DRAFT)}] * 3,
    "http_500": [{"status": 500}] * 3,
    "malformed_json": [ok('{"executive_summary": [{"text": "Thousands of')],
    "schema_mismatch": [ok({"summary": "Dockworkers went on strike."})],
    "empty_content": [ok("")],
    "refusal": [{"status": 200, "refusal": "I can't help with that."}],
    "not_a_completion": [{"status": 200, "raw": "<html>proxy error</html>"}],
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_fault_falls_back_to_the_extractive_brief(
    fault: str, analysis: Analysis, extractive: Brief
) -> None:
    with ChatReplay(FAULTS[fault]) as server:
        writer = _writer(server.url, timeout_s=0.5)
        brief = writer.write(extractive, [analysis])
    assert brief == extractive
    assert writer.stats.fallbacks == 1 and len(writer.stats.warnings) == 1


def test_nothing_listening_falls_back(analysis: Analysis, extractive: Brief) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    writer = _writer(f"http://127.0.0.1:{port}/v1")
    assert writer.write(extractive, [analysis]) == extractive
    assert "cannot reach" in writer.stats.warnings[0]


def test_429_then_success_is_retried(analysis: Analysis, extractive: Brief) -> None:
    script = [{"status": 429, "headers": {"retry-after": "0.05"}}, {"status": 503}, ok(DRAFT)]
    with ChatReplay(script) as server:
        writer = _writer(server.url)
        brief = writer.write(extractive, [analysis])
    _assert_correct(brief, analysis)
    assert brief.executive_summary[0].origin == "generated"
    assert len(server.requests) == 3 and writer.client.usage.retries == 2


def test_server_without_json_schema_gets_json_object(analysis: Analysis, extractive: Brief) -> None:
    with ChatReplay([{"status": 400}, ok(DRAFT)]) as server:
        brief = _writer(server.url).write(extractive, [analysis])
    assert brief.executive_summary[0].origin == "generated"
    assert server.requests[1]["response_format"]["type"] == "json_object"


def test_json_in_prose_and_fences_is_parsed(analysis: Analysis, extractive: Brief) -> None:
    text = "Here is the brief:\n```json\n" + json.dumps(DRAFT) + "\n```\nHope it helps."
    with ChatReplay([ok(text)]) as server:
        brief = _writer(server.url).write(extractive, [analysis])
    assert all(i.origin == "generated" for i in brief.executive_summary)


def test_answers_are_cached_in_the_archive(
    analysis: Analysis, extractive: Brief, tmp_path: Path
) -> None:
    with Archive.open(tmp_path / "a.db") as archive, ChatReplay([ok(DRAFT)]) as server:
        first = _writer(server.url, cache=archive).write(extractive, [analysis])
        again = _writer(server.url, cache=archive)
        second = again.write(extractive, [analysis])
        assert len(server.requests) == 1
        assert again.client.usage.cached == 1 and again.client.usage.requests == 0
        other = LLMWriter(ChatClient(url=server.url, model="other", retries=0), cache=archive)
        assert other.write(extractive, [analysis]) == extractive  # another model: not cached
    assert first == second


def test_malformed_answers_are_not_cached(
    analysis: Analysis, extractive: Brief, tmp_path: Path
) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        with ChatReplay([ok("{oops")]) as server:
            assert _writer(server.url, cache=archive).write(extractive, [analysis]) == extractive
        with ChatReplay([ok(DRAFT)]) as server:
            brief = _writer(server.url, cache=archive).write(extractive, [analysis])
    assert brief.executive_summary[0].origin == "generated"


def test_story_brief_cites_across_articles(analysis: Analysis) -> None:
    other = analyze(load_input(str(ROOT / "examples" / "chip-factory.txt")))
    story = compose_story_brief([other, analysis], Settings())
    offset = len(other.sentences)
    draft = copy.deepcopy(DRAFT)
    for part in ("executive_summary", "why_it_matters"):
        for s in draft[part]:
            s["cites"] = [c + offset for c in s["cites"]]
    for sec in draft["sections"]:
        for s in sec["sentences"]:
            s["cites"] = [c + offset for c in s["cites"]]
    with ChatReplay([ok(draft)]) as server:
        brief = _writer(server.url).write(story, [other, analysis])
    first = brief.executive_summary[0]
    assert first.origin == "generated"
    assert first.evidence.article_id == analysis.article.id
    assert first.evidence.sentence_index == 0


def test_extractive_json_is_unchanged(extractive: Brief) -> None:
    data = json.loads(extractive.model_dump_json())
    assert "origin" not in data["executive_summary"][0]
    assert "verification" not in json.dumps(data)


def test_cli_writes_prose_and_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with ChatReplay([ok(DRAFT)]) as server:
        monkeypatch.setenv("NEWSBRIEF_LLM_URL", server.url)
        monkeypatch.setenv("NEWSBRIEF_LLM_MODEL", "replay")
        monkeypatch.setenv("NEWSBRIEF_LLM_PRICE_IN", "1.0")
        code = main(
            ["brief", str(EXAMPLE), "--writer", "llm", "-f", "json", "--db", str(tmp_path / "a.db")]
        )
    out, err = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    assert data["executive_summary"][0]["origin"] == "generated"
    assert data["executive_summary"][0]["verification"]["verdict"] == "supported"
    assert "verifier accepted 12" in err and "900 prompt" in err and "~$0.0009" in err
    assert "warning" not in err


def test_cli_falls_back_with_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with ChatReplay([ok("not json at all")]) as server:
        monkeypatch.setenv("NEWSBRIEF_LLM_URL", server.url)
        code = main(["brief", str(EXAMPLE), "--writer", "llm", "--no-store"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "## Executive Summary" in out or "Executive Summary" in out
    assert len([line for line in err.splitlines() if line.startswith("warning:")]) == 1


def test_cli_llm_without_endpoint_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("NEWSBRIEF_LLM_URL", raising=False)
    assert main(["brief", str(EXAMPLE), "--writer", "llm", "--no-store"]) == 2
    assert "NEWSBRIEF_LLM_URL" in capsys.readouterr().err


def test_html_and_markdown_mark_generated_text(analysis: Analysis, extractive: Brief) -> None:
    import re

    from newsbrief.render import render

    draft, _, _, _ = _with("flipped_negation")  # one body sentence falls back to the source
    with ChatReplay([ok(draft), ok({"sentences": [ADVERSARIAL["flipped_negation"][1]]})]) as srv:
        brief = _writer(srv.url).write(extractive, [analysis])
    html = render(brief, "html")
    assert html.count('class="generated"') == 11
    assert "Written by a language model from this sentence" in html
    assert "<q>Port Selane handles roughly two thirds of Valmora&#39;s container trade" in html
    # every in-page link has its target: generated sentences carry no anchors of their own
    targets = set(re.findall(r'id="(s-[^"]+)"', html))
    links = set(re.findall(r'href="#(s-[^"]+)"', html))
    assert links <= targets, links - targets
    assert 'id="s-' in html  # the fallen-back source sentence keeps its anchor
    md = render(brief, "md")
    assert "✎" in md and "verified against the sentences it cites" in md
    plain = render(extractive, "md")
    assert "✎" not in plain


def test_web_page_marks_generated_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("uvicorn", reason="the web extra is not installed")
    import httpx

    from newsbrief.web import create_app
    from newsbrief.web.server import serve_in_thread

    db = tmp_path / "a.db"
    with ChatReplay([ok(DRAFT)]) as server:
        monkeypatch.setenv("NEWSBRIEF_LLM_URL", server.url)
        assert main(["brief", str(EXAMPLE), "--writer", "llm", "-f", "json", "--db", str(db)]) == 0
    article_id = json.loads(capsys.readouterr().out)["article"]["id"]
    with serve_in_thread(create_app(db)) as base_url:
        page = httpx.get(f"{base_url}/articles/{article_id}/brief", timeout=10)
        css = httpx.get(f"{base_url}/static/brief.css", timeout=10)
    assert page.status_code == 200
    assert page.text.count('class="generated"') == 12
    assert "Written by a language model" in page.text
    assert ".generated:hover .gen-sources" in css.text


def test_answer_cut_at_the_token_cap_keeps_its_whole_sentences(
    analysis: Analysis, extractive: Brief
) -> None:
    text = json.dumps(DRAFT)
    cut = text[: text.index("Business groups warned")]  # inside the third why-it-matters item
    with ChatReplay([ok(cut)]) as server:
        brief = _writer(server.url).write(extractive, [analysis])
    _assert_correct(brief, analysis)
    assert all(i.origin == "generated" for i in brief.executive_summary)
    assert [i.origin for i in brief.why_it_matters] == ["generated", "generated"]
    assert brief.sections == extractive.sections  # none were written: the extractive body stays


def test_cli_story_brief_with_the_llm_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.db"
    assert main(["brief", str(EXAMPLE), "--db", str(db), "-f", "json"]) == 0
    capsys.readouterr()
    with Archive.open(db) as archive:
        story_id = archive.stories()[0].id
    with ChatReplay([ok(DRAFT)]) as server:
        monkeypatch.setenv("NEWSBRIEF_LLM_URL", server.url)
        code = main(
            ["brief", "--story", story_id, "--writer", "llm", "-f", "json", "--db", str(db)]
        )
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["executive_summary"][0]["origin"] == "generated"
    assert "verifier accepted 12" in err
    with Archive.open(db) as archive:  # the stored story brief is the written one
        stored = archive.get_brief("story", story_id)
    assert stored is not None and stored.executive_summary[0].origin == "generated"
