"""The site's content as the templates see it: records joined with the symptom vocabulary.

Everything a page shows that is worked out from more than one record (which conditions
list a symptom, the warning cards a page shows) is worked out here, once, so that every
page (and the symptom finder's data) says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TIERS = ("emergency", "urgent", "gp")
HOW_COMMON = ("very common", "common", "uncommon", "rare")
URGENCY_WORDS = {"emergency": "an emergency", "urgent": "get help today"}  # a cause's own urgency, in lists
# The symptom finder's two questions: the answers a record may list under `ages` and `starts`
# (content/schema/condition.schema.json holds the same ids), with the finder's words for each.
AGES = {"child": "A child or a teenager", "adult": "An adult under 50", "older": "Over 50"}
STARTS = {"injury": "After an injury, a fall or a twist", "gradual": "It came on gradually",
          "surgery-travel": "After an operation, a plaster cast or a long journey"}



@dataclass(frozen=True)
class Area:
    """A place where it hurts: its heading, how a page says it is felt there, the finder's
    button, and whether the finder's picture of the back of the knee shows it."""

    label: str
    felt: str
    button: str
    on_picture: bool

    def __str__(self) -> str:
        return self.label


AREAS = {
    "inner": Area("Inner side of the back of the knee", "towards the inner side of the back of the knee", "Inner side",
                  True),
    "centre": Area("Centre of the back of the knee (the crease)", "in the middle of the back of the knee", "Centre",
                   True),
    "outer": Area("Outer side of the back of the knee", "towards the outer side of the back of the knee", "Outer side",
                  True),
    "calf": Area("Upper calf, just below the knee", "in the calf just below the knee", "Calf", True),
    "whole-knee": Area("All around the knee", "all around the knee", "All around the knee", False),
    "front": Area("Front of the knee, around or behind the kneecap", "at the front of the knee, around or behind "
                  "the kneecap", "Front of the knee or kneecap", False),
    "below-inner": Area("Inner side of the shin, just below the knee", "on the inner side of the shin, just below "
                        "the knee", "Inner shin, below the knee", False),
}
GROUPS = {
    "pain": "Pain",
    "lumps-and-swelling": "Lumps and swelling",
    "movement": "Movement and how the knee feels",
    "feeling-and-nerves": "Tingling, numbness and nerve pain",
    "skin-and-temperature": "Skin, heat and other warning signs",
}


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


@dataclass
class Content:
    """Validated records, sorted, with the cross-references the pages need."""

    conditions: list[dict]
    symptoms: dict[str, dict]
    by_id: dict[str, dict] = field(init=False, repr=False)  # conditions by id

    def __post_init__(self) -> None:
        # New dicts with the optional fields filled in: the parsed records are left as they are.
        self.symptoms = {sid: {"warning": None, "warning_sign": None, **s, "conditions": []}
                         for sid, s in self.symptoms.items()}
        conditions = [
            {"also_called": [], "extra_sections": [], "search_boost": None, "clinical_review": None, "urgency": None,
             "ages": None, "starts": None,
             **c,
             "sources": [{"url": None, **source} for source in c["sources"]],
             "symptoms": [{"note": "", **item} for item in c["symptoms"]]}
            for c in self.conditions
        ]
        self.conditions = sorted(conditions, key=lambda c: c["name"].casefold())
        self.by_id = {c["id"]: c for c in self.conditions}
        for condition in self.conditions:
            for rank, item in enumerate(condition["symptoms"]):
                self.symptoms[item["id"]]["conditions"].append((rank, condition, item["note"]))
            condition["flags"] = self.condition_flags(condition)
        for symptom in self.symptoms.values():
            # Causes that need help today or now come first, then by how typical the symptom is.
            symptom["conditions"].sort(key=lambda entry: (TIERS.index(entry[1]["urgency"] or "gp"),
                                                          HOW_COMMON.index(entry[1]["how_common"]), entry[0],
                                                          entry[1]["name"].casefold()))
            symptom["warning_sources"] = self.warning_sources(symptom["id"])

    def condition_flags(self, condition: dict) -> dict[str, list[Flag]]:
        """The page's warning cards by tier: its own red flags, each with the source that
        gives its tier. (A listed symptom that the vocabulary marks as a warning sign must
        be one of them: the validator checks it.)"""
        flags = [Flag(f["urgency"], f["sign"], f.get("symptom"), [condition], [self.source(condition, f["source"])])
                 for f in condition["red_flags"]]
        return {tier: [f for f in flags if f.urgency == tier] for tier in TIERS}

    @staticmethod
    def source(condition: dict, url: str) -> dict:
        """The record's source with address ``url`` (the validator checks there is one)."""
        return next(s for s in condition["sources"] if s["url"] == url)

    def warning_sources(self, symptom_id: str) -> list[dict]:
        """The guideline pages behind a vocabulary warning sign: the sources of every red flag,
        in every record, that is about this symptom."""
        flag = Flag("", "")
        for condition in self.conditions:
            for f in condition["red_flags"]:
                if f.get("symptom") == symptom_id:
                    flag.add_source(self.source(condition, f["source"]))
        return flag.sources

    def by_area(self) -> dict[str, list[dict]]:
        return {area: [c for c in self.conditions if area in c["where"]] for area in AREAS}

    def by_group(self) -> dict[str, list[dict]]:
        return {g: [s for s in self.symptoms.values() if s["group"] == g] for g in GROUPS}

    def serious_flags(self) -> dict[str, list[Flag]]:
        """Every emergency and urgent sign across records, each once, with every source behind it.

        Signs about the same vocabulary symptom are one entry, in the vocabulary's words, that
        names the conditions whose records carry it as a warning sign and list it as one of
        their own symptoms: a strain page that warns about a clot look-alike is not a cause of
        a swollen calf. A sign in a record's own words names no cause: it may be a look-alike,
        or a complication, rather than a sign of the condition whose page carries it."""
        out: dict[str, list[Flag]] = {"emergency": [], "urgent": []}
        by_symptom: dict[tuple[str, str], Flag] = {}
        for condition in self.conditions:
            for tier in out:
                for flag in condition["flags"][tier]:
                    if flag.symptom is None:  # a sign in the record's own words: once, named by no cause
                        same = next((f for f in out[tier] if f.symptom is None and f.sign == flag.sign), None)
                        if same is None:
                            out[tier].append(same := Flag(tier, flag.sign))
                        for source in flag.sources:
                            same.add_source(source)
                        continue
                    key = (tier, flag.symptom)
                    if key not in by_symptom:
                        sign = self.symptoms[flag.symptom].get("warning_sign") or flag.sign
                        by_symptom[key] = Flag(tier, sign, flag.symptom, [])
                        out[tier].append(by_symptom[key])
                    merged = by_symptom[key]
                    for source in flag.sources:
                        merged.add_source(source)
                    if any(item["id"] == flag.symptom for item in condition["symptoms"]):
                        merged.conditions.append(condition)
        for flag in by_symptom.values():
            typical = [c for _, c, _ in self.symptoms[flag.symptom]["conditions"]]  # most typical first
            flag.conditions = [c for c in typical if c in flag.conditions]
        for tier in out:
            out[tier].sort(key=lambda f: (f.symptom is None, -len(f.conditions)))
        return out

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
        flags = [Flag(s["warning"], s["warning_sign"], s["id"], sources=s["warning_sources"])
                 for s in (self.symptoms[r] for r in symptom.get("related_warnings", []))]
        return {tier: [f for f in flags if f.urgency == tier] for tier in TIERS}

    def warning_flags(self, tier: str) -> list[Flag]:
        """The vocabulary's warning signs of one tier, in its words, with their sources."""
        return [Flag(tier, s["warning_sign"], s["id"], sources=s["warning_sources"])
                for s in self.warning_symptoms() if s["warning"] == tier]
