"""The ``ruwa-events`` suite: does retrieval find the news items about an event?

RUWA (``ruwa/RUWA_04.08.23.csv`` in the bench folder) labels some 16,000 news
items about the war in Ukraine with one of nine events (``beginning``, ``bucha``,
``railway`` ...). The titled items are written as JSON Lines records into the
suite's work folder (RUWA is licensed for non-commercial use only: it is never
copied into the repository) and indexed there; ``engine.update`` is incremental,
so a second run re-embeds nothing. For each event one plain-words question is
asked of the retriever, and precision@10 and recall@100 are measured against
the items carrying that event's label; the same questions filtered to a few big
outlets measure precision@10 within an outlet. The labels come from keyword
matches and are noisy, so the figures are lower bounds.
"""

from __future__ import annotations

import csv
import json
import time
from collections import Counter
from pathlib import Path

from assistant.engine import Engine
from assistant.retrieve import Filters
from assistant.settings import Settings
from eval.errors import SuiteSkipped
from eval.models import SuiteResult
from index.provenance import parse_date

__all__ = ["EVENT_QUESTIONS", "OUTLETS", "ruwa_records", "write_records", "run"]

CSV_NAME = "RUWA_04.08.23.csv"

#: One question per RUWA event label, in our own words.
EVENT_QUESTIONS = {
    "beginning": "How did Russia's full-scale invasion of Ukraine begin in February 2022?",
    "bucha": "What happened to the civilians killed in Bucha near Kyiv?",
    "railway": "What happened at the Kramatorsk railway station?",
    "nuclear": "What is happening at the Zaporizhzhia nuclear power plant?",
    "azovstal": "What happened to the Ukrainian fighters in the Azovstal steel plant in Mariupol?",
    "theatre": "Who bombed the drama theatre in Mariupol where civilians were sheltering?",
    "supermarket": "What hit the shopping centre in Kremenchuk?",
    "prisoners": "How were the Ukrainian prisoners of war killed at Olenivka?",
    "sinking": "How did the Russian cruiser Moskva sink?",
}

#: Outlets (RUWA ``Site`` values) for the filtered queries.
OUTLETS = ("ukrinform.net", "censor.net", "reuters.com", "aljazeera.com")


def csv_path(bench: Path) -> Path:
    """Where the RUWA CSV lies under the bench folder ``bench``."""
    return bench / "ruwa" / CSV_NAME


def ruwa_records(path: Path) -> list[dict]:
    """The titled RUWA items as claimtrace records (id, title, text, date, outlet, url, event)."""
    records, seen = [], set()
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            title = (row.get("title") or "").strip()
            if not title:
                continue
            desc = (row.get("desc") or "").strip()
            rid = f"ruwa-{row['Unnamed: 0']}"
            if rid in seen:  # a few source ids repeat: the CSV's row number tells them apart
                rid = f"{rid}-{row['']}"
            seen.add(rid)
            sep = " " if title[-1] in ".?!" else ". "
            records.append(
                {
                    "id": rid,
                    "title": title,
                    "text": f"{title}{sep}{desc}" if desc else title,
                    "date": parse_date(row.get("Date")),  # MM/DD/YYYY
                    "outlet": row.get("Site") or None,
                    "url": row.get("src") or None,
                    "event": row.get("Event") or "",
                }
            )
    return records


def write_records(records: list[dict], path: Path) -> None:
    """Write the records as JSON Lines, only when the content changed (keeps mtimes stable)."""
    text = "".join(
        json.dumps({k: v for k, v in r.items() if k != "event"}, ensure_ascii=False) + "\n"
        for r in records
    )
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _outlet_name(engine: Engine, site: str, ids: list[str]) -> str | None:
    """The outlet string the index holds for ``site`` (provenance may rewrite it)."""
    state = engine.store.current()
    for aid in ids:
        if (item := state.article(aid)) is not None:
            return item.article.outlet or site
    return None


def run(
    settings: Settings, work: Path, limit: int | None = None, progress: bool = False
) -> SuiteResult:
    """Index the RUWA items under ``work`` and score event retrieval."""
    bench = Path(settings.bench_dir) if settings.bench_dir else None
    path = csv_path(bench) if bench else None
    if path is None or not path.exists():
        raise SuiteSkipped(
            f"RUWA not found at {path} — put RUWA_04.08.23.csv under ../shared/bench/ruwa/ "
            "or set CLAIMTRACE_BENCH to the folder holding ruwa/"
        )
    records = ruwa_records(path)
    if limit:
        records = records[:limit]
    jsonl = work / "ruwa.jsonl"
    write_records(records, jsonl)
    engine = Engine(settings.with_(store=str(work / "store")))
    started = time.perf_counter()
    summary = engine.update([jsonl], progress=progress)
    index_seconds = time.perf_counter() - started

    by_event: dict[str, set[str]] = {}
    by_site: dict[str, dict[str, set[str]]] = {}
    for r in records:
        by_event.setdefault(r["event"], set()).add(r["id"])
        by_site.setdefault(r["outlet"] or "", {}).setdefault(r["event"], set()).add(r["id"])
    event_of = {r["id"]: r["event"] for r in records}
    retriever = engine.retriever()
    events: dict[str, dict] = {}
    outlets: dict[str, dict] = {}
    rows = []
    started = time.perf_counter()
    for event, question in EVENT_QUESTIONS.items():
        relevant = by_event.get(event, set())
        ranked = _ranked_ids(retriever.search(question, Filters(), k=100))
        p10 = sum(a in relevant for a in ranked[:10]) / 10
        r100 = sum(a in relevant for a in ranked[:100]) / max(1, min(100, len(relevant)))
        events[event] = {"precision@10": p10, "recall@100": r100, "relevant": len(relevant)}
        top = Counter(event_of.get(a, "?") for a in ranked[:10]).most_common(3)
        rows.append(
            {
                "id": event,
                "question": question,
                "score": p10,
                "answer": f"top-10 labels: {', '.join(f'{e} ×{n}' for e, n in top)}",
                "claimants": [],
            }
        )
        for site in OUTLETS:
            site_ids = by_site.get(site, {})
            outlet = _outlet_name(engine, site, sorted(set().union(*site_ids.values()))[:1])
            if outlet is None:
                continue
            hits = retriever.search(question, Filters(outlet=outlet), k=10)
            ranked_site = _ranked_ids(hits)[:10]
            wanted = site_ids.get(event, set())
            p = sum(a in wanted for a in ranked_site) / 10 if wanted else None
            outlets.setdefault(site, {})[event] = p
    search_seconds = time.perf_counter() - started

    def mean(values):
        values = [v for v in values if v is not None]
        return sum(values) / len(values) if values else None

    overall = {
        "precision@10": mean(e["precision@10"] for e in events.values()),
        "recall@100": mean(e["recall@100"] for e in events.values()),
        "outlet_precision@10": mean(p for o in outlets.values() for p in o.values()),
    }
    by_outlet = {
        site: {"precision@10": mean(o.values()), "queries": sum(p is not None for p in o.values())}
        for site, o in outlets.items()
    }
    return SuiteResult(
        suite="ruwa-events",
        overall=overall,
        breakdown={"event": events, "outlet": by_outlet},
        questions=rows,
        info={
            "items": len(records),
            "added": len(summary.added),
            "changed": len(summary.changed),
            "unchanged": summary.unchanged,
            "index_seconds": round(index_seconds, 1),
            "search_seconds": round(search_seconds, 1),
            "store": str(work / "store"),
            "outlet_by_event": outlets,
        },
    )


def _ranked_ids(hits) -> list[str]:
    """Article ids in rank order, each once (an article may have several chunks)."""
    return list(dict.fromkeys(h.chunk.article_id for h in hits))
