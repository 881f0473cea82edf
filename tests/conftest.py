import sys
from pathlib import Path

# tests import the project as a new user's checkout would: from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The app saves every upload to a workspace (issue #6). Tests never touch ./data/workspace or a workspace
# named in the caller's environment: a server started by a session fixture (tests/browser) gets one
# temporary folder, emptied before every test so each test's new session starts on the sample again,
# and each in-process test gets its own folder.
import os
import shutil
import tempfile

import pytest

SERVER_WORKSPACE = os.environ["KA_WORKSPACE"] = tempfile.mkdtemp(prefix="ka-workspace-")


@pytest.fixture(autouse=True)
def _own_workspace(monkeypatch, tmp_path):
    shutil.rmtree(SERVER_WORKSPACE, ignore_errors=True)
    monkeypatch.setenv("KA_WORKSPACE", str(tmp_path / "workspace"))
