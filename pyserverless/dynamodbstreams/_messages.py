"""DynamoDB Streams' message texts, each with where it comes from.

[D] documented in the API reference, [O] observed from the service (quoted in public
issue reports), [?] unconfirmed: chosen to read like the service's texts.
"""

from __future__ import annotations

# [O] DescribeStream of an ARN that names no stream (DynamoDB and DynamoDB Local).
STREAM_NOT_FOUND = "Requested resource not found: Stream: {arn} not found"
# [O] GetShardIterator on a shard id the stream does not have.
SHARD_NOT_FOUND = "Requested resource not found: Shard does not exist"
# [O] GetRecords with an iterator whose shard no longer exists.
ITERATOR_SHARD_GONE = "Invalid ShardId in ShardIterator"
# [O] A StreamArn that is not a stream ARN (aws-sdk-js integration tests against AWS).
INVALID_STREAM_ARN = "Invalid StreamArn"
# [?] A ShardIterator this service did not issue.
INVALID_ITERATOR = "Invalid ShardIterator"
# [D] ExpiredIteratorException's message in the API reference.
ITERATOR_EXPIRED = "The provided iterator exceeds the maximum age allowed."
# [D] TrimmedDataAccessException's message in the API reference.
TRIMMED = "The data you are trying to access has been trimmed."
# [?] A SequenceNumber that is not a number, or not within the shard.
INVALID_SEQUENCE_NUMBER = "Invalid SequenceNumber: {seq}"
SEQUENCE_NOT_IN_SHARD = (
    "Invalid SequenceNumber {seq} for shard {shard}: it is not within the shard's range"
)
# [?] AT_/AFTER_SEQUENCE_NUMBER without SequenceNumber, or another type with one.
SEQUENCE_NUMBER_REQUIRED = "SequenceNumber is required for ShardIteratorType {type}"
SEQUENCE_NUMBER_UNEXPECTED = "SequenceNumber is not allowed for ShardIteratorType {type}"
TIMESTAMP_REQUIRED = "Timestamp is required for ShardIteratorType AT_TIMESTAMP"
TIMESTAMP_UNEXPECTED = "Timestamp is only allowed for ShardIteratorType AT_TIMESTAMP"
# [?] A ShardFilter of type CHILD_SHARDS without a ShardId.
SHARD_FILTER_NEEDS_SHARD = "ShardFilter of type CHILD_SHARDS requires a ShardId"
# The generic constraint texts AWS's request validation uses (as DynamoDB's).
CONSTRAINT = "Value '{value}' at '{path}' failed to satisfy constraint: {rule}"
# [?] A Timestamp that is no time.
INVALID_TIMESTAMP = "Invalid Timestamp: {value}"
