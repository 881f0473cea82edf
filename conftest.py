"""Empty on purpose: pytest puts the directory of a rootdir conftest.py on sys.path, so tests import `core`."""
