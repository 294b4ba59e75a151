"""Condition pages are short on a phone and give the answer first.

At 360 x 740 a page shows, before the reader opens anything: the one-line answer, the care
cards, what you might notice and what you can do yourself. The rest (what is going on, who
gets it, treatments, sources...) is in sections the reader opens (``<details class="more">``),
each with its heading in the summary, so the site search and the table of contents still
find it. Measured on every condition page: the median page is at most 6 screens tall, and
"What you can do yourself" starts within 4.5 screens on every page (4.4 at most today).
"""

from __future__ import annotations

import statistics

import pytest
from backofknee.model import first_step
from browsing import PHONE, TOP, search_box_results
from support import TERMS, records

pytestmark = pytest.mark.browser

RECORDS = {record["id"]: record for record in records()}
SCREEN = PHONE["viewport"]["height"]
MEDIAN_SCREENS = 6
SELF_CARE_WITHIN = 4.5  # screens from the top of the page
MEASURE = """() => {
  const top = e => e.getBoundingClientRect().top + scrollY;
  const more = [...document.querySelectorAll("article details.more")];
  return {
    height: document.documentElement.scrollHeight,
    answer: top(document.querySelector("article .answer")),
    firstCard: top(document.querySelector("article .admonition")),
    selfCare: top(document.getElementById("what-you-can-do-yourself")),
    symptoms: [...document.querySelectorAll("article h3.symptom-heading")].filter(h => h.checkVisibility()).length,
    sections: more.map(d => ({open: d.open, heading: d.querySelector(":scope > summary > h2[id]")?.id ?? null})),
    jumps: [...document.querySelectorAll("article .on-this-page a")].map(a => a.hash.slice(1))
      .map(id => [id, !!document.getElementById(id)]),
  };
}"""


@pytest.fixture(scope="module")
def measured(browser, site_url) -> dict[str, dict]:
    """Every condition page as first shown at 360 x 740."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    out = {}
    for condition in sorted(RECORDS):
        page.goto(site_url + f"conditions/{condition}/")
        out[condition] = page.evaluate(MEASURE)
    context.close()
    return out


def test_the_median_condition_page_is_at_most_six_screens_and_self_care_comes_early(measured):
    screens = {c: m["height"] / SCREEN for c, m in measured.items()}
    table = "\n".join(f"{c}: {screens[c]:.2f} screens, self-care at {m['selfCare'] / SCREEN:.2f}"
                      for c, m in measured.items())
    assert statistics.median(screens.values()) <= MEDIAN_SCREENS, table
    late = [c for c, m in measured.items() if m["selfCare"] / SCREEN > SELF_CARE_WITHIN]
    assert not late, f"self-care starts after {SELF_CARE_WITHIN} screens:\n{table}"


def test_the_answer_and_the_symptoms_are_shown_and_the_rest_is_closed(measured):
    for condition, m in measured.items():
        record = RECORDS[condition]
        assert m["answer"] < min(m["firstCard"], SCREEN), f"{condition}: the answer is not on the first screen"
        assert m["symptoms"] == len(record["symptoms"]), f"{condition}: a symptom heading is hidden or missing"
        # what is going on, who gets it, extra sections, treatments, what to expect,
        # lowering your chances, questions, sources: each closed, each with its heading
        assert len(m["sections"]) == 7 + len(record.get("extra_sections", [])), condition
        assert all(not s["open"] and s["heading"] for s in m["sections"]), f"{condition}: {m['sections']}"
        assert m["jumps"] and all(found for _, found in m["jumps"]), f"{condition}: a jump link leads nowhere"


def test_every_section_opens_and_closes_with_the_keyboard(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        for condition in sorted(RECORDS):
            page.goto(site_url + f"conditions/{condition}/")
            summaries = page.locator("article details.more > summary")
            assert summaries.count() >= 7
            for n in range(summaries.count()):
                summary = summaries.nth(n)
                details = summary.locator("xpath=..")
                summary.focus()
                page.keyboard.press("Enter")
                assert details.evaluate("d => d.open"), f"{condition}: Enter does not open section {n}"
                assert details.locator(":scope > :not(summary)").first.is_visible()
                page.keyboard.press("Space")
                assert not details.evaluate("d => d.open"), f"{condition}: Space does not close section {n}"
                page.keyboard.press("Space")
                assert details.evaluate("d => d.open"), f"{condition}: Space does not open section {n}"
    finally:
        context.close()


def test_the_answer_follows_the_records_urgency_else_its_main_symptom():
    """A cause that needs a doctor as soon as it is suspected (a clot, a joint infection)
    says so; otherwise the tier of its most typical symptom, if that symptom is one of its
    warning signs; otherwise it can be looked after at home, watching for the signs."""
    urgent = {"urgency": "urgent", "symptoms": [{"id": "a"}], "flags": {"emergency": [], "urgent": [], "gp": []}}
    assert first_step(urgent, TERMS.tiers) == "urgent"

    class Flag:
        def __init__(self, symptom):
            self.symptom = symptom

    record = {"urgency": None, "symptoms": [{"id": "lump"}, {"id": "swollen-calf"}],
              "flags": {"emergency": [], "urgent": [Flag("swollen-calf")], "gp": [Flag("lump")]}}
    assert first_step(record, TERMS.tiers) == "gp"  # the main symptom's tier, not the most urgent sign's
    record["symptoms"].reverse()
    assert first_step(record, TERMS.tiers) == "urgent"
    record["flags"] = {"emergency": [Flag(None)], "urgent": [], "gp": []}
    assert first_step(record, TERMS.tiers) is None


@pytest.mark.parametrize("query, expected", [("if a bakers cyst bursts", "bakers-cyst"),
                                             ("steroid injection or draining the fluid", "bakers-cyst"),
                                             ("x-rays and pain often do not match", "knee-osteoarthritis")])
def test_the_search_finds_words_in_closed_sections(page, site_url, query, expected):
    """Pagefind indexes the page as built, closed sections too: their headings still find it."""
    page.goto(site_url)
    found = search_box_results(page, query)
    assert expected in found[:TOP], found
