"""PartiQL -> expression requests: a syntax tree, its table and its parameters become the
Query, Scan, PutItem, UpdateItem, DeleteItem (or transaction entry) DynamoDB would run.

Every name goes through ``ExpressionAttributeNames`` and every value through
``ExpressionAttributeValues``, so the expression engine checks types, sizes and index
rules exactly as it does for expression requests: one set of item rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from .._errors import ValidationException
from .._table import TableState
from .._types import type_of
from . import _ast as ast
from . import _messages as msg
from ._parser import CONDITION_FUNCTIONS, make_set

__all__ = [
    "Exprs",
    "Plan",
    "bind",
    "key_terms",
    "plan_select",
    "plan_write",
    "projection_expression",
]

_ORDERING = ("<", "<=", ">", ">=")
_UNORDERED = ("BOOL", "NULL", "L", "M", "SS", "NS", "BS")


def bind(node: Any, params: Sequence[Any]) -> Any:
    """The native value of a literal, parameter or container of them."""
    if isinstance(node, ast.Literal):
        return node.value
    if isinstance(node, ast.Param):
        return params[node.index]
    if isinstance(node, ast.ListOf):
        return [bind(v, params) for v in node.items]
    if isinstance(node, ast.MapOf):
        return {k: bind(v, params) for k, v in node.pairs}
    if isinstance(node, ast.SetOf):
        return make_set([bind(v, params) for v in node.items])
    raise AssertionError(node)


def _is_value(node: Any) -> bool:
    return isinstance(node, (ast.Literal, ast.Param, ast.ListOf, ast.MapOf, ast.SetOf))


class Exprs:
    """Names and values of one request, as placeholders are handed out."""

    def __init__(self, params: Sequence[Any]) -> None:
        self.params = params
        self.names: dict[str, str] = {}
        self.values: dict[str, Any] = {}
        self._by_name: dict[str, str] = {}

    def copy(self) -> Exprs:
        other = Exprs(self.params)
        other.names, other.values = dict(self.names), dict(self.values)
        other._by_name = dict(self._by_name)
        return other

    def name(self, attr: str) -> str:
        ph = self._by_name.get(attr)
        if ph is None:
            ph = self._by_name[attr] = f"#n{len(self._by_name)}"
            self.names[ph] = attr
        return ph

    def path(self, path: ast.Path) -> str:
        out = []
        for step in path.steps:
            if isinstance(step, int):
                out.append(f"[{step}]")
            else:
                out.append(("." if out else "") + self.name(step))
        return "".join(out)

    def value(self, value: Any) -> str:
        if value is ast.MISSING:
            raise ValidationException(msg.MISSING_VALUE)
        ph = f":v{len(self.values)}"
        self.values[ph] = value
        return ph

    def into(self, request: dict[str, Any]) -> dict[str, Any]:
        if self.names:
            request["ExpressionAttributeNames"] = dict(self.names)
        if self.values:
            request["ExpressionAttributeValues"] = dict(self.values)
        return request

    # -- conditions ----------------------------------------------------------------------------
    def condition(self, node: Any) -> str:
        if isinstance(node, ast.And):
            return f"({self.condition(node.left)}) AND ({self.condition(node.right)})"
        if isinstance(node, ast.Or):
            return f"({self.condition(node.left)}) OR ({self.condition(node.right)})"
        if isinstance(node, ast.Not):
            return f"NOT ({self.condition(node.operand)})"
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Between):
            parts = [self.operand(x, "BETWEEN") for x in (node.operand, node.low, node.high)]
            return f"{parts[0]} BETWEEN {parts[1]} AND {parts[2]}"
        if isinstance(node, ast.In):
            items = ", ".join(self.operand(x) for x in node.items)
            return f"{self.operand(node.operand)} IN ({items})"
        if isinstance(node, ast.Is):
            return self.is_check(node)
        if isinstance(node, ast.Call):
            return self.call(node, predicate=True)
        raise ValidationException(msg.NOT_WELL_FORMED.format(detail=msg.UNEXPECTED_TOKEN))

    def compare(self, node: ast.Compare) -> str:
        left, right, op = node.left, node.right, node.op
        if isinstance(left, ast.Literal) and left.value is ast.MISSING:
            left, right = right, left
        if isinstance(right, ast.Literal) and right.value is ast.MISSING and op in ("=", "<>"):
            fn = "attribute_not_exists" if op == "=" else "attribute_exists"
            return f"{fn}({self.operand(left)})"
        if isinstance(left, ast.Literal) and isinstance(left.value, bool):
            left, right = right, left
        if (
            isinstance(left, ast.Call)
            and left.name != "size"
            and isinstance(right, ast.Literal)
            and isinstance(right.value, bool)
            and op in ("=", "<>")
        ):
            text = self.call(left, predicate=True)
            return text if right.value == (op == "=") else f"NOT ({text})"
        name = op if op in _ORDERING else None
        return f"{self.operand(left, name)} {op} {self.operand(right, name)}"

    def operand(self, node: Any, ordering: str | None = None) -> str:
        if isinstance(node, ast.Path):
            return self.path(node)
        if isinstance(node, ast.Call):
            return self.call(node, predicate=False)
        value = bind(node, self.params)
        if ordering is not None:
            kind = type_of(value)
            if kind in _UNORDERED:
                raise ValidationException(msg.OPERAND_TYPE.format(name=ordering, type=kind))
        return self.value(value)

    def is_check(self, node: ast.Is) -> str:
        path = self.path(node.path)
        if node.what == "MISSING":
            return f"attribute_exists({path})" if node.negated else f"attribute_not_exists({path})"
        test = f"attribute_type({path}, {self.value(node.what)})"
        return f"NOT ({test})" if node.negated else test

    def call(self, node: ast.Call, *, predicate: bool) -> str:
        arity = CONDITION_FUNCTIONS.get(node.name)
        if arity is None or (node.name == "size") == predicate:
            raise ValidationException(msg.UNRECOGNIZED_FUNCTION.format(name=node.name, at=node.at))
        if len(node.args) != arity:
            raise ValidationException(
                msg.OPERAND_COUNT.format(name=node.written, count=len(node.args))
            )
        if not isinstance(node.args[0], ast.Path):
            raise ValidationException(msg.NEEDS_PATH.format(name=node.written))
        args = ", ".join(self.operand(a) for a in node.args)
        return f"{node.name}({args})"


def conjuncts(where: Any) -> list[Any]:
    """The terms of a WHERE clause's top-level AND."""
    if isinstance(where, ast.And):
        return conjuncts(where.left) + conjuncts(where.right)
    return [] if where is None else [where]


def _join(terms: list[Any]) -> Any:
    out = None
    for t in terms:
        out = t if out is None else ast.And(out, t)
    return out


def _equality_on(term: Any, name: str) -> Any:
    """The value node of ``name = value`` (either way round), else None."""
    if not isinstance(term, ast.Compare) or term.op != "=":
        return None
    for a, b in ((term.left, term.right), (term.right, term.left)):
        if isinstance(a, ast.Path) and a.steps == (name,) and _is_value(b):
            return b
    return None


def key_terms(where: Any, keys: Sequence[str]) -> tuple[dict[str, Any], list[Any]] | None:
    """The value node of each key's equality, and the other terms; None if a key lacks one."""
    found: dict[str, Any] = {}
    rest = []
    for term in conjuncts(where):
        for k in keys:
            if k not in found and (node := _equality_on(term, k)) is not None:
                found[k] = node
                break
        else:
            rest.append(term)
    return (found, rest) if len(found) == len(keys) else None


@attrs.frozen
class Plan:
    """What one statement runs: ``kind`` query, scan, get, put, update, delete or check."""

    kind: str
    table: str
    requests: tuple[dict[str, Any], ...]
    projection: tuple[ast.Path, ...] | None = None
    returning: bool = False


def _key_names(t: TableState, index: str | None) -> tuple[str, str | None]:
    idx = None if index is None else (t.gsis.get(index) or t.lsis.get(index))
    if idx is None:
        return t.hash_name, t.range_name
    return idx.hash_name, idx.range_name


def _multi_key(t: TableState, index: str | None) -> bool:
    idx = None if index is None else t.gsis.get(index)
    return idx is not None and idx.multi


def _mentions(node: Any, names: set[str]) -> bool:
    if isinstance(node, ast.Path):
        return node.head in names
    if attrs.has(type(node)):
        return any(_mentions(getattr(node, f.name), names) for f in attrs.fields(type(node)))
    if isinstance(node, tuple):
        return any(_mentions(x, names) for x in node)
    return False


def _partition_values(term: Any, pk: str) -> list[Any] | None:
    """The values a term pins the partition key to (``=``, ``IN`` or ORs of ``=``)."""
    node = _equality_on(term, pk)
    if node is not None:
        return [node]
    if (
        isinstance(term, ast.In)
        and isinstance(term.operand, ast.Path)
        and term.operand.steps == (pk,)
        and all(_is_value(x) for x in term.items)
    ):
        return list(term.items)
    if isinstance(term, ast.Or):
        left, right = _partition_values(term.left, pk), _partition_values(term.right, pk)
        if left is not None and right is not None:
            return left + right
    return None


def _sort_term(term: Any, sk: str) -> bool:
    def on_sk(node: Any) -> bool:
        return isinstance(node, ast.Path) and node.steps == (sk,)

    if isinstance(term, ast.Compare) and term.op != "<>":
        return (on_sk(term.left) and _is_value(term.right)) or (
            on_sk(term.right) and _is_value(term.left) and term.op == "="
        )
    if isinstance(term, ast.Between):
        return on_sk(term.operand) and _is_value(term.low) and _is_value(term.high)
    if isinstance(term, ast.Call) and term.name == "begins_with" and len(term.args) == 2:
        return on_sk(term.args[0]) and _is_value(term.args[1])
    return False


def plan_select(
    stmt: ast.Select, t: TableState, params: Sequence[Any], base: dict[str, Any]
) -> Plan:
    """The Query (one per pinned partition value) or Scan a SELECT runs."""
    pk, sk = _key_names(t, stmt.index)
    terms = conjuncts(stmt.where)
    pinned: list[Any] | None = None
    rest = list(terms)
    # A multi-attribute GSI key is read with a Scan of the index: the same items, in
    # the index's scan order (docs/dynamodb-partiql.md).
    for term in () if _multi_key(t, stmt.index) else terms:
        pinned = _partition_values(term, pk)
        if pinned is not None:
            rest.remove(term)
            break
    sort_term = None
    if pinned is not None and sk is not None:
        sort_term = next((x for x in rest if _sort_term(x, sk)), None)
        if sort_term is not None:
            rest.remove(sort_term)
    keys = {pk} | ({sk} if sk else set())
    if pinned is not None and any(_mentions(x, keys) for x in rest):
        pinned = None  # DynamoDB's Query takes no key attribute in a filter: scan instead
    _check_order(stmt, pinned is not None, pk, sk)
    request = dict(base, TableName=stmt.table)
    if stmt.index is not None:
        request["IndexName"] = stmt.index
    exprs = Exprs(params)
    if stmt.projection is not None:
        request["ProjectionExpression"] = projection_expression(stmt.projection, exprs)
    if pinned is None:
        if stmt.where is not None:
            request["FilterExpression"] = exprs.condition(stmt.where)
        return Plan("scan", stmt.table, (exprs.into(request),), stmt.projection)
    if rest:
        request["FilterExpression"] = exprs.condition(_join(rest))
    if stmt.order and not stmt.order[0][1]:
        request["ScanIndexForward"] = False
    requests = []
    for node in pinned:
        each = exprs.copy()
        key = f"{each.name(pk)} = {each.value(bind(node, params))}"
        if sort_term is not None:
            key += f" AND {each.condition(sort_term)}"
        requests.append(each.into(dict(request, KeyConditionExpression=key)))
    return Plan("query", stmt.table, tuple(requests), stmt.projection)


def projection_expression(paths: Sequence[ast.Path], exprs: Exprs) -> str:
    """The ProjectionExpression of a projection list: the paths, or (when one is nested)
    their top-level attributes, from which ``nested_projection`` picks the paths."""
    if all(len(p.steps) == 1 for p in paths):
        return ", ".join(exprs.path(p) for p in paths)
    return ", ".join(dict.fromkeys(exprs.name(p.head) for p in paths))


def _check_order(stmt: ast.Select, query: bool, pk: str, sk: str | None) -> None:
    if not stmt.order:
        return
    if stmt.where is None:
        raise ValidationException(msg.ORDER_BY_NEEDS_WHERE)
    for path, _ in stmt.order:
        if path.steps not in ((pk,), (sk,)):
            raise ValidationException(msg.ORDER_BY_KEY.format(name=path.output_name()))
    if not query:
        raise ValidationException(msg.ORDER_BY_SCAN)


def plan_write(stmt: Any, t: TableState, params: Sequence[Any], base: dict[str, Any]) -> Plan:
    """The PutItem, UpdateItem, DeleteItem or ConditionCheck a write statement runs."""
    if isinstance(stmt, ast.Insert):
        return _plan_insert(stmt, t, params, base)
    keys = (t.hash_name,) if t.range_name is None else (t.hash_name, t.range_name)
    where = stmt.select.where if isinstance(stmt, ast.Exists) else stmt.where
    found = key_terms(where, keys)
    if found is None:
        raise ValidationException(msg.MISSING_KEY)
    key_nodes, rest = found
    request = dict(base, TableName=t.name)
    request["Key"] = {k: bind(node, params) for k, node in key_nodes.items()}
    exprs = Exprs(params)
    if isinstance(stmt, ast.Exists):
        if not rest:
            raise ValidationException(msg.EXISTS_NEEDS_CONDITION)
        request["ConditionExpression"] = exprs.condition(_join(rest))
        return Plan("check", t.name, (exprs.into(request),))
    if isinstance(stmt, ast.Update):
        request["UpdateExpression"] = _update_expression(stmt, exprs)
        cond = f"attribute_exists({exprs.name(t.hash_name)})"
        if rest:
            cond += f" AND ({exprs.condition(_join(rest))})"
        request["ConditionExpression"] = cond
        kind = "update"
    else:
        if rest:
            pk = exprs.name(t.hash_name)
            rest_text = exprs.condition(_join(rest))
            request["ConditionExpression"] = f"attribute_not_exists({pk}) OR ({rest_text})"
        kind = "delete"
    if stmt.returning is not None:
        request["ReturnValues"] = stmt.returning
    return Plan(kind, t.name, (exprs.into(request),), returning=stmt.returning is not None)


def _plan_insert(
    stmt: ast.Insert, t: TableState, params: Sequence[Any], base: dict[str, Any]
) -> Plan:
    item = {}
    for name, node in stmt.item:
        value = bind(node, params)
        if value is ast.MISSING:
            raise ValidationException(msg.MISSING_VALUE)
        item[name] = value
    exprs = Exprs(params)
    request = dict(base, TableName=t.name, Item=item)
    request["ConditionExpression"] = f"attribute_not_exists({exprs.name(t.hash_name)})"
    return Plan("put", t.name, (exprs.into(request),))


def _update_expression(stmt: ast.Update, exprs: Exprs) -> str:
    clauses: dict[str, list[str]] = {"SET": [], "REMOVE": [], "ADD": [], "DELETE": []}
    for action in stmt.actions:
        if isinstance(action, ast.Remove):
            clauses["REMOVE"].append(exprs.path(action.path))
            continue
        target, value = action.path, action.value
        if isinstance(value, ast.Call) and value.name in ("set_add", "set_delete"):
            clause = "ADD" if value.name == "set_add" else "DELETE"
            clauses[clause].append(_set_function(target, value, exprs))
        else:
            clauses["SET"].append(f"{exprs.path(target)} = {_set_value(value, exprs)}")
    return " ".join(f"{k} {', '.join(v)}" for k, v in clauses.items() if v)


def _set_value(node: Any, exprs: Exprs) -> str:
    if isinstance(node, ast.Arith):
        return f"{_set_value(node.left, exprs)} {node.op} {_set_value(node.right, exprs)}"
    if isinstance(node, ast.Path):
        return exprs.path(node)
    if isinstance(node, ast.Call):
        if node.name != "list_append":
            raise ValidationException(msg.UNRECOGNIZED_FUNCTION.format(name=node.name, at=node.at))
        if len(node.args) != 2:
            raise ValidationException(
                msg.OPERAND_COUNT.format(name=node.written, count=len(node.args))
            )
        args = ", ".join(_set_value(a, exprs) for a in node.args)
        return f"list_append({args})"
    return exprs.value(bind(node, exprs.params))


def _set_function(target: ast.Path, call: ast.Call, exprs: Exprs) -> str:
    fn = call.name.upper()
    if len(call.args) != 2:
        raise ValidationException(msg.SET_FN_ARGS.format(fn=fn, at=call.at))
    first, second = call.args
    if not isinstance(first, ast.Path) or first.steps != target.steps:
        raise ValidationException(msg.SET_FN_TARGET.format(fn=fn, at=call.at))
    value = bind(second, exprs.params) if _is_value(second) else None
    if not isinstance(value, set):
        raise ValidationException(msg.SET_FN_VALUE.format(fn=fn, at=first.at))
    return f"{exprs.path(target)} {exprs.value(value)}"
