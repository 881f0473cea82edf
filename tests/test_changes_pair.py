"""Which pair "what changed" compares (issue #11): never two uploads of the same week by default, and
datasets of one label told apart. Weeks from weekly_files.py: week 1 as of 2024-06-30, week 2 as of 2024-07-12.
"""

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import weekly_files

from core import workspace
from core.changes import dataset_changes
from core.workspace import WorkspaceError

ROOT = Path(__file__).resolve().parent.parent
UPLOADED_AT = datetime(2024, 7, 15, tzinfo=UTC)


def _save(path, week: int, label: str, *, with_pipeline: bool = True) -> int:
    con, reports = weekly_files.loaded(week, with_pipeline=with_pipeline)
    return workspace.save_dataset(path, con, reports, label, uploaded_at=UPLOADED_AT)


@pytest.fixture
def week_2_twice(tmp_path):
    """#1 week-1 (06-30), #2 week-2 (07-12), #3 week-2 again (07-12, same label, no pipeline)."""
    _save(tmp_path, 1, "week-1")
    _save(tmp_path, 2, "week-2")
    _save(tmp_path, 2, "week-2", with_pipeline=False)
    return tmp_path


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_default_pair_is_the_latest_against_the_latest_with_an_earlier_as_of(week_2_twice):
    result = dataset_changes(week_2_twice)
    assert (result["from"]["id"], result["to"]["id"]) == (1, 3)  # not #2, the same week uploaded before
    assert len(result["tier_moves"]) == 4  # week 1 -> week 2 worked by hand: 丙 丁 戊 己


def test_default_from_is_earlier_than_the_to_given(week_2_twice):
    result = dataset_changes(week_2_twice, to_ref="2")
    assert result["from"]["id"] == 1


def test_two_uploads_of_the_same_week_can_still_be_compared_when_named(week_2_twice):
    result = dataset_changes(week_2_twice, from_ref="2", to_ref="3")
    assert result["tier_moves"] == [] and result["revenue_change"]["total"]["change"] == 0


def test_only_uploads_of_one_week_have_no_default_pair(tmp_path):
    _save(tmp_path, 2, "week-2")
    _save(tmp_path, 2, "week-2")
    with pytest.raises(WorkspaceError) as raised:
        dataset_changes(tmp_path)
    assert "No dataset has an as_of earlier than 2024-07-12" in raised.value.message("en")
    assert "没有截至日期早于 2024-07-12 的数据集" in raised.value.message("zh")


def test_datasets_of_one_label_are_told_apart_by_id_and_as_of(week_2_twice):
    names = workspace.dataset_names(workspace.list_datasets(week_2_twice))
    assert names == {1: "week-1 (2024-06-30)", 2: "week-2 (#2, 2024-07-12)", 3: "week-2 (#3, 2024-07-12)"}


def test_a_default_label_is_the_as_of_and_is_not_repeated(tmp_path):
    con, reports = weekly_files.loaded(1)
    workspace.save_dataset(tmp_path, con, reports)  # label defaults to the as_of
    workspace.save_dataset(tmp_path, con, reports)
    assert workspace.dataset_names(workspace.list_datasets(tmp_path)) == {1: "2024-06-30 (#1)", 2: "2024-06-30 (#2)"}


def test_changes_json_names_each_side(week_2_twice):
    result = dataset_changes(week_2_twice)
    assert (result["from"]["name"], result["to"]["name"]) == ("week-1 (2024-06-30)", "week-2 (#3, 2024-07-12)")


def test_cli_changes_defaults_to_an_earlier_as_of(week_2_twice):
    done = _cli("changes", "--workspace", str(week_2_twice), "--json")
    assert done.returncode == 0, done.stderr
    change = json.loads(done.stdout)
    assert (change["from"]["id"], change["to"]["id"]) == (1, 3)


def test_cli_changes_with_only_one_week_exits_with_one_line(tmp_path):
    _save(tmp_path, 2, "week-2")
    _save(tmp_path, 2, "week-2")
    done = _cli("changes", "--workspace", str(tmp_path), "--json")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "earlier than 2024-07-12" in done.stderr


def test_cli_datasets_json_says_which_datasets_have_a_pipeline(week_2_twice):
    listed = json.loads(_cli("datasets", "--workspace", str(week_2_twice), "--json").stdout)
    assert [(d["id"], d["has_pipeline"], d["pipeline_source"], d["pipeline_rows_loaded"]) for d in listed] == [
        (1, True, "pipeline_week1.csv", 4),
        (2, True, "pipeline_week2.csv", 5),
        (3, False, None, 0),
    ]
    assert [d["name"] for d in listed] == ["week-1 (2024-06-30)", "week-2 (#2, 2024-07-12)", "week-2 (#3, 2024-07-12)"]


def test_cli_datasets_in_words_names_the_pipeline_and_tells_labels_apart(week_2_twice):
    lines = _cli("datasets", "--workspace", str(week_2_twice)).stdout.splitlines()
    assert "week-2 (#2, 2024-07-12)" in lines[1] and "pipeline 5 rows (pipeline_week2.csv)" in lines[1]
    assert "week-2 (#3, 2024-07-12)" in lines[2] and lines[2].endswith("no pipeline")
