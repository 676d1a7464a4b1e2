"""CloudWatch Contributor Insights for DynamoDB: stored and described, not computed.

UpdateContributorInsights, DescribeContributorInsights and ListContributorInsights, on a
table or one of its global secondary indexes. The setting is kept on the table
(``TableState.insights``, by index name; ``""`` for the table) and goes with it. The
rules AWS would create in CloudWatch are named, as AWS names them, but no contributor
data is gathered: pyserverless has no CloudWatch metrics.

Transitions are immediate (``ENABLING`` then ``ENABLED`` by the next read), as the
emulator's TTL settles.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from .._core.client import operation
from .._core.text import digits
from ._engine_base import EngineBase
from ._errors import ResourceNotFoundException, ValidationException
from ._validation import require

if TYPE_CHECKING:
    from ._table import TableState

__all__ = ["InsightsClientOps", "InsightsOps"]

ACTIONS = ("ENABLE", "DISABLE")
MODES = ("ACCESSED_AND_THROTTLED_KEYS", "THROTTLED_KEYS")
# [?] DynamoDB's text for an index the table does not have (kept with the other texts).
INDEX_NOT_FOUND = "Requested resource not found: Index: {index} not found for table: {table}"
_ENUM = (
    "Value '{value}' at '{path}' failed to satisfy constraint: "
    "Member must satisfy enum value set: [{values}]"
)


@attrs.define
class Insights:
    """One table's or index's Contributor Insights setting."""

    enabled: bool
    mode: str
    updated: datetime
    #: Milliseconds since the epoch when the rules were made (part of their names).
    stamp: int


def _rules(t: TableState, index: str, insights: Insights) -> list[str]:
    """The CloudWatch rule names AWS creates: partition (and sort) key, consumed and
    throttled (only throttled keys in THROTTLED_KEYS mode)."""
    kinds = ["PK"] + (["SK"] if t.range_name is not None else [])
    suffixes = ["T"] if insights.mode == "THROTTLED_KEYS" else ["C", "T"]
    target = t.name if not index else f"{t.name}-{index}"
    return [
        f"DynamoDBContributorInsights-{kind}{suffix}-{target}-{insights.stamp}"
        for kind in kinds
        for suffix in suffixes
    ]


def _check(request: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """UpdateContributorInsights' members: table, index, action and mode (enums)."""
    table = require(request, "TableName")
    action = require(request, "ContributorInsightsAction")
    mode = request.get("ContributorInsightsMode") or MODES[0]
    errors = []
    if action not in ACTIONS:
        errors.append(
            _ENUM.format(value=action, path="contributorInsightsAction", values=", ".join(ACTIONS))
        )
    if mode not in MODES:
        errors.append(
            _ENUM.format(value=mode, path="contributorInsightsMode", values=", ".join(MODES))
        )
    if errors:
        head = "1 validation error" if len(errors) == 1 else f"{len(errors)} validation errors"
        raise ValidationException(f"{head} detected: " + "; ".join(errors))
    return table, request.get("IndexName") or "", action, mode


class InsightsOps(EngineBase):
    """The engine's Contributor Insights operations (mixed into ``DynamoDB``)."""

    def _insight_target(self, name: Any, index: str) -> TableState:
        t = self._described(name)
        if index and index not in t.gsis:
            raise ResourceNotFoundException(INDEX_NOT_FOUND.format(index=index, table=t.name))
        return t

    def update_contributor_insights(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """UpdateContributorInsights: turn Contributor Insights on or off.

        >>> from pyserverless import Cloud
        >>> engine = Cloud.manual().engine("dynamodb")
        >>> _ = engine.create_table({"TableName": "tab", "BillingMode": "PAY_PER_REQUEST",
        ...     "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        ...     "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]})
        >>> engine.update_contributor_insights({"TableName": "tab",
        ...     "ContributorInsightsAction": "ENABLE"})["ContributorInsightsStatus"]
        'ENABLING'
        >>> engine.describe_contributor_insights({"TableName": "tab"})["ContributorInsightsStatus"]
        'ENABLED'
        """
        table, index, action, mode = _check(request)
        with self.lock:
            t = self._insight_target(table, index)
            book: dict[str, Insights] = t.insights
            now = self.cloud.now()
            stamp = int(self.cloud.clock.time() * 1000)
            book[index] = Insights(action == "ENABLE", mode, now, stamp)
        out: dict[str, Any] = {"TableName": t.name}
        if index:
            out["IndexName"] = index
        out["ContributorInsightsStatus"] = "ENABLING" if action == "ENABLE" else "DISABLING"
        out["ContributorInsightsMode"] = mode
        return out

    def describe_contributor_insights(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """DescribeContributorInsights: the setting, its rules and when it last changed."""
        table = require(request, "TableName")
        index = request.get("IndexName") or ""
        with self.lock:
            t = self._insight_target(table, index)
            insights: Insights | None = t.insights.get(index)
            out: dict[str, Any] = {"TableName": t.name}
            if index:
                out["IndexName"] = index
            if insights is None:
                out["ContributorInsightsStatus"] = "DISABLED"
                return out
            if insights.enabled:
                out["ContributorInsightsRuleList"] = _rules(t, index, insights)
            out["ContributorInsightsStatus"] = "ENABLED" if insights.enabled else "DISABLED"
            out["LastUpdateDateTime"] = insights.updated
            if insights.enabled:
                out["ContributorInsightsMode"] = insights.mode
            return out

    def list_contributor_insights(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """ListContributorInsights: every table and index with a setting (of one table if
        ``TableName`` is given), a page of ``MaxResults`` (at most 100) at a time."""
        size = request.get("MaxResults") or 100
        if size > 100:
            raise ValidationException(
                f"1 validation error detected: Value '{size}' at 'maxResults' failed to "
                "satisfy constraint: Member must have value less than or equal to 100"
            )
        token = request.get("NextToken")
        with self.lock:
            names = [request["TableName"]] if request.get("TableName") else sorted(self.tables)
            rows = []
            for name in names:
                t = self._described(name)
                for index in sorted(t.insights):
                    insights = t.insights[index]
                    row: dict[str, Any] = {"TableName": t.name}
                    if index:
                        row["IndexName"] = index
                    row["ContributorInsightsStatus"] = "ENABLED" if insights.enabled else "DISABLED"
                    if insights.enabled:
                        row["ContributorInsightsMode"] = insights.mode
                    rows.append(row)
        start = int(token) if isinstance(token, str) and digits(token) else 0
        out: dict[str, Any] = {"ContributorInsightsSummaries": rows[start : start + size]}
        if start + size < len(rows):
            out["NextToken"] = str(start + size)
        return out


class InsightsClientOps:
    """The client's Contributor Insights operations (mixed into ``DynamoDBClient``)."""

    _engine: InsightsOps

    @operation("UpdateContributorInsights")
    def update_contributor_insights(self, params: dict[str, Any]) -> dict[str, Any]:
        """Turn CloudWatch Contributor Insights on or off for a table or one of its GSIs.

        UpdateContributorInsights. Required: ``TableName`` and
        ``ContributorInsightsAction`` (ENABLE or DISABLE); ``IndexName`` for a GSI,
        ``ContributorInsightsMode`` (ACCESSED_AND_THROTTLED_KEYS by default). Returns the
        status, ENABLING or DISABLING. The setting is stored; no contributor data is kept.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="carts", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
        >>> ddb.update_contributor_insights(TableName="carts",
        ...     ContributorInsightsAction="ENABLE")["ContributorInsightsStatus"]
        'ENABLING'
        """
        return self._engine.update_contributor_insights(params)

    @operation("DescribeContributorInsights")
    def describe_contributor_insights(self, params: dict[str, Any]) -> dict[str, Any]:
        """Read the Contributor Insights setting of a table or one of its GSIs.

        DescribeContributorInsights. Required: ``TableName``; ``IndexName`` for a GSI.
        Returns ``ContributorInsightsStatus`` (DISABLED until enabled) and, when enabled,
        ``ContributorInsightsRuleList``, ``ContributorInsightsMode`` and
        ``LastUpdateDateTime``.
        """
        return self._engine.describe_contributor_insights(params)

    @operation("ListContributorInsights")
    def list_contributor_insights(self, params: dict[str, Any]) -> dict[str, Any]:
        """List the tables and GSIs that have a Contributor Insights setting.

        ListContributorInsights. Optional: ``TableName`` (one table's), ``MaxResults``
        (at most 100) and ``NextToken``. Returns ``ContributorInsightsSummaries``.
        """
        return self._engine.list_contributor_insights(params)
