"""Settings, not edits: the emergency number and the helpline come from mkdocs.yml ``extra:``.
The site is built with two countries' settings; each shows on every care card and the home
page, and the other country's numbers show nowhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cards import care_cards, plain
from conftest import copy_project, mkdocs_build

UK = {"emergency_number": "999", "helpline_name": "NHS 111", "helpline_number": "111"}
AUSTRALIA = {"emergency_number": "000", "helpline_name": "healthdirect", "helpline_number": "1800 022 222"}


@pytest.fixture(scope="module")
def australian_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("australia") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text()
    for name, value in AUSTRALIA.items():
        text, count = re.subn(rf'(?m)^(\s+{name}:) .*$', rf'\1 "{value}"', text)
        assert count == 1, name
    config.write_text(text)
    proc = mkdocs_build(project, project / "site")
    assert proc.returncode == 0, proc.stderr
    return project / "site"


def words(site: Path) -> dict[str, str]:
    """The text of every page, and of every JSON file (the symptom finder's data, say)."""
    pages = {str(p.relative_to(site)): plain(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}
    pages.update({str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.json")})
    return pages


@pytest.mark.parametrize("country", ["uk", "australia"])
def test_settings_show_on_every_card_and_the_home_page_and_no_other_numbers_do(country, built_site, request):
    site, settings, other = ((built_site, UK, AUSTRALIA) if country == "uk"
                             else (request.getfixturevalue("australian_site"), AUSTRALIA, UK))
    emergency, helpline = settings["emergency_number"], f"{settings['helpline_name']} ({settings['helpline_number']})"
    counted = {"emergency": 0, "urgent": 0}
    for page in site.rglob("*.html"):
        for card in care_cards(page.read_text(encoding="utf-8")):
            if card.tier == "emergency":
                assert re.search(rf"\b{emergency}\b", card.text), f"{page}: {card.text}"
            elif card.tier == "urgent":
                assert helpline in card.text, f"{page}: {card.text}"
            counted[card.tier] = counted.get(card.tier, 0) + 1
    assert counted["emergency"] > 10 and counted["urgent"] > 10
    home = plain((site / "index.html").read_text(encoding="utf-8"))
    assert f"call {emergency}" in home
    for where, text in words(site).items():
        for value in (other["emergency_number"], other["helpline_name"], other["helpline_number"]):
            assert not re.search(rf"(?<![\w,.]){re.escape(value)}(?![\w,])", text), f"{where} shows {value!r}"
