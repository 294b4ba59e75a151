"""Phones first: at 360 px wide every page fits, the site's name is shown whole, its text
is at least 16 px and every tap target is at least 24 px (WCAG 2.5.8), checked on every
page of the built site."""

from __future__ import annotations

import json

import pytest
from browsing import PHONE, axe_violations, visit_every_page

pytestmark = pytest.mark.browser

SMALL_TEXT = """() => {
  const out = [];
  for (const el of document.querySelectorAll("article :is(p, li, dd, dt, td, th, blockquote, label, figcaption)")) {
    const own = [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (own && el.checkVisibility() && size < 15.95) out.push(`${size}px: ${el.innerText.trim().slice(0, 50)}`);
  }
  return out;
}"""
# The site's name in the header, as shown before the reader scrolls. Chrome ends a name
# that does not fit with "..." even if it is a twentieth of a pixel too wide, and the
# element's own widths are rounded, so the name's full width is measured on a copy.
NAME_CUT_SHORT = """() => {
  const name = document.querySelector(".md-header__topic:first-child .md-ellipsis");
  if (!name) return false;
  const copy = name.cloneNode(true);
  Object.assign(copy.style, { position: "absolute", visibility: "hidden", width: "auto", maxWidth: "none" });
  name.parentElement.append(copy);
  const full = copy.getBoundingClientRect().width;
  copy.remove();
  return full > name.getBoundingClientRect().width + 0.01;
}"""


def test_at_360px_nothing_scrolls_sideways_the_name_fits_text_is_16px_targets_24px(browser, built_site, site_url):
    problems, checked = [], 0
    for path, page in visit_every_page(browser, built_site, site_url, **PHONE):
        width = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        if width > 360:
            problems.append(f"{path}: the page is {width}px wide and scrolls sideways")
        if page.evaluate(NAME_CUT_SHORT):
            problems.append(f"{path}: the site's name is cut short in the header")
        problems += [f"{path}: text smaller than 16px: {line}" for line in page.evaluate(SMALL_TEXT)]
        problems += [f"{path}: {line}" for line in axe_violations(page, rules=["target-size"])]
        checked += 1
    assert checked > 50
    assert not problems, "\n".join(problems)


# Every "call <number>" the reader sees, and whether it is a tap-to-call link to that number.
CALLS = r"""(numbers) => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const [name, number] of numbers) {
      if (!node.textContent.includes("call " + name) || !node.parentElement.checkVisibility()) continue;
      const link = node.parentElement.closest("a");
      out.push({text: node.textContent.trim(), href: link ? link.getAttribute("href") : null,
                want: "tel:" + number.replace(/\s/g, "")});
    }
  }
  return out;
}"""


def test_the_numbers_to_call_are_tap_to_call_links(browser, built_site, site_url):
    """Wherever a card or a page says to call the emergency number or the helpline, a tap on
    it calls: the words are a tel: link, in one wording ("call 999", "call NHS 111")."""
    from conftest import SETTINGS
    numbers = [[SETTINGS["emergency_number"], SETTINGS["emergency_number"]],
               [SETTINGS["helpline_name"], SETTINGS["helpline_number"]]]
    symptoms = json.loads((built_site / "assets" / "finder.json").read_text(encoding="utf-8"))["symptoms"]
    emergency = next(s["id"] for s in symptoms if s["warning"] == "emergency")
    urgent = next(s["id"] for s in symptoms if s["warning"] == "urgent")
    context = browser.new_context(**PHONE)
    page = context.new_page()
    seen = set()
    try:
        for path in ["", "get-help-now/", "conditions/deep-vein-thrombosis/", "404.html",
                     f"finder/?s={emergency},{urgent}"]:
            page.goto(site_url + path)
            if path.startswith("finder"):
                page.wait_for_selector("[data-finder-ready=yes]", state="attached")
            calls = page.evaluate(CALLS, numbers)
            assert calls, f"{path}: no number to call"
            for call in calls:
                assert call["href"] == call["want"], f"{path}: {call['text']!r} is not a link to {call['want']}"
                seen.add(call["want"])
        assert seen == {"tel:999", "tel:111"}
        # a tap target big enough on a phone, in the emergency card's title
        link = page.locator("[data-finder-cards] .emergency .admonition-title a[href^='tel:']")
        assert link.inner_text() == f"call {SETTINGS['emergency_number']}"
        assert link.bounding_box()["height"] >= 16
    finally:
        context.close()
