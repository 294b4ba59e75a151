"""Synthetic condition records for the benchmark: many valid records that read like real ones.

Each record takes the shape of a real record (how many symptoms, treatments, warning signs,
how long its paragraphs are) and fills it with text drawn from every real record, so the
pages, the search index and the validator see realistic lengths and words. Symptoms are
drawn from the real vocabulary. Records are seeded, so a run can be repeated exactly.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from backofknee import load

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Parts of made-up condition names: where, what, and what has gone wrong.
_QUALIFIERS = ("Inner", "Outer", "Upper", "Lower", "Deep", "Back of knee", "Calf", "Chronic", "Sudden",
               "Runner's", "Jumper's", "Hiker's", "Climber's", "Dancer's", "Cyclist's", "Footballer's")
_PARTS = ("hamstring", "calf", "tendon", "ligament", "cartilage", "nerve", "bursa", "joint lining",
          "kneecap", "popliteal", "fat pad", "muscle", "vein", "capsule", "meniscus", "plica")
_PROBLEMS = ("strain", "tear", "irritation", "swelling", "inflammation", "cyst", "injury", "overload",
             "pinch", "stiffness", "weakness", "bursitis", "tendinopathy", "syndrome", "sprain")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def sentences(text: str) -> list[str]:
    """A paragraph split into sentences (good enough for recombining plain text)."""
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if s.strip()]


@dataclass
class Corpus:
    """Everything the real records say, pooled by field, to draw synthetic records from."""

    shapes: list[dict] = field(default_factory=list)
    pools: dict[str, list[Any]] = field(default_factory=dict)
    warning_flags: dict[str, dict] = field(default_factory=dict)  # a red flag for each vocabulary warning
    sources_by_url: dict[str, dict] = field(default_factory=dict)

    def add(self, name: str, items: list[Any]) -> None:
        self.pools.setdefault(name, []).extend(items)

    @classmethod
    def from_records(cls, records: list[dict]) -> Corpus:
        corpus = cls(shapes=records)
        for r in records:
            for flag in r["red_flags"]:
                if flag.get("symptom"):
                    corpus.warning_flags.setdefault(flag["symptom"], flag)
            corpus.sources_by_url.update((s["url"], s) for s in r["sources"] if s.get("url"))
            corpus.add("summary", [r["summary"]])
            corpus.add("also_called", r.get("also_called", []))
            corpus.add("cause", sentences(r["cause"]))
            corpus.add("who_gets_it", sentences(r["who_gets_it"]))
            corpus.add("note", [s["note"] for s in r["symptoms"] if s.get("note")])
            corpus.add("extra_sections", r.get("extra_sections", []))
            corpus.add("do", r["self_care"]["do"])
            corpus.add("dont", r["self_care"]["dont"])
            corpus.add("treatments", r["treatments"])
            corpus.add("recovery", [r["outlook"]["recovery"]])
            corpus.add("without_treatment", [r["outlook"]["without_treatment"]])
            corpus.add("prevention", r["prevention"])
            corpus.add("red_flags", r["red_flags"])
            corpus.add("questions_to_ask", r["questions_to_ask"])
            corpus.add("sources", r["sources"])
        return corpus


def condition_names(count: int, rng: random.Random) -> list[str]:
    """``count`` different made-up names, e.g. "Inner hamstring strain"."""
    names = [f"{q} {p} {k}" for q, p, k in itertools.product(_QUALIFIERS, _PARTS, _PROBLEMS)]
    rng.shuffle(names)
    rounds = itertools.count(2)
    while len(names) < count:
        names += [f"{n}, type {next(rounds)}" for n in names[: count - len(names)]]
    return names[:count]


def slug(name: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", name.lower()))


def paragraphs(pool: list[str], length: int, rng: random.Random) -> str:
    """About ``length`` characters of sentences from ``pool``, in paragraphs of up to three."""
    picked: list[str] = []
    while sum(map(len, picked)) < length:
        picked.append(rng.choice(pool))
    blocks = [" ".join(picked[i:i + 3]) for i in range(0, len(picked), 3)]
    return "\n\n".join(blocks) + "\n"


def record(name: str, shape: dict, corpus: Corpus, vocabulary: list[str], rng: random.Random) -> dict:
    """One valid record named ``name``, shaped like the real record ``shape``."""
    pools = corpus.pools

    def some(pool: str, like: list | None, low: int = 1) -> list:
        count = max(low, len(like or []) + rng.choice((-1, 0, 1)))
        return rng.sample(pools[pool], min(count, len(pools[pool])))

    symptoms = rng.sample(vocabulary, min(len(vocabulary), max(2, len(shape["symptoms"]) + rng.choice((-1, 0, 1)))))
    out: dict[str, Any] = {
        "id": slug(name),
        "name": name,
        "also_called": some("also_called", shape.get("also_called"), 0),
        "summary": rng.choice(pools["summary"]),
        "where": shape["where"],  # the areas of the real record it is shaped like
        "how_common": shape["how_common"],
        "cause": paragraphs(pools["cause"], len(shape["cause"]), rng),
        "who_gets_it": paragraphs(pools["who_gets_it"], len(shape["who_gets_it"]), rng),
        "symptoms": [{"id": sid, "note": rng.choice(pools["note"])} for sid in symptoms],
    }
    if shape.get("extra_sections"):
        out["extra_sections"] = some("extra_sections", shape["extra_sections"])
    out.update({
        "self_care": {"do": some("do", shape["self_care"]["do"]), "dont": some("dont", shape["self_care"]["dont"])},
        "treatments": some("treatments", shape["treatments"]),
        "outlook": {"recovery": rng.choice(pools["recovery"]),
                    "without_treatment": rng.choice(pools["without_treatment"])},
        "prevention": some("prevention", shape["prevention"]),
        "red_flags": some("red_flags", shape["red_flags"]),
        "questions_to_ask": some("questions_to_ask", shape["questions_to_ask"]),
        "sources": some("sources", shape["sources"]),
        "reviewed": str(shape["reviewed"]),
        "next_review": str(shape["next_review"]),
    })
    # As the validator asks: a listed symptom that is a warning sign has its red flag, and
    # every red flag's source is among the record's sources.
    flagged = {f.get("symptom") for f in out["red_flags"]}
    for sid in symptoms:
        if sid not in flagged and sid in corpus.warning_flags:
            out["red_flags"].append(corpus.warning_flags[sid])
    urls = {s.get("url") for s in out["sources"]}
    out["sources"] += [corpus.sources_by_url[f["source"]] for f in out["red_flags"] if f["source"] not in urls
                       and not urls.add(f["source"])]
    return out


def write_records(source_root: Path, out_dir: Path, count: int, seed: int = 7) -> list[Path]:
    """Write ``count`` synthetic records to ``out_dir`` from the real records under ``source_root``."""
    real = [load.read(p, source_root).data for p in sorted((source_root / "content/conditions").glob("*.yaml"))]
    vocabulary = load.read(source_root / "content/symptoms.yaml", source_root).data["symptoms"]
    corpus = Corpus.from_records(real)
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    records = [record(name, rng.choice(corpus.shapes), corpus, [s["id"] for s in vocabulary], rng)
               for name in condition_names(count, rng)]
    # Every warning sign of the vocabulary is carried, with its source, by some record.
    carried = {f.get("symptom") for r in records for f in r["red_flags"]}
    missing = [flag for sid, flag in sorted(corpus.warning_flags.items()) if sid not in carried]
    for i, flag in enumerate(missing):
        target = records[i % len(records)]
        target["red_flags"].append(flag)
        if all(s.get("url") != flag["source"] for s in target["sources"]):
            target["sources"].append(corpus.sources_by_url[flag["source"]])
    paths = []
    for data in records:
        path = out_dir / f"{data['id']}.yaml"
        path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100),
                        encoding="utf-8")
        paths.append(path)
    return paths
