"""The build step builds a record's values from its node tree itself (faster than PyYAML's
constructor, load._plain_data); the values must be exactly the ones PyYAML makes."""

from __future__ import annotations

import pytest
import yaml
from backofknee import load
from conftest import ROOT

EXAMPLES = {
    "scalars": "text: plain\nnumber: 3\nfloat: 1.5\nyes: true\nnothing: null\nday: 2026-11-21\nquoted: '12'\n",
    "nesting": "a:\n  - b: [1, two, {c: d}]\n  - - e\n    - f\n",
    "block text": "cause: |\n  One line.\n\n  Another: with a colon.\n",
    "number keys": "1: one\ntrue: yes\n",
    "merge key": "base: &b {x: 1}\nother:\n  <<: {y: 2}\n",
    "set": "tags: !!set {a: null, b: null}\n",
    "ordered pairs": "steps: !!omap [{a: 1}, {b: 2}]\n",
    "repeated field": "name: one\nname: two\n",
    "anchor without alias": "name: &n one\nother: Q&A\n",
    "tagged text": "name: !!str 12\nsize: !!int '3'\n",
    "deep": "a: " + "[" * 12 + "x" + "]" * 12 + "\n",
    "deep and empty": "a: " + "[" * 11 + "[]" + "]" * 11 + "\n",
    "binary": "data: !!binary aGVsbG8=\n",
}


@pytest.mark.parametrize("text", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_values_are_pyyamls(text):
    doc = load.parse(text, "example.yaml")
    if doc.ok:  # some examples are refused as records (aliases); those have no values to compare
        assert doc.data == yaml.load(text, Loader=load._Loader)


def test_every_real_record_reads_as_pyyaml_reads_it():
    for path in sorted((ROOT / "content").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert load.parse(text, path.name).data == yaml.load(text, Loader=load._Loader), path.name
