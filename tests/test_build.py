"""The whole site builds with ``mkdocs build --strict``, and a bad record changes nothing."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project, mkdocs_build
from support import records, text_of


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_every_condition_page_has_its_warning_signs_and_review_dates(built_site):
    for record in records():
        page = built_site / "conditions" / record["id"] / "index.html"
        assert page.exists(), f"no page for {record['id']}"
        text = text_of(page.read_text())
        assert record["name"] in text
        for flag in record["red_flags"]:
            assert flag["sign"] in text, f"{record['id']}: warning sign missing: {flag['sign']}"
        day = int(str(record["reviewed"])[8:])
        assert re.search(rf"Checked against its sources: {day} \w+ {str(record['reviewed'])[:4]} · Next check due: ",
                         text)
        # honest labels: no record has had a clinical review, and each page says so
        assert "Not yet reviewed by a clinician" in text
        assert "Reviewed by" not in text and "Last reviewed" not in text


def test_care_cards_carry_their_tier_in_words(built_site):
    html = (built_site / "conditions/bakers-cyst/index.html").read_text()
    assert re.search(r'class="admonition emergency".*?Emergency: <a href="tel:999">call 999</a> or go to '
                     r'A&amp;E now if', html, re.DOTALL)
    assert re.search(r'class="admonition urgent".*?Urgent: get medical help today', html, re.DOTALL)
    assert re.search(r'class="admonition gp".*?Book an appointment', html, re.DOTALL)


def test_index_pages_link_every_generated_page(built_site):
    vocabulary = yaml.safe_load((ROOT / "content/symptoms.yaml").read_text())["symptoms"]
    az = (built_site / "conditions/index.html").read_text()
    for record in records():
        assert f'href="{record["id"]}/"' in az
    symptom_index = (built_site / "symptoms/index.html").read_text()
    for symptom in vocabulary:
        assert f'href="{symptom["id"]}/"' in symptom_index
        assert (built_site / "symptoms" / symptom["id"] / "index.html").exists()
    for page in ("where-it-hurts", "get-help-now", "finder"):
        assert (built_site / page / "index.html").exists()


def test_get_help_now_gathers_every_emergency_and_urgent_sign(built_site):
    text = text_of((built_site / "get-help-now/index.html").read_text())
    vocabulary = {s["id"]: s for s in yaml.safe_load((ROOT / "content/symptoms.yaml").read_text())["symptoms"]}
    for record in records():
        for flag in record["red_flags"]:
            if flag["urgency"] == "gp":
                continue
            # a sign about a vocabulary warning shows in the vocabulary's words; others in their own
            wanted = (vocabulary[flag["symptom"]].get("warning_sign") if flag.get("symptom") else None) or flag["sign"]
            assert wanted in text, f"{record['id']}: {wanted}"


def test_navigation_lists_index_pages_not_every_generated_page(built_site):
    html = (built_site / "about/index.html").read_text()
    links = {h for h in re.findall(r'<a href="([^"#]+)" class="md-nav__link', html)}
    assert {"../conditions/", "../symptoms/", "../get-help-now/", "../where-it-hurts/"} <= links
    assert not [h for h in links if re.search(r"(conditions|symptoms)/[a-z]", h)]


def test_settings_fill_hand_written_pages(built_site):
    assert "call 999 or go to A&E now" in text_of((built_site / "index.html").read_text())
    assert "{{" not in (built_site / "index.html").read_text()


@pytest.mark.site
def test_bad_record_stops_build_and_changes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    site = project / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = (tree_digest(project / "docs"), tree_digest(site))
    bad = (project / "content/conditions/bakers-cyst.yaml").read_text()
    bad = bad.replace("  - urgency: urgent", "  - urgency: urgnet").replace("id: bakers-cyst", "id: bakers-cist")
    (project / "content/conditions/bakers-cyst.yaml").write_text(bad)

    proc = mkdocs_build(project, site)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert "Traceback" not in out
    assert ("content/conditions/bakers-cyst.yaml:2: id: 'bakers-cist' does not match the file name "
            "'bakers-cyst.yaml'. Did you mean 'bakers-cyst'?") in out
    assert re.search(r"content/conditions/bakers-cyst\.yaml:\d+: red_flags\[2\]\.urgency: 'urgnet' is not one "
                     r"of emergency, urgent, gp\. Did you mean 'urgent'\?", out)
    assert (tree_digest(project / "docs"), tree_digest(site)) == before


@pytest.mark.site
def test_deleting_a_record_removes_its_page(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content/conditions/hamstring-strain.yaml").unlink()
    # other records may not name it; the index must no longer link it
    assert mkdocs_build(project, project / "site").returncode == 0
    assert not (project / "site/conditions/hamstring-strain").exists()
    assert "hamstring-strain/" not in (project / "site/conditions/index.html").read_text()


@pytest.mark.site
def test_export_command_writes_pages_atomically_and_skips_unchanged(tmp_path):
    out = tmp_path / "md"
    cmd = [sys.executable, "-m", "backofknee", "--root", str(ROOT), "export", str(out)]
    first = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert (out / "conditions/bakers-cyst.md").read_text().startswith("---\ntitle: \"Baker's cyst\"")
    assert ", 0 unchanged." in first.stdout
    mtime = (out / "conditions/bakers-cyst.md").stat().st_mtime_ns
    second = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert " 0 written," in second.stdout
    assert (out / "conditions/bakers-cyst.md").stat().st_mtime_ns == mtime
    assert not list(out.rglob("*.tmp"))


@pytest.mark.site
def test_export_command_reports_problems_without_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content/conditions/bakers-cyst.yaml").write_text("id: [unclosed\n")
    proc = subprocess.run([sys.executable, "-m", "backofknee", "--root", str(project), "export", str(tmp_path / "o")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.startswith("content/conditions/bakers-cyst.yaml:2: this is not valid YAML:")
    assert "Traceback" not in proc.stderr and not (tmp_path / "o").exists()
