"""SQL identifiers in test helpers: a column or table name in double quotes, a double quote in it doubled (as
sqlite-utils' escape and core.filters.quote_identifier), so no name is ever read as SQL."""


def identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
