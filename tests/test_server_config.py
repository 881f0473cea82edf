"""The server settings in .streamlit/config.toml that the team's server depends on (issue #12)."""

import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def test_the_server_does_not_force_a_full_garbage_collection_after_every_script_run():
    # a forced gc.collect(2) holds the GIL: with several sessions, each run made every other session wait
    assert tomllib.loads(CONFIG.read_text(encoding="utf-8"))["runner"]["postScriptGC"] is False
