"""Own words, checked: the built site shares no run of 10 words with the source articles.

The articles themselves stay out of the repository; ``tests/own_words/sources.txt`` holds
the hashes of their runs of 10 words (see ``tests/own_words.py``). Facts carry over from the
sources; sentences, and long quoted titles, do not.
"""

from __future__ import annotations

import shutil

from own_words import RUN, copied_runs, fingerprint, read_fingerprint


def test_built_site_copies_no_run_of_words_from_the_sources(built_site):
    hashes = read_fingerprint()
    assert len(hashes) > 5000, "the fingerprint of the source articles is missing or cut short"
    copied = copied_runs(built_site, hashes)
    assert not copied, "runs of words copied from the source articles:\n" + "\n".join(copied)


def test_a_copied_sentence_is_found_and_its_page_named(built_site, tmp_path):
    """The check bites: a sentence planted in one page of a copy of the site is reported there,
    and the run of words that gave it away is shown. (The sentence and its 'source' are made
    up here, so no source article needs to be in the repository for the test.)"""
    source = ("Our made-up source says that a cold pack held on the sore spot "
              "for a short while can calm the ache behind the knee today.")
    site = shutil.copytree(built_site, tmp_path / "site")
    page = site / "conditions" / "bakers-cyst" / "index.html"
    html = page.read_text(encoding="utf-8")
    planted = "a cold pack held on the sore spot for a short while can calm the ache"
    page.write_text(html.replace("</article>", f"<p>Try this: {planted}.</p></article>", 1), encoding="utf-8")

    found = copied_runs(site, fingerprint([source]))
    assert found, "a planted sentence was not found"
    assert all(line.startswith("conditions/bakers-cyst/index.html: copied: '") for line in found), found
    assert "'a cold pack held on the sore spot for a'" in found[0]
    assert len(found) == len(planted.split()) - RUN + 1  # every run of the planted sentence, no others
    assert not copied_runs(built_site, fingerprint([source]))  # and the unplanted site is clean
