"""The schema as the migrations build it, statement by statement.

Lint knows only what the files it reads create. A table first seen in an ALTER (created
before the linted files, or by SQL lint could not read) is `complete=False`: it holds just
the columns the files mention, and a rule on one of its other columns is neither confirmed
nor contradicted. Every column remembers where it got its current name and type, and where
its values come from (copied by CREATE TABLE AS / LIKE, or a foreign key), so a copy of a
masked column is recognised whatever its new name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Key = tuple[str, str]            # (schema, table)
ColumnKey = tuple[str, str, str]  # (schema, table, column)


@dataclass(frozen=True)
class Location:
    path: Path
    line: int


@dataclass(eq=False)
class Column:
    name: str
    type: str            # as written, "?" when lint never saw it
    family: str          # see hints.TYPE_FAMILIES, or "unknown"/"other"
    table: Table
    since: Location      # where it got its current name or type
    change: str          # added | renamed | retyped | copied
    source: Column | None = None   # where its values come from
    source_how: str = ""            # "copied" (CREATE TABLE AS, LIKE) or "references" (foreign key)
    previous_type: str | None = None
    previous_family: str | None = None
    alive: bool = True

    @property
    def key(self) -> ColumnKey:
        return (self.table.schema, self.table.name, self.name)


@dataclass(eq=False)
class Table:
    schema: str
    name: str
    kind: str            # table | matview | partition
    complete: bool       # its CREATE was read: every column is known
    created: Location | None
    columns: dict[str, Column] = field(default_factory=dict)
    alive: bool = True

    @property
    def key(self) -> Key:
        return (self.schema, self.name)


@dataclass(frozen=True)
class Removal:
    """A column or table that disappeared: dropped, or renamed/moved (then `now` is alive)."""
    location: Location
    how: str                       # "dropped", "renamed", "table dropped", "table renamed", ...
    column: Column | None = None
    table: Table | None = None


@dataclass
class Schema:
    tables: dict[Key, Table] = field(default_factory=dict)
    type_families: dict[Key, str] = field(default_factory=dict)   # domains and enums
    column_removals: dict[ColumnKey, Removal] = field(default_factory=dict)
    table_removals: dict[Key, Removal] = field(default_factory=dict)
    search_path: list[str] = field(default_factory=lambda: ["public"])

    # --- names -------------------------------------------------------------------------
    @property
    def creation_schema(self) -> str:
        return next((s for s in self.search_path if s), "public")

    def resolve(self, schema: str | None, name: str, catalog: dict | None = None) -> Key:
        """The key an unqualified name means now: the first schema on the path that has it."""
        if schema:
            return (schema, name)
        for candidate in self.search_path:
            if (candidate, name) in (self.tables if catalog is None else catalog):
                return (candidate, name)
        return (self.creation_schema, name)

    def find(self, schema: str | None, name: str) -> Table | None:
        return self.tables.get(self.resolve(schema, name))

    def table_for_change(self, schema: str | None, name: str, kind: str = "table") -> Table:
        """The table an ALTER names; one lint has not seen is created as incomplete."""
        table = self.find(schema, name)
        if table is None:
            key = self.resolve(schema, name)
            table = Table(key[0], key[1], kind, complete=False, created=None)
            self.tables[key] = table
        return table

    # --- tables ------------------------------------------------------------------------
    def create_table(self, key: Key, kind: str, where: Location, complete: bool = True) -> Table:
        old = self.tables.get(key)
        if old is not None:
            self._retire(old)
            self._remove_table(old, Removal(where, "table replaced"))
        table = Table(key[0], key[1], kind, complete, where)
        self.tables[key] = table
        return table

    def drop_table(self, table: Table, where: Location) -> None:
        self._retire(table)
        self._remove_table(table, Removal(where, "table dropped", table=table))

    @staticmethod
    def _retire(table: Table) -> None:
        table.alive = False
        for column in table.columns.values():
            column.alive = False

    def rename_table(self, table: Table, new_key: Key, where: Location) -> None:
        how = "table moved" if new_key[0] != table.schema else "table renamed"
        self._remove_table(table, Removal(where, how, table=table), keep_columns=True)
        if new_key in self.tables:
            self.drop_table(self.tables[new_key], where)
        table.schema, table.name = new_key
        self.tables[new_key] = table

    def _remove_table(self, table: Table, removal: Removal, keep_columns: bool = False) -> None:
        self.tables.pop(table.key, None)
        self.table_removals[table.key] = removal
        for column in table.columns.values():
            self.column_removals[column.key] = Removal(
                removal.location, removal.how, column=column if keep_columns else None, table=table)

    # --- columns -----------------------------------------------------------------------
    def add_column(self, table: Table, name: str, type_: str, family: str, where: Location,
                   change: str = "added") -> Column:
        column = Column(name, type_, family, table, where, change)
        table.columns[name] = column
        return column

    def drop_column(self, table: Table, name: str, where: Location) -> None:
        column = table.columns.pop(name, None)
        if column:
            column.alive = False
        self.column_removals[(table.schema, table.name, name)] = Removal(where, "dropped", table=table)

    def rename_column(self, table: Table, old: str, new: str, where: Location) -> None:
        column = table.columns.pop(old, None)
        if column is None:      # a column lint never saw: it now knows its new name only
            column = Column(new, "?", "unknown", table, where, "renamed")
        self.column_removals[(table.schema, table.name, old)] = Removal(
            where, "renamed", column=column, table=table)
        column.name, column.since, column.change = new, where, "renamed"
        table.columns[new] = column

    def retype_column(self, table: Table, name: str, type_: str, family: str, where: Location) -> None:
        column = table.columns.get(name)
        if column is None:
            column = self.add_column(table, name, "?", "unknown", where)
        column.previous_type, column.previous_family = column.type, column.family
        column.type, column.family = type_, family
        column.since, column.change = where, "retyped"

    def drop_schema(self, schema: str, where: Location) -> None:
        for table in [t for t in self.tables.values() if t.schema == schema]:
            self.drop_table(table, where)

    def rename_schema(self, old: str, new: str, where: Location) -> None:
        for table in [t for t in self.tables.values() if t.schema == old]:
            self.rename_table(table, (new, table.name), where)
