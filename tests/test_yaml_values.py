"""The loader's own parts (dates kept as text, and the checks that refuse aliases, repeated
fields and deep nesting) change no value: what it reads is what stock PyYAML reads."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from backofknee import load
from conftest import ROOT

EXAMPLES = {
    "scalars": "text: plain\nnumber: 3\nfloat: 1.5\nyes: true\nnothing: null\nday: 2026-11-21\nquoted: '12'\n",
    "nesting": "a:\n  - b: [1, two, {c: d}]\n  - - e\n    - f\n",
    "block text": "cause: |\n  One line.\n\n  Another: with a colon.\n",
    "number keys": "1: one\ntrue: yes\n",
    "merge key": "base: {x: 1}\nother:\n  <<: {y: 2}\n",
    "set": "tags: !!set {a: null, b: null}\n",
    "ordered pairs": "steps: !!omap [{a: 1}, {b: 2}]\n",
    "anchor without alias": "name: &n one\nother: Q&A\n",
    "tagged text": "name: !!str 12\nsize: !!int '3'\n",
    "deep": "a: " + "[" * 11 + "x" + "]" * 11 + "\n",
    "binary": "data: !!binary aGVsbG8=\n",
}


def stock(text: str):
    """What ``yaml.safe_load`` gives, with its dates written back as text (YYYY-MM-DD)."""

    def dates_as_text(value):
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: dates_as_text(v) for k, v in value.items()}
        if isinstance(value, list):
            return [dates_as_text(v) for v in value]
        return value

    return dates_as_text(yaml.safe_load(text))


@pytest.mark.parametrize("text", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_values_are_stock_pyyamls(text):
    doc = load.parse(text, "example.yaml")
    assert doc.ok, doc.problems
    assert doc.data == stock(text)


def test_every_real_record_reads_as_stock_pyyaml_reads_it():
    for path in sorted((ROOT / "content").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert load.parse(text, path.name).data == stock(text), path.name


@pytest.mark.parametrize("text, line", [
    ("name: one\nother: *n\n", None),  # an alias to nothing: PyYAML's own error
    ("name: &n one\nother: *n\n", 2),
    ("name: one\nname: two\n", 2),
    ("a: " + "[" * 13 + "x" + "]" * 13 + "\n", 1),
])
def test_what_stock_pyyaml_allows_but_a_record_never_needs_is_refused(text, line):
    doc = load.parse(text, "example.yaml")
    assert doc.problems and (line is None or doc.problems[0].line == line), doc.problems
