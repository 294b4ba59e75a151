"""The site's content as the templates see it: records joined with the symptom vocabulary.

What a page shows that is worked out from more than one record (which conditions list a
symptom, the warning cards) is worked out here, once, so every page and the finder agree.

Glossary (one name per thing, in code, templates and tests):

- condition: one record, content/conditions/<id>.yaml (a cause of pain behind the knee).
- symptom: an entry of the vocabulary, content/symptoms.yaml; records list symptoms by id.
- tier (a record's ``urgency``): how urgent a sign is: emergency, urgent or gp, most urgent
  first (content/schema/terms.schema.json). A record-level ``urgency`` marks the cause itself.
- red flag (``Flag``): a warning sign with its tier and the source that gives it.
- warning: a vocabulary symptom that is a warning sign on its own (``warning: <tier>``).
- care card: the box that shows the red flags of one tier (templates/_cards.md.j2).
- area: where it hurts (terms.schema.json).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Area:
    """A place where it hurts: its heading, how a page says it is felt there, the finder's
    button, and whether the finder's picture of the back of the knee shows it."""

    label: str
    felt: str
    button: str
    on_picture: bool


@dataclass(frozen=True)
class Terms:
    """The tiers (most urgent first), areas, symptom groups, how common a cause is (most
    common first) and finder answers, defined once in content/schema/terms.schema.json."""

    tiers: tuple[str, ...]
    areas: dict[str, Area]
    groups: dict[str, str]
    how_common: tuple[str, ...]
    ages: dict[str, str]
    starts: dict[str, str]

    @classmethod
    def read(cls, schema_dir: Path) -> Terms:
        defs = json.loads((schema_dir / "terms.schema.json").read_text(encoding="utf-8"))["$defs"]
        areas = {a["const"]: Area(a["title"], a["felt"], a["button"], a["on_picture"]) for a in defs["area"]["oneOf"]}
        groups, ages, starts = ({a["const"]: a["title"] for a in defs[name]["oneOf"]}
                                for name in ("group", "age", "start"))
        tiers = tuple(t["const"] for t in defs["urgency"]["oneOf"])
        return cls(tiers, areas, groups, tuple(defs["how_common"]["enum"]), ages, starts)


@dataclass
class Flag:
    """One warning sign with its tier, the symptom it is about, the conditions it can be a
    sign of, and the guideline pages (sources) that give it its tier."""

    urgency: str
    sign: str
    symptom: str | None = None
    conditions: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)

    def add_source(self, source: dict) -> None:
        if all(s["url"] != source["url"] for s in self.sources):
            self.sources.append(source)


def with_defaults(value: Any, schema: dict) -> Any:
    """A copy of validated data with every optional field that has a schema ``default`` filled in, so
    templates can read every field of every record: the schemas are the one list of a record's fields."""
    if isinstance(value, dict):
        fields = schema.get("properties", {})
        defaults = {name: copy.deepcopy(f["default"]) for name, f in fields.items() if "default" in f}
        return {**defaults, **{name: with_defaults(item, fields.get(name, {})) for name, item in value.items()}}
    if isinstance(value, list):
        return [with_defaults(item, schema.get("items", {})) for item in value]
    return value


@dataclass
class Content:
    """Validated records, sorted, with the cross-references pages need: new dicts, the parsed ones left as they are."""

    conditions: list[dict]
    symptoms: dict[str, dict]
    terms: Terms
    by_id: dict[str, dict] = field(init=False, repr=False)  # conditions by id

    @classmethod
    def read(cls, conditions: list[dict], symptoms: dict[str, dict], schema_dir: Path) -> Content:
        """The content of validated records and vocabulary, with the defaults of their schemas."""
        schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in schema_dir.glob("*.json")}
        symptom = schemas["symptoms.schema.json"]["properties"]["symptoms"]["items"]
        return cls([with_defaults(c, schemas["condition.schema.json"]) for c in conditions],
                   {sid: with_defaults(s, symptom) for sid, s in symptoms.items()}, Terms.read(schema_dir))

    def __post_init__(self) -> None:
        for symptom in self.symptoms.values():
            symptom["conditions"] = []
        self.conditions = sorted(self.conditions, key=lambda c: c["name"].casefold())
        self.by_id = {c["id"]: c for c in self.conditions}
        for condition in self.conditions:
            for rank, item in enumerate(condition["symptoms"]):
                self.symptoms[item["id"]]["conditions"].append((rank, condition, item["note"]))
            condition["flags"] = self.condition_flags(condition)
        tiers = self.terms.tiers
        for symptom in self.symptoms.values():
            # Causes that need help today or now come first, then by how typical the symptom is.
            symptom["conditions"].sort(key=lambda entry: (tiers.index(entry[1]["urgency"] or tiers[-1]),
                                                          self.terms.how_common.index(entry[1]["how_common"]), entry[0],
                                                          entry[1]["name"].casefold()))
            symptom["warning_sources"] = self.warning_sources(symptom["id"])

    def condition_flags(self, condition: dict) -> dict[str, list[Flag]]:
        """The page's warning cards by tier: its own red flags, each with the source that gives its
        tier. (The validator checks that every listed symptom that is a warning is one of them.)"""
        flags = [Flag(f["urgency"], f["sign"], f.get("symptom"), [condition], [self.source(condition, f["source"])])
                 for f in condition["red_flags"]]
        return {tier: [f for f in flags if f.urgency == tier] for tier in self.terms.tiers}

    @staticmethod
    def source(condition: dict, url: str) -> dict:
        """The record's source with address ``url`` (the validator checks there is one)."""
        return next(s for s in condition["sources"] if s["url"] == url)

    def warning_sources(self, symptom_id: str) -> list[dict]:
        """The guideline pages behind a vocabulary warning sign: the sources of every red flag about it."""
        found: dict[str, dict] = {}  # by address, in the order first met
        for condition in self.conditions:
            for f in condition["red_flags"]:
                if f.get("symptom") == symptom_id:
                    found.setdefault(f["source"], self.source(condition, f["source"]))
        return list(found.values())

    def by_area(self) -> dict[str, list[dict]]:
        return {area: [c for c in self.conditions if area in c["where"]] for area in self.terms.areas}

    def by_group(self) -> dict[str, list[dict]]:
        return {g: [s for s in self.symptoms.values() if s["group"] == g] for g in self.terms.groups}

    def serious_flags(self) -> dict[str, list[Flag]]:
        """Every emergency and urgent sign across records, each once, with every source behind it.

        Signs about one vocabulary symptom are one entry, in its words, naming the conditions whose
        records carry it as a warning sign and list it as their own symptom: a strain page that warns
        about a clot look-alike is not a cause of a swollen calf. A sign in a record's own words names
        no cause: it may be a look-alike or a complication, not a sign of the page's condition."""
        serious = self.terms.tiers[:-1]  # all but "book an appointment"
        merged: dict[tuple, Flag] = {}  # by tier and symptom, or by tier and words for a sign of no symptom
        for condition in self.conditions:
            for tier in serious:
                for flag in condition["flags"][tier]:
                    key = (tier, flag.symptom) if flag.symptom else (tier, None, flag.sign)
                    if key not in merged:
                        sign = (self.symptoms[flag.symptom]["warning_sign"] or flag.sign) if flag.symptom else flag.sign
                        merged[key] = Flag(tier, sign, flag.symptom, [])
                    for source in flag.sources:
                        merged[key].add_source(source)
                    if flag.symptom and any(item["id"] == flag.symptom for item in condition["symptoms"]):
                        merged[key].conditions.append(condition)
        for flag in merged.values():
            if flag.symptom:
                typical = [c for _, c, _ in self.symptoms[flag.symptom]["conditions"]]  # most typical first
                flag.conditions = [c for c in typical if c in flag.conditions]
        return {tier: sorted((f for f in merged.values() if f.urgency == tier),
                             key=lambda f: (f.symptom is None, -len(f.conditions))) for tier in serious}

    def all_sources(self) -> list[dict]:
        """Every source of every record, each once (by address, else by title), by publisher and title."""
        seen: dict[str, dict] = {}
        for condition in self.conditions:
            for source in condition["sources"]:
                seen.setdefault(source["url"] or source["title"], source)
        return sorted(seen.values(), key=lambda s: (s["publisher"].casefold(), s["title"].casefold()))

    def warning_symptoms(self) -> list[dict[str, Any]]:
        return [s for s in self.symptoms.values() if s.get("warning")]

    def related_flags(self, symptom: dict) -> dict[str, list[Flag]]:
        """The warning signs a symptom's page also shows (its ``related_warnings``), by tier."""
        related = [self.symptoms[r] for r in symptom.get("related_warnings", [])]
        return {tier: self.warning_flags(tier, related) for tier in self.terms.tiers}

    def warning_flags(self, tier: str, symptoms: list[dict] | None = None) -> list[Flag]:
        """The vocabulary's warning signs of one tier (of ``symptoms`` if given), in its words, with their sources."""
        return [Flag(tier, s["warning_sign"], s["id"], sources=s["warning_sources"])
                for s in (self.warning_symptoms() if symptoms is None else symptoms) if s["warning"] == tier]


def first_step(condition: dict, tiers: tuple[str, ...]) -> str | None:
    """How soon most people with this condition need care (a tier), for the one-line answer atop its page: the
    record's own urgency (a clot, a joint infection); else that of its most typical symptom if that is one of
    its warning signs (a pulsing lump behind the knee needs a doctor today); else None (its usual signs need no
    doctor, only its warning signs do)."""
    if condition["urgency"]:
        return condition["urgency"]
    main = condition["symptoms"][0]["id"]
    return next((tier for tier in tiers for flag in condition["flags"][tier] if flag.symptom == main), None)


def first_step_sign(condition: dict, tier: str) -> str | None:
    """For a record with its own ``urgency``, the sign the one-line answer names (a reader cannot tell they
    have a clot, only what they notice): the first sentence of its red flag of ``tier`` about its most typical
    symptom, else of its first one, with a small first letter (not for a word in capitals such as DVT), or None."""
    flags = condition["flags"][tier]
    main = condition["symptoms"][0]["id"]
    flag = next((f for f in flags if f.symptom == main), flags[0] if flags else None)
    if flag is None:
        return None
    first = flag.sign.split(". ")[0].rstrip(".")
    word = first.split(" ", 1)[0]
    return first if len(word) > 1 and word.isupper() else first[0].lower() + first[1:]
