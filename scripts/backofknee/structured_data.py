"""Structured data (schema.org JSON-LD) for condition pages, built from the validated record.

Search engines and assistants read it to tell what a page is about and when it was last
reviewed. It says only what the record says. The theme writes it into the page with
``|tojson`` (overrides/partials/head-extra.html).
"""

from __future__ import annotations

from typing import Any

from .model import Content


def condition_page(condition: dict[str, Any], content: Content, url: str | None) -> dict[str, Any]:
    """The JSON-LD object for one condition's page at ``url``. Only a record with a clinical
    review says who reviewed it and when (``reviewedBy``, ``lastReviewed``): checking a page
    against its sources is not a clinical review."""
    page = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": condition["name"],
        "url": url,
        "description": condition["summary"],
        "about": {
            "@type": "MedicalCondition",
            "name": condition["name"],
            "alternateName": list(condition.get("also_called", [])),
            "description": condition["summary"],
            "signOrSymptom": [
                {"@type": "MedicalSymptom", "name": content.symptoms[item["id"]]["name"]}
                for item in condition["symptoms"]
            ],
            "possibleTreatment": [
                {"@type": "MedicalTherapy", "name": t["name"], "description": t["how"]}
                for t in condition["treatments"]
            ],
            "associatedAnatomy": [{"@type": "AnatomicalStructure", "name": content.terms.areas[area].label}
                                  for area in condition["where"]],
        },
    }
    review = condition.get("clinical_review")
    if review:
        page["lastReviewed"] = review["date"]
        page["reviewedBy"] = {"@type": "Person", "name": review["name"], "jobTitle": review["role"]}
    return page


def for_condition_id(content: Content, condition_id: str, url: str | None) -> dict[str, Any] | None:
    """The JSON-LD for the condition with ``condition_id``, or None if there is no such record."""
    condition = content.by_id.get(condition_id)
    return condition_page(condition, content, url) if condition else None
