"""Contributor Insights (stored and described) and WarmThroughput of provisioned tables."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud


def _table(ddb: Any, name: str = "orders", **extra: Any) -> None:
    ddb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "x", "AttributeType": "S"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by_x",
                "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
                **(
                    {"ProvisionedThroughput": extra["ProvisionedThroughput"]}
                    if "ProvisionedThroughput" in extra
                    else {}
                ),
            }
        ],
        **(extra or {"BillingMode": "PAY_PER_REQUEST"}),
    )


@pytest.fixture
def ddb() -> Any:
    return Cloud.manual().client("dynamodb")


class TestContributorInsights:
    def test_disabled_until_enabled(self, ddb: Any) -> None:
        """A table never configured is DISABLED, with no rules."""
        _table(ddb)
        out = ddb.describe_contributor_insights(TableName="orders")
        out.pop("ResponseMetadata")
        assert out == {"TableName": "orders", "ContributorInsightsStatus": "DISABLED"}

    def test_enable_then_described(self, ddb: Any) -> None:
        """ENABLING in the answer, ENABLED with AWS's rule names on the next read."""
        _table(ddb)
        out = ddb.update_contributor_insights(
            TableName="orders", ContributorInsightsAction="ENABLE"
        )
        assert out["ContributorInsightsStatus"] == "ENABLING"
        seen = ddb.describe_contributor_insights(TableName="orders")
        assert seen["ContributorInsightsStatus"] == "ENABLED"
        assert seen["ContributorInsightsMode"] == "ACCESSED_AND_THROTTLED_KEYS"
        rules = seen["ContributorInsightsRuleList"]
        assert [r.split("-")[1] for r in rules] == ["PKC", "PKT"]
        assert all(r.startswith("DynamoDBContributorInsights-") for r in rules)
        assert "LastUpdateDateTime" in seen

    def test_throttled_keys_mode_and_index(self, ddb: Any) -> None:
        """THROTTLED_KEYS keeps only the throttled rules; an index has its own setting."""
        _table(ddb)
        ddb.update_contributor_insights(
            TableName="orders",
            IndexName="by_x",
            ContributorInsightsAction="ENABLE",
            ContributorInsightsMode="THROTTLED_KEYS",
        )
        index = ddb.describe_contributor_insights(TableName="orders", IndexName="by_x")
        assert [r.split("-")[1] for r in index["ContributorInsightsRuleList"]] == ["PKT"]
        table = ddb.describe_contributor_insights(TableName="orders")
        assert table["ContributorInsightsStatus"] == "DISABLED"
        summaries = ddb.list_contributor_insights()["ContributorInsightsSummaries"]
        assert summaries == [
            {
                "TableName": "orders",
                "IndexName": "by_x",
                "ContributorInsightsStatus": "ENABLED",
                "ContributorInsightsMode": "THROTTLED_KEYS",
            }
        ]

    def test_disable(self, ddb: Any) -> None:
        """DISABLING in the answer, DISABLED after; the rules are gone."""
        _table(ddb)
        ddb.update_contributor_insights(TableName="orders", ContributorInsightsAction="ENABLE")
        out = ddb.update_contributor_insights(
            TableName="orders", ContributorInsightsAction="DISABLE"
        )
        assert out["ContributorInsightsStatus"] == "DISABLING"
        seen = ddb.describe_contributor_insights(TableName="orders")
        assert seen["ContributorInsightsStatus"] == "DISABLED"
        assert "ContributorInsightsRuleList" not in seen

    def test_unknown_table_and_index(self, ddb: Any) -> None:
        """A missing table or index is ResourceNotFoundException, and nothing is stored."""
        _table(ddb)
        for extra in ({"TableName": "nope"}, {"TableName": "orders", "IndexName": "nope"}):
            with pytest.raises(ClientError) as err:
                ddb.update_contributor_insights(ContributorInsightsAction="ENABLE", **extra)
            assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"
        assert ddb.list_contributor_insights()["ContributorInsightsSummaries"] == []

    def test_list_pages(self, ddb: Any) -> None:
        """ListContributorInsights pages by MaxResults (100 at most)."""
        for name in ("aaa", "bbb", "ccc"):
            _table(ddb, name)
            ddb.update_contributor_insights(TableName=name, ContributorInsightsAction="ENABLE")
        first = ddb.list_contributor_insights(MaxResults=2)
        second = ddb.list_contributor_insights(MaxResults=2, NextToken=first["NextToken"])
        names = [s["TableName"] for s in first["ContributorInsightsSummaries"]]
        names += [s["TableName"] for s in second["ContributorInsightsSummaries"]]
        assert names == ["aaa", "bbb", "ccc"] and "NextToken" not in second
        assert (
            len(ddb.list_contributor_insights(MaxResults=100)["ContributorInsightsSummaries"]) == 3
        )
        with pytest.raises(ClientError, match="less than or equal to 100"):
            ddb.list_contributor_insights(MaxResults=101)


class TestWarmThroughput:
    def test_provisioned_table_is_warm_to_its_provisioned_values(self, ddb: Any) -> None:
        """A provisioned table and GSI are described warm to their provisioned units."""
        _table(
            ddb,
            BillingMode="PROVISIONED",
            ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 3},
        )
        table = ddb.describe_table(TableName="orders")["Table"]
        assert table["WarmThroughput"] == {
            "ReadUnitsPerSecond": 5,
            "WriteUnitsPerSecond": 3,
            "Status": "ACTIVE",
        }
        gsi = table["GlobalSecondaryIndexes"][0]["WarmThroughput"]
        assert (gsi["ReadUnitsPerSecond"], gsi["WriteUnitsPerSecond"]) == (5, 3)

    def test_on_demand_table_keeps_the_new_table_defaults(self, ddb: Any) -> None:
        """An on-demand table starts warm to 12,000 reads and 4,000 writes per second."""
        _table(ddb)
        warm = ddb.describe_table(TableName="orders")["Table"]["WarmThroughput"]
        assert (warm["ReadUnitsPerSecond"], warm["WriteUnitsPerSecond"]) == (12000, 4000)

    def test_create_table_answers_warm_throughput_only_when_asked(self, ddb: Any) -> None:
        """CreateTable's answer carries WarmThroughput only if the request set it;
        DescribeTable always does; DeleteTable's answer never does."""
        _table(ddb)
        # a second table asking for warm throughput
        ddb.create_table(
            TableName="warmed",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            WarmThroughput={"ReadUnitsPerSecond": 13000, "WriteUnitsPerSecond": 5000},
        )
        described = ddb.describe_table(TableName="warmed")["Table"]["WarmThroughput"]
        assert described["ReadUnitsPerSecond"] == 13000
        created = ddb.create_table(
            TableName="plain",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )["TableDescription"]
        assert "WarmThroughput" not in created
        assert "WarmThroughput" in ddb.describe_table(TableName="plain")["Table"]
        assert "WarmThroughput" not in ddb.delete_table(TableName="plain")["TableDescription"]
