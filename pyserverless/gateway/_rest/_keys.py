"""API keys, usage plans, usage plan keys, GetUsage, and tags."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from typing import Any

from ..._core.services import SERVICES
from .._deployed import ApiKeyView, ThrottleSpec, UsagePlanView
from .._errors import (
    BadRequestException,
    ConflictException,
    LimitExceededException,
    NotFoundException,
)
from . import _messages as msg
from . import _patch as patch
from ._base import EngineBase
from ._model import copied
from ._plan_patch import METHOD_THROTTLE, PERIODS, plan_rules

#: UpdateUsage on a plan without a quota [?].
_NO_QUOTA = "Usage plan has no quota: there is no remaining quota to update [?]"

__all__ = ["KeyOps"]

_MAX_USAGE_DAYS = 90


class KeyOps(EngineBase):
    """CreateApiKey ... GetUsage, the runtime's views, and tags."""

    # -- API keys ----------------------------------------------------------------------
    def create_api_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateApiKey: a key (``enabled`` false unless asked), its value drawn if not given."""
        value = params.get("value")
        if value is not None and len(value) < 20:
            raise BadRequestException(msg.KEY_VALUE_LENGTH)
        with self.lock:
            stage_keys = self._stage_keys(params.get("stageKeys") or [])
            keys = self.state.api_keys
            if len(keys) >= self.limits.max_api_keys:
                raise LimitExceededException(
                    msg.TOO_MANY.format("API keys", "Region", self.limits.max_api_keys)
                )
            if value is not None and value in self.state.key_values:
                raise ConflictException(msg.API_KEY_EXISTS)
            key_id = self._new_id(keys)
            now = self._now()
            key: dict[str, Any] = {"id": key_id, "value": value or self._key_value()}
            for name in ("name", "customerId", "description"):
                if params.get(name) is not None:
                    key[name] = params[name]
            key.update(
                enabled=bool(params.get("enabled", False)),
                createdDate=now,
                lastUpdatedDate=now,
                stageKeys=stage_keys,
            )
            if params.get("tags"):
                key["tags"] = dict(params["tags"])
            keys[key_id] = key
            self.state.key_values[key["value"]] = key_id
            return copied(key)

    def _key_value(self) -> str:
        return self.cloud.ids.alnum(40)

    def _stage_keys(self, given: list[Mapping[str, Any]]) -> list[str]:
        found = []
        for item in given:
            api = self.state.apis.get(item.get("restApiId", ""))
            if api is None or item.get("stageName") not in api.stages:
                raise BadRequestException(msg.STAGE_NOT_FOUND)
            found.append(f"{item['restApiId']}/{item['stageName']}")
        return found

    def _api_key(self, key_id: object) -> dict[str, Any]:
        found = self.state.api_keys.get(key_id) if isinstance(key_id, str) else None
        if found is None:
            raise NotFoundException(msg.API_KEY_NOT_FOUND)
        return found

    @staticmethod
    def _key_shown(key: dict[str, Any], with_value: bool) -> dict[str, Any]:
        shown = copied(key)
        if not with_value:
            del shown["value"]
        return shown

    def get_api_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetApiKey (``includeValue`` adds the secret value)."""
        with self.lock:
            key = self._api_key(params.get("apiKey"))
            return self._key_shown(key, bool(params.get("includeValue")))

    def get_api_keys(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetApiKeys: by name prefix or customer id; ``includeValues`` adds the values."""
        prefix, customer = params.get("nameQuery"), params.get("customerId")
        with self.lock:
            items = [
                self._key_shown(k, bool(params.get("includeValues")))
                for k in self.state.api_keys.values()
                if (prefix is None or k.get("name", "").startswith(prefix))
                and (customer is None or k.get("customerId") == customer)
            ]
        return self._page(items, params)

    def update_api_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateApiKey: name, description, enabled, customer id by patch operations."""
        rules = (
            patch.field("/name", "name"),
            patch.field("/description", "description", removable=True),
            patch.boolean("/enabled", "enabled"),
            patch.field("/customerId", "customerId", removable=True),
        )
        plan = patch.parse(params.get("patchOperations") or [], rules)
        with self.lock:
            key = self._api_key(params.get("apiKey"))
            changed = patch.apply(key, plan)
            changed["lastUpdatedDate"] = self._now()
            key.clear()
            key.update(changed)
            return self._key_shown(key, False)

    def delete_api_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteApiKey: it leaves every usage plan too."""
        with self.lock:
            key = self._api_key(params.get("apiKey"))
            del self.state.api_keys[key["id"]]
            del self.state.key_values[key["value"]]
            for ids in self.state.plan_keys.values():
                if key["id"] in ids:
                    ids.remove(key["id"])
            self._plans_changed()
        return {}

    # -- Usage plans -------------------------------------------------------------------
    def create_usage_plan(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateUsagePlan: API stages, a throttle and a quota."""
        plan: dict[str, Any] = {"name": params["name"]}
        if params.get("description") is not None:
            plan["description"] = params["description"]
        with self.lock:
            plans = self.state.usage_plans
            if len(plans) >= self.limits.max_usage_plans:
                raise LimitExceededException(
                    msg.TOO_MANY.format("usage plans", "Region", self.limits.max_usage_plans)
                )
            plan_id = self._new_id(plans, 6)
            plan["apiStages"] = [self._api_stage(s, plan_id) for s in params.get("apiStages") or []]
            if params.get("throttle"):
                plan["throttle"] = self._throttle(params["throttle"])
            if params.get("quota"):
                plan["quota"] = self._quota(params["quota"])
            if params.get("tags"):
                plan["tags"] = dict(params["tags"])
            plan = {"id": plan_id, **plan}
            plans[plan_id] = plan
            self.state.plan_keys[plan_id] = []
            self._plans_changed()
            return copied(plan)

    def _plan_rules(self, plan_id: str) -> tuple[patch.Rule, ...]:
        return plan_rules(functools.partial(self._stage_for, plan_id), plan_id)

    def _stage_for(self, plan_id: str, api_id: str, stage: str) -> dict[str, Any]:
        return self._api_stage({"apiId": api_id, "stage": stage}, plan_id)

    def _api_stage(self, given: Mapping[str, Any], plan_id: str) -> dict[str, Any]:
        api_id, stage = given.get("apiId", ""), given.get("stage", "")
        api = self.state.apis.get(api_id)
        if api is None or stage not in api.stages:
            raise BadRequestException(msg.API_STAGE.format(api_id, stage, plan_id))
        found: dict[str, Any] = {"apiId": api_id, "stage": stage}
        throttles = given.get("throttle") or {}
        if throttles:
            for path in throttles:
                if not METHOD_THROTTLE.fullmatch(path):
                    raise BadRequestException(f"Invalid method throttle path: {path}")
            found["throttle"] = {p: self._throttle(t) for p, t in throttles.items()}
        return found

    @staticmethod
    def _throttle(given: Mapping[str, Any]) -> dict[str, Any]:
        throttle: dict[str, Any] = {}
        if given.get("burstLimit") is not None:
            throttle["burstLimit"] = given["burstLimit"]
        if given.get("rateLimit") is not None:
            throttle["rateLimit"] = float(given["rateLimit"])
        if any(v < 0 or v != v for v in throttle.values()):
            raise BadRequestException(msg.THROTTLE_VALUES)
        return throttle

    @staticmethod
    def _quota(given: Mapping[str, Any]) -> dict[str, Any]:
        period = given.get("period")
        if period not in PERIODS:
            raise BadRequestException(msg.QUOTA_PERIOD)
        limit = given.get("limit", 0)
        if not isinstance(limit, int) or limit <= 0:
            raise BadRequestException(msg.QUOTA_LIMIT)
        offset = given.get("offset", 0)
        if not isinstance(offset, int) or not 0 <= offset < PERIODS[period]:
            raise BadRequestException(msg.QUOTA_OFFSET.format(PERIODS[period], period))
        return {"limit": limit, "offset": offset, "period": period}

    def _usage_plan(self, plan_id: object) -> dict[str, Any]:
        found = self.state.usage_plans.get(plan_id) if isinstance(plan_id, str) else None
        if found is None:
            raise NotFoundException(msg.USAGE_PLAN_NOT_FOUND)
        return found

    def get_usage_plan(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetUsagePlan."""
        with self.lock:
            return copied(self._usage_plan(params.get("usagePlanId")))

    def get_usage_plans(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetUsagePlans (those holding ``keyId`` when it is given)."""
        key_id = params.get("keyId")
        with self.lock:
            if key_id is not None:
                self._api_key(key_id)
            items = [
                copied(p)
                for p in self.state.usage_plans.values()
                if key_id is None or key_id in self.state.plan_keys[p["id"]]
            ]
        return self._page(items, params)

    def update_usage_plan(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateUsagePlan: name, throttle, quota and API stages by patch operations."""
        with self.lock:
            plan = self._usage_plan(params.get("usagePlanId"))
            steps = patch.parse(
                params.get("patchOperations") or [],
                self._plan_rules(plan["id"]),
            )
            changed = patch.apply(plan, steps)
            if "throttle" in changed:
                changed["throttle"] = self._throttle(changed["throttle"])
            if "quota" in changed:
                changed["quota"] = self._quota({"offset": 0, **changed["quota"]})
            plan.clear()
            plan.update(changed)
            self._plans_changed()
            return copied(plan)

    def delete_usage_plan(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteUsagePlan."""
        with self.lock:
            plan = self._usage_plan(params.get("usagePlanId"))
            del self.state.usage_plans[plan["id"]]
            del self.state.plan_keys[plan["id"]]
            self._plans_changed()
        return {}

    # -- Usage plan keys ---------------------------------------------------------------
    @staticmethod
    def _plan_key(key: Mapping[str, Any]) -> dict[str, Any]:
        shown = {"id": key["id"], "type": "API_KEY", "value": key["value"]}
        if "name" in key:
            shown["name"] = key["name"]
        return shown

    def create_usage_plan_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateUsagePlanKey: put an API key in a usage plan."""
        if params.get("keyType") != "API_KEY":
            raise BadRequestException(msg.KEY_TYPE)
        with self.lock:
            plan = self._usage_plan(params.get("usagePlanId"))
            key = self._api_key(params.get("keyId"))
            ids = self.state.plan_keys[plan["id"]]
            if key["id"] in ids:
                raise ConflictException(msg.ALREADY_IN_PLAN.format(key["id"]))
            held = sum(1 for keys in self.state.plan_keys.values() if key["id"] in keys)
            if held >= self.limits.max_usage_plans_per_key:
                raise LimitExceededException(
                    msg.PLANS_PER_KEY.format(key["id"], self.limits.max_usage_plans_per_key)
                )
            ids.append(key["id"])
            self._plans_changed()
            return self._plan_key(key)

    def get_usage_plan_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetUsagePlanKey."""
        with self.lock:
            plan = self._usage_plan(params.get("usagePlanId"))
            key_id = params.get("keyId")
            if key_id not in self.state.plan_keys[plan["id"]]:
                raise NotFoundException(msg.USAGE_PLAN_KEY_NOT_FOUND)
            return self._plan_key(self.state.api_keys[key_id])

    def get_usage_plan_keys(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetUsagePlanKeys (by name prefix with ``nameQuery``)."""
        prefix = params.get("nameQuery")
        with self.lock:
            plan = self._usage_plan(params.get("usagePlanId"))
            keys = [self.state.api_keys[k] for k in self.state.plan_keys[plan["id"]]]
            items = [
                self._plan_key(k)
                for k in keys
                if prefix is None or k.get("name", "").startswith(prefix)
            ]
        return self._page(items, params)

    def delete_usage_plan_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteUsagePlanKey: take an API key out of a usage plan."""
        with self.lock:
            plan = self._usage_plan(params.get("usagePlanId"))
            ids = self.state.plan_keys[plan["id"]]
            if params.get("keyId") not in ids:
                raise NotFoundException(msg.USAGE_PLAN_KEY_NOT_FOUND)
            ids.remove(params["keyId"])
            self._plans_changed()
        return {}

    # -- Usage -------------------------------------------------------------------------
    def get_usage(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetUsage: the runtime's counts per key and day, ``[used, remaining]`` each."""
        start, end = _day(params["startDate"]), _day(params["endDate"])
        if end < start:
            raise BadRequestException(msg.USAGE_ORDER)
        if (end - start).days >= _MAX_USAGE_DAYS:
            raise BadRequestException(msg.USAGE_RANGE)
        with self.lock:
            plan = self._usage_plan(params.get("usagePlanId"))
            key_id = params.get("keyId")
            if key_id is not None and key_id not in self.state.api_keys:
                raise NotFoundException(msg.API_KEY_NOT_FOUND)
        found: dict[str, Any]
        if any(spec.name == "execute-api" for spec in SERVICES):
            runtime = self.cloud.engine("execute-api", self.region)
            found = dict(runtime.usage(plan["id"], key_id, params["startDate"], params["endDate"]))
        else:  # no runtime in this build: no request was ever served, so no usage
            found = {"items": {}}
        usage = {
            "usagePlanId": plan["id"],
            "startDate": params["startDate"],
            "endDate": params["endDate"],
        }
        usage["items"] = found.get("items", {})
        return self._page_usage(usage, params)

    def update_usage(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateUsage: ``replace /remaining`` sets what is left of an API key's quota in
        the current period; answers the key's usage for today."""
        plan_rule = patch.integer("/remaining", "remaining", low=0)
        steps = patch.parse(params.get("patchOperations") or [], (plan_rule,))
        wanted = patch.apply({}, steps).get("remaining")
        with self.lock:
            plan = self._usage_plan(params.get("usagePlanId"))
            key_id = params.get("keyId")
            if key_id not in self.state.plan_keys[plan["id"]]:
                raise NotFoundException(msg.USAGE_PLAN_KEY_NOT_FOUND)
            if wanted is not None and not plan.get("quota"):
                raise BadRequestException(_NO_QUOTA)
        today = self.cloud.clock.now().date().isoformat()
        if wanted is not None:
            runtime = self.cloud.engine("execute-api", self.region)
            runtime.throttles.set_remaining(plan["id"], key_id, wanted, self.cloud.clock.now())
        return self.get_usage(
            {"usagePlanId": plan["id"], "keyId": key_id, "startDate": today, "endDate": today}
        )

    @staticmethod
    def _page_usage(usage: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
        if params.get("position") is not None:
            raise BadRequestException("Invalid position parameter")
        return usage

    # -- The runtime's views -----------------------------------------------------------
    def usage_plans_for(self, api_id: str, stage_name: str) -> tuple[UsagePlanView, ...]:
        """The usage plans that cover one API stage, as the runtime applies them."""
        with self.lock:
            found = self.state.plan_views.get((api_id, stage_name))
            if found is None:
                found = self.state.plan_views[(api_id, stage_name)] = tuple(
                    self._plan_view(plan, stage)
                    for plan in self.state.usage_plans.values()
                    for stage in plan.get("apiStages", [])
                    if (stage["apiId"], stage["stage"]) == (api_id, stage_name)
                )
            return found

    def _plan_view(self, plan: Mapping[str, Any], stage: Mapping[str, Any]) -> UsagePlanView:
        throttle = plan.get("throttle")
        methods = {path: _throttle_spec(t) for path, t in (stage.get("throttle") or {}).items()}
        return UsagePlanView(
            plan_id=plan["id"],
            throttle=_throttle_spec(throttle) if throttle else None,
            quota=copied(plan.get("quota")),
            method_throttles={k: v for k, v in methods.items() if v is not None},
            key_ids=frozenset(self.state.plan_keys[plan["id"]]),
        )

    def api_key_by_value(self, value: str) -> ApiKeyView | None:
        """The API key whose value is ``value``, or None."""
        with self.lock:
            key_id = self.state.key_values.get(value)
        return None if key_id is None else self.api_key_by_id(key_id)

    def api_key_by_id(self, key_id: str) -> ApiKeyView | None:
        """The API key with id ``key_id``, or None."""
        with self.lock:
            key = self.state.api_keys.get(key_id)
            if key is None:
                return None
            return ApiKeyView(key_id=key["id"], value=key["value"], enabled=key["enabled"])


def _throttle_spec(throttle: Mapping[str, Any]) -> ThrottleSpec | None:
    if not throttle:
        return None
    return ThrottleSpec(
        rate=float(throttle.get("rateLimit", 10_000.0)),
        burst=int(throttle.get("burstLimit", 5_000)),
    )


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text) if len(text) == 10 else date.fromisoformat("x")
    except ValueError:
        raise BadRequestException(msg.USAGE_DATES.format(text)) from None
