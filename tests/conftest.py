import sys
from pathlib import Path

# tests import the project as a new user's checkout would: from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The app saves every upload to a workspace (issue #6). Tests never touch ./data/workspace: a server
# started by a session fixture gets one fresh folder per run, and each test gets its own.
import os
import tempfile

import pytest

os.environ.setdefault("KA_WORKSPACE", tempfile.mkdtemp(prefix="ka-workspace-"))


@pytest.fixture(autouse=True)
def _own_workspace(monkeypatch, tmp_path):
    monkeypatch.setenv("KA_WORKSPACE", str(tmp_path / "workspace"))
