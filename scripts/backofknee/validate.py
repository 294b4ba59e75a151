"""Check every record, and the records against each other, returning problems rather than raising, so an
author sees the whole list at once. The JSON Schemas in content/schema/ say what a record is; this module turns
their errors into plain sentences and adds the checks a schema cannot make (ids against file names and the
vocabulary, duplicates, HTML, links, review dates, warning tiers)."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
from referencing import Registry, Resource

from .load import Document
from .problems import Problem, did_you_mean

MAX_REVIEW_YEARS = 3

# What a schema type and a value's Python type are called in a problem
_TYPE_WORDS = {"array": "a list", "object": "a set of fields", "string": "text", "integer": "a whole number",
               "number": "a number", "boolean": "true or false"}
_VALUE_WORDS = {type(None): "nothing", bool: "true or false", str: "text", list: "a list", dict: "a set of fields",
                int: "a number", float: "a number"}
_PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "must be lowercase words joined by hyphens, e.g. 'bakers-cyst'",
    "^\\d{4}-\\d{2}-\\d{2}$": "must be a date written YYYY-MM-DD, e.g. 2026-11-21",
    "^https://[^\\s]+$": "must be an https:// address with no spaces",
    "^Do not ": "must start with 'Do not'",
}
_URL = re.compile(r"https://[^\s]+")
_HTML = re.compile(r"<\s*[/!?]?\s*[A-Za-z]")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_BARE_URL = re.compile(r"\b(?:http|ftp|javascript|data|vbscript):[^\s)>]*", re.IGNORECASE)
_ATTR_LIST = re.compile(r"\{\s*[:#.]|\{[^{}\n]*=")  # [^{...]: one pass over a run of braces, not one per brace
# Every text check above needs one of these characters: text without any is skipped quickly.
_MAY_HAVE_MARKUP = re.compile(r"[<{:\]]")


@cache
def detailed_validator(name: str, texts: tuple) -> jsonschema.Draft202012Validator:
    """The validator that explains what is wrong, built once per schema texts (so a schema
    edited under ``mkdocs serve`` is compiled again)."""
    found = {n: json.loads(text) for n, text in texts}
    for schema in found.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in found.items())
    return jsonschema.Draft202012Validator(found[name], registry=registry)


@cache
def quick_validator(name: str, texts: tuple) -> jsonschema_rs.Validator:
    """The same schema compiled by a much faster validator that only needs to say yes or no."""
    found = {n: json.loads(text) for n, text in texts}
    return jsonschema_rs.validator_for(found[name], registry=jsonschema_rs.Registry(list(found.items())))


def schema_texts(schema_dir: Path) -> tuple:
    """Every schema's text, by file name (they refer to each other by it): read once per check."""
    return tuple(sorted((p.name, p.read_text(encoding="utf-8")) for p in schema_dir.glob("*.schema.json")))


def checked_against(doc: Document, name: str, texts: tuple) -> list[Problem]:
    """Schema problems in ``doc`` against the schema ``name``. Most records are valid, so a fast compiled
    check comes first; only a record that fails it (or holds a value it cannot read) gets the detailed one."""
    try:
        if quick_validator(name, texts).is_valid(doc.data):
            return []
    except ValueError:  # a YAML value JSON has no word for, e.g. a set: the detailed check explains
        pass
    return schema_problems(doc, detailed_validator(name, texts))


def schema_problems(doc: Document, validator: jsonschema.Draft202012Validator) -> list[Problem]:
    """Every schema error in ``doc``, each as one plain sentence."""
    out = []
    for err in validator.iter_errors(doc.data):
        parts = list(err.absolute_path)
        kind, want, value = err.validator, err.validator_value, err.instance
        if kind == "additionalProperties":
            known = list(err.schema.get("properties", {}))
            for extra in [k for k in value if k not in known]:
                hint = did_you_mean(extra, known) or f" Allowed fields: {', '.join(known)}."
                out.append(doc.problem([*parts, extra], f"unknown field.{hint}"))
            continue
        if kind == "oneOf" and all("const" in choice for choice in want):  # a term: terms.schema.json
            kind, want = "enum", [choice["const"] for choice in want]
        if kind == "required":
            name = err.message.split("'")[1]
            info = err.schema.get("properties", {}).get(name, {}).get("description", "")
            parts, msg = [*parts, name], f"this required field is missing. Add it: {info}".rstrip()
        elif kind == "enum":
            msg = f"{value!r} is not one of {', '.join(map(str, want))}.{did_you_mean(value, want)}"
        elif kind == "type":
            expected, got = _TYPE_WORDS.get(want, want), _VALUE_WORDS.get(type(value), type(value).__name__)
            msg = (f"expected {expected}, got {got}." if parts
                   else f"the file must hold {expected} (field: value lines), not {got}.")
        elif kind == "pattern":
            msg = f"{value!r} {_PATTERN_HINTS.get(want, f'must match {want}')}."
            if want.startswith("^https") and isinstance(value, str) and value.startswith("http://"):
                msg += f" Did you mean '{'https://' + value[len('http://'):]}'?"
            elif want == "^Do not " and isinstance(value, str) and re.match(r"(?i)don'?t ", value):
                msg += f" Did you mean '{re.sub(r'(?i)^don.?t ', 'Do not ', value)}'?"
            elif want.startswith("^[a-z0-9]") and isinstance(value, str):
                slug = "-".join(re.findall(r"[a-z0-9]+", value.lower()))
                msg += f" Did you mean '{slug}'?" if slug else ""
        elif kind == "minItems":
            msg = f"needs at least {want} {'entry' if want == 1 else 'entries'}; found {len(value) or 'none'}."
        elif kind == "minLength":
            msg = f"is too short: write at least {want} characters."
        elif kind == "maxLength":
            msg = f"is too long ({len(value)} characters): keep it to {want}."
        elif kind == "uniqueItems":
            msg = "lists the same item more than once."
        elif kind in ("minimum", "maximum", "exclusiveMinimum"):
            msg = f"{value!r} is out of range ({err.message})."
        elif kind == "dependentRequired":
            have = next(k for k, needs in want.items() if k in value and any(n not in value for n in needs))
            missing = next(n for n in want[have] if n not in value)
            info = err.schema.get("properties", {}).get(missing, {}).get("description", "")
            msg = f"has '{have}' but no '{missing}'. Add it: {info}".rstrip()
        else:
            msg = err.message + "."
        out.append(doc.problem(parts, msg))
    return out


def marked_up_texts(value: Any, parts: tuple = ()) -> list[tuple[tuple, str]]:
    """Every text value in a record that may hold markup (one of ``<{:]``), with its field
    path. Addresses (``url`` fields) are left out: the schema checks them."""
    if isinstance(value, str):
        return [(parts, value)] if _MAY_HAVE_MARKUP.search(value) else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    return [found for key, item in items if key != "url" for found in marked_up_texts(item, (*parts, key))]


def text_problems(doc: Document) -> list[Problem]:
    """Records hold plain text and light Markdown: no HTML, no attribute lists, safe links only."""
    out = []
    for parts, text in marked_up_texts(doc.data):
        links = [m.group(1) for m in _AUTOLINK.finditer(text)] + _MD_LINK.findall(text)
        bare = _AUTOLINK.sub("", text)
        if (tag := _HTML.search(bare)) is not None:
            snippet = bare[tag.start(): bare.find(">", tag.start()) + 1 or tag.start() + 12]
            out.append(doc.problem(parts, f"raw HTML is not allowed ({snippet.strip()!r}). "
                                          "Records hold plain text and light Markdown only."))
        if _ATTR_LIST.search(text):
            out.append(doc.problem(parts, "attribute lists ('{: ...}') are not allowed in records. Remove the braces."))
        for link in links + _BARE_URL.findall(_MD_LINK.sub("](", text)):
            if link.startswith("https://") or not re.match(r"(?i)[a-z][a-z0-9+.-]*:|//", link):
                continue
            hint = f" Did you mean 'https://{link[7:]}'?" if link.lower().startswith("http://") else ""
            out.append(doc.problem(parts, f"link {link!r} must be an https:// address or a page on this site.{hint}"))
    return out


def _years_later(day: dt.date, years: int) -> dt.date:
    if day.year + years > dt.MAXYEAR:
        return dt.date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def review_problems(doc: Document, today: dt.date) -> list[Problem]:
    """``next_review`` comes after ``reviewed``, within 3 years; a passed date is a warning."""
    out: list[Problem] = []
    dates: dict[str, dt.date] = {}
    for name in ("reviewed", "next_review"):
        value = doc.data.get(name)
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):  # else the schema reports it
            try:
                dates[name] = dt.date.fromisoformat(value)
            except ValueError:
                out.append(doc.problem([name], f"{value!r} is not a real date."))
    reviewed, due = dates.get("reviewed"), dates.get("next_review")
    if reviewed and reviewed > today:
        out.append(doc.problem(["reviewed"], f"{reviewed} is in the future. Use the date the record was checked."))
    if reviewed and due:
        latest = _years_later(reviewed, MAX_REVIEW_YEARS)
        if due <= reviewed:
            out.append(doc.problem(["next_review"], f"{due} is not after reviewed ({reviewed}). "
                                                    f"Set a date after it, at the latest {latest}."))
        elif due > latest:
            out.append(doc.problem(["next_review"], f"{due} is more than {MAX_REVIEW_YEARS} years after "
                                                    f"reviewed ({reviewed}). Set it on or before {latest}."))
    if due and due < today:
        out.append(doc.problem(["next_review"], f"the review was due on {due} and is overdue. Check the "
                                                "record against its sources, then update reviewed and next_review.",
                               warning=True))
    return out


def _list(data: Any, name: str) -> list:
    """The list under ``name`` in ``data``, or [] if there is none (the schema reports that)."""
    items = data.get(name) if isinstance(data, dict) else None
    return items if isinstance(items, list) else []


def _texts(items: list, name: str) -> list[tuple[int, str]]:
    """(index, value) of each item that holds text under ``name``; the schema reports the others."""
    return [(i, item[name]) for i, item in enumerate(items)
            if isinstance(item, dict) and isinstance(item.get(name), str)]


def vocabulary_problems(doc: Document, texts: tuple) -> list[Problem]:
    """The symptom vocabulary: its schema, and no id used twice."""
    out = checked_against(doc, "symptoms.schema.json", texts)
    items = _list(doc.data, "symptoms")
    first: dict[str, int] = {}
    for i, sid in _texts(items, "id"):
        if first.setdefault(sid, i) != i:
            out.append(doc.problem(["symptoms", i, "id"], f"{sid!r} is used twice (first at symptoms[{first[sid]}])."))
    warnings = {sid for i, sid in _texts(items, "id") if items[i].get("warning")}
    for i, item in enumerate(items):
        for j, rid in enumerate(_list(item, "related_warnings")):
            if isinstance(rid, str) and rid not in warnings:
                out.append(doc.problem(["symptoms", i, "related_warnings", j],
                                       f"{rid!r} is not a symptom with a warning.{did_you_mean(rid, warnings)}"))
    return out + text_problems(doc)


def condition_problems(doc: Document, texts: tuple, tiers: tuple[str, ...], vocabulary: dict[str, dict],
                       vocabulary_path: str, today: dt.date) -> list[Problem]:
    """One condition record: schema, file name, symptom ids, text, review dates, warning tiers (most urgent first)."""
    out = checked_against(doc, "condition.schema.json", texts)
    data = doc.data
    if not isinstance(data, dict):
        return out
    stem = Path(doc.path).stem
    if isinstance(data.get("id"), str) and data["id"] != stem:
        out.append(doc.problem(["id"], f"{data['id']!r} does not match the file name {stem + '.yaml'!r}. "
                                       f"Did you mean '{stem}'?"))

    def unknown(parts: list, sid: str) -> Problem:
        return doc.problem(parts, f"{sid!r} is not in {vocabulary_path}.{did_you_mean(sid, vocabulary)}")

    out += [unknown(["symptoms", i, "id"], sid) for i, sid in _texts(_list(data, "symptoms"), "id")
            if sid not in vocabulary]
    flags = _list(data, "red_flags")
    out += source_problems(doc, flags)
    if flags:  # with none at all, the schema says so
        out += uncovered_warning_problems(doc, flags, vocabulary, vocabulary_path)
    for i, sid in _texts(flags, "symptom"):
        if sid not in vocabulary:
            out.append(unknown(["red_flags", i, "symptom"], sid))
            continue
        floor, tier = vocabulary[sid].get("warning"), flags[i].get("urgency")
        if floor not in tiers or tier not in tiers or tier == floor:
            continue  # no tier to keep, the same tier, or one the schema reports
        if tiers.index(tier) > tiers.index(floor):
            msg = f"{tier!r} is less urgent than {floor!r}, the tier {vocabulary_path} gives {sid!r}. Use {floor!r}."
        else:  # a warning sign shows one tier on every page
            msg = (f"{tier!r} is not {floor!r}, the tier {vocabulary_path} gives {sid!r}, and a warning sign shows "
                   f"one tier on every page. Use {floor!r}, or remove 'symptom:' if this sign is a different one.")
        out.append(doc.problem(["red_flags", i, "urgency"], msg))
    return out + text_problems(doc) + review_problems(doc, today)


def source_problems(doc: Document, flags: list) -> list[Problem]:
    """Each red flag names, as its ``source``, the address of one of the record's own sources:
    the guideline page that gives the sign its tier, listed on the page like every source."""
    # the well-formed addresses (the schema reports the rest)
    urls = [url for _, url in _texts(_list(doc.data, "sources"), "url") if _URL.fullmatch(url)]
    out = []
    for i, url in _texts(flags, "source"):
        if url not in urls:
            listed = ", ".join(map(repr, urls))
            hint = did_you_mean(url, urls) or (f" This record's sources are: {listed}." if urls else "")
            out.append(doc.problem(["red_flags", i, "source"],
                                   f"{url!r} is not the address of any of this record's sources. List the guideline "
                                   f"page under sources (with its title, publisher and year), or use one of them."
                                   f"{hint}"))
    return out


def uncovered_warning_problems(doc: Document, flags: list, vocabulary: dict[str, dict],
                               vocabulary_path: str) -> list[Problem]:
    """A listed symptom that the vocabulary marks as a warning sign shows that warning on the
    page, so the record must carry it as a red flag, with the source that gives its tier."""
    flagged = {sid for _, sid in _texts(flags, "symptom")}
    out = []
    for i, sid in _texts(_list(doc.data, "symptoms"), "id"):
        tier = vocabulary.get(sid, {}).get("warning")
        if tier and sid not in flagged:
            out.append(doc.problem(["symptoms", i, "id"],
                                   f"{sid!r} is a warning sign ({tier}) in {vocabulary_path}, so this page must show "
                                   f"it with its source. Add a red flag with urgency: {tier}, symptom: {sid}, the "
                                   "sign in words that fit this condition, and source: the guideline page that "
                                   "gives it."))
    return out


def unsourced_warning_problems(vocabulary_doc: Document, docs: list[Document]) -> list[Problem]:
    """Every warning sign in the vocabulary is carried, with a source, by at least one record:
    its card on the symptom page shows the sources of those records' red flags."""
    flagged = {sid for d in docs for _, sid in _texts(_list(d.data, "red_flags"), "symptom")}
    return [
        vocabulary_doc.problem(["symptoms", i, "warning"],
                               f"no condition record gives the warning sign of {item['id']!r} a source. Add a red "
                               f"flag with symptom: {item['id']} and its guideline source to a record where it "
                               "belongs, or remove 'warning'.")
        for i, item in enumerate(_list(vocabulary_doc.data, "symptoms"))
        if isinstance(item, dict) and item.get("warning") and item.get("id") not in flagged
    ]


def duplicate_problems(docs: list[Document]) -> list[Problem]:
    """No two records share an id or a name (names compared ignoring case)."""
    out = []
    for field in ("id", "name"):
        first: dict[str, int] = {}  # the index of the first record with each value, compared casefolded
        for i, value in _texts([doc.data for doc in docs], field):
            j = first.setdefault(value.casefold().strip(), i)
            if j != i:
                out.append(docs[i].problem([field], f"{value!r} is already used by {docs[j].path}:"
                                                    f"{docs[j].line_of([field])}. Each record needs its own {field}."))
    return out
