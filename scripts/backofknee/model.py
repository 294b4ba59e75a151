"""The site's content as the templates see it: records joined with the symptom vocabulary.

Everything a page shows that is worked out from more than one record (which conditions
list a symptom, the warning cards a page shows) is worked out here, once, so that every
page (and the symptom finder's data) says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TIERS = ("emergency", "urgent", "gp")

AREAS = {
    "inner": "Inner side of the back of the knee",
    "centre": "Centre of the back of the knee (the crease)",
    "outer": "Outer side of the back of the knee",
    "calf": "Upper calf, just below the knee",
    "whole-knee": "All around the knee or the kneecap",
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
    """One warning sign with its tier, where it came from, and the symptom it is about."""

    urgency: str
    sign: str
    symptom: str | None = None
    conditions: list[dict] = field(default_factory=list)


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
            {"also_called": [], "extra_sections": [], "search_boost": None, **c,
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
            symptom["conditions"].sort(key=lambda entry: (entry[0], entry[1]["name"].casefold()))

    def condition_flags(self, condition: dict) -> dict[str, list[Flag]]:
        """The page's warning cards by tier: its own red flags, plus the warning of any
        listed symptom that the vocabulary marks as a warning sign and no red flag covers."""
        flags = [Flag(f["urgency"], f["sign"], f.get("symptom"), [condition]) for f in condition["red_flags"]]
        covered = {f.symptom for f in flags}
        for item in condition["symptoms"]:
            symptom = self.symptoms[item["id"]]
            if symptom.get("warning") and item["id"] not in covered:
                flags.append(Flag(symptom["warning"], symptom["warning_sign"], item["id"], [condition]))
        return {tier: [f for f in flags if f.urgency == tier] for tier in TIERS}

    def by_area(self) -> dict[str, list[dict]]:
        return {area: [c for c in self.conditions if area in c["where"]] for area in AREAS}

    def by_group(self) -> dict[str, list[dict]]:
        return {g: [s for s in self.symptoms.values() if s["group"] == g] for g in GROUPS}

    def serious_flags(self) -> dict[str, list[Flag]]:
        """Every emergency and urgent sign across records. Signs about the same vocabulary
        symptom are one entry (in the vocabulary's words) listing every condition."""
        out: dict[str, list[Flag]] = {"emergency": [], "urgent": []}
        by_symptom: dict[tuple[str, str], Flag] = {}
        for condition in self.conditions:
            for tier in out:
                for flag in condition["flags"][tier]:
                    if flag.symptom is None:
                        out[tier].append(flag)
                        continue
                    key = (tier, flag.symptom)
                    if key not in by_symptom:
                        sign = self.symptoms[flag.symptom].get("warning_sign") or flag.sign
                        by_symptom[key] = Flag(tier, sign, flag.symptom, [])
                        out[tier].append(by_symptom[key])
                    by_symptom[key].conditions.append(condition)
        for flag in by_symptom.values():
            # Link a sign to the conditions it is a symptom of (most typical first), not to
            # every record that warns about it: a strain page may warn about a clot.
            listing = [c for _, c, _ in self.symptoms[flag.symptom]["conditions"]]
            flag.conditions = listing or flag.conditions
        for tier in out:
            out[tier].sort(key=lambda f: (f.symptom is None, -len(f.conditions)))
        return out

    def warning_symptoms(self) -> list[dict[str, Any]]:
        return [s for s in self.symptoms.values() if s.get("warning")]
