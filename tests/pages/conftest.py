"""Fixtures shared by the page tests."""

from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module


@pytest.fixture
def downloads(monkeypatch):
    """fetch(at, key) -> the bytes a download button sends when pressed: its deferred data, built only then."""
    managers: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)

    def fetch(at: AppTest, key: str) -> bytes:
        button = next(b for b in at.get("download_button") if b.key == key)
        assert button.proto.HasField("deferred_file_id"), f"{key}: bytes built on every draw, not on the click"
        url = managers[-1].execute_deferred(button.proto.deferred_file_id)
        return managers[-1]._storage.get_file(url.rsplit("/", 1)[-1].split(".")[0]).content

    return fetch
