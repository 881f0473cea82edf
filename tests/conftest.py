import sys
from pathlib import Path

# tests import the project as a new user's checkout would: from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The app saves every upload to a workspace (issue #6). Tests never touch ./data/workspace or a workspace
# named in the caller's environment: a server started by a session fixture (tests/browser) gets one
# temporary folder, emptied before every test so each test's new session starts on the sample again,
# and each in-process test gets its own folder. The server's folder keeps ids/ (the ids handed out): as in
# a real workspace no id is used twice, and the running server caches a dataset's figures by path and id.
import os
import shutil
import tempfile

import pytest

SERVER_WORKSPACE = os.environ["KA_WORKSPACE"] = tempfile.mkdtemp(prefix="ka-workspace-")


def _empty_server_workspace() -> None:
    """Everything but ids/: without workspace.json the server sees no workspace, so a session opens on the
    sample; the next dataset saved gets an id no earlier test's dataset had."""
    root = Path(SERVER_WORKSPACE)
    for entry in root.iterdir() if root.is_dir() else ():
        if entry.name != "ids":
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


@pytest.fixture(autouse=True)
def _own_workspace(monkeypatch, tmp_path):
    _empty_server_workspace()
    monkeypatch.setenv("KA_WORKSPACE", str(tmp_path / "workspace"))
