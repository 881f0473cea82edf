"""Every change the app or the CLI makes names its acting user (issue #12): no call falls back to the default.

save_dataset, rename_dataset, delete_dataset and remember_mapping keep `actor=LOCAL_USER` as a default only
for tests written before roles; a page or command that forgot the keyword would act as an admin.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHANGES = {
    "save_dataset",
    "rename_dataset",
    "delete_dataset",
    "remember_mapping",
    "add_user",
    "remove_user",
    "reset_password",
}


def _calls_without_actor(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    missing = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if name in CHANGES and "actor" not in {k.arg for k in node.keywords}:
            missing.append(f"{path.relative_to(root)}:{node.lineno} {name}")
    return missing


def test_every_workspace_change_in_the_app_and_the_cli_passes_the_acting_user():
    files = [ROOT / "app.py", *ROOT.glob("ui/*.py"), *ROOT.glob("views/*.py"), *ROOT.glob("core/**/*.py")]
    missing = [call for f in files for call in _calls_without_actor(f)]
    assert missing == []


def test_the_check_finds_a_call_that_forgot_the_actor(tmp_path):
    source = tmp_path / "page.py"
    source.write_text("workspace.delete_dataset(path, 3)\nworkspace.delete_dataset(path, 3, actor=user)\n")
    assert _calls_without_actor(source, root=tmp_path) == ["page.py:1 delete_dataset"]
