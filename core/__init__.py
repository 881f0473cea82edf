"""Key-account dashboard core: reading files, mapping, the DuckDB store, analytics. Never imports streamlit."""
