"""WCAG 2.2 AA in a real browser: axe-core on every page in both palettes, the keyboard,
care cards that say how urgent they are, and text at twice the size; and, for older eyes,
all text at 7:1 (AAA) in both palettes.

axe-core finds what a machine can find (contrast, names, labels, target sizes, structure);
the keyboard tests walk each kind of page with Tab the way a keyboard user does.
"""

from __future__ import annotations

import re

import pytest
from browsing import axe_violations, tab_to, visit_every_page

pytestmark = pytest.mark.browser

# One page of each kind: the templates and hand-written pages that make up the site. The
# Tab walk skips the pages that are only lists of links (the same controls as the home page).
PAGE_KINDS = ["", "conditions/bakers-cyst/", "symptoms/swollen-calf/", "get-help-now/", "finder/",
              "conditions/", "where-it-hurts/", "about/", "404.html"]
TAB_WALK = ["", "conditions/bakers-cyst/", "symptoms/swollen-calf/", "get-help-now/", "finder/", "404.html"]
# What Tab should reach; tabindex="-1" takes a control out of the Tab order on purpose (e.g. the
# search box's "Clear" button, which the keyboard does not need).
CONTROLS = ":is(a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]):not([tabindex='-1'])"
TIER_WORDS = {"emergency": "Emergency:", "urgent": "Urgent:", "gp": "Book an appointment:"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_aa_violation_on_any_page(browser, built_site, site_url, scheme):
    found, checked = [], 0
    for path, page in visit_every_page(browser, built_site, site_url, color_scheme=scheme,
                                       viewport={"width": 1280, "height": 900}):
        palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert palette == {"light": "default", "dark": "slate"}[scheme], f"{path}: palette {palette}"
        found += [f"{path}: {line}" for line in axe_violations(page)]
        checked += 1
    assert checked > 50
    assert not found, f"{len(found)} WCAG A/AA problem(s) in the {scheme} palette:\n" + "\n".join(found)


# Views that only a script draws: the finder with its results, the search with results, and
# the search that finds nothing ("Did you mean ...?" and the pages that may help).
DRAWN = {"finder/?area=centre&s=lump-behind-knee": ".finder__result",
         "?q=lump%20behind%20knee": ".md-search-result__item",
         "?q=miniscus": ".md-search-result__suggest:not([hidden])"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_all_text_reaches_7_to_1_in_both_palettes(browser, built_site, site_url, scheme):
    """WCAG 1.4.6 (AAA): readers with weaker eyes read every word, grey notes and links too,
    on every page and in the views scripts draw. The palette follows the device's setting
    (mkdocs.yml `palette: media`), so each is checked as a reader with that setting gets it."""
    found, checked = [], 0
    options = {"color_scheme": scheme, "viewport": {"width": 1280, "height": 900}}
    for path, page in visit_every_page(browser, built_site, site_url, **options):
        found += [f"{path}: {line}" for line in axe_violations(page, rules=["color-contrast-enhanced"])]
        checked += 1
    context = browser.new_context(**options)
    try:
        page = context.new_page()
        for path, drawn in DRAWN.items():
            page.goto(site_url + path)
            page.locator(drawn).first.wait_for()
            page.wait_for_timeout(500)  # the search panel fades in
            found += [f"{path}: {line}" for line in axe_violations(page, rules=["color-contrast-enhanced"])]
            checked += 1
    finally:
        context.close()
    assert checked > 50
    assert not found, f"{len(found)} text(s) below 7:1 in the {scheme} palette:\n" + "\n".join(found)


def test_care_cards_start_with_their_tier_in_words(built_site):
    """Colour is never the only cue: every card's title says how urgent it is, for everyone."""
    cards = 0
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tier, title in re.findall(r'class="admonition (emergency|urgent|gp)">\s*<p class="admonition-title">'
                                      r"([^<]*)", html):
            cards += 1
            assert title.startswith(TIER_WORDS[tier]), f"{path}: {tier} card titled {title!r}"
    assert cards > 50


def test_screen_readers_hear_the_tier_of_each_card(page, site_url):
    page.goto(site_url + "conditions/bakers-cyst/")
    for tier, words in TIER_WORDS.items():
        card = page.locator(f".admonition.{tier}").first
        spoken = card.aria_snapshot()
        assert words in spoken, f"{tier} card, as the accessibility tree has it:\n{spoken}"
        assert card.get_attribute("aria-hidden") is None


def test_skip_link_comes_first_shows_on_focus_and_skips_to_the_text(page, site_url):
    page.goto(site_url + "conditions/bakers-cyst/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text().strip() == "Skip to content"
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")
    box = skip.bounding_box()
    assert box and box["width"] > 24 and box["height"] >= 24 and box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.url.endswith("#bakers-cyst")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('article.md-content__inner') !== null")


FOCUS_STATE = """async () => {
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const seen = el.hasAttribute("data-tab-seen");
  el.setAttribute("data-tab-seen", "");
  // the colour-scheme switch is a radio button drawn by its label
  const shown = el.matches(".md-option") ? el.nextElementSibling : el;
  const r = shown.getBoundingClientRect();
  // a box or checkbox may show its focus on the label around it
  const ringed = [shown, el.closest("label"), ...(el.labels || [])].filter(Boolean).map(c => getComputedStyle(c))
    .some(s => (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none");
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    seen,
    name: `${el.tagName.toLowerCase()}.${el.className} ${(el.getAttribute("href") || el.id || "").slice(0, 40)}`,
    inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    uncovered: !!top && (shown.contains(top) || top.contains(shown) || top === el),
    ring: ringed,
  };
}"""

UNREACHED = """selector => [...document.querySelectorAll(selector)]
  .filter(el => el.checkVisibility({visibilityProperty: true}) || el.matches(".md-option"))
  .filter(el => !(el.type === "radio" && !el.checked))  // Tab stops once in a group of radio buttons
  .filter(el => !el.closest("[inert], [hidden]") && !el.disabled)
  .filter(el => !el.hasAttribute("data-tab-seen"))
  .map(el => `${el.tagName.toLowerCase()}.${el.className} ${(el.getAttribute("href") || el.id || "").slice(0, 40)}`)"""


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", TAB_WALK)
def test_tab_reaches_every_control_and_focus_is_always_visible(browser, site_url, path, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_url + path)
        controls = page.locator(CONTROLS).count()
        problems = []
        for _ in range(controls + 5):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
            if state is None or state["seen"]:
                break
            if not (state["inView"] and state["uncovered"] and state["ring"]):
                problems.append(f"{state['name']}: in view {state['inView']}, not covered {state['uncovered']}, "
                                f"focus ring {state['ring']}")
        unreached = page.evaluate(UNREACHED, CONTROLS)
    finally:
        context.close()
    assert not problems, f"{path or '/'} at {width}px: focus cannot be seen on:\n" + "\n".join(problems)
    assert not unreached, f"{path or '/'} at {width}px: Tab never reaches:\n" + "\n".join(unreached)


CLIPPED = """() => {
  const article = document.querySelector("article.md-content__inner");
  const edge = article.getBoundingClientRect();
  const out = [];
  for (const el of article.querySelectorAll("h1, h2, h3, p, li, a, td, th, label, button, input, .admonition-title")) {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (!r.width) continue;
    const sticksOut = r.left < edge.left - 1 || r.right > edge.right + 1;
    const cut = ["hidden", "clip"].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
    if (sticksOut || cut) out.push(`${el.tagName.toLowerCase()} "${el.innerText.trim().slice(0, 40)}"`);
  }
  if (document.documentElement.scrollWidth > innerWidth) out.push("the page scrolls sideways");
  return out;
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_text_at_200_percent_keeps_all_its_content(browser, site_url, width):
    """WCAG 1.4.4: with the browser's text size set to twice the usual (32 px instead of 16 px,
    as a reader sets it in the browser's settings) nothing is cut off, sticks out of the text
    column, or needs sideways scrolling."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    settings = context.new_cdp_session(page)
    problems = []
    try:
        for path in PAGE_KINDS:
            settings.send("Page.setFontSizes", {"fontSizes": {"standard": 16, "fixed": 13}})
            page.goto(site_url + path)
            before = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
            settings.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
            after = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
            assert after == pytest.approx(2 * before), path
            problems += [f"{path or '/'}: {what}" for what in page.evaluate(CLIPPED)]
    finally:
        context.close()
    assert not problems, f"at {width}px with text at 200%:\n" + "\n".join(problems)


@pytest.mark.parametrize("width", [360, 1280])
def test_colour_switch_and_search_work_from_the_keyboard(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_url + "conditions/bakers-cyst/")
        tab_to(page, ".md-option")
        page.keyboard.press("Enter")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        tab_to(page, ".md-header .md-search__input")
        page.keyboard.type("lump")
        page.locator(".md-search-result__item").first.wait_for()
        page.keyboard.press("ArrowDown")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/conditions/" in page.url or "/symptoms/" in page.url
    finally:
        context.close()
