"""Bad files get a clear message naming the file, never a traceback, and leave loaded data intact."""

import pytest
from bad_files import BAD_FILES

from core import ingest, store
from core.errors import InputError


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_gets_a_clear_message_in_both_languages(kind):
    name, make, zh, en = BAD_FILES[kind]
    con = store.connect()
    with pytest.raises(InputError) as caught:
        ingest.load_file(con, make(), name)
    assert caught.value.message("zh").startswith(name) and zh in caught.value.message("zh")
    assert en in caught.value.message("en")


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_leaves_the_data_loaded_before_intact(kind):
    name, make, _, _ = BAD_FILES[kind]
    con = store.connect()
    ingest.load_file(con, "客户,日期,金额\n甲,2024-01-05,1\n乙,2024-01-06,2\n".encode(), "good.csv")
    with pytest.raises(InputError):
        ingest.load_file(con, make(), name)
    assert con.execute("select count(*) from orders").fetchall() == [(2,)]


def test_required_column_missing_names_the_missing_fields():
    with pytest.raises(InputError) as caught:
        ingest.load_file(store.connect(), "客户,备注\n甲,x\n".encode(), "o.csv")
    assert "订单日期" in caught.value.message("zh") and "金额" in caught.value.message("zh")
    assert "Order date, Amount" in caught.value.message("en")
