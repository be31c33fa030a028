"""The columns a SELECT produces (CREATE TABLE AS, SELECT INTO, materialized views): their
names as PostgreSQL would choose them, their types when lint can tell, and the table column
each one copies, so that `CREATE TABLE t AS SELECT email AS contact FROM users` is seen
as a copy of users.email."""

from __future__ import annotations

from dataclasses import dataclass, field

from pglast import ast

from pgscrub.lint import hints
from pgscrub.lint.schema import Column, Schema

# Functions whose result carries the same personal data as their first argument.
SAME_VALUE_FUNCTIONS = frozenset({"lower", "upper", "btrim", "ltrim", "rtrim", "trim", "initcap",
                                  "unaccent", "coalesce", "nullif", "min", "max", "any_value"})
FUNCTION_FAMILIES = {
    "count": "integer", "sum": "number", "avg": "number", "row_number": "integer", "rank": "integer",
    "length": "integer", "char_length": "integer", "now": "time", "clock_timestamp": "time",
    "statement_timestamp": "time", "transaction_timestamp": "time", "date_trunc": "time",
    "bool_and": "boolean", "bool_or": "boolean", "every": "boolean", "md5": "other",
    "gen_random_uuid": "uuid", "uuid_generate_v4": "uuid",
}


@dataclass
class Output:
    name: str
    type: str = "?"
    family: str = "unknown"
    source: Column | None = None


@dataclass
class Relation:
    """One FROM item: its name or alias, and the columns lint knows it has."""
    name: str
    columns: dict[str, Output]
    complete: bool


@dataclass
class QueryColumns:
    columns: list[Output]
    blind_spots: list[str] = field(default_factory=list)   # what lint could not see, for a warning


def type_display(type_name: ast.TypeName) -> str:
    from pglast.stream import RawStream
    return RawStream()(type_name)


def family_of(type_name: ast.TypeName, schema: Schema) -> str:
    """The family of a column type; domains and enums the migrations created are known."""
    names = [n.sval for n in type_name.names]
    if names[0] == "pg_catalog":
        return hints.type_family(names[-1], builtin=True)
    key = (names[0], names[-1]) if len(names) > 1 else schema.resolve(None, names[-1], schema.type_families)
    if key in schema.type_families:
        return schema.type_families[key]
    return hints.type_family(names[-1]) if len(names) == 1 else "unknown"


def figure_name(node) -> str:
    """PostgreSQL's FigureColname for the expressions migrations use."""
    if isinstance(node, ast.ColumnRef):
        last = node.fields[-1]
        return last.sval if isinstance(last, ast.String) else "?column?"
    if isinstance(node, ast.FuncCall):
        return node.funcname[-1].sval
    if isinstance(node, ast.TypeCast):
        name = figure_name(node.arg)
        return name if name != "?column?" else node.typeName.names[-1].sval
    if isinstance(node, ast.CollateClause):
        return figure_name(node.arg)
    if isinstance(node, ast.A_Indirection) and isinstance(node.indirection[-1], ast.String):
        return node.indirection[-1].sval
    if isinstance(node, ast.CoalesceExpr):
        return "coalesce"
    if isinstance(node, ast.CaseExpr):
        return "case"
    if isinstance(node, ast.SubLink):
        return {0: "exists", 6: "array"}.get(int(node.subLinkType), "?column?")
    return "?column?"


class QueryReader:
    def __init__(self, schema: Schema):
        self.schema = schema

    def columns(self, stmt, ctes: dict[str, QueryColumns] | None = None) -> QueryColumns:
        ctes = dict(ctes or {})
        if isinstance(stmt, ast.SelectStmt) and stmt.withClause:
            for cte in stmt.withClause.ctes:
                ctes[cte.ctename] = self.columns(cte.ctequery, ctes)
        if not isinstance(stmt, ast.SelectStmt):
            return QueryColumns([], [f"the columns of a {type(stmt).__name__.removesuffix('Stmt')} query"])
        if stmt.larg is not None:        # UNION/INTERSECT/EXCEPT: names come from the first branch
            return self.columns(stmt.larg, ctes)
        if stmt.valuesLists:
            first = stmt.valuesLists[0]
            return QueryColumns([self._output(f"column{i + 1}", value, [])
                                 for i, value in enumerate(first)])
        blind: list[str] = []
        relations = [r for item in stmt.fromClause or () for r in self._relations(item, ctes, blind)]
        out: list[Output] = []
        for target in stmt.targetList or ():
            value = target.val
            if isinstance(value, ast.ColumnRef) and isinstance(value.fields[-1], ast.A_Star):
                out += self._expand_star(value, relations, blind)
            else:
                out.append(self._output(target.name or figure_name(value), value, relations))
        return QueryColumns(out, blind)

    # --- FROM ----------------------------------------------------------------------------
    def _relations(self, item, ctes, blind) -> list[Relation]:
        if isinstance(item, ast.RangeVar):
            alias = item.alias.aliasname if item.alias else item.relname
            if item.schemaname is None and item.relname in ctes:
                return [Relation(alias, {c.name: c for c in ctes[item.relname].columns}, True)]
            table = self.schema.find(item.schemaname, item.relname)
            if table is None:
                return [Relation(alias, {}, False)]
            columns = {name: Output(name, c.type, c.family, c) for name, c in table.columns.items()}
            return [Relation(alias, columns, table.complete)]
        if isinstance(item, ast.RangeSubselect):
            inner = self.columns(item.subquery, ctes)
            blind += inner.blind_spots
            alias = item.alias.aliasname if item.alias else "?subquery?"
            return [Relation(alias, {c.name: c for c in inner.columns}, True)]
        if isinstance(item, ast.JoinExpr):
            return self._relations(item.larg, ctes, blind) + self._relations(item.rarg, ctes, blind)
        alias = item.alias.aliasname if getattr(item, "alias", None) else "?"
        return [Relation(alias, {}, False)]

    def _expand_star(self, ref: ast.ColumnRef, relations, blind) -> list[Output]:
        qualifier = [f.sval for f in ref.fields[:-1]]
        chosen = [r for r in relations if not qualifier or r.name == qualifier[-1]]
        for relation in chosen:
            if not relation.complete:
                blind.append(f"the columns of {relation.name} (SELECT *): lint did not read its CREATE")
        return [c for r in chosen for c in r.columns.values()]

    def _find(self, ref: ast.ColumnRef, relations) -> Output | None:
        names = [f.sval for f in ref.fields if isinstance(f, ast.String)]
        column = names[-1]
        qualifier = names[-2] if len(names) > 1 else None
        for relation in relations:
            if qualifier and relation.name != qualifier:
                continue
            if column in relation.columns:
                return relation.columns[column]
        return None

    # --- expressions ---------------------------------------------------------------------
    def _output(self, name: str, value, relations) -> Output:
        type_, family, source = self._describe(value, relations)
        return Output(name, type_, family, source)

    def _describe(self, value, relations) -> tuple[str, str, Column | None]:
        """(type as written, family, copied column) of an expression, as far as lint can tell."""
        if isinstance(value, ast.ColumnRef):
            found = self._find(value, relations)
            return (found.type, found.family, found.source) if found else ("?", "unknown", None)
        if isinstance(value, ast.TypeCast):
            _, _, source = self._describe(value.arg, relations)
            return type_display(value.typeName), family_of(value.typeName, self.schema), source
        if isinstance(value, (ast.FuncCall, ast.CoalesceExpr)):
            name = value.funcname[-1].sval if isinstance(value, ast.FuncCall) else "coalesce"
            if name in SAME_VALUE_FUNCTIONS and value.args:
                return self._describe(value.args[0], relations)
            return "?", FUNCTION_FAMILIES.get(name, "unknown"), None
        if isinstance(value, ast.A_Const):
            if value.isnull:
                return "?", "unknown", None
            return {ast.Integer: ("integer", "integer", None), ast.Float: ("numeric", "number", None),
                    ast.Boolean: ("boolean", "boolean", None)}.get(type(value.val), ("text", "text", None))
        if isinstance(value, (ast.BoolExpr, ast.NullTest, ast.BooleanTest)):
            return "boolean", "boolean", None
        if isinstance(value, ast.A_Expr):
            operator = value.name[-1].sval if value.name else ""
            if operator == "||":
                return "text", "text", None
            if operator in ("=", "<>", "<", ">", "<=", ">=", "~", "~*", "!~", "!~*", "~~", "~~*"):
                return "boolean", "boolean", None
            return "?", "number" if operator in ("+", "-", "*", "/", "%") else "unknown", None
        if isinstance(value, ast.SQLValueFunction):
            return "?", "time", None
        return "?", "unknown", None
