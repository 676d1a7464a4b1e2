"""DynamoDB Streams' quotas, each a field with AWS's default (aws-facts A11)."""

from __future__ import annotations

import attrs

__all__ = ["DynamoDBStreamsLimits"]


@attrs.frozen
class DynamoDBStreamsLimits:
    """The page sizes DynamoDB Streams enforces; override with ``Cloud(limits=...)``.

    Retention, shard rollover and iterator lifetime belong to the tables and are
    ``DynamoDBLimits`` fields (``stream_*``).

    >>> DynamoDBStreamsLimits().max_records_per_call
    1000
    """

    #: ListStreams' and DescribeStream's Limit: at most 100 (the default).
    max_streams_per_page: int = 100
    max_shards_per_page: int = 100
    #: GetRecords' Limit: at most 1,000 records (the default).
    max_records_per_call: int = 1000
