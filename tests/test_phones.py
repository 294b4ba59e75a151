"""Phones first: at 360 px wide every page fits, the site's name is shown whole, its text
is at least 16 px and every tap target is at least 24 px (WCAG 2.5.8), checked on every
page of the built site."""

from __future__ import annotations

import pytest
from browsing import axe_violations, visit_every_page

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
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
