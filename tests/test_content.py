"""Safety, reviewed: the built site shows every warning sign a clinician expects, at the NHS's tier.

The signs, their tiers and the pages that must show them are data:
``tests/content_checklist.yaml``. Each sign is looked for in the care cards of the built
pages, so the test sees what a reader sees. The rest of this file holds the content's
other promises: a page for every cause, at least 25 symptom pages, and on every condition
page at least one warning sign and one source.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from article import TIERS, Article, normalise, page_html, read_article
from backofknee.model import Flag, first_step_sign
from conftest import ROOT
from support import text_of

CHECKLIST = yaml.safe_load((Path(__file__).parent / "content_checklist.yaml").read_text(encoding="utf-8"))["signs"]
PAGE_PATHS = {"home": "", "get-help-now": "get-help-now", "self-care": "self-care"}
# The causes of pain behind the knee a clinician expects: the common ones, and the serious
# ones that need help quickly (joint infection, a clot, artery problems).
CAUSES = [
    "bakers-cyst", "deep-vein-thrombosis", "hamstring-strain", "hamstring-tendinopathy", "calf-muscle-strain",
    "popliteus-tendinopathy", "meniscus-tear", "knee-osteoarthritis", "posterior-cruciate-ligament-injury",
    "sciatica", "pes-anserine-bursitis", "patellofemoral-pain", "inflammatory-arthritis", "septic-arthritis",
    "gout-and-pseudogout", "popliteal-artery-problems", "peripheral-arterial-disease", "varicose-veins", "leg-cramps",
]
MIN_SYMPTOM_PAGES = 25
# How soon the one-line answer at the top of each condition page says to get help, as the
# GP/physio review agreed it. Pinned here so that reordering a record's symptoms or red
# flags cannot quietly change a page's triage line. Causes not listed: "home".
ANSWER_TIERS = {
    "deep-vein-thrombosis": "urgent", "septic-arthritis": "urgent", "gout-and-pseudogout": "urgent",
    "popliteal-artery-problems": "urgent", "posterior-cruciate-ligament-injury": "urgent",
    "bakers-cyst": "gp", "inflammatory-arthritis": "gp", "peripheral-arterial-disease": "gp",
}
# How the answer opens for each tier (the care cards' titles, and the line for looking after it at home).
ANSWER_OPENS = {"urgent": "Urgent: get medical help today if ", "gp": "Book an appointment:",
                "home": "Most people can look after this at home."}


@cache
def vocabulary() -> dict[str, dict]:
    return {s["id"]: s for s in yaml.safe_load((ROOT / "content/symptoms.yaml").read_text())["symptoms"]}


@cache
def records() -> dict[str, dict]:
    paths = sorted((ROOT / "content/conditions").glob("*.yaml"))
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in paths}


def sign_texts(symptom: str) -> set[str]:
    """Every wording of a symptom's warning: the vocabulary's and each record's tagged red flag."""
    texts = {flag["sign"] for r in records().values() for flag in r["red_flags"] if flag.get("symptom") == symptom}
    if vocabulary()[symptom].get("warning_sign"):
        texts.add(vocabulary()[symptom]["warning_sign"])
    return {normalise(t) for t in texts}


def matches(card_text: str, entry: dict) -> bool:
    text = normalise(card_text)
    if entry.get("symptom") and any(t in text for t in sign_texts(entry["symptom"])):
        return True
    phrases = entry.get("phrases") or []
    return bool(phrases) and all(any(normalise(p) in text for p in alt.split("|")) for alt in phrases)


def where(entry: dict) -> list[str]:
    return [PAGE_PATHS[p] for p in entry.get("pages", [])] + [f"conditions/{c}" for c in entry.get("conditions", [])]


@pytest.fixture(scope="module")
def article_of(built_site):
    @cache
    def read(page: str) -> Article:
        return read_article(page_html(built_site, page))
    return read


# --- the checklist itself -------------------------------------------------------------------

def test_checklist_names_real_tiers_symptoms_pages_and_conditions():
    for entry in CHECKLIST:
        label = entry["sign"]
        assert entry["tier"] in TIERS, label
        assert entry.get("symptom") or entry.get("phrases"), f"{label}: give a symptom id or phrases to find it by"
        assert entry.get("pages") or entry.get("conditions"), f"{label}: say where it must appear"
        assert set(entry.get("pages", [])) <= set(PAGE_PATHS), label
        assert set(entry.get("conditions", [])) <= set(records()), label
        assert entry["from"], f"{label}: say which source gives it"
        if entry.get("symptom"):
            symptom = vocabulary()[entry["symptom"]]
            if symptom.get("warning"):
                assert TIERS.index(entry["tier"]) <= TIERS.index(symptom["warning"]), f"{label}: below the vocabulary"


def test_checklist_covers_every_emergency_and_urgent_warning_of_the_vocabulary():
    listed = {e.get("symptom") for e in CHECKLIST}
    serious = {s for s, v in vocabulary().items() if v.get("warning") in ("emergency", "urgent")}
    assert serious <= listed, f"vocabulary warnings missing from the checklist: {sorted(serious - listed)}"


# --- every sign, on every page it belongs to, at its tier -------------------------------------

@pytest.mark.parametrize("entry", CHECKLIST, ids=[re.sub(r"\W+", "-", e["sign"].lower())[:50] for e in CHECKLIST])
def test_warning_sign_appears_with_its_tier(article_of, entry):
    tier = entry["tier"]
    problems = []
    for page in where(entry):
        cards = article_of(page).cards
        if not any(c.tier == tier and matches(c.text, entry) for c in cards):
            shown = sorted({c.tier for c in cards if matches(c.text, entry)})
            problems.append(f"{page or 'home'}: no {tier} card shows it" + (f" (shown as {shown})" if shown else ""))
        if entry.get("symptom"):
            exact = sign_texts(entry["symptom"])
            lower = [c.tier for c in cards
                     if TIERS.index(c.tier) > TIERS.index(tier) and any(t in normalise(c.text) for t in exact)]
            if lower:
                problems.append(f"{page or 'home'}: also shown at a lower tier: {lower}")
    assert not problems, f"{entry['sign']}:\n  " + "\n  ".join(problems)


# --- pages ----------------------------------------------------------------------------------

def test_every_cause_in_the_sources_has_a_page(built_site, article_of):
    for cause in CAUSES:
        assert (built_site / "conditions" / cause / "index.html").exists(), f"no page for {cause}"


def test_at_least_25_symptom_pages(built_site):
    pages = [p for p in (built_site / "symptoms").glob("*/index.html")]
    assert len(pages) >= MIN_SYMPTOM_PAGES, f"only {len(pages)} symptom pages"


@pytest.mark.parametrize("condition", sorted(p.stem for p in (ROOT / "content/conditions").glob("*.yaml")))
def test_condition_page_has_a_warning_sign_and_a_source(article_of, condition):
    article = article_of(f"conditions/{condition}")
    signs = [b for b in article.blocks if b.card is not None and b.tag == "li"]
    sources = [b for b in article.blocks if b.in_sources and b.tag in ("li", "p")]
    assert signs, f"{condition}: no warning sign in a care card"
    assert sources, f"{condition}: no source listed"


def test_blood_clot_page_says_same_day_and_999_only_with_breathlessness(article_of):
    article = article_of("conditions/deep-vein-thrombosis")
    first_section = next(b for b in article.blocks if b.tag == "h2")
    assert first_section.text == "When to get help"
    summary = next(b for b in article.blocks if "summary" in b.classes)
    assert "the same day" in summary.text
    [emergency] = [c for c in article.cards if c.tier == "emergency"]
    assert all(w in normalise(emergency.text) for w in ("short of breath", "chest pain", "cough up blood"))
    assert any(c.tier == "urgent" and "swollen" in c.text for c in article.cards)


def test_risk_factors_of_a_clot_are_on_its_page(article_of):
    text = normalise(" ".join(b.text for b in article_of("conditions/deep-vein-thrombosis").blocks))
    for factor in ("operation", "plaster cast", "long journey", "pregnan", "pill", "hrt", "cancer", "clot before"):
        assert factor in text, f"risk factor missing: {factor}"


@pytest.mark.parametrize("entry", [e for e in CHECKLIST if e.get("never")], ids=lambda e: e["symptom"])
def test_a_sign_is_never_shown_at_a_wrong_tier(built_site, article_of, entry):
    """A swollen calf on its own is 'get help today' everywhere: never 999, never 'book an appointment'."""
    wrong = []
    for path in sorted(built_site.rglob("index.html")):
        page = path.parent.relative_to(built_site).as_posix()
        page = "" if page == "." else page
        for card in article_of(page).cards:
            if card.tier in entry["never"] and any(t in normalise(card.text) for t in sign_texts(entry["symptom"])):
                wrong.append(f"{page or 'home'}: {card.tier}")
    assert not wrong, f"{entry['sign']}: shown at a wrong tier on {wrong}"


def test_get_help_now_links_a_sign_only_to_causes_it_is_a_sign_of(built_site):
    """'Can be a sign of' names only the conditions that list the sign among their own symptoms:
    a hot, swollen knee points to a joint infection or gout, never to a hamstring strain."""
    html = page_html(built_site, "get-help-now")
    items = re.findall(r"<li>(.*?)</li>", html, re.DOTALL)
    hot = next(i for i in items if "hot, swollen and painful" in i and "Can be a sign of" in i)
    linked = set(re.findall(r'href="\.\./conditions/([a-z-]+)/"', hot))
    assert {"septic-arthritis", "gout-and-pseudogout"} <= linked
    assert not linked & {"hamstring-strain", "popliteus-tendinopathy", "pes-anserine-bursitis", "knee-osteoarthritis"}
    for item in items:
        for cid in re.findall(r'href="\.\./conditions/([a-z-]+)/"', item):
            record = records()[cid]
            assert any(f.get("symptom") and f["symptom"] in {s["id"] for s in record["symptoms"]}
                       for f in record["red_flags"]), f"{cid} linked from a sign it does not list"


def test_symptom_pages_put_causes_that_need_help_quickly_first(built_site):
    def causes(symptom: str) -> list[str]:
        html = page_html(built_site, f"symptoms/{symptom}")
        section = html[html.index('id="what-can-cause-it"'):]
        return re.findall(r'href="\.\./\.\./conditions/([a-z-]+)/">', section)
    assert causes("swollen-calf")[0] == "deep-vein-thrombosis"
    assert causes("hot-swollen-knee")[0] == "septic-arthritis"
    # then by how common: a common cause before a rare artery problem or a front-of-knee one
    pain = causes("pain-behind-knee")
    assert pain.index("bakers-cyst") < pain.index("popliteal-artery-problems") if "popliteal-artery-problems" in pain \
        else True
    assert pain[0] not in ("pes-anserine-bursitis", "patellofemoral-pain")


def test_home_page_shows_the_emergency_signs_first(article_of):
    cards = article_of("").cards
    assert cards and cards[0].tier == "emergency"


def test_no_emergency_card_sends_the_reader_away_to_read_more(built_site):
    """An emergency card says what to do now. Its only links are the number to call, as a
    tap-to-call (tel:) link, and the 'Can be a sign of' references on Get help now, after the
    sign, never in place of the action."""
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(built_site).as_posix()
        for card in re.findall(r'<div class="admonition emergency">(.*?)</div>', html, re.DOTALL):
            assert re.search(r'class="admonition-title">Emergency:', card), f"{where}: no tier in the title"
            assert re.search(r'(?i)<a href="tel:\d+">call \d+</a>', card), \
                f"{where}: an emergency card must say which number to call, as a tap-to-call link"
            outside_references = re.sub(r"<em>Can be a sign of: .*?</em>", "", card, flags=re.DOTALL)
            calls = re.compile(r'<a href="tel:[0-9+]+">[^<]*</a>')
            assert "<a " not in calls.sub("", outside_references), f"{where}: a link inside an emergency card"
            if "<a " in calls.sub("", card):
                assert where == "get-help-now/index.html", f"{where}: condition links in an emergency card"


@pytest.mark.parametrize("condition", CAUSES)
def test_one_line_answer_keeps_its_agreed_tier(built_site, article_of, condition):
    """The answer under the summary opens with the agreed tier. For a cause that needs help
    as soon as it is suspected, it names a sign the reader can notice, one of the page's own
    warning signs of that tier, not "if you think you have this"."""
    found = re.search(r'<p class="answer">(.*?)</p>', page_html(built_site, f"conditions/{condition}"), re.DOTALL)
    assert found, f"{condition}: no one-line answer"
    answer = text_of(found.group(1))
    tier = ANSWER_TIERS.get(condition, "home")
    assert answer.startswith(ANSWER_OPENS[tier]), f"{condition}: expected {tier}, got {answer!r}"
    assert "think you have" not in answer
    if records()[condition].get("urgency"):
        sign = answer.removeprefix(ANSWER_OPENS[tier]).split(".")[0]
        cards = [normalise(c.text) for c in article_of(f"conditions/{condition}").cards if c.tier == tier]
        assert any(normalise(sign) in card for card in cards), f"{condition}: {sign!r} is not one of its {tier} signs"


def test_answer_sign_is_the_first_sentence_of_the_main_symptoms_flag_else_the_first():
    """Lower case only where the flag's own words allow it (not DVT); None with no flag of the tier."""
    record = {"symptoms": [{"id": "swollen-calf"}],
              "flags": {"urgent": [Flag("urgent", "DVT signs. More."),
                                   Flag("urgent", "One calf is hot. A clot.", "swollen-calf")],
                        "gp": [Flag("gp", "DVT signs came back.")], "emergency": []}}
    assert first_step_sign(record, "urgent") == "one calf is hot"
    assert first_step_sign(record, "gp") == "DVT signs came back"
    assert first_step_sign(record, "emergency") is None
