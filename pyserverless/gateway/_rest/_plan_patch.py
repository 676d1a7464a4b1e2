"""The patch operations ``UpdateUsagePlan`` takes: name, throttle, quota, API stages and
per-method throttles of a stage.

>>> rules = plan_rules(lambda api, stage: {"apiId": api, "stage": stage}, "p1")
>>> plan = patch.apply({"apiStages": []}, patch.parse(
...     [{"op": "add", "path": "/apiStages", "value": "a1:prod"},
...      {"op": "replace", "path": "/quota/period", "value": "WEEK"}], rules))
>>> plan["apiStages"], plan["quota"]
([{'apiId': 'a1', 'stage': 'prod'}], {'period': 'WEEK'})
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from .._errors import BadRequestException
from . import _messages as msg
from . import _patch as patch
from ._base import HTTP_METHODS

__all__ = ["METHOD_THROTTLE", "PERIODS", "plan_rules"]

#: Quota periods and the offsets each allows (0 .. n-1).
PERIODS = {"DAY": 1, "WEEK": 7, "MONTH": 28}
#: A per-method throttle key: ``/{resource path}/{METHOD}`` (``*`` for every method).
METHOD_THROTTLE = re.compile(r"/.*/(" + "|".join(HTTP_METHODS) + r"|\*)")
#: ``(api id, stage) -> the plan's apiStages entry``; raises when the stage does not exist.
StageCheck = Callable[[str, str], dict[str, Any]]


def _throttle(target: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = target.setdefault("throttle", {})
    return found


def _quota(target: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = target.setdefault("quota", {})
    return found


def _stages(
    check: StageCheck,
    plan_id: str,
    target: dict[str, Any],
    op: str,
    _captures: tuple[str, ...],
    value: str | None,
) -> None:
    api_id, _, stage = (value or "").partition(":")
    current = [s for s in target["apiStages"] if (s["apiId"], s["stage"]) != (api_id, stage)]
    if op == "add":
        current.append(check(api_id, stage))
    elif len(current) == len(target["apiStages"]):
        raise BadRequestException(msg.API_STAGE.format(api_id, stage, plan_id))
    target["apiStages"] = current


def _method_throttle(
    plan_id: str, target: dict[str, Any], op: str, c: tuple[str, ...], value: str | None
) -> None:
    api_id, _, stage = c[0].partition(":")
    found = [s for s in target["apiStages"] if (s["apiId"], s["stage"]) == (api_id, stage)]
    if not found:
        raise BadRequestException(msg.API_STAGE.format(api_id, stage, plan_id))
    key = f"{c[1]}/{c[2]}"
    if not METHOD_THROTTLE.fullmatch(key) or c[3] not in ("rateLimit", "burstLimit"):
        raise BadRequestException(f"Invalid method throttle path: {key}")
    table = found[0].setdefault("throttle", {})
    if op == "remove":
        table.pop(key, None)
        if not table:
            del found[0]["throttle"]
        return
    try:
        amount = float(value or "x") if c[3] == "rateLimit" else int(value or "x")
    except ValueError:
        raise BadRequestException(msg.PATCH_NUMBER.format("throttle", value)) from None
    table.setdefault(key, {})[c[3]] = amount


def _quota_period(target: dict[str, Any], _o: str, _c: tuple[str, ...], value: str | None) -> None:
    if value not in PERIODS:
        raise BadRequestException(msg.QUOTA_PERIOD)
    _quota(target)["period"] = value


def _drop(name: str, target: dict[str, Any], _o: str, _c: tuple[str, ...], _v: str | None) -> None:
    target.pop(name, None)


def _refuse_product_code(_value: str) -> None:
    raise BadRequestException(msg.SETTING_NOT_EMULATED.format("productCode"))


def plan_rules(check: StageCheck, plan_id: str) -> tuple[patch.Rule, ...]:
    """The rules of one plan's patch (``check`` validates a stage being added)."""
    return (
        patch.field("/name", "name"),
        patch.field("/description", "description", removable=True),
        patch.field("/productCode", "productCode", check=_refuse_product_code),
        patch.integer("/throttle/burstLimit", "burstLimit", where=_throttle),
        patch.number("/throttle/rateLimit", "rateLimit", where=_throttle),
        patch.Rule(
            ("throttle",), frozenset({"remove"}), functools.partial(_drop, "throttle"), "/throttle"
        ),
        patch.integer("/quota/limit", "limit", where=_quota),
        patch.integer("/quota/offset", "offset", where=_quota),
        patch.Rule(("quota", "period"), frozenset({"replace"}), _quota_period, "/quota/period"),
        patch.Rule(("quota",), frozenset({"remove"}), functools.partial(_drop, "quota"), "/quota"),
        patch.Rule(
            ("apiStages",),
            frozenset({"add", "remove"}),
            functools.partial(_stages, check, plan_id),
            "/apiStages",
        ),
        patch.Rule(
            ("apiStages", "{}", "throttle", "{}", "{}", "{}"),
            frozenset({"add", "replace", "remove"}),
            functools.partial(_method_throttle, plan_id),
            "/apiStages/{apiId:stage}/throttle/{path}/{method}/{rateLimit|burstLimit}",
        ),
    )
