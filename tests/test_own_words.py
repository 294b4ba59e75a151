"""Own words, checked: the built site shares no run of 10 words with the source articles.

Runs the project's own checker, ``shared/tools/own-words.py``, which sits beside the
project (``../shared/`` from the project root, in CI as on a workstation), on the built
site. Facts carry over from the sources; sentences, and long quoted titles, do not.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

OWN_WORDS = ROOT.parent / "shared" / "tools" / "own-words.py"


def test_built_site_copies_no_run_of_words_from_the_sources(built_site):
    assert OWN_WORDS.is_file(), (
        f"the own-words checker is missing: expected {OWN_WORDS} (the shared/ folder beside the project)"
    )
    proc = subprocess.run([sys.executable, str(OWN_WORDS), str(built_site)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, f"copied runs of words on the built site:\n{proc.stdout}{proc.stderr}"
