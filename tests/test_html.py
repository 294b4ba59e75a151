"""The HTML the project writes is valid: the Nu Html Checker (vnu, the W3C's checker) finds
no error in any page of the built site, the theme's own known errors aside.

``./dev test`` installs the pinned vnu-jar into ``.tools/`` (with npm) when it is missing;
vnu runs on Java (17 or later).
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import ROOT

VNU = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Errors in what Material for MkDocs itself writes, not in anything of ours (the message,
# and the markup it is about). Stock Material building the same pages has both:
# - its drawer and search toggles are checkboxes with autocomplete="off" (so that a browser
#   does not restore them open), and HTML allows autocomplete on text-like inputs only;
# - the title of a page's table of contents is a <label> for a toggle that Material writes
#   into the page's own entry in the navigation, so on pages the navigation leaves out (each
#   condition and symptom, see mkdocs.yml) it points at nothing.
KNOWN = [
    ("Attribute “autocomplete” is only allowed when the input type is", '<input class="md-toggle"'),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     '<label class="md-nav__title" for="__toc">'),
]


def known(message: dict) -> bool:
    return any(message["message"].startswith(text) and markup in message.get("extract", "")
               for text, markup in KNOWN)


def test_every_page_is_valid_html(built_site):
    if not VNU.is_file():
        pytest.fail(f"the Nu Html Checker is missing ({VNU.relative_to(ROOT)}): run ./dev test, which installs it")
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: the Nu Html Checker runs on Java 17 or later (Debian: default-jre-headless)")
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    proc = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *pages],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode in (0, 1) and proc.stdout.startswith("{"), f"vnu did not run: {proc.stderr}"
    errors = [f"{m['url'].removeprefix('file:' + str(built_site))}:{m.get('lastLine')}: {m['message']} "
              f"{m.get('extract', '').strip()!r}" for m in json.loads(proc.stdout)["messages"] if not known(m)]
    assert errors == [], "\n".join(errors)
