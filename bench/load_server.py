"""`streamlit run` with every script run timed, for bench/load.py (issue #12): `python bench/load_server.py run app.py …`.

The same server as `python -m streamlit`, with one line appended to the file named by KA_LOAD_RUNS per script
run (a page's run, a rerun after a widget change, a run stopped by st.rerun or st.stop):
`start (epoch s) <TAB> wall s <TAB> CPU s of the script thread <TAB> session id`. The script thread's CPU is
Python and whatever native code runs on that thread (DuckDB's own worker threads and Streamlit's event loop,
which sends the messages, are not in it: load.py reads the whole process's CPU from /proc beside it).
Nothing here changes what the app does; the app's own files know nothing of it.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web import cli

_LOG = open(os.environ["KA_LOAD_RUNS"], "a", buffering=1, encoding="ascii")  # noqa: SIM115 - the server's lifetime
_LOCK = threading.Lock()
_EXEC = script_runner.exec_func_with_error_handling


def _timed_exec(func, ctx):
    start, wall, cpu = time.time(), time.perf_counter(), time.thread_time()
    try:
        return _EXEC(func, ctx)
    finally:
        line = f"{start:.3f}\t{time.perf_counter() - wall:.4f}\t{time.thread_time() - cpu:.4f}\t{ctx.session_id}\n"
        with _LOCK:
            _LOG.write(line)


script_runner.exec_func_with_error_handling = _timed_exec

if __name__ == "__main__":
    sys.argv[0] = "streamlit"
    cli.main(prog_name="streamlit")
