"""Scale benchmark of the incremental story assigner (and, with ``--archive``, the archive).

Generates a synthetic news stream (seeded): ``--n`` articles over thousands of stories. Each
story is one event of one of ten topics (an earthquake, a strike, a verdict …) with its own
people, places, organizations, figures and dates, so stories of one topic share vocabulary and
differ in exactly those specifics, as the two events of an ECB+ topic do. Articles of a story
are assembled from the topic's sentence templates in a different selection and order, with
generic background sentences, and arrive in publication order over a few months.

Reports the time per 1,000 articles around 1k, 10k and 100k articles (flat means the candidate
index keeps the cost per article constant), the total, the peak memory (max RSS), and, as a
reference measured in the same run, the cost of a plain regex tokenization of the same texts
and the ratio. It also scores the clustering against the generated stories (B-cubed).

    python bench/scale.py --n 10000            # quick
    python bench/scale.py --n 100000 --archive # the target: < 10 min, < 2 GiB
    python bench/scale.py --n 100000 --only-archive --backend postgresql
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsbrief.evaluate.clustering import adjusted_rand, bcubed
from newsbrief.ingest.text import article_from_text
from newsbrief.stories.cluster import StoryAssigner
from newsbrief.stories.journal import Membership

_SYL = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ten",
    "sor",
    "vel",
    "dan",
    "bri",
    "mor",
    "tal",
    "quen",
    "os",
    "ar",
    "ish",
    "lun",
    "dor",
    "fa",
    "ge",
    "hal",
    "ny",
    "pe",
    "ru",
]
_FIRST = [
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Elena",
    "Farid",
    "Grace",
    "Hugo",
    "Irene",
    "Jonas",
    "Kira",
    "Luis",
    "Maya",
    "Nils",
    "Olga",
    "Pavel",
    "Rosa",
    "Samir",
    "Tara",
    "Umar",
    "Vera",
    "Walid",
    "Yara",
    "Zoe",
    "Amir",
    "Beatriz",
    "Chen",
    "Dmitri",
    "Esther",
    "Felix",
]
_ORG_KIND = [
    "Bank",
    "Group",
    "Holdings",
    "Motors",
    "Airlines",
    "Energy",
    "Foods",
    "Pharma",
    "Mining",
    "Telecom",
]
_STREETS = [
    "Harbour",
    "Station",
    "Market",
    "Mill",
    "Bridge",
    "Castle",
    "Garden",
    "River",
    "Union",
    "Park",
]

# Per topic: a headline, event sentences, follow-up sentences. Slots: {P} {P2} person, {S} the
# surname of P, {C} city, {R} region, {O} organization, {N} {M} figures, {D} the event date.
TOPICS: dict[str, tuple[str, list[str]]] = {
    "quake": (
        "Magnitude {X} earthquake strikes near {C}",
        [
            "A magnitude {X} earthquake struck near {C} in {R} on {D}, the seismology office said.",
            "At least {N} people were killed and {M} injured when buildings collapsed in {C}.",
            "Rescue teams led by {P} searched the rubble of the {T} district through the night.",
            "{S} said the death toll in {C} could rise as more bodies are recovered.",
            "Aftershocks shook {R} for hours, and {N} families spent the night outdoors.",
            "The {O} sent tents and water to {C} on {D}.",
        ],
    ),
    "strike": (
        "Workers at {O} walk out in {C} over pay",
        [
            "Workers at {O} in {C} went on strike on {D}, demanding a {X} percent raise.",
            "Union leader {P} said {N} members had joined the walkout at the {T} plant.",
            "{S} rejected the company's offer of {M} dollars a month as an insult.",
            "{O} chief executive {P2} said the strike would cost the firm millions each day.",
            "Talks between {S} and the management of {O} broke down the previous day.",
            "Pickets gathered outside the {T} gate of {O} in {C} before dawn.",
        ],
    ),
    "verdict": (
        "Jury finds {P} guilty in {C} trial",
        [
            "A jury in {C} found {P} guilty on {D} of defrauding investors of {N} million dollars.",
            "{S}, {X}, faces up to {M} years in prison when sentenced by Judge {P2}.",
            "Prosecutors said {S} used shell companies registered at {T} Street in {C}.",
            "Defense lawyers for {S} said they would appeal the verdict.",
            "Victims who lost savings to the {O} scheme wept as the verdict was read.",
            "The trial in {R} lasted {N} days and heard from {M} witnesses.",
        ],
    ),
    "fire": (
        "Wildfire forces {N} to flee near {C}",
        [
            "A wildfire near {C} forced {N} residents to evacuate on {D}, officials in {R} said.",
            "Fire chief {P} said the blaze had burned {M} hectares by the evening.",
            "Strong winds pushed the flames toward the {T} valley, {S} told reporters.",
            "{O} cut power to {N} homes in {C} as a precaution.",
            "Firefighters from across {R} joined the battle against the {C} fire.",
            "Governor {P2} declared a state of emergency in {R} on {D}.",
        ],
    ),
    "merger": (
        "{O} agrees to buy rival for {N} billion",
        [
            "{O} agreed on {D} to buy its rival {O2} for {N} billion dollars in cash and stock.",
            "The deal, announced in {C}, values {O2} at {X} dollars a share.",
            "{O} chief executive {P} said the merger would create a leader in {R}.",
            "{S} expects savings of {M} million dollars a year from the combination.",
            "Regulators in {R} are expected to review the {O} deal closely.",
            "Shares of {O2} jumped {X} percent in {C} trading after the announcement.",
        ],
    ),
    "storm": (
        "Storm {Q} batters {R} coast",
        [
            "Storm {Q} made landfall near {C} on {D} with winds of {M} kilometers per hour.",
            "More than {N} homes in {R} lost power as storm {Q} swept inland.",
            "Mayor {P} of {C} urged residents to stay indoors until the storm passed.",
            "{S} said flooding had closed the {T} bridge and several schools.",
            "The {O} grounded flights at {C} airport because of storm {Q}.",
            "Forecasters expect storm {Q} to weaken over {R} by the weekend.",
        ],
    ),
    "election": (
        "{P} wins mayoral race in {C}",
        [
            "{P} won the mayoral election in {C} on {D} with {X} percent of the vote.",
            "{S} defeated incumbent {P2}, who conceded late in the evening.",
            "Turnout in {C} reached {X} percent, the {R} election board said.",
            "{S} promised to rebuild the {T} district and cut city debt of {N} million.",
            "Supporters of {S} celebrated in {T} Square until after midnight.",
            "{P2} had led {C} for {M} years before the defeat.",
        ],
    ),
    "recall": (
        "{O} recalls {N} vehicles over brake fault",
        [
            "{O} said on {D} it would recall {N} vehicles because of a brake defect.",
            "The fault affects models built at the {C} plant between {X} and {M}.",
            "Safety regulator {P} said {N} crashes in {R} may be linked to the defect.",
            "{O} spokesperson {P2} said owners would be contacted by mail.",
            "{S} urged drivers in {R} not to wait for the letter.",
            "Shares of {O} fell in {C} after the recall was announced.",
        ],
    ),
    "final": (
        "{O} beat rivals {X}-{Y} to win the cup in {C}",
        [
            "{O} won the cup final in {C} on {D}, beating their rivals {X}-{Y}.",
            "Striker {P} scored twice for {O} in front of {N} fans.",
            "Coach {P2} said the win in {C} was the best night of his career.",
            "{S} was named player of the match after the final at {T} Stadium.",
            "It is the first title for {O} in {M} years.",
            "Fans of {O} filled the streets of {C} after the final whistle.",
        ],
    ),
    "protest": (
        "Thousands protest in {C} against {O} plan",
        [
            "Thousands of people marched through {C} on {D} against the {O} plan.",
            "Organizer {P} said {N} people had joined the protest in {T} Square.",
            "Police in {C} arrested {X} protesters after clashes near the {T} station.",
            "{S} vowed to keep protesting until the {O} plan is withdrawn.",
            "Minister {P2} said the {O} plan would go ahead in {R}.",
            "The protest was the largest in {C} in {M} years.",
        ],
    ),
}
_BACKGROUND = [
    "Officials said more details would be released later in the day.",
    "The government has faced criticism over its handling of similar events in {R}.",
    "Analysts said the situation remained uncertain and markets reacted cautiously.",
    "Local media in {C} reported long queues and heavy traffic around the area.",
    "Images of the scene were widely shared on social media throughout the afternoon.",
    "Residents of {C} said they were worried about what would come next.",
    "A statement posted online said an investigation was under way and asked for patience.",
    "Experts warned that the costs could grow in the coming months if nothing changes.",
    "The opposition called for an inquiry and demanded that ministers answer questions.",
    "Schools and shops in parts of {C} stayed closed while the authorities assessed the damage.",
    "Neighbouring towns offered help, and volunteers collected food, water and blankets.",
    "It was not immediately clear how many people had been directly affected.",
    "Earlier reports had put the figure at {Z}, but officials later revised it.",
    "By the evening, about {Z} people had called an emergency hotline, a spokesperson said.",
    "{P2} told a local radio station that the coming days would be decisive.",
    "Critics said warnings had been ignored for years and that the response came too late.",
    "The national broadcaster interrupted its programmes to carry live pictures from {C}.",
    "Insurance companies said it was too early to estimate the total cost of the losses.",
    "A similar event in {R} several years ago led to new rules that were never enforced.",
    "Officials promised regular updates and asked people to rely only on official sources.",
    "Travel in and out of {C} was disrupted, with delays of up to {X} hours reported.",
    "Community leaders in {C} called for calm and urged people to help their neighbours.",
]


@dataclass(frozen=True)
class StreamArticle:
    article_id: str
    story: int
    title: str
    text: str
    published: datetime


def _name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYL) for _ in range(syllables)).capitalize()


def _story_slots(rng: random.Random, start: datetime) -> dict[str, str]:
    first, first2 = rng.sample(_FIRST, 2)
    surname, surname2 = _name(rng, 3), _name(rng, 3)
    return {
        "P": f"{first} {surname}",
        "S": surname,
        "P2": f"{first2} {surname2}",
        "C": _name(rng, 2) + rng.choice(["burg", "ville", "port", "ford", "stad", ""]),
        "R": _name(rng, 3) + rng.choice([" Province", " Valley", " County", ""]),
        "O": f"{_name(rng, 2)} {rng.choice(_ORG_KIND)}",
        "O2": f"{_name(rng, 2)} {rng.choice(_ORG_KIND)}",
        "T": rng.choice(_STREETS) + " " + _name(rng, 1),
        "Q": _name(rng, 2),
        "N": str(rng.randint(12, 9000)),
        "M": str(rng.randint(11, 990)),
        "X": str(rng.randint(2, 60)),
        "Y": str(rng.randint(0, 9)),
        "D": f"{start:%B} {start.day}",
    }


def _article(rng: random.Random, topic: str, slots: dict[str, str]) -> tuple[str, str]:
    headline, event = TOPICS[topic]
    picked = rng.sample(event, rng.randint(4, len(event)))
    extra = {**slots, "Z": str(rng.randint(10, 5000))}
    body = [s.format(**extra) for s in picked]
    body += [s.format(**extra) for s in rng.sample(_BACKGROUND, rng.randint(12, 18))]
    rng.shuffle(body[1:])
    paragraphs = [" ".join(body[i : i + 2]) for i in range(0, len(body), 2)]
    return headline.format(**slots), "\n\n".join(paragraphs)


def stream(n: int, *, seed: int = 0, mean_story_size: int = 20) -> Iterator[StreamArticle]:
    """``n`` articles in publication order; story sizes are heavy-tailed around the mean."""
    rng = random.Random(seed)
    origin = datetime(2024, 1, 1, tzinfo=UTC)
    hours = max(1, n // 40)  # about 40 articles an hour: one story runs a few days
    pending: list[tuple[datetime, int, dict[str, str], str]] = []
    made = 0
    story = 0
    while made < n:
        size = min(n - made, max(1, int(rng.paretovariate(1.6) * mean_story_size / 2.7)))
        start = origin + timedelta(hours=rng.uniform(0, hours))
        slots = _story_slots(rng, start)
        topic = rng.choice(list(TOPICS))
        for _ in range(size):
            when = start + timedelta(hours=rng.expovariate(1 / 30))
            pending.append((when, story, slots, topic))
        made += size
        story += 1
    pending.sort(key=lambda p: p[0])
    for i, (when, sid, slots, topic) in enumerate(pending):
        title, text = _article(rng, topic, slots)
        yield StreamArticle(f"a{i:07d}", sid, title, text, when)


# ---- measuring ------------------------------------------------------------------------------

_REFERENCE_TOKEN = re.compile(r"\w+")
CHECKPOINTS = (1_000, 10_000, 100_000)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Clock:
    """Cumulative seconds, and the seconds per 1,000 items over the 1,000 items ending at each
    checkpoint."""

    def __init__(self, n: int) -> None:
        self.total = 0.0
        self.window: dict[int, float] = {}
        self._marks = {c for c in CHECKPOINTS if c <= n} | {n}
        self._start_at = {c - 1000 for c in self._marks if c >= 1000}
        self._window_start = 0.0

    def add(self, i: int, seconds: float) -> None:
        """Record the time of item ``i`` (0-based)."""
        if i in self._start_at:
            self._window_start = self.total
        self.total += seconds
        if i + 1 in self._marks and i + 1 >= 1000:
            self.window[i + 1] = self.total - self._window_start


def run_assigner(n: int, seed: int) -> None:
    assigner = StoryAssigner()
    clock, ref = Clock(n), Clock(n)
    gold: list[int] = []
    ids: list[str] = []
    wall = time.perf_counter()
    membership = Membership()
    for i, art in enumerate(stream(n, seed=seed)):
        t0 = time.perf_counter()
        _REFERENCE_TOKEN.findall(art.text.lower())
        t1 = time.perf_counter()
        assigner.assign(art.article_id, art.text, art.title, art.published)
        membership.apply(assigner.drain())
        t2 = time.perf_counter()
        ref.add(i, t1 - t0)
        clock.add(i, t2 - t1)
        gold.append(art.story)
        ids.append(art.article_id)
    wall = time.perf_counter() - wall
    pred = [membership.story_of[aid] for aid in ids]
    labels = [str(g) for g in gold]
    p, r, f = bcubed(pred, labels)
    print(
        f"assigner alone: {n} articles, {len(set(gold))} generated stories, "
        f"{len(assigner.stories)} found"
    )
    print(f"  {'at':>8} {'s / 1k articles':>16} {'tokenize s / 1k':>16} {'ratio':>7}")
    for mark, secs in sorted(clock.window.items()):
        r_secs = ref.window[mark]
        print(f"  {mark:>8} {secs:>16.3f} {r_secs:>16.4f} {secs / r_secs:>7.1f}")
    print(
        f"  total assign {clock.total:.1f} s ({1000 * clock.total / n:.2f} ms/article); "
        f"tokenize reference {ref.total:.2f} s; ratio {clock.total / ref.total:.1f}; "
        f"wall with generation {wall:.1f} s"
    )
    print(
        f"  quality vs generated stories: B3 P {p:.3f} R {r:.3f} F1 {f:.3f}, "
        f"ARI {adjusted_rand(pred, labels):.3f}"
    )
    print(f"  peak memory {peak_rss_mib():.0f} MiB; vocabulary {len(assigner.df)} terms")


def run_archive(
    n: int,
    seed: int,
    batch: int = 16,
    *,
    backend: str = "sqlite",
    profile: str | None = None,
    dump: str | None = None,
    stages: bool = False,
    workers: int = 0,
) -> None:
    """Dedupe, store and thread the stream in an archive (the batch ingest's path without the
    analysis), ``batch`` articles per transaction as the batch ingest commits a chunk at a
    time; on SQLite (a temporary file) or PostgreSQL (a throwaway local server, default
    durability settings).

    With ``workers``: the articles are loaded as ``newsbrief ingest --workers N`` loads them,
    in N worker processes (the text made an article, its fingerprint and story features), a
    chunk ahead of the one being stored; the windows then time what the ingest process waits
    for and does, its CPU is its own (the workers' is not counted).

    With ``profile``: cProfile stats of each 1,000-article window ending at a checkpoint
    (``PROFILE.1000``, ``PROFILE.10000`` …), and the seconds per article of every SQL
    statement in those windows, side by side (what grows). With ``stages``: the time of each
    stage of the path (dedupe, save, threading …) in those windows, by a timer light enough
    not to distort them (see ``stages.py``). With ``dump``: every outcome, story
    membership, merge and arc link written to that JSON file (compare two versions' files to
    check that a change kept the results)."""
    from newsbrief.ingest.batch import Ingestor
    from newsbrief.store import Archive

    clock, cpu_clock, ref = Clock(n), Clock(n), Clock(n)
    arts = stream(n, seed=seed)
    server = None
    profilers: dict[int, Any] = {}
    window: list[int | None] = [None]  # the checkpoint whose window is being measured
    sql_time: dict[int, dict[str, list[float]]] = {}
    if profile:
        _time_sql(sql_time, window)
    timer = None
    in_window: dict[int, int] = {}
    if stages:
        from stages import StageTimer

        timer = StageTimer(window)
        timer.install()
    with tempfile.TemporaryDirectory() as tmp:
        if backend == "postgresql":
            from newsbrief.store.pgtemp import PgServer

            server = PgServer.start(fast=False)
            target: Path | str = server.create_database("scale")
        else:
            target = Path(tmp) / "scale.db"
        server_cpu0 = _server_cpu(server)
        loading = _Loading(workers, batch, arts)
        try:
            with Archive.open(target) as archive:
                ingestor = Ingestor(archive, analyze=False)
                outcomes: list[list[str | None]] = []
                done = 0
                while chunk := loading.next():
                    mark = _window_of(done, n)
                    window[0] = mark
                    if mark is not None:
                        in_window[mark] = in_window.get(mark, 0) + len(chunk)
                    prof = None
                    if profile and mark is not None:
                        import cProfile

                        prof = profilers.setdefault(mark, cProfile.Profile())
                        prof.enable()
                    r0 = time.perf_counter()
                    for art in chunk:
                        _REFERENCE_TOKEN.findall(art.text.lower())
                    r_item = (time.perf_counter() - r0) / len(chunk)
                    t0, c0 = time.perf_counter(), time.process_time()
                    loaded = loading.loaded()
                    with archive.transaction():
                        if loaded is not None:  # as the batch ingest does
                            ingestor.expect(loaded)
                        for i, art in enumerate(chunk):
                            if loaded is None:
                                article = article_from_text(
                                    art.text, title=art.title, published=art.published
                                )
                                outcome = ingestor.add(article)
                            else:
                                one = loaded[i]
                                assert one.article is not None, one.error
                                outcome = ingestor.add(one.article, loaded=one)
                            outcomes.append([outcome.status, outcome.article_id, outcome.detail])
                    per_item = (time.perf_counter() - t0) / len(chunk)
                    cpu_item = (time.process_time() - c0) / len(chunk)
                    if prof is not None:
                        prof.disable()
                    closed = len(clock.window)
                    for i in range(done, done + len(chunk)):
                        clock.add(i, per_item)
                        cpu_clock.add(i, cpu_item)
                        ref.add(i, r_item)
                    done += len(chunk)
                    if done % 5000 < len(chunk) or len(clock.window) > closed:
                        _progress(done, clock, cpu_clock, ref)
                window[0] = None  # what follows is not the last window's
                if dump:
                    _dump(archive, outcomes, Path(dump))
                cold = _cold_index(archive)
            server_cpu = _server_cpu(server) - server_cpu0
            if server is not None:
                size = server.size_bytes(str(target)) / 2**20
            else:
                assert isinstance(target, Path)
                size = sum(p.stat().st_size for p in target.parent.glob("scale.db*")) / 2**20
        finally:
            loading.close()
            if timer is not None:
                timer.uninstall()
            if server is not None:
                server.stop()
    print(
        f"archive ingest on {backend} (dedupe + save article + assign + persist story state,"
        f" {batch} articles per commit): {n} articles"
        + (f", loaded by {workers} worker processes" if workers else "")
    )
    print(
        f"  {'at':>8} {'wall s / 1k':>12} {'CPU s / 1k':>11} {'tokenize s / 1k':>16}"
        f" {'wall ratio':>11} {'CPU ratio':>10}"
    )
    for mark, secs in sorted(clock.window.items()):
        r = ref.window[mark] or 1e-9
        cpu = cpu_clock.window[mark]
        print(
            f"  {mark:>8} {secs:>12.3f} {cpu:>11.3f} {r:>16.4f} {secs / r:>11.1f} {cpu / r:>10.1f}"
        )
    print("  (CPU: this process only; ratio: to the tokenization reference of the same window)")
    first = clock.window.get(1000)
    last = clock.window.get(max(clock.window)) if clock.window else None
    ratio = f"; wall last/first {last / first:.2f}" if first and last else ""
    cfirst = cpu_clock.window.get(1000)
    clast = cpu_clock.window.get(max(cpu_clock.window)) if cpu_clock.window else None
    if cfirst and clast:
        ratio += f", CPU last/first {clast / cfirst:.2f}"
    rfirst = ref.window.get(1000)
    rlast = ref.window.get(max(ref.window)) if ref.window else None
    if first and last and rfirst and rlast and cfirst and clast:
        ratio += (
            f", wall ratio-to-reference last/first {(last / rlast) / (first / rfirst):.2f}"
            f", CPU {(clast / rlast) / (cfirst / rfirst):.2f}"
        )
    print(
        f"  total {clock.total:.1f} s ({1000 * clock.total / n:.2f} ms/article){ratio}; "
        f"database {size:.0f} MiB ({size * 1024 / n:.1f} KiB/article); "
        f"peak memory {peak_rss_mib():.0f} MiB"
    )
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    print(
        f"  this process's CPU {cpu:.1f} s ({1000 * cpu / n:.2f} ms/article, generation"
        " included; the wall figures above include waiting for a busy machine)"
    )
    print(
        f"  near-duplicate index built cold from the archive (as a new process does):"
        f" {cold[0]} articles in {cold[1]:.2f} s"
    )
    if server is not None:
        print(
            f"  the PostgreSQL server's CPU {server_cpu:.1f} s ({1000 * server_cpu / n:.2f}"
            " ms/article)"
        )
    if profile:
        for mark, prof in profilers.items():
            prof.dump_stats(f"{profile}.{mark}")
        _print_sql(sql_time)
    if timer is not None:
        print("\n".join(timer.report(in_window)))


def _cold_index(archive: Any) -> tuple[int, float]:
    """Build the writer's in-memory near-duplicate index afresh: (articles, seconds)."""
    from newsbrief.stories.lsh import LshIndex

    t0 = time.perf_counter()
    index = LshIndex()
    index.sync(archive)
    return len(index), time.perf_counter() - t0


def _dump(archive: Any, outcomes: list[list[str | None]], path: Path) -> None:
    """The run's results as JSON: outcomes, memberships, story merges, arcs and their links."""
    import json

    conn = archive._conn

    def rows(sql: str) -> list[list[Any]]:
        return sorted(list(r) for r in conn.execute(sql).fetchall())

    path.write_text(
        json.dumps(
            {
                "outcomes": outcomes,
                "story_articles": rows("SELECT article_id, story_id FROM story_articles"),
                "stories": rows("SELECT id, merged_into, title FROM stories"),
                "story_arcs": rows("SELECT story_id, arc_id FROM story_arcs"),
                "arcs": rows("SELECT id, merged_into FROM arcs"),
                "outlets": rows(
                    "SELECT article_id, copy_id, kind, similarity FROM article_outlets"
                ),
            }
        )
    )


def _progress(done: int, clock: Clock, cpu_clock: Clock, ref: Clock) -> None:
    """One line as the run goes (a long run's figures survive an interrupted run)."""
    line = f"  … {done} articles: {clock.total:.0f} s, CPU {cpu_clock.total:.0f} s"
    mark = max((m for m in clock.window if m <= done), default=None)
    if mark is not None and done - mark < 16:
        line += (
            f"; the 1,000 ending at {mark}: wall {clock.window[mark]:.3f} s, CPU"
            f" {cpu_clock.window[mark]:.3f} s, tokenize {ref.window[mark]:.4f} s"
        )
    print(
        f"{line}; peak memory {peak_rss_mib():.0f} MiB; load {os.getloadavg()[0]:.1f}", flush=True
    )


def _window_of(done: int, n: int) -> int | None:
    """The checkpoint whose 1,000-article window holds article ``done`` (None outside)."""
    for mark in sorted({c for c in CHECKPOINTS if c <= n} | {n}):
        if mark >= 1000 and mark - 1000 <= done < mark:
            return mark
    return None


def _server_cpu(server: Any) -> float:
    """CPU seconds of the PostgreSQL server's processes so far (0 without a server): the
    postmaster's children, from /proc (Linux)."""
    if server is None:
        return 0.0
    pid_file = server.data / "postmaster.pid"
    try:
        root = int(pid_file.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        if pid == root or int(fields[1]) == root:  # fields[1]: the parent pid
            # utime, stime, and those of the children it waited for
            total += sum(int(f) for f in fields[11:15]) / tick
    return total


def _time_sql(totals: dict[int, dict[str, list[float]]], window: list[int | None]) -> None:
    """Count calls and seconds per SQL statement in each checkpoint window (``--profile``)."""
    from newsbrief.store.db import Database

    def timed(name: str) -> None:
        original = getattr(Database, name)

        def wrapper(self: Database, sql: str, *args: object, **kw: object) -> object:
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                return original(self, sql, *args, **kw)
            finally:
                if window[0] is not None:
                    entry = totals.setdefault(window[0], {}).setdefault(sql, [0.0, 0.0, 0.0])
                    entry[0] += 1
                    entry[1] += time.perf_counter() - t0
                    entry[2] += time.process_time() - c0

        setattr(Database, name, wrapper)

    timed("execute")
    timed("executemany")


def _print_sql(totals: dict[int, dict[str, list[float]]]) -> None:
    """The statements' wall and CPU ms per article in each window, the costliest (wall) in
    the last window first. On SQLite the CPU is the statement's own work; the rest of its wall
    time is waiting (for the disk, or for a core on a busy machine)."""
    marks = sorted(totals)
    if not marks:
        return
    last = totals[marks[-1]]
    head = " ".join(f"{m:>13}" for m in marks)
    print(f"  SQL ms per article, wall/CPU (calls per article in the last window) at {head}")
    for sql, (calls, _, _) in sorted(last.items(), key=lambda kv: -kv[1][1])[:16]:
        cells = " ".join(
            f"{totals[m].get(sql, [0, 0, 0])[1]:>6.3f}/{totals[m].get(sql, [0, 0, 0])[2]:<6.3f}"
            for m in marks
        )
        print(f"    {calls / 1000:>6.1f} {cells}  {' '.join(sql.split())[:80]}")
    wall = {m: sum(v[1] for v in totals[m].values()) for m in marks}
    cpu = {m: sum(v[2] for v in totals[m].values()) for m in marks}
    sums = " ".join(f"{wall[m]:>6.3f}/{cpu[m]:<6.3f}" for m in marks)
    print(f"    {'all':>6} {sums}  (s per 1k)")


class _Loading:
    """The stream a chunk at a time, loaded here (``workers`` 0) or by worker processes a chunk
    ahead (as the batch ingest's workers load: ``ingest.parallel.load_chunk``)."""

    def __init__(self, workers: int, batch: int, arts: Iterator[StreamArticle]) -> None:
        from newsbrief.ingest.parallel import ProcessAnalyzer

        self.batch, self.arts = batch, arts
        self.pool = ProcessAnalyzer(workers, model=False) if workers else None
        self.ahead: tuple[list[StreamArticle], Any] | None = None
        self.current: Any = None

    def _submit(self) -> tuple[list[StreamArticle], Any] | None:
        chunk = list(itertools.islice(self.arts, self.batch))
        if not chunk or self.pool is None:
            return (chunk, None) if chunk else None
        loaders = [
            functools.partial(article_from_text, a.text, title=a.title, published=a.published)
            for a in chunk
        ]
        return chunk, self.pool.load(loaders)

    def next(self) -> list[StreamArticle]:
        """The next chunk (empty at the end); its loading was started before, the following
        chunk's starts now."""
        here = self.ahead if self.ahead is not None else self._submit()
        if here is None:
            return []
        self.ahead = self._submit() if self.pool is not None else None
        chunk, self.current = here
        return chunk

    def loaded(self) -> list[Any] | None:
        """The current chunk as the workers loaded it (None: load it here)."""
        return None if self.current is None else list(self.current.result())

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="articles to generate (default 100000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--archive", action="store_true", help="also ingest into a temporary archive")
    ap.add_argument("--batch", type=int, default=16, help="articles per archive commit")
    ap.add_argument("--only-archive", action="store_true", help="skip the assigner-alone run")
    ap.add_argument(
        "--backend",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="archive backend (postgresql: a throwaway local server; needs the postgres extra)",
    )
    ap.add_argument(
        "--profile",
        help=(
            "write cProfile stats of each 1,000-article window ending at a checkpoint to"
            " PROFILE.<at>, and print each SQL statement's cost per window"
        ),
    )
    ap.add_argument(
        "--stages",
        action="store_true",
        help="print the time of each stage (dedupe, save, threading …) per checkpoint window",
    )
    ap.add_argument(
        "--dump",
        help="write the archive run's outcomes, memberships and arcs to this JSON file",
    )
    ap.add_argument(
        "--workers",
        type=int,
        default=0,
        help=(
            "load the articles in this many worker processes, as `newsbrief ingest --workers N`"
            " does (default 0: in the ingest process)"
        ),
    )
    args = ap.parse_args(argv)
    if not args.only_archive:
        run_assigner(args.n, args.seed)
    if args.archive or args.only_archive:
        run_archive(
            args.n,
            args.seed,
            args.batch,
            backend=args.backend,
            profile=args.profile,
            dump=args.dump,
            stages=args.stages,
            workers=args.workers,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
