"""Each condition page carries schema.org JSON-LD that says what its record says."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from backofknee import pipeline, structured_data
from conftest import ROOT
from support import TERMS, configured_site_url

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld(page: Path) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(page.read_text(encoding="utf-8"))]


def names(items: list[dict], kind: str) -> list[str]:
    assert all(item["@type"] == kind for item in items), items
    return [item["name"] for item in items]


def test_every_condition_page_describes_its_record(built_site):
    vocabulary = {s["id"]: s for s in yaml.safe_load((ROOT / "content/symptoms.yaml").read_text())["symptoms"]}
    records = [yaml.safe_load(p.read_text()) for p in sorted((ROOT / "content/conditions").glob("*.yaml"))]
    assert records
    for record in records:
        page = built_site / "conditions" / record["id"] / "index.html"
        assert "</script" not in JSON_LD.search(page.read_text()).group(1)
        [data] = json_ld(page)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "MedicalWebPage"
        assert data["name"] == record["name"]
        assert data["url"] == f"{configured_site_url()}conditions/{record['id']}/"
        assert "lastReviewed" not in data and "reviewedBy" not in data  # no record has had a clinical review
        about = data["about"]
        assert about["@type"] == "MedicalCondition"
        assert about["name"] == record["name"]
        assert about["alternateName"] == record.get("also_called", [])
        assert about["description"] == record["summary"]
        assert names(about["signOrSymptom"], "MedicalSymptom") == [vocabulary[s["id"]]["name"]
                                                                   for s in record["symptoms"]]
        assert names(about["possibleTreatment"], "MedicalTherapy") == [t["name"] for t in record["treatments"]]
        assert [t["description"] for t in about["possibleTreatment"]] == [t["how"] for t in record["treatments"]]
        areas = [TERMS.areas[w].label for w in record["where"]]
        assert names(about["associatedAnatomy"], "AnatomicalStructure") == areas


def test_other_pages_carry_no_medical_json_ld(built_site):
    conditions = built_site / "conditions"
    for page in built_site.rglob("*.html"):
        if page.parent.parent != conditions:
            assert json_ld(page) == [], page


def test_only_a_clinical_review_gives_reviewed_by_and_last_reviewed():
    content, _ = pipeline.check(ROOT)
    record = dict(content.by_id["bakers-cyst"])
    assert "lastReviewed" not in structured_data.condition_page(record, content, None)
    record["clinical_review"] = {"name": "A. Example", "role": "GP", "date": "2026-11-20"}
    data = structured_data.condition_page(record, content, None)
    assert data["lastReviewed"] == "2026-11-20"
    assert data["reviewedBy"] == {"@type": "Person", "name": "A. Example", "jobTitle": "GP"}
