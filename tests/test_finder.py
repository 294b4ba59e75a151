"""The symptom finder, used the way readers use it: by mouse and by keyboard, on a phone-sized
and a desktop-sized screen, with a reload in between, and with JavaScript off.

While it is used, every request the page makes is recorded: none may leave 127.0.0.1, the
only data fetched is the finder's own finder.json (and the search box's index, when the
keyboard passes through it), and nothing about the choices is stored (no cookies, no web
storage). The warning tiers it shows are checked against the vocabulary and the condition pages.
"""

from __future__ import annotations

import contextlib
import html as html_lib
import itertools
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from backofknee import finder_data, pipeline, render
from backofknee.cli import read_config, read_settings
from browsing import axe_violations, tab_to
from conftest import ROOT, copy_project, mkdocs_build
from support import served

pytestmark = pytest.mark.browser

SETTINGS = read_settings(ROOT / "mkdocs.yml")
WIDTHS = [360, 1280]
READY = "[data-finder-ready=yes]"
SITE_SEARCH = ("/pagefind/", "/search/")  # the search box's own index (Pagefind, or Material's)


@pytest.fixture(scope="module")
def content():
    content, problems = pipeline.check(ROOT)
    assert content is not None, problems
    return content


@contextlib.contextmanager
def finder(browser, site_url: str, *, width: int = 1280, query: str = "", javascript: bool = True,
           scheme: str = "light") -> Iterator:
    """The finder page in a fresh browser context; yields the page and every request it made."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript,
                                  color_scheme=scheme)
    requests: list = []
    context.on("request", lambda request: requests.append(request))
    page = context.new_page()
    try:
        page.goto(f"{site_url}finder/{query}")
        if javascript:
            page.wait_for_selector(READY, state="attached")
        yield page, requests
    finally:
        context.close()


def results(page) -> list[str]:
    """Every cause listed, in order, shown or behind "Show N more"."""
    return page.eval_on_selector_all("[data-finder-list] > li", "items => items.map(li => li.dataset.condition)")


def shown(page) -> list[str]:
    """The causes a reader sees without asking for more."""
    return page.eval_on_selector_all("[data-finder-list] > li:not([hidden])",
                                     "items => items.map(li => li.dataset.condition)")


def lower(page) -> dict[str, str]:
    """Why a cause went lower in the list, for the causes that did."""
    return dict(page.eval_on_selector_all(
        "[data-finder-list] > li .finder__result-lower",
        "notes => notes.map(p => [p.closest('li').dataset.condition, p.textContent])"))


def levels(page) -> dict[str, str]:
    """The urgency word tag of each listed cause that has one."""
    return dict(page.eval_on_selector_all("[data-finder-list] > li [data-level]",
                                          "tags => tags.map(p => [p.closest('li').dataset.condition, p.textContent])"))


def reasons(page) -> dict[str, str]:
    return dict(page.eval_on_selector_all("[data-finder-list] > li", """items => items.map(li =>
        [li.dataset.condition, (li.querySelector('.finder__result-why') || {}).textContent || ''])"""))


def cards(page, box: str = "[data-finder-cards]") -> list[dict]:
    """The care cards shown in ``box``: the ticked warning signs' (or, with [data-finder-age-cards], the age's)."""
    return page.eval_on_selector_all(f"{box} > .admonition", """cards => cards.map(card => ({
        tier: card.dataset.tier,
        title: card.querySelector('.admonition-title').textContent,
        signs: [...card.querySelectorAll('li')].map(li => li.textContent)}))""")


def chosen(page) -> dict:
    return page.evaluate("""() => ({
        area: [...document.querySelectorAll('[data-area][aria-pressed=true]')].map(b => b.dataset.area),
        symptoms: [...document.querySelectorAll('[data-symptom]:checked')].map(b => b.value)})""")


def query_of(page) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in urlsplit(page.url).query.split("&") if pair)


def card_title(built_site, tier: str) -> str:
    """A care card's title as the static pages print it (get-help-now has emergency and urgent)."""
    for page in ("get-help-now", "conditions/bakers-cyst"):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        found = re.search(rf'class="admonition {tier}">\s*<p class="admonition-title">(.*?)</p>', html)
        if found:
            return html_lib.unescape(re.sub(r"<[^>]+>", "", found.group(1)))
    raise AssertionError(f"no {tier} card found")


def assert_private(page, requests, site_url: str) -> None:
    """Nothing left the site, nothing was fetched but the site's own data, nothing was stored."""
    host = urlsplit(site_url).netloc
    outside = [r.url for r in requests if urlsplit(r.url).netloc != host and not r.url.startswith("data:")]
    assert not outside, f"requests outside {host}: {outside}"
    # The page's own fetches; the offline worker's copy of the site's files is checked in test_offline.py
    fetched = {urlsplit(r.url).path for r in requests if r.resource_type in ("fetch", "xhr") and not r.service_worker}
    site_search = {path for path in fetched if path.startswith(SITE_SEARCH)}
    assert fetched - site_search == {"/assets/finder.json"}, fetched
    stored = page.evaluate("""() => ({cookie: document.cookie,
        local: Object.entries(localStorage), session: Object.entries(sessionStorage)})""")
    assert stored["cookie"] == ""
    kept = json.dumps(stored["local"] + stored["session"])
    choices = [*chosen(page)["symptoms"], *chosen(page)["area"], "finder", "area"]
    assert not [word for word in choices if word in kept], f"finder choices stored: {kept}"


@pytest.mark.parametrize("width", WIDTHS)
def test_finder_by_mouse(browser, site_url, built_site, content, width):
    lump, calf = content.symptoms["lump-behind-knee"], content.symptoms["swollen-calf"]
    with finder(browser, site_url, width=width) as (page, requests):
        assert page.locator("[data-finder]").is_visible()
        assert page.locator("[data-finder-fallback]").is_hidden()
        assert results(page) == [] and cards(page) == []

        # an area alone lists what is usually felt there, each with where as its reason
        page.get_by_role("button", name="Centre", exact=True).click()
        assert chosen(page)["area"] == ["centre"]
        centre = {c["id"] for c in content.conditions if "centre" in c["where"]}
        today = {c["id"] for c in content.conditions if c["urgency"]}  # need help today: first, wherever felt
        ranked = results(page)
        assert set(ranked[:len(centre | today)]) == centre | today and today - centre
        assert set(ranked[:len(today)]) == today
        # then the rest, each marked as usually felt elsewhere
        assert set(lower(page)) == set(ranked) - centre - today
        area_label = dict((a["id"], a["label"]) for a in finder_data.finder_data(
            content, SETTINGS, render.environment())["areas"])["centre"]
        assert all(area_label in reasons(page)[c] for c in centre)

        # a symptom narrows the list to what it fits, with the reason in words
        page.locator("label.finder__symptom", has_text=lump["name"]).click()
        assert results(page)[0] == "bakers-cyst"
        assert all(c in centre for c in shown(page))
        assert lump["name"] in reasons(page)["bakers-cyst"] and area_label in reasons(page)["bakers-cyst"]

        # a second symptom: what fits both comes first; a warning sign brings its card, most urgent first
        page.locator("label.finder__symptom", has_text=calf["name"]).click()
        ranked = results(page)
        fits_both = [c["id"] for c in content.conditions
                     if {"lump-behind-knee", "swollen-calf"} <= {s["id"] for s in c["symptoms"]}]
        assert ranked[:len(fits_both)] == sorted(fits_both, key=ranked.index) and "bakers-cyst" in fits_both
        assert "deep-vein-thrombosis" in ranked
        warned = cards(page)
        assert [card["tier"] for card in warned] == ["urgent", "gp"]  # a swollen calf: same day, not 999
        assert warned[0]["title"] == card_title(built_site, "urgent")
        assert warned[0]["signs"] == [calf["warning_sign"]] and warned[1]["signs"] == [lump["warning_sign"]]
        assert "warning" in page.locator("[data-finder-status]").inner_text().lower()
        bar = page.locator("[data-finder-bar]")
        assert bar.is_visible() and "finder__bar--urgent" in bar.get_attribute("class")

        # the picture itself can be clicked too (pointer only; the buttons are the real controls)
        shape = page.locator("[data-area-shape=calf]")
        box = shape.bounding_box()
        shape.click(position={"x": box["width"] * 0.12, "y": box["height"] * 0.5})
        assert chosen(page)["area"] == ["calf"]

        assert query_of(page) == {"area": "calf", "s": "lump-behind-knee,swollen-calf"}
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_private(page, requests, site_url)


@pytest.mark.parametrize("width", WIDTHS)
def test_finder_by_keyboard_only(browser, site_url, content, width):
    locks = content.symptoms["knee-locks"]
    with finder(browser, site_url, width=width) as (page, requests):
        tab_to(page, "[data-area=inner]", limit=120)
        page.keyboard.press("Enter")
        assert chosen(page)["area"] == ["inner"]
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.area") == "centre"
        page.keyboard.press("Space")
        assert chosen(page)["area"] == ["centre"]

        tab_to(page, "[data-symptom][value=knee-locks]", limit=120)
        page.keyboard.press("Space")
        assert chosen(page)["symptoms"] == ["knee-locks"]
        listing = [c for _, c, _ in locks["conditions"]]
        assert results(page)[0] == listing[0]["id"]
        assert [card["tier"] for card in cards(page)] == [locks["warning"]]
        assert cards(page)[0]["signs"] == [locks["warning_sign"]]

        tab_to(page, "[data-finder-clear]", limit=120)
        page.keyboard.press("Enter")
        assert chosen(page) == {"area": [], "symptoms": []}
        assert results(page) == [] and cards(page) == [] and query_of(page) == {}
        assert_private(page, requests, site_url)


def test_reload_and_a_shared_address_keep_the_choices(browser, site_url):
    with finder(browser, site_url, width=360) as (page, requests):
        page.get_by_role("button", name="Outer side").click()
        page.locator("[data-symptom][value=pain-stairs-downhill]").check()
        page.locator("[data-symptom][value=swollen-knee]").check()
        before = (chosen(page), results(page), shown(page), cards(page))
        address = page.url
        page.reload()
        page.wait_for_selector(READY, state="attached")
        assert (chosen(page), results(page), shown(page), cards(page)) == before
        # the cause that fits both ticks first, though usually felt elsewhere; then one that fits one, where chosen
        assert before[1][:2] == ["posterior-cruciate-ligament-injury", "popliteus-tendinopathy"]
        assert_private(page, requests, site_url)
    with finder(browser, site_url, query="?" + urlsplit(address).query) as (page, _):
        assert (chosen(page), results(page)) == before[:2]
    # an address with unknown choices keeps only what the finder knows
    with finder(browser, site_url, query="?area=nowhere&s=no-such-symptom,lump-behind-knee") as (page, _):
        assert chosen(page) == {"area": [], "symptoms": ["lump-behind-knee"]}
        assert results(page) == ["bakers-cyst"]


def test_every_warning_sign_shows_the_same_tier_in_the_finder_as_on_the_pages(browser, site_url, built_site,
                                                                             content):
    warnings = content.warning_symptoms()
    assert warnings
    with finder(browser, site_url) as (page, _):
        for symptom in warnings:
            page.goto(f"{site_url}finder/?s={symptom['id']}")
            page.wait_for_selector(READY, state="attached")
            warned = cards(page)
            assert [card["tier"] for card in warned] == [symptom["warning"]], symptom["id"]
            assert warned[0]["title"] == card_title(built_site, symptom["warning"])
            assert warned[0]["signs"] == [symptom["warning_sign"]]
            # the symptom's own page shows the same card
            html = (built_site / "symptoms" / symptom["id"] / "index.html").read_text(encoding="utf-8")
            assert f'class="admonition {symptom["warning"]}"' in html
            # and every condition page that lists it warns about it in that same tier
            for _, condition, _ in symptom["conditions"]:
                flags = [(tier, f.sign) for tier, fl in condition["flags"].items() for f in fl
                         if f.symptom == symptom["id"]]
                assert [tier for tier, _ in flags] == [symptom["warning"]], (condition["id"], symptom["id"])
                page_html = (built_site / "conditions" / condition["id"] / "index.html").read_text(encoding="utf-8")
                card = re.search(rf'class="admonition {symptom["warning"]}">(.*?)</div>', page_html, re.DOTALL)
                assert card and flags[0][1].replace("'", "&#39;") in card.group(1), (condition["id"], symptom["id"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_aa_problem_with_choices_made(browser, site_url, scheme):
    """The results (all of them, with their urgency tags), cards, answers and pressed buttons
    pass axe-core too, not only the empty page; so do a child's warning signs and the "does not
    fit" notice (with a cause that needs help today shown under it)."""
    query = ("?area=centre&age=child&start=injury"
             "&s=pain-behind-knee,lump-behind-knee,swollen-calf,breathless-chest-pain")
    with finder(browser, site_url, width=360, query=query, scheme=scheme) as (page, _):
        assert len(cards(page)) == 3 and results(page) and levels(page) and answers(page)
        assert cards(page, "[data-finder-age-cards]")
        page.locator("[data-finder-more]").click()
        assert shown(page) == results(page)
        assert axe_violations(page) == []
    with finder(browser, site_url, width=360, query="?s=several-joints,knee-locks", scheme=scheme) as (page, _):
        assert page.locator("[data-finder-beyond]").is_visible() and shown(page)
        assert axe_violations(page) == []


def test_without_javascript_the_areas_and_symptoms_are_plain_links(browser, site_url, content):
    with finder(browser, site_url, javascript=False) as (page, requests):
        assert page.locator("[data-finder]").is_hidden()
        links = page.eval_on_selector_all("[data-finder-fallback] a", "links => links.map(a => a.href)")
        paths = {urlsplit(link).path + ("#" + urlsplit(link).fragment if urlsplit(link).fragment else "")
                 for link in links}
        assert {f"/symptoms/{sid}/" for sid in content.symptoms} <= paths
        assert {f"/where-it-hurts/#{area['id']}" for area in finder_data.finder_data(
            content, SETTINGS, render.environment())["areas"]} <= paths
        assert not [r for r in requests if r.resource_type in ("fetch", "xhr", "script")]


def test_finder_data_is_built_from_the_records(built_site, content, tmp_path):
    """assets/finder.json comes from the same model as the pages, and `backofknee export` writes it too."""
    data = json.loads((built_site / finder_data.PATH).read_text(encoding="utf-8"))
    assert data == finder_data.finder_data(content, SETTINGS, render.environment())
    for symptom in data["symptoms"]:
        model = content.symptoms[symptom["id"]]
        assert [(c["id"], c["rank"]) for c in symptom["conditions"]] == [
            (c["id"], rank) for rank, c, _ in model["conditions"]]
    for condition in data["conditions"]:
        assert (built_site / condition["url"] / "index.html").exists()
    assert [tier["id"] for tier in data["tiers"]] == ["emergency", "urgent", "gp"]

    out = tmp_path / "md"
    subprocess.run([sys.executable, "-m", "backofknee", "--root", str(ROOT), "export", str(out)],
                   check=True, capture_output=True)
    assert (out / finder_data.PATH).read_bytes() == (built_site / finder_data.PATH).read_bytes()


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory):
    """The site built with Material's instant navigation on (pages change without a reload).

    Material changes pages in place only for addresses in the sitemap, so the sitemap is
    pointed at the address the site is served from, as if it were deployed there."""
    project = copy_project(tmp_path_factory.mktemp("instant") / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  features:\n" in config
    (project / "mkdocs.yml").write_text(config.replace("  features:\n", "  features:\n    - navigation.instant\n", 1),
                                        encoding="utf-8")
    proc = mkdocs_build(project, project / "site")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with served(project / "site") as server:
        sitemap = project / "site" / "sitemap.xml"
        site_url = read_config(project / "mkdocs.yml")["site_url"]
        sitemap.write_text(sitemap.read_text(encoding="utf-8").replace(site_url, server.url), encoding="utf-8")
        yield server.url


def test_finder_starts_when_reached_by_instant_navigation(browser, instant_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(instant_site)
        page.evaluate("window.notReloaded = true")
        page.locator(".md-nav--primary").get_by_role("link", name="Symptom finder").click()
        page.wait_for_url("**/finder/")
        page.wait_for_selector(READY, state="attached")
        assert page.evaluate("window.notReloaded === true"), "the page was reloaded, not changed in place"
        page.get_by_role("button", name="Calf", exact=True).click()
        assert chosen(page)["area"] == ["calf"] and results(page)
    finally:
        context.close()


def test_each_level_is_named_in_its_own_words_not_by_colour_alone(browser, site_url, content):
    """Tags, the bar and the screen-reader status say what to do ("Call 999 now", "Get help
    today", "See a GP"), in the words of one piece of tier data (_cards.md.j2's badge)."""
    tiers = {t["id"]: t for t in finder_data.finder_data(content, SETTINGS, render.environment())["tiers"]}
    badges = {tier: tiers[tier]["badge"] for tier in tiers}
    assert badges == {"emergency": f"Call {SETTINGS['emergency_number']} now", "urgent": "Get help today",
                      "gp": f"See a {SETTINGS['doctor']}"}
    warned = {s["id"]: s["warning"] for s in content.symptoms.values() if s["warning"]}
    assert set(warned.values()) == set(badges)
    with finder(browser, site_url, width=360) as (page, _):
        tags = dict(page.eval_on_selector_all("label.finder__symptom", """labels => labels.map(label =>
            [label.querySelector('[data-symptom]').value, (label.querySelector('.finder__tag') || {}).textContent])"""))
        assert {sid: tag for sid, tag in tags.items() if tag} == {sid: badges[tier] for sid, tier in warned.items()}
        for tier in ("gp", "urgent", "emergency"):  # each tick adds a more urgent sign: the words follow it
            symptom = next(sid for sid, t in warned.items() if t == tier)
            page.locator(f"[data-symptom][value={symptom}]").check()
            bar = page.locator("[data-finder-bar]")
            assert bar.inner_text().startswith(badges[tier] + ":"), bar.inner_text()
            assert page.locator("[data-finder-status]").inner_text().startswith(badges[tier] + ":")
    with finder(browser, site_url, javascript=False) as (page, _):
        fallback = page.locator("[data-finder-fallback]").inner_text()
        assert "(warning sign)" not in fallback.lower()
        for sid, tier in warned.items():
            assert f"{content.symptoms[sid]['name']} ({badges[tier]})" in fallback


# Narrowing: the best three first, urgency in words, two questions, a short way to the results,
# and a plain "this does not fit" when nothing fits well.

BEST = 3


def answers(page) -> dict[str, str]:
    return dict(page.eval_on_selector_all("[data-question]:checked",
                                          "radios => radios.map(r => [r.dataset.question, r.value])"))


def tiers(content) -> dict[str, dict]:
    return {t["id"]: t for t in finder_data.finder_data(content, SETTINGS, render.environment())["tiers"]}


def level(content, condition, ticked: list[str]) -> str | None:
    """A cause's level: the most urgent of its own urgency and the ticked warning signs it lists."""
    listed = {item["id"] for item in condition["symptoms"]}
    found = [condition["urgency"], *(content.symptoms[sid]["warning"] for sid in ticked if sid in listed)]
    return min(filter(None, found), key=content.terms.tiers.index, default=None)


def serious(content, condition, ticked: list[str]) -> bool:
    """Whether a cause's level needs help now or today (every tier but the last, as on "get help now")."""
    return level(content, condition, ticked) in content.terms.tiers[:-1]


def expected_order(content, ticked: list[str]) -> list[str]:
    """The order the finder promises with ticks and no other choice: causes that need help now or
    today first (by level, from the cause or a ticked warning sign it lists), then more ticks
    fitted first, then those that need help today by themselves (their record's urgency), then
    the more common, then how typical the ticks are of each (their place in the record's own list)."""
    order = content.terms.tiers

    def key(condition):
        places = [i for i, item in enumerate(condition["symptoms"]) if item["id"] in ticked]
        urgency = order.index(level(content, condition, ticked)) if serious(content, condition, ticked) else len(order)
        own = order.index(condition["urgency"]) if condition["urgency"] else len(order)
        common = content.terms.how_common.index(condition["how_common"])
        return (urgency, -len(places), own, common, sum(places), condition["name"])
    fitting = [c for c in content.conditions if any(item["id"] in ticked for item in c["symptoms"])]
    return [c["id"] for c in sorted(fitting, key=key)]


def test_the_best_three_come_first_and_the_rest_on_request(browser, site_url, content):
    ticked = ["pain-behind-knee", "swollen-knee"]
    order = expected_order(content, ticked)
    assert len(order) > BEST + 1
    with finder(browser, site_url, width=360, query="?s=" + ",".join(ticked)) as (page, _):
        assert results(page) == order
        assert shown(page) == order[:BEST]
        more = page.locator("[data-finder-more]")
        assert more.is_visible() and more.inner_text() == f"Show {len(order) - BEST} more"
        status = page.locator("[data-finder-status]").inner_text()
        assert f"{len(order)} possible causes" in status
        more.click()
        assert shown(page) == order and more.is_hidden()
        # the focus goes on to the first cause that was hidden, not back to the top
        assert page.evaluate("document.activeElement.closest('li').dataset.condition") == order[BEST]
    # one tick that few causes fit: no button
    few = next(s for s in content.symptoms.values() if 0 < len(s["conditions"]) <= BEST)
    with finder(browser, site_url, width=360, query=f"?s={few['id']}") as (page, _):
        assert shown(page) == results(page) and page.locator("[data-finder-more]").is_hidden()


def test_causes_that_need_help_soon_say_so_in_the_tier_words(browser, site_url, content):
    badges = {tier: t["badge"] for tier, t in tiers(content).items()}
    swollen = content.symptoms["swollen-knee"]
    assert swollen["warning"] == "gp"
    with finder(browser, site_url, width=360, query="?s=pain-behind-knee,swollen-knee") as (page, _):
        page.locator("[data-finder-more]").click()
        tagged = levels(page)
        for cid in results(page):
            condition = content.by_id[cid]
            lists_warning = any(item["id"] == "swollen-knee" for item in condition["symptoms"])
            want = condition["urgency"] or ("gp" if lists_warning else None)
            assert tagged.get(cid) == (badges[want] if want else None), cid
        assert tagged["deep-vein-thrombosis"] == badges["urgent"]
        # the status names the most urgent level on the list in words
        assert f"The most urgent on the list: {badges['urgent']}." in page.locator("[data-finder-status]").inner_text()
    with finder(browser, site_url, width=360, query="?s=stiffness") as (page, _):
        assert not any(content.by_id[c]["urgency"] for c in results(page))
        assert levels(page) == {} and "most urgent" not in page.locator("[data-finder-status]").inner_text()


def test_age_and_how_it_started_change_the_list(browser, site_url, content):
    osteoarthritis = content.by_id["knee-osteoarthritis"]
    assert "child" not in osteoarthritis["ages"] and "older" in osteoarthritis["ages"]
    with finder(browser, site_url, width=360, query="?s=pain-behind-knee") as (page, _):
        plain = shown(page)
        assert "knee-osteoarthritis" in plain
        # a child: a cause its record does not find in children goes lower, and says why
        page.get_by_label("A child or a teenager").check()
        assert answers(page) == {"age": "child"} and query_of(page)["age"] == "child"
        assert "knee-osteoarthritis" not in shown(page)
        assert lower(page)["knee-osteoarthritis"] == "Less likely at your age."
        page.get_by_label("Over 50").check()
        assert shown(page) == plain and lower(page) == {}
        # after an injury: causes whose records say they start another way go lower
        page.get_by_label("After an injury, a fall or a twist").check()
        injured = shown(page)
        assert injured != plain and injured[0] == "deep-vein-thrombosis"  # help today is never moved lower
        assert all(content.by_id[c]["urgency"] or "injury" in (content.by_id[c]["starts"] or ["injury"])
                   for c in injured)
        assert lower(page) and all(content.by_id[c]["starts"] and "injury" not in content.by_id[c]["starts"]
                                   for c in lower(page))
        assert set(lower(page).values()) == {"Less likely from how it started."}
        page.get_by_label("Not sure").check()
        assert shown(page) == plain and query_of(page)["start"] == "unsure"

    # a swollen calf after a long journey: the clot first; after an injury it stays first
    for start in ("surgery-travel", "injury", "gradual"):
        with finder(browser, site_url, width=360, query=f"?start={start}&s=swollen-calf") as (page, _):
            assert shown(page)[0] == "deep-vein-thrombosis", start
            assert "deep-vein-thrombosis" not in lower(page)
    # a child with a limp and a hot, swollen knee: a joint infection first, marked "Get help today"
    limp = next(s for s in content.symptoms.values() if "limp" in s["words"])
    with finder(browser, site_url, width=360, query=f"?age=child&s={limp['id']},hot-swollen-knee") as (page, _):
        assert shown(page)[0] == "septic-arthritis"
        assert levels(page)["septic-arthritis"] == tiers(content)["urgent"]["badge"]
        assert page.locator("[data-finder-beyond]").is_hidden()


def presses_to_results(page, control, choose: str) -> int:
    """Key presses from choosing (``choose`` pressed on ``control``, which has the keyboard's
    focus) to the results heading having the focus: the choice, the Tabs to a "See results"
    link, and Enter."""
    control.focus()
    page.keyboard.press(choose)
    presses = 1
    while not page.evaluate("document.activeElement.matches('[data-finder-skip], [data-finder-bar-link]')"):
        assert presses < 30, "no 'See results' link after the choice"
        page.keyboard.press("Tab")
        presses += 1
    assert page.locator(":focus").is_visible()  # the link shows while it has the focus
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "finder-results"
    return presses + 1


@pytest.mark.parametrize("width", WIDTHS)
def test_the_keyboard_reaches_the_results_in_a_few_presses(browser, site_url, width):
    with finder(browser, site_url, width=width) as (page, _):
        tab_to(page, "[data-area=inner]", limit=120)  # the keyboard gets there by Tab too
        assert presses_to_results(page, page.locator(":focus"), "Enter") < 10
        assert chosen(page)["area"] == ["inner"]
        # in sight, below the fixed header
        assert page.evaluate("""() => document.getElementById('finder-results').getBoundingClientRect().top >=
            document.querySelector('.md-header').getBoundingClientRect().bottom""")
        # Tab goes on into the results
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.finder__results') !== null")
        # from every choice on the page: each place, each answer, each symptom
        counts = {}
        for control in page.locator("[data-area], [data-question], [data-symptom]").all():
            name = control.get_attribute("data-area") or control.get_attribute("value")
            counts[name] = presses_to_results(page, control, "Enter" if control.get_attribute("data-area") else "Space")
        assert len(counts) > 50 and max(counts.values()) < 10, {k: n for k, n in counts.items() if n >= 10}
        # everything ticked at once fits no one cause
        assert "does not fit well" in page.locator("[data-finder-status]").inner_text()


def test_ticks_that_fit_no_cause_well_say_so_and_point_to_help(browser, site_url, content):
    ticked = ["several-joints", "knee-locks"]
    assert not [c for c in content.conditions if set(ticked) <= {item["id"] for item in c["symptoms"]}]
    with finder(browser, site_url, width=360, query="?s=" + ",".join(ticked)) as (page, _):
        beyond = page.locator("[data-finder-beyond]")
        assert beyond.is_visible()
        assert f"See a {SETTINGS['doctor']}" in beyond.inner_text()
        pages = page.eval_on_selector_all("[data-finder-beyond] li a", "links => links.map(a => a.pathname)")
        assert pages == [f"/symptoms/{sid}/" for sid in ticked]
        # weak matches only on request; a cause that needs help now or today is never hidden
        assert len(results(page)) > len(shown(page))
        assert shown(page) == [c for c in results(page) if serious(content, content.by_id[c], ticked)]
        assert "does not fit well" in page.locator("[data-finder-status]").inner_text()
        assert "possible cause" not in page.locator("[data-finder-status]").inner_text()
        assert [card["tier"] for card in cards(page)] == ["urgent", "gp"]  # the warnings still show
        assert "fit only part" in page.locator("[data-finder-more]").inner_text()
        # a tick that fits a cause well again lists causes
        page.locator("[data-symptom][value=knee-locks]").uncheck()
        assert beyond.is_hidden() and shown(page) == ["inflammatory-arthritis"]
    # a warning sign that no cause lists
    alone = next(s["id"] for s in content.symptoms.values() if not s["conditions"])
    with finder(browser, site_url, width=360, query=f"?s={alone}") as (page, _):
        assert page.locator("[data-finder-beyond]").is_visible() and cards(page)


def test_the_address_holds_every_choice(browser, site_url):
    with finder(browser, site_url, width=360) as (page, requests):
        page.get_by_role("button", name="Calf", exact=True).click()
        page.get_by_label("An adult under 50").check()
        page.get_by_label("After an operation, a plaster cast or a long journey").check()
        page.locator("[data-symptom][value=swollen-calf]").check()
        assert query_of(page) == {"area": "calf", "age": "adult", "start": "surgery-travel", "s": "swollen-calf"}
        before = (chosen(page), answers(page), results(page))
        page.reload()
        page.wait_for_selector(READY, state="attached")
        assert (chosen(page), answers(page), results(page)) == before
        page.locator("[data-finder-clear]").click()
        assert query_of(page) == {} and answers(page) == {}
        assert_private(page, requests, site_url)
    with finder(browser, site_url, query="?age=toddler&start=unsure&s=swollen-calf") as (page, _):
        assert answers(page) == {"start": "unsure"}


def test_ages_and_starts_come_from_the_records(content):
    """The answers are the terms' (terms.schema.json), and each condition's tags are its record's."""
    data = finder_data.finder_data(content, SETTINGS, render.environment())
    for condition in data["conditions"]:
        record = content.by_id[condition["id"]]
        assert (condition["ages"], condition["starts"]) == (record["ages"], record["starts"])


# Safety: what needs help now or today comes first and is never moved lower or hidden; how many
# ticks a cause fits counts before anything that makes it less likely.

def ticks_of(query: str) -> list[str]:
    return dict(pair.split("=", 1) for pair in query.lstrip("?").split("&"))["s"].split(",")


@pytest.mark.parametrize("query", [
    "?area=below-inner&s=pain-behind-knee,pain-twisting,clicking-catching,knee-gives-way",
    "?start=sudden&s=pain-behind-knee,pain-twisting,clicking-catching,knee-gives-way",
    "?area=below-inner&s=pain-behind-knee,pain-twisting,knee-locks,knee-gives-way",
    "?s=cold-pale-leg,pins-and-needles",
    "?s=pain-behind-knee,swollen-knee",
    "?area=whole-knee&s=pain-behind-knee",
    "?area=outer&age=child&start=injury&s=pain-behind-knee,swollen-calf",
    "?area=front&age=child&start=gradual&s=skin-colour-change,cold-pale-leg",
])
def test_urgency_then_how_many_ticks_fit_then_what_is_less_likely(browser, site_url, content, query):
    ticked = ticks_of(query)
    order = content.terms.tiers

    def head(cid):  # the first two things the list is ordered by
        condition = content.by_id[cid]
        urgency = order.index(level(content, condition, ticked)) if serious(content, condition, ticked) else len(order)
        return urgency, -len({item["id"] for item in condition["symptoms"]} & set(ticked))

    with finder(browser, site_url, width=360, query=query) as (page, _):
        ranked, notes = results(page), lower(page)
        assert [head(c) for c in ranked] == sorted(head(c) for c in ranked), ranked
        # what makes a cause less likely only breaks ties
        for first, second in itertools.pairwise(ranked):
            assert head(first) != head(second) or not (first in notes and second not in notes), (first, second)
        # a cause that needs help now or today, by itself or by a warning sign ticked, is never
        # marked lower (by the area, the age or how it started) and never hidden
        urgent = [c for c in ranked if serious(content, content.by_id[c], ticked)]
        assert urgent and not set(urgent) & set(notes)
        assert set(urgent) <= set(shown(page))
        assert len(shown(page)) == max(BEST, len(urgent))


def test_a_cause_that_fits_every_tick_stays_in_the_best_three(browser, site_url, content):
    ticked = ["pain-behind-knee", "pain-twisting", "clicking-catching", "knee-gives-way"]
    tear = content.by_id["meniscus-tear"]
    assert set(ticked) <= {item["id"] for item in tear["symptoms"]} and not serious(content, tear, ticked)
    assert "below-inner" not in tear["where"] and "sudden" not in tear["starts"]
    for choice, note in (("area=below-inner", "Usually felt somewhere else."),
                         ("start=sudden", "Less likely from how it started.")):
        with finder(browser, site_url, width=360, query=f"?{choice}&s={','.join(ticked)}") as (page, _):
            assert "meniscus-tear" in shown(page), choice
            assert lower(page)["meniscus-tear"] == note  # still says why it may be less likely
            fewer = [c for c in results(page) if not serious(content, content.by_id[c], ticked)
                     and c != "meniscus-tear"]
            assert fewer and all(results(page).index("meniscus-tear") < results(page).index(c) for c in fewer)


def test_the_artery_emergencies_come_before_sciatica_for_a_cold_pale_leg(browser, site_url, content):
    ticked = ["cold-pale-leg", "pins-and-needles"]
    assert content.symptoms["cold-pale-leg"]["warning"] == "emergency"
    arteries = [c["id"] for c in content.conditions if any(item["id"] == "cold-pale-leg" for item in c["symptoms"])]
    with finder(browser, site_url, width=360, query="?s=" + ",".join(ticked)) as (page, _):
        assert sorted(shown(page)[:len(arteries)]) == sorted(arteries) and "sciatica" in results(page)
        assert all(levels(page)[c] == tiers(content)["emergency"]["badge"] for c in arteries)


@pytest.mark.parametrize("ticked", [["swollen-knee", "skin-colour-change"], ["swollen-knee", "warm-knee"]])
def test_the_does_not_fit_notice_never_hides_what_needs_help_today(browser, site_url, content, ticked):
    with finder(browser, site_url, width=360, query="?s=" + ",".join(ticked)) as (page, _):
        assert page.locator("[data-finder-beyond]").is_visible()
        urgent = [c for c in results(page) if serious(content, content.by_id[c], ticked)]
        assert "septic-arthritis" in urgent
        assert shown(page) == urgent  # listed, shown, above the hidden weak matches
        assert all(page.locator(f"[data-finder-list] > li[data-condition={c}]").is_visible() for c in urgent)
        weak = len(results(page)) - len(urgent)
        assert weak and page.locator("[data-finder-more]").inner_text().endswith(f"({weak})")
        badge = tiers(content)[level(content, content.by_id[urgent[0]], ticked)]["badge"]
        assert f"The most urgent on the list: {badge}." in page.locator("[data-finder-status]").inner_text()


def child_signs(content) -> dict[str, list[str]]:
    """The records' warning signs about children, by tier, each once."""
    signs: dict[str, list[str]] = {}
    for condition in content.conditions:
        for flag in condition["red_flags"]:
            if "child" in flag.get("ages", []) and flag["sign"] not in signs.get(flag["urgency"], []):
                signs.setdefault(flag["urgency"], []).append(flag["sign"])
    return signs


def test_every_sign_about_a_child_is_tagged_with_the_age(content):
    for condition in content.conditions:
        for flag in condition["red_flags"]:
            names_a_child = re.search(r"\b(child|children|teenager)", flag["sign"], re.IGNORECASE)
            assert bool(names_a_child) == ("child" in flag.get("ages", [])), (condition["id"], flag["sign"])


def test_a_child_s_age_brings_the_sites_own_warning_signs_about_children(browser, site_url, built_site, content):
    signs = child_signs(content)
    assert "urgent" in signs  # a child with a limp and a fever
    with finder(browser, site_url, width=360, query="?age=child") as (page, requests):
        notice = page.locator("[data-finder-age]")
        assert notice.is_visible()
        shown_cards = cards(page, "[data-finder-age-cards]")
        assert [card["tier"] for card in shown_cards] == [tier for tier in content.terms.tiers if tier in signs]
        for card in shown_cards:
            assert card["signs"] == signs[card["tier"]] and card["title"] == card_title(built_site, card["tier"])
        # at the top of the results: after the heading and any ticked warning, before the causes
        page.locator("[data-symptom][value=knee-locks]").check()
        assert page.evaluate("""() => {
            const at = s => document.querySelector(s);
            const follows = (a, b) => Boolean(at(a).compareDocumentPosition(at(b)) & Node.DOCUMENT_POSITION_FOLLOWING);
            return follows('[data-finder-cards]', '[data-finder-age]') && follows('[data-finder-age]', '.finder__list');
        }""")
        assert cards(page) and notice.is_visible()
        for answer in ("An adult under 50", "Over 50"):
            page.get_by_label(answer).check()
            assert notice.is_hidden()
        assert_private(page, requests, site_url)
