"""Apply migration files to the lint's model of the schema, one statement at a time.

Followed: CREATE TABLE (columns, LIKE, INHERITS, foreign keys), CREATE TABLE AS, SELECT INTO,
CREATE MATERIALIZED VIEW, ALTER TABLE ADD/DROP COLUMN, ALTER COLUMN TYPE, ADD FOREIGN KEY,
RENAME COLUMN, RENAME TO, SET SCHEMA, DROP TABLE / MATERIALIZED VIEW / SCHEMA CASCADE,
ALTER SCHEMA RENAME, CREATE SCHEMA with elements, CREATE DOMAIN / TYPE AS ENUM, SET search_path,
and the static statements inside DO blocks. Dynamic SQL (EXECUTE) gets a warning: lint cannot
know what it runs. Temporary tables, views and partitions (their columns are the parent's)
are not followed.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable

import pglast
from pglast import ast, parser
from pglast.enums import AlterTableType, ConstrType, ObjectType, VariableSetKind

from pgscrub.lint.findings import SYNTAX_ERROR, Collector
from pgscrub.lint.query import QueryReader, family_of, type_display
from pgscrub.lint.schema import Location, Schema, Table
from pgscrub.lint.sources import Source

Where = Callable[[int | None], Location]
_LEADING = re.compile(r"(?:\s+|--[^\n]*|/\*.*?\*/)*", re.S)
TABLE_KINDS = {ObjectType.OBJECT_TABLE: "table", ObjectType.OBJECT_MATVIEW: "matview"}


class Follower:
    def __init__(self, schema: Schema, collector: Collector):
        self.schema = schema
        self.collector = collector
        self.queries = QueryReader(schema)

    # --- files ---------------------------------------------------------------------------
    def follow(self, source: Source) -> None:
        for line, code, note in source.notes:
            self.collector.warn(source.path, line, note, code=code)
        starts = [0] + [m.end() for m in re.finditer("\n", source.text)]

        def line_of(offset: int) -> int:
            return bisect.bisect_right(starts, offset)

        for base, stop, statements in self._parse(source, line_of):
            for raw in statements:
                start = base + raw.stmt_location
                end = start + raw.stmt_len if raw.stmt_len else stop     # 0: to the end
                text = source.text[start:end]
                stmt_line = line_of(_LEADING.match(source.text, start).end())

                def where(offset, base=base, stmt_line=stmt_line):
                    return Location(source.path, stmt_line if offset is None or offset < 0
                                    else line_of(base + offset))
                self.statement(raw.stmt, where, text)

    def _parse(self, source: Source, line_of):
        """(start, stop, statements) pieces; after a syntax error, statements are parsed alone."""
        try:
            yield 0, len(source.text), pglast.parse_sql(source.text)
            return
        except parser.ParseError:
            pass
        for piece in _pieces(source.text):
            try:
                yield piece.start, piece.stop, pglast.parse_sql(source.text[piece])
            except parser.ParseError as exc:
                message, offset = _one_line(exc.args[0]), exc.args[1] if len(exc.args) > 1 else None
                line = line_of(piece.start + offset) if offset is not None else line_of(piece.stop - 1)
                self.collector.add(SYNTAX_ERROR, "error", source.path, line,
                                   f"{message}; lint skipped this statement, "
                                   "so later findings about its tables may be off")

    # --- statements ----------------------------------------------------------------------
    def statement(self, stmt, where: Where, text: str) -> None:
        handler = getattr(self, f"_on_{type(stmt).__name__}", None)
        if handler:
            handler(stmt, where, text)

    def _on_CreateStmt(self, stmt: ast.CreateStmt, where: Where, text: str) -> None:
        relation = stmt.relation
        if relation.relpersistence == "t" or stmt.partbound is not None:
            return
        key = self.schema.resolve(relation.schemaname, relation.relname)
        if stmt.if_not_exists and key in self.schema.tables:
            return
        self._warn_if_exists(key, where(relation.location))
        table = self.schema.create_table(key, "table", where(relation.location))
        for parent in stmt.inhRelations or ():
            self._copy_columns(table, parent, where(parent.location), "INHERITS")
        for element in stmt.tableElts or ():
            if isinstance(element, ast.ColumnDef):
                column = self.schema.add_column(
                    table, element.colname, type_display(element.typeName),
                    family_of(element.typeName, self.schema), where(element.location))
                for constraint in element.constraints or ():
                    if constraint.contype == ConstrType.CONSTR_FOREIGN:
                        self._reference(table, [column.name], constraint)
            elif isinstance(element, ast.TableLikeClause):
                self._copy_columns(table, element.relation, where(element.relation.location), "LIKE")
            elif isinstance(element, ast.Constraint) and element.contype == ConstrType.CONSTR_FOREIGN:
                self._reference(table, [a.sval for a in element.fk_attrs], element)

    def _warn_if_exists(self, key, at: Location) -> None:
        if key in self.schema.tables:
            self.collector.warn(at.path, at.line,
                                f"{key[0]}.{key[1]} already exists at this point: are the files in "
                                "the order their tool applies them? (docs/lint.md, file order)")

    def _copy_columns(self, table: Table, relation: ast.RangeVar, at: Location, how: str) -> None:
        """LIKE and INHERITS: the new table gets the source's columns, and the same kind of data."""
        source = self.schema.find(relation.schemaname, relation.relname)
        if source is None or not source.complete:
            table.complete = False
            self.collector.warn(at.path, at.line,
                                f"{how} {relation.relname}: lint did not read its CREATE TABLE, so it "
                                f"cannot check the columns {table.name} gets from it")
        for column in (source.columns.values() if source else ()):
            copy = self.schema.add_column(table, column.name, column.type, column.family, at, "copied")
            copy.source, copy.source_how = column, "copied"

    def _reference(self, table: Table, columns: list[str], constraint: ast.Constraint) -> None:
        target = self.schema.find(constraint.pktable.schemaname, constraint.pktable.relname)
        if target is None:
            return
        target_columns = [a.sval for a in constraint.pk_attrs or ()]   # none: the primary key
        for name, target_name in zip(columns, target_columns, strict=False):
            if name in table.columns and target_name in target.columns:
                table.columns[name].source = target.columns[target_name]
                table.columns[name].source_how = "references"

    def _on_CreateTableAsStmt(self, stmt: ast.CreateTableAsStmt, where: Where, text: str) -> None:
        kind = TABLE_KINDS.get(stmt.objtype)
        if kind:
            self._create_from_query(stmt.into, stmt.query, kind, where, stmt.if_not_exists)

    def _on_SelectStmt(self, stmt: ast.SelectStmt, where: Where, text: str) -> None:
        if stmt.intoClause is not None:
            self._create_from_query(stmt.intoClause, stmt, "table", where)
        else:
            self._maybe_set_config(stmt)

    def _create_from_query(self, into: ast.IntoClause, query, kind: str, where: Where,
                           if_not_exists: bool = False) -> None:
        relation = into.rel
        if relation.relpersistence == "t":
            return
        at = where(relation.location)
        key = self.schema.resolve(relation.schemaname, relation.relname)
        if if_not_exists and key in self.schema.tables:
            return
        self._warn_if_exists(key, at)
        read = self.queries.columns(query)
        for blind in read.blind_spots:
            self.collector.warn(at.path, at.line, f"cannot see {blind}")
        names = [n.sval for n in into.colNames or ()]
        table = self.schema.create_table(key, kind, at, complete=not read.blind_spots)
        for index, output in enumerate(read.columns):
            name = names[index] if index < len(names) else output.name
            column = self.schema.add_column(table, name, output.type, output.family, at, "added")
            if output.source is not None:
                column.source, column.source_how = output.source, "copied"

    def _on_AlterTableStmt(self, stmt: ast.AlterTableStmt, where: Where, text: str) -> None:
        kind = TABLE_KINDS.get(stmt.objtype)
        if kind is None:
            return
        table = self.schema.table_for_change(stmt.relation.schemaname, stmt.relation.relname, kind)
        at = where(None)
        for cmd in stmt.cmds:
            if cmd.subtype == AlterTableType.AT_AddColumn:
                definition = cmd.def_
                if cmd.missing_ok and definition.colname in table.columns:
                    continue
                column = self.schema.add_column(
                    table, definition.colname, type_display(definition.typeName),
                    family_of(definition.typeName, self.schema), where(definition.location))
                for constraint in definition.constraints or ():
                    if constraint.contype == ConstrType.CONSTR_FOREIGN:
                        self._reference(table, [column.name], constraint)
            elif cmd.subtype == AlterTableType.AT_DropColumn:
                self.schema.drop_column(table, cmd.name, at)
            elif cmd.subtype == AlterTableType.AT_AlterColumnType:
                type_name = cmd.def_.typeName
                self.schema.retype_column(table, cmd.name, type_display(type_name),
                                          family_of(type_name, self.schema), at)
            elif (cmd.subtype == AlterTableType.AT_AddConstraint
                  and cmd.def_.contype == ConstrType.CONSTR_FOREIGN):
                self._reference(table, [a.sval for a in cmd.def_.fk_attrs], cmd.def_)

    def _on_RenameStmt(self, stmt: ast.RenameStmt, where: Where, text: str) -> None:
        at = where(None)
        if stmt.renameType == ObjectType.OBJECT_SCHEMA:
            self.schema.rename_schema(stmt.subname, stmt.newname, at)
            return
        if stmt.renameType == ObjectType.OBJECT_COLUMN and stmt.relationType in TABLE_KINDS:
            table = self.schema.table_for_change(stmt.relation.schemaname, stmt.relation.relname,
                                                 TABLE_KINDS[stmt.relationType])
            self.schema.rename_column(table, stmt.subname, stmt.newname, at)
        elif stmt.renameType in TABLE_KINDS:
            table = self.schema.table_for_change(stmt.relation.schemaname, stmt.relation.relname,
                                                 TABLE_KINDS[stmt.renameType])
            self.schema.rename_table(table, (table.schema, stmt.newname), at)

    def _on_AlterObjectSchemaStmt(self, stmt: ast.AlterObjectSchemaStmt, where: Where, text: str) -> None:
        if stmt.objectType in TABLE_KINDS:
            table = self.schema.table_for_change(stmt.relation.schemaname, stmt.relation.relname,
                                                 TABLE_KINDS[stmt.objectType])
            self.schema.rename_table(table, (stmt.newschema, table.name), where(None))

    def _on_DropStmt(self, stmt: ast.DropStmt, where: Where, text: str) -> None:
        at = where(None)
        if stmt.removeType == ObjectType.OBJECT_SCHEMA:
            for name in stmt.objects:
                self.schema.drop_schema(name.sval, at)
        elif stmt.removeType in TABLE_KINDS:
            for names in stmt.objects:
                parts = [n.sval for n in names]
                table = self.schema.table_for_change(parts[-2] if len(parts) > 1 else None, parts[-1],
                                                     TABLE_KINDS[stmt.removeType])
                self.schema.drop_table(table, at)

    def _on_CreateSchemaStmt(self, stmt: ast.CreateSchemaStmt, where: Where, text: str) -> None:
        saved = self.schema.search_path
        self.schema.search_path = [stmt.schemaname or "public"]
        try:
            for element in stmt.schemaElts or ():
                self.statement(element, where, text)
        finally:
            self.schema.search_path = saved

    def _on_CreateDomainStmt(self, stmt: ast.CreateDomainStmt, where: Where, text: str) -> None:
        names = [n.sval for n in stmt.domainname]
        key = self.schema.resolve(names[0] if len(names) > 1 else None, names[-1], {})
        self.schema.type_families[key] = family_of(stmt.typeName, self.schema)

    def _on_CreateEnumStmt(self, stmt: ast.CreateEnumStmt, where: Where, text: str) -> None:
        names = [n.sval for n in stmt.typeName]
        key = self.schema.resolve(names[0] if len(names) > 1 else None, names[-1], {})
        self.schema.type_families[key] = "other"     # a fixed list of labels is not personal data

    def _on_VariableSetStmt(self, stmt: ast.VariableSetStmt, where: Where, text: str) -> None:
        if stmt.name != "search_path":
            return
        if stmt.kind == VariableSetKind.VAR_SET_VALUE:
            self._set_search_path([a.val.sval for a in stmt.args if isinstance(a.val, ast.String)])
        elif stmt.kind in (VariableSetKind.VAR_SET_DEFAULT, VariableSetKind.VAR_RESET):
            self.schema.search_path = ["public"]

    def _maybe_set_config(self, stmt: ast.SelectStmt) -> None:
        """pg_dump's SELECT pg_catalog.set_config('search_path', '', false)."""
        for target in stmt.targetList or ():
            call = target.val
            if (isinstance(call, ast.FuncCall) and call.funcname[-1].sval == "set_config"
                    and len(call.args or ()) >= 2
                    and all(isinstance(a, ast.A_Const) and isinstance(a.val, ast.String) for a in call.args[:2])
                    and call.args[0].val.sval == "search_path"):
                self._set_search_path([p.strip().strip('"') for p in call.args[1].val.sval.split(",")])

    def _set_search_path(self, schemas: list[str]) -> None:
        self.schema.search_path = [s for s in schemas if s and s != "$user"] or [""]

    # --- procedural code -------------------------------------------------------------------
    def _on_DoStmt(self, stmt: ast.DoStmt, where: Where, text: str) -> None:
        options = {o.defname: o for o in stmt.args}
        body = options["as"]
        language = options["language"].arg.sval if "language" in options else "plpgsql"
        at = where(None)
        if language != "plpgsql":
            self.collector.warn(at.path, at.line, f"DO block in {language}: lint cannot see what it does")
            return
        try:
            tree = pglast.parse_plpgsql(text)
        except parser.ParseError:
            self.collector.warn(at.path, at.line, "DO block lint could not read: it cannot see what it does")
            return
        body_line = where(body.arg_location).line if body.arg_location is not None else at.line
        for kind, line, query in _plpgsql_statements(tree):
            here = Location(at.path, body_line + line - 1)
            if kind == "dynamic":
                self.collector.warn(here.path, here.line,
                                    "DO block runs EXECUTE: lint cannot see the SQL it builds")
                continue
            try:
                inner = pglast.parse_sql(query)
            except parser.ParseError:
                continue
            for raw in inner:
                self.statement(raw.stmt, lambda offset, here=here: here, query)

    def _on_CreateFunctionStmt(self, stmt: ast.CreateFunctionStmt, where: Where, text: str) -> None:
        options = {o.defname: o for o in stmt.options or ()}
        language = options["language"].arg.sval if "language" in options else "sql"
        if language != "plpgsql":
            return
        what = "procedure" if stmt.is_procedure else "function"
        name = ".".join(n.sval for n in stmt.funcname)
        at = where(None)
        try:
            dynamic = any(kind == "dynamic" for kind, _, _ in _plpgsql_statements(pglast.parse_plpgsql(text)))
        except parser.ParseError:
            dynamic = bool(re.search(r"\bEXECUTE\b", text, re.I))
        if dynamic:
            self.collector.warn(at.path, at.line,
                                f"{what} {name} runs EXECUTE: lint cannot see the SQL it builds when it is called")


def _one_line(message: str, limit: int = 60) -> str:
    """The parser quotes the rest of the input after an unterminated string: keep it short."""
    first = message.splitlines()[0] if message else message
    if first != message or len(first) > limit + 30:
        return first[:limit] + '..."'
    return first


def _pieces(text: str):
    """Statement slices cut at top-level semicolons by the scanner, kept even when unfinished.

    Used only after a syntax error (pglast's split drops an unfinished last statement); a
    semicolon inside BEGIN ATOMIC ... END also cuts, which at worst reports a second error.
    """
    try:
        tokens = parser.scan(text)
    except parser.ParseError as exc:        # unterminated quote or comment: cut before it
        end = exc.args[1] if len(exc.args) > 1 and exc.args[1] is not None else 0
        try:
            tokens = parser.scan(text[:end])
        except parser.ParseError:
            tokens = []
    start = 0
    for token in tokens:
        if token.name == "ASCII_59":
            yield slice(start, token.end + 1)
            start = token.end + 1
    if text[start:].strip():
        yield slice(start, len(text))


def _plpgsql_statements(tree):
    """(kind, line in the body, SQL) for every statement of a PL/pgSQL body, at any depth."""
    if isinstance(tree, dict):
        for name, value in tree.items():
            if name == "PLpgSQL_stmt_dynexecute" or name == "PLpgSQL_stmt_dynfors":
                yield "dynamic", value.get("lineno", 1), None
            elif name == "PLpgSQL_stmt_execsql" and not value.get("into"):
                yield "static", value.get("lineno", 1), value["sqlstmt"]["PLpgSQL_expr"]["query"]
            yield from _plpgsql_statements(value)
    elif isinstance(tree, list):
        for item in tree:
            yield from _plpgsql_statements(item)
