"""A symptom the vocabulary marks as a warning sign on its own shows the same urgency tier
wherever it appears: on every condition page that lists it or warns about it, on its
symptom page and on "Get help now". (The symptom finder is tested in its own file.) A record
that gives it another tier stops the build: see tests/examples/negative/lower-tier and
higher-tier."""

from __future__ import annotations

from pathlib import Path

import yaml
from cards import care_cards
from conftest import ROOT


def tiers_showing(page: Path, sign: str) -> set[str]:
    """The tiers of the cards on ``page`` that list ``sign``."""
    return {card.tier for card in care_cards(page.read_text(encoding="utf-8"))
            if any(item == sign or item.startswith(sign + " Can be a sign of:") for item in card.signs)}


def test_each_warning_symptom_has_one_tier_on_every_page(built_site):
    vocabulary = {s["id"]: s for s in yaml.safe_load((ROOT / "content/symptoms.yaml").read_text())["symptoms"]}
    records = [yaml.safe_load(p.read_text()) for p in sorted((ROOT / "content/conditions").glob("*.yaml"))]
    warnings = {sid: s for sid, s in vocabulary.items() if s.get("warning")}
    assert warnings
    checked = 0
    for sid, symptom in warnings.items():
        tier, sign = symptom["warning"], " ".join(symptom["warning_sign"].split())
        assert tiers_showing(built_site / "symptoms" / sid / "index.html", sign) == {tier}, sid
        if tier != "gp":
            assert tiers_showing(built_site / "get-help-now/index.html", sign) == {tier}, sid
        for record in records:
            own = [f for f in record["red_flags"] if f.get("symptom") == sid]
            listed = any(item["id"] == sid for item in record["symptoms"])
            if not (own or listed):
                continue
            page = built_site / "conditions" / record["id"] / "index.html"
            for shown in [" ".join(f["sign"].split()) for f in own] or [sign]:
                assert tiers_showing(page, shown) == {tier}, f"{record['id']}: {sid} ({shown})"
                checked += 1
    assert checked > len(warnings)
