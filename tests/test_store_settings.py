"""DuckDB's memory limit and spill folder are set on every connection, and overridable (issue #13)."""

import os
import tempfile

import duckdb
import pytest

from core import store


def _settings(con) -> tuple[str, str]:
    return con.execute("select current_setting('memory_limit'), current_setting('temp_directory')").fetchall()[0]


def test_a_connection_gets_half_the_memory_and_spills_to_the_system_temp_folder(monkeypatch):
    monkeypatch.delenv(store.MEMORY_LIMIT_ENV, raising=False)
    monkeypatch.delenv(store.TEMP_DIRECTORY_ENV, raising=False)
    memory, temp = _settings(store.connect())
    # DuckDB's own default is 80% of RAM; half of it is what duckdb itself computes for '50%'
    assert (
        memory
        == duckdb.connect(config={"memory_limit": "50%"})
        .execute("select current_setting('memory_limit')")
        .fetchall()[0][0]
    )
    assert memory != _settings(duckdb.connect())[0]
    assert temp == os.path.join(tempfile.gettempdir(), "ka-duckdb")


def test_the_environment_overrides_the_memory_limit_and_the_spill_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(store.MEMORY_LIMIT_ENV, "512MB")
    monkeypatch.setenv(store.TEMP_DIRECTORY_ENV, str(tmp_path / "spill"))
    # 512 MB = 512,000,000 bytes = 488.28 MiB, which DuckDB prints to one decimal
    assert _settings(store.connect()) == ("488.2 MiB", str(tmp_path / "spill"))


def test_a_memory_limit_duckdb_cannot_read_names_the_variable(monkeypatch):
    monkeypatch.setenv(store.MEMORY_LIMIT_ENV, "lots")
    with pytest.raises(ValueError, match="KA_DUCKDB_MEMORY_LIMIT must be a size such as 8GB"):
        store.connect()


def test_a_load_past_the_memory_limit_spills_and_completes(monkeypatch, tmp_path):
    """A sort of ~60 MB of rows inside a 32 MB limit finishes by spilling to the configured folder."""
    monkeypatch.setenv(store.MEMORY_LIMIT_ENV, "32MB")
    monkeypatch.setenv(store.TEMP_DIRECTORY_ENV, str(tmp_path / "spill"))
    con = store.connect()
    con.execute("set threads = 1")
    con.execute("create table t as select i, md5(i::varchar) as h from range(1000000) as r(i)")
    # the largest hash's row: sorting all million rows needs more than 32 MB
    top = con.execute("select i from (select i, h from t order by h desc) limit 1").fetchall()[0][0]
    assert top == con.execute("select arg_max(i, h) from t").fetchall()[0][0]
    assert con.execute("select sum(i) from t").fetchall()[0][0] == 999_999 * 1_000_000 // 2
