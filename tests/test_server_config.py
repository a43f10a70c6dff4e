"""Server settings in .streamlit/config.toml that the app's speed depends on."""

from __future__ import annotations

import tomllib

from streamlit import config
from tests.conftest import ROOT


def test_reruns_skip_the_forced_garbage_collection():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["runner"]["postScriptGC"] is False
    assert config.get_option("runner.postScriptGC") in (True, False)  # Streamlit still has the option
