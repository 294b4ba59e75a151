"""The symptom finder's data: one JSON file, made at build time from the same content as the pages.

The finder page (``templates/finder.md.j2``) draws the controls; ``docs/assets/finder.js``
reads this file to rank the conditions and to show care cards. Nothing is worked out again
here: which conditions list a symptom, and how typical it is of each (``symptom["conditions"]``),
come from the model, and the care cards' titles and actions come from the same template
macros as every other card (``_cards.md.j2``), so the finder says exactly what the pages say.
"""

from __future__ import annotations

from typing import Any

import jinja2

from .model import Content

PATH = "assets/finder.json"  # where the site serves it; finder.js finds it next to itself


def questions(content: Content) -> dict[str, dict[str, Any]]:
    """The finder's questions: the page address's name for each, the record field that lists
    the answers a cause fits, and the answers with their words (terms.schema.json). Any other
    answer, such as "not sure", fits every cause."""
    return {"age": {"field": "ages", "answers": content.terms.ages},
            "start": {"field": "starts", "answers": content.terms.starts}}


def age_signs(content: Content) -> list[dict[str, str]]:
    """The records' warning signs about an age group (a red flag's ``ages``), most urgent
    first, each once: the finder shows them, in care cards, when the reader gives that age."""
    signs = {(age, flag["urgency"], flag["sign"]): None for condition in content.conditions
             for flag in condition["red_flags"] for age in flag.get("ages", [])}
    order = sorted(signs, key=lambda key: (list(content.terms.ages).index(key[0]), content.terms.tiers.index(key[1])))
    return [{"age": age, "tier": tier, "sign": sign} for age, tier, sign in order]


def finder_data(content: Content, settings: dict[str, Any], env: jinja2.Environment) -> dict[str, Any]:
    """Everything the finder needs, as plain data. ``symptoms[].conditions``: the conditions that
    name the symptom, most typical first, with ``rank``, the symptom's place in that condition's
    own list (0: its most typical). A condition's ``ages`` and ``starts``: the answers it fits (None:
    every answer). ``tiers``: each tier's care-card words, emergency first; a ``serious`` tier needs
    help today (all but the last): causes at it come first, and no answer moves them lower or hides
    them. ``urgency`` and ``how_common`` (the words, most common first) order the list as the symptom
    pages do; ``age_signs``: see ``age_signs()``."""
    cards = env.get_template("_cards.md.j2").module
    return {
        "areas": [{"id": area_id, "label": area.label} for area_id, area in content.terms.areas.items()],
        "groups": [{"id": group, "label": label} for group, label in content.terms.groups.items()],
        "symptoms": [{**{key: s[key] for key in ("id", "name", "group", "where", "warning", "warning_sign")},
                      "conditions": [{"id": c["id"], "rank": rank} for rank, c, _note in s["conditions"]]}
                     for s in content.symptoms.values()],
        "conditions": [
            {"id": c["id"], "name": c["name"], "summary": c["summary"], "url": f"conditions/{c['id']}/",
             "where": c["where"], "urgency": c["urgency"], "how_common": c["how_common"],
             **{q["field"]: c[q["field"]] for q in questions(content).values()}}
            for c in content.conditions
        ],
        "questions": [{"id": qid, "field": q["field"], "answers": list(q["answers"])}
                      for qid, q in questions(content).items()],
        "how_common": list(content.terms.how_common),
        "tiers": [
            {"id": tier, "title": str(cards.title(tier, settings)).strip(),
             "badge": str(cards.badge(tier, settings)).strip(),
             "action": str(cards.action(tier, settings)).strip(),
             "serious": tier in content.terms.tiers[:-1]}
            for tier in content.terms.tiers
        ],
        "age_signs": age_signs(content),
    }
