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


# ---- a command loading files (python -m core report / import): the limit follows the files' size ----------


def _file_of(tmp_path, name: str, size: int) -> str:
    path = tmp_path / name
    with open(path, "wb") as fh:
        fh.truncate(size)  # sparse: the size is what counts, not the bytes
    return str(path)


def test_a_commands_memory_is_one_and_a_half_times_its_files_with_a_floor_of_one_gib(monkeypatch, tmp_path):
    monkeypatch.delenv(store.MEMORY_LIMIT_ENV, raising=False)
    monkeypatch.setattr(os, "sysconf", {"SC_PAGE_SIZE": 4096, "SC_PHYS_PAGES": 16 * 1024**3 // 4096}.get)
    small = _file_of(tmp_path, "small.csv", 100 * 1024**2)
    large = _file_of(tmp_path, "large.csv", 2 * 1024**3)
    pipeline = _file_of(tmp_path, "pipeline.csv", 1024**3)
    assert store.file_memory_limit(small) == "1024MiB"  # 150 MiB is below the floor
    assert store.file_memory_limit(large) == "3072MiB"  # 1.5 x 2 GiB
    assert store.file_memory_limit(large, pipeline) == "4608MiB"  # both files load into the one database
    assert store.file_memory_limit(str(tmp_path / "missing.csv"), None) == "1024MiB"  # the load says it is missing


def test_a_command_never_gets_more_than_half_the_ram_nor_overrides_the_operators_limit(monkeypatch, tmp_path):
    monkeypatch.delenv(store.MEMORY_LIMIT_ENV, raising=False)
    monkeypatch.setattr(os, "sysconf", {"SC_PAGE_SIZE": 4096, "SC_PHYS_PAGES": 8 * 1024**3 // 4096}.get)
    huge = _file_of(tmp_path, "huge.csv", 4 * 1024**3)
    assert store.file_memory_limit(huge) is None  # 6 GiB is past half of 8 GiB: the default stands
    monkeypatch.setenv(store.MEMORY_LIMIT_ENV, "2GB")
    assert store.file_memory_limit(_file_of(tmp_path, "small.csv", 10)) is None


def test_a_connection_opened_for_a_file_holds_that_limit(monkeypatch):
    monkeypatch.delenv(store.MEMORY_LIMIT_ENV, raising=False)
    assert _settings(store.connect(memory_limit="1024MiB"))[0] == "1.0 GiB"


def test_the_report_command_opens_its_database_inside_its_files_limit(monkeypatch, tmp_path):
    from core import cli

    monkeypatch.delenv(store.MEMORY_LIMIT_ENV, raising=False)
    monkeypatch.setattr(os, "sysconf", {"SC_PAGE_SIZE": 4096, "SC_PHYS_PAGES": 16 * 1024**3 // 4096}.get)
    opened = []
    real_connect = store.connect

    def connect(path=":memory:", memory_limit=None):
        opened.append(memory_limit)
        return real_connect(path, memory_limit=memory_limit)

    monkeypatch.setattr(store, "connect", connect)
    orders = tmp_path / "orders.csv"
    orders.write_text("客户名称,订单日期,金额\n甲,2024-01-05,100.00\n", encoding="utf-8")
    assert cli.main(["report", str(orders), "--json", str(tmp_path / "out.json")]) == 0
    assert opened == ["1024MiB"]
