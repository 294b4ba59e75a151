"""Printed sheets and the "Print this page" button.

People print a condition page to take to an appointment or to give to someone who is not
online. Every condition page is printed to PDF by Chromium in print media, on A4 and on US
Letter, with background graphics off (as browsers print by default), and the PDF is read
back with poppler's ``pdfinfo`` and ``pdftotext``: at most two pages, the warning signs
with the emergency number, the review date, the sources with their addresses, the page's
web address and the date it was printed, in a sensible order, and none of the site's
navigation or search. The button is checked in the browser: present only on condition,
symptom and get-help-now pages, reachable with the keyboard, calls the browser's print,
and hidden on paper and when JavaScript is off.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
import yaml
from backofknee import render
from conftest import ROOT
from support import TERMS, flat, read_pdf, records

PAPER = ("A4", "Letter")
RECORDS = {record["id"]: record for record in records()}
# What the site's chrome says: none of it belongs on paper.
CHROME = ("Search", "Skip to content", "Table of contents", "Back to top", "Print this page",
          "Switch to dark mode", "Switch to light mode", "Prevention and exercises",
          "Conditions A to Z", "Symptom finder", "About this site", "Made with")
BUTTON = "[data-print-button]"
BUTTON_PAGES = ("get-help-now/", "conditions/bakers-cyst/", "symptoms/swollen-calf/")
SYMPTOM_SHEETS = ("symptoms/swollen-calf/", "symptoms/lump-behind-knee/")
# The text of every heading, paragraph and list item that print media shows, innermost
# blocks only; the sources (addresses are added on paper) and the sheet's end are left out.
SHOWN_IN_PRINT = """() => [...document.querySelectorAll(
        "article :is(h1, h2, h3, h4, p, li):not(:has(p, li))")]
    .filter(e => e.getClientRects().length && !e.closest("details:has(> summary > h2#sources) > ol, .print-sheet-end"))
    .map(e => e.innerText)"""


def site_settings() -> dict:
    """mkdocs.yml, read as plain YAML (any ``!!python`` tags are read as nothing)."""
    loader = type("SettingsLoader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=loader)  # noqa: S506 - a SafeLoader


SETTINGS = site_settings()
EMERGENCY_NUMBER = str(SETTINGS["extra"]["emergency_number"])
# The titles every care card has, from the one template that writes them.
_CARDS = render.environment().get_template("_cards.md.j2").module
# as printed: the tap-to-call links' words, without their addresses
CARD_TITLES = {tier: re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", str(_CARDS.title(tier, SETTINGS["extra"])).strip())
               for tier in TERMS.tiers}


def long_date(day: dt.date) -> str:
    """A date the way the site writes it: 21 November 2026."""
    return f"{day.day} {day:%B} {day.year}"


@dataclass(frozen=True)
class Sheet:
    """A page printed to PDF: how many pages, the text of each page (flattened), and the
    blocks of text the page shows in print media (what should all be on paper)."""

    pages: int
    page_texts: list[str]
    shown: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.page_texts)

    def has(self, words: str) -> bool:
        return flat(words) in self.text

    def find(self, words: str) -> int:
        return self.text.find(flat(words))

    def count_address(self, url: str) -> int:
        """How often an address is printed; an address may wrap anywhere, so spaces are ignored."""
        return self.text.replace(" ", "").count(flat(url))


@pytest.fixture(scope="session")
def print_sheet(browser, site_url, tmp_path_factory):
    """``print_sheet(path, paper)``: the page at ``path`` printed by Chromium; made once each."""
    folder = tmp_path_factory.mktemp("sheets")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sheets: dict[tuple[str, str], Sheet] = {}

    def print_sheet(path: str, paper: str) -> Sheet:
        if (path, paper) not in sheets:
            page.goto(site_url + path)
            page.emulate_media(media="print")
            pdf = folder / f"{path.strip('/').replace('/', '_')}-{paper}.pdf"
            page.pdf(path=str(pdf), format=paper, print_background=False)
            sheets[path, paper] = Sheet(*read_pdf(pdf), shown=page.evaluate(SHOWN_IN_PRINT))
        return sheets[path, paper]

    yield print_sheet
    context.close()


def assert_no_chrome(sheet: Sheet) -> None:
    for words in CHROME:
        assert not sheet.has(words), f"site chrome on paper: {words!r}"
    # Addresses are printed for sources only: no link in the text gets its address added
    # (the sheet's own web address, at its end, is where the page was opened: 127.0.0.1 here).
    body = re.sub(r"Web address: \S+", "", sheet.text)
    assert "127.0.0.1" not in body and "../" not in body


def assert_nothing_lost(sheet: Sheet, path: str) -> None:
    """Everything the page shows in print media made it onto paper (nothing cut off)."""
    assert len(sheet.shown) > 5, f"{path}: the page shows almost nothing in print"
    for block in sheet.shown:
        assert sheet.has(block), f"{path}: missing on paper: {block}"


def assert_sheet_end(sheet: Sheet, path: str) -> None:
    # the address the page was opened at (print.js), not the site_url it was built for
    assert re.search(r"Web address: http://127\.0\.0\.1:\d+/" + re.escape(flat(path)) + r"(\s|$)", sheet.text), \
        sheet.text[-200:]
    assert SETTINGS["site_url"] not in sheet.text
    today = dt.date.today()
    printed = [f"Printed on {long_date(day)}" for day in (today, today - dt.timedelta(days=1))]
    assert any(sheet.has(words) for words in printed), "no 'Printed on <date>' on the sheet"


@pytest.mark.browser
@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("condition", sorted(RECORDS))
def test_condition_prints_as_a_sheet_of_at_most_two_pages(print_sheet, condition, paper):
    record = RECORDS[condition]
    path = f"conditions/{condition}/"
    sheet = print_sheet(path, paper)

    assert sheet.pages <= 2, f"{condition} prints on {sheet.pages} {paper} pages"
    for flag in record["red_flags"]:
        assert sheet.has(flag["sign"]), f"{condition}: warning sign missing on paper: {flag['sign']}"
    if any(flag["urgency"] == "emergency" for flag in record["red_flags"]):
        assert sheet.has(f"Emergency: call {EMERGENCY_NUMBER} or go to A&E now")
    assert sheet.has(f"Checked against its sources: {long_date(record['reviewed'])}")
    sheet_content = [record["summary"], *(s["note"] for s in record["symptoms"] if s.get("note")),
                     *record["self_care"]["do"], *record["self_care"]["dont"], *record["questions_to_ask"]]
    for words in sheet_content:
        assert sheet.has(words), f"{condition}: missing on paper: {words}"
    for source in record["sources"]:
        assert sheet.has(source["title"]), f"{condition}: source missing on paper: {source['title']}"
        if source.get("url"):
            assert sheet.count_address(source["url"]) == 1, f"{condition}: {source['url']} not printed once"
    assert_nothing_lost(sheet, path)
    assert_sheet_end(sheet, path)
    assert_no_chrome(sheet)

    # A sensible order: what it is, when to get help, then what to do, then where it came from.
    order = [record["name"], record["summary"], "Checked against its sources:", "When to get help",
             "What you might notice", "What you can do yourself", "Questions to ask", "Sources",
             "Web address:", "Printed on"]
    places = [sheet.find(words) for words in order]
    assert -1 not in places and places == sorted(places), f"{condition}: sheet out of order: {places}"


@pytest.mark.browser
@pytest.mark.parametrize("condition", sorted(RECORDS))
def test_care_cards_are_never_split_across_pages(print_sheet, condition):
    """Each card's title and all of its signs are on one page (Letter is the shorter paper)."""
    sheet = print_sheet(f"conditions/{condition}/", "Letter")
    for tier, title in CARD_TITLES.items():
        signs = [flat(f["sign"]) for f in RECORDS[condition]["red_flags"] if f["urgency"] == tier]
        if not signs:
            continue
        title = flat(title)
        on_page = [page for page in sheet.page_texts if title in page]
        assert len(on_page) == 1, f"{condition}: {tier} card title on {len(on_page)} pages"
        for sign in signs:
            assert sign in on_page[0], f"{condition}: the {tier} card is split across pages"


@pytest.mark.browser
@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("path", ("get-help-now/", *SYMPTOM_SHEETS))
def test_symptom_and_get_help_now_pages_print_as_clean_sheets(print_sheet, path, paper):
    sheet = print_sheet(path, paper)
    assert sheet.pages <= 2
    assert_nothing_lost(sheet, path)
    assert_sheet_end(sheet, path)
    assert_no_chrome(sheet)


@pytest.mark.browser
def test_care_cards_on_paper_are_black_on_white_with_a_border_weight_per_tier(page, site_url):
    """Even for a reader whose screen is in dark mode: paper is white, and ink is black."""
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + "conditions/bakers-cyst/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.emulate_media(media="print", color_scheme="dark")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    cards = page.eval_on_selector_all(".admonition", """cards => cards.map(card => {
        const box = getComputedStyle(card), title = getComputedStyle(card.firstElementChild);
        return {tier: [...card.classList].find(c => ["emergency", "urgent", "gp"].includes(c)),
                left: parseFloat(box.borderLeftWidth), top: parseFloat(box.borderTopWidth),
                border: box.borderLeftColor, color: title.color, inside: box.breakInside};
    })""")
    width = {card["tier"]: (card["left"], card["top"]) for card in cards}
    assert width["emergency"] > width["urgent"] > width["gp"], width
    for card in cards:
        assert card["border"] == card["color"] == "rgb(0, 0, 0)", card
        assert card["inside"] == "avoid", card


@pytest.mark.browser
@pytest.mark.parametrize("path", BUTTON_PAGES)
def test_print_button_is_reached_by_keyboard_and_prints(page, site_url, path):
    page.goto(site_url + path)
    button = page.locator(BUTTON)
    assert button.is_visible() and button.evaluate("b => b.tagName") == "BUTTON"
    assert "Print this page" in button.inner_text()
    page.evaluate("() => { window.printCalls = 0; window.print = () => { window.printCalls += 1; }; }")
    for _ in range(80):  # Tab through the page until the button has focus
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("the print button cannot be reached with the Tab key")
    page.keyboard.press("Enter")
    assert page.evaluate("window.printCalls") == 1
    page.keyboard.press(" ")
    assert page.evaluate("window.printCalls") == 2
    page.emulate_media(media="print")
    assert not button.is_visible(), "the print button shows on paper"


@pytest.mark.browser
def test_print_button_is_not_shown_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "conditions/bakers-cyst/")
    assert page.locator(BUTTON).count() == 1 and not page.locator(BUTTON).is_visible()
    context.close()


def test_print_button_only_on_condition_symptom_and_get_help_now_pages(built_site):
    wanted = re.compile(r"^(conditions/[a-z0-9-]+|symptoms/[a-z0-9-]+|get-help-now)/index\.html$")
    for html in sorted(built_site.rglob("*.html")):
        path = html.relative_to(built_site).as_posix()
        has_button = 'data-print-button' in html.read_text()
        assert has_button == bool(wanted.match(path)), f"{path}: print button {'not ' * (not has_button)}expected"


@pytest.mark.browser
def test_closed_sections_are_printed_open_and_print_js_restores_them(page, site_url):
    """Paper shows every section of a condition page: print media shows the content of a
    closed <details> by CSS alone (a PDF printer need not fire "beforeprint"), and print.js
    opens them for the print dialog and closes again only those it opened."""
    page.goto(site_url + "conditions/sciatica/")
    sections = page.locator("article details.more")
    assert sections.count() >= 7 and not page.evaluate("[...document.querySelectorAll('details[open]')].length")
    inside = "article details.more > :not(summary)"
    page.emulate_media(media="print")
    assert page.eval_on_selector_all(inside, "els => els.every(e => e.checkVisibility())")
    page.emulate_media(media="screen")
    assert not page.eval_on_selector_all(inside, "els => els.some(e => e.checkVisibility())")

    sections.first.evaluate("d => { d.open = true; }")  # opened by the reader
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert sections.evaluate_all("ds => ds.every(d => d.open)")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert sections.evaluate_all("ds => ds.map(d => d.open)") == [True] + [False] * (sections.count() - 1)
