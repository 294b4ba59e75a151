"""MkDocs runs the build step as a plugin found by its entry point: no hooks, no path tricks,
and a misspelt plugin option is reported."""

from __future__ import annotations

import pytest
from backofknee.plugin import BackOfKneePlugin
from conftest import ROOT
from mkdocs.config import load_config
from mkdocs.exceptions import Abort


def test_mkdocs_loads_the_plugin_by_its_entry_point_and_runs_no_hooks():
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert isinstance(config.plugins["backofknee"], BackOfKneePlugin)
    assert not config.hooks
    assert not [name for name in config.plugins if name.endswith(".py")]


def test_a_misspelt_option_is_reported(caplog):
    with pytest.raises(Abort):
        load_config(str(ROOT / "mkdocs.yml"), strict=True, plugins=[{"backofknee": {"emergency_numbr": "999"}}])
    assert "Unrecognised configuration name: emergency_numbr" in caplog.text
