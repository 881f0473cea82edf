"""`streamlit run` with every script run timed, for bench/load.py (issue #12): `python bench/load_server.py run app.py …`.

The same server as `python -m streamlit`, with one line appended to the file named by KA_LOAD_RUNS per script
run (a page's run, a rerun after a widget change, a run stopped by st.rerun or st.stop) and per garbage
collection Streamlit forces after a run (`runner.postScriptGC`, on by default):
`run|gc <TAB> start (epoch s) <TAB> wall s <TAB> CPU s of the thread <TAB> session id`. The script thread's CPU
is Python and whatever native code runs on that thread (DuckDB's own worker threads and Streamlit's event
loop, which sends the messages, are not in it: load.py reads the whole process's CPU from /proc beside it).
A forced collection holds the GIL throughout: every other session's script and the event loop wait for it.
Nothing here changes what the app does; the app's own files know nothing of it.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web import cli

_LOG = open(os.environ["KA_LOAD_RUNS"], "a", buffering=1, encoding="ascii")  # noqa: SIM115 - the server's lifetime
_LOCK = threading.Lock()
_EXEC = script_runner.exec_func_with_error_handling


def _log(kind: str, start: float, clock: float, cpu: float, who: str) -> None:
    """One line: its start (epoch), and the wall and thread-CPU seconds since `clock` and `cpu` were read."""
    line = f"{kind}\t{start:.3f}\t{time.perf_counter() - clock:.4f}\t{time.thread_time() - cpu:.4f}\t{who}\n"
    with _LOCK:
        _LOG.write(line)


def _timed_exec(func, ctx):
    start, wall, cpu = time.time(), time.perf_counter(), time.thread_time()
    try:
        return _EXEC(func, ctx)
    finally:
        _log("run", start, wall, cpu, ctx.session_id)


class _TimedGc:
    """script_runner's `gc`, with collect() timed; everything else is the gc module's."""

    def __getattr__(self, name):
        return getattr(gc, name)

    def collect(self, generation: int = 2) -> int:
        start, wall, cpu = time.time(), time.perf_counter(), time.thread_time()
        try:
            return gc.collect(generation)
        finally:
            _log("gc", start, wall, cpu, threading.current_thread().name)


script_runner.exec_func_with_error_handling = _timed_exec
script_runner.gc = _TimedGc()

if __name__ == "__main__":
    sys.argv[0] = "streamlit"
    cli.main(prog_name="streamlit")
