"""Files that are not a sales table at all: each refused with one sentence naming the file."""

from __future__ import annotations

from tests.bad_files import BAD_FILES
from tests.bad_input.case import Case

CASES = [Case(name, file_name, make, refused=(zh, en)) for name, (file_name, make, zh, en) in BAD_FILES.items()]
