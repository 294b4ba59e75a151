"""Settings, not edits: the emergency number and the helpline come from mkdocs.yml ``extra:``.
The site is built with two countries' settings; each shows on every care card and the home
page, and the other country's numbers show nowhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cards import care_cards
from conftest import copy_project, mkdocs_build
from support import text_of

UK = {"emergency_number": "999", "emergency_department": "A&E", "urgent_care": "an urgent treatment centre",
      "doctor": "GP", "helpline_name": "NHS 111", "helpline_number": "111"}
# A site set up for the United States: no national advice line, so no helpline lines at all.
US = {"emergency_number": "911", "emergency_department": "the emergency room (ER)",
      "urgent_care": "an urgent care center", "doctor": "family doctor"}
# Words that belong to one country's health service and must not show on the other's site.
ONLY = {"uk": ["999", "call NHS 111", "A&E", "urgent treatment centre", " GP "],
        "us": ["911", "emergency room", "urgent care center", "family doctor"]}


@pytest.fixture(scope="module")
def us_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("us") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text()
    for name in UK:
        text, count = re.subn(rf'(?m)^  {name}:.*\n', f'  {name}: "{US[name]}"\n' if name in US else "", text)
        assert count == 1, name
    config.write_text(text)
    proc = mkdocs_build(project, project / "site")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project / "site"


def words(site: Path) -> dict[str, str]:
    """The text of every page, and of every JSON file (the symptom finder's data, say)."""
    pages = {str(p.relative_to(site)): text_of(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}
    pages.update({str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.json")})
    return pages


@pytest.mark.parametrize("country", ["uk", "us"])
def test_settings_show_on_every_card_and_the_home_page_and_no_other_country_shows(country, built_site, request):
    if country == "uk":
        site, settings, other = built_site, UK, "us"
    else:
        site, settings, other = request.getfixturevalue("us_site"), US, "uk"
    emergency = f"call {settings['emergency_number']} or go to {settings['emergency_department']} now"
    urgent = f"go to {settings['urgent_care']} or {settings['emergency_department']}"
    counted = {"emergency": 0, "urgent": 0, "gp": 0}
    for page in site.rglob("*.html"):
        for card in care_cards(page.read_text(encoding="utf-8")):
            if card.tier == "emergency":
                assert emergency in card.text, f"{page}: {card.text}"
            elif card.tier == "urgent":
                assert urgent in card.text, f"{page}: {card.text}"
                assert f"urgent {settings['doctor']} appointment" in card.text
                if "helpline_name" in settings:
                    assert f"call {settings['helpline_name']}" in card.text
                else:
                    assert "or call" not in card.text
            else:
                assert f"see a {settings['doctor']} if" in card.text
                assert f"appointment with a {settings['doctor']} to get it checked" in card.text
            counted[card.tier] += 1
    assert counted["emergency"] > 10 and counted["urgent"] > 10
    home = text_of((site / "index.html").read_text(encoding="utf-8"))
    assert emergency in home
    for where, text in words(site).items():
        for value in ONLY[other]:
            assert value not in text, f"{where} shows {value!r}, which belongs to the {other} settings"


@pytest.mark.parametrize("country", ["uk", "us"])
def test_a_search_that_finds_nothing_offers_the_helpline_only_where_the_site_has_one(country, built_site, request):
    """The search box's pages that may help (partials/help-links.html) call the numbers of
    the settings: the emergency number always, the helpline only when one is set."""
    site, settings = (built_site, UK) if country == "uk" else (request.getfixturevalue("us_site"), US)
    for page in ("index.html", "conditions/bakers-cyst/index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        steps = re.search(r'<div class="md-search-result__next" hidden>(.*?)</div>', html, re.S)
        assert steps, page
        calls = re.findall(r'href="tel:([^"]+)">([^<]+)</a>', steps.group(1))
        wanted = [(settings["emergency_number"], f"call {settings['emergency_number']}")]
        if "helpline_name" in settings:
            wanted.append((settings["helpline_number"], f"Call {settings['helpline_name']}"))
        assert calls == wanted, f"{country} {page}: {calls}"
