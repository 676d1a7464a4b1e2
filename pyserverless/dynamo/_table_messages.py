"""DynamoDB's message texts for tables, items, queries, batches and transactions.

Each constant notes its source: [A17] aws-facts A17 (observed wire text), [O] observed
DynamoDB responses as quoted in SDK and emulator issue threads, [D] the API reference.
The type system's messages live in ``_messages.py``.
"""

from __future__ import annotations

# -- control plane ----------------------------------------------------------------------
# [O] DescribeTable/DeleteTable of a missing table (current wire text).
TABLE_NOT_FOUND = "Requested resource not found: Table: {name} not found"
# [A17] data-plane calls on a missing table or index.
RESOURCE_NOT_FOUND = "Requested resource not found"
# [O] A table changed while CREATING or DELETING (scripts retrying DeleteTable, 2026
# captures of TagResource during CREATING; "resouce" in 2012 reports, since corrected).
TABLE_BEING_CREATED = (
    "Attempt to change a resource which is still in use: Table is being created: {name}"
)
TABLE_BEING_DELETED = (
    "Attempt to change a resource which is still in use: Table is being deleted: {name}"
)
# [O] UpdateTable while UPDATING (quoted in an AWS integration test's retry list).
TABLE_BEING_UPDATED = (
    "Attempt to change a resource which is still in use: Table: {name} is in the process of "
    "being updated."
)
# [O] CreateTable of an existing name.
TABLE_EXISTS = "Table already exists: {name}"
# [O] TableName given as a malformed ARN.
INVALID_TABLE_ARN = "Invalid TableArn: Invalid ResourceArn provided as input {arn}"
# [O] tag calls on an ARN that names no table.
RESOURCE_ARN_NOT_FOUND = "Requested resource not found: ResourcArn: {arn} not found"
INVALID_RESOURCE_ARN = "Invalid TableArn: Invalid ResourceArn provided as input {arn}"
# [O] dynalite's tagging tests (run against DynamoDB): an ARN that is not six ':'
# fields with a '/' in the last is refused before any parsing, as IAM refuses it.
TAG_ACCESS_DENIED = (
    "User: arn:aws:iam::{account}:root is not authorized to perform: dynamodb:{action} "
    "on resource: {arn}"
)
# [O] KeySchema rules.
KEY_SCHEMA_FIRST_NOT_HASH = "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"
KEY_SCHEMA_SECOND_NOT_RANGE = (
    "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"
)
KEY_SCHEMA_SAME_NAME = (
    "Both the Hash Key and the Range Key element in the KeySchema have the same name"
)
# [O] AttributeDefinitions checks (cfn-lint #1037, aws-sdk-java #335, moto #4428).
ATTR_NO_DEFINITION = "Invalid KeySchema: Some index key attribute have no definition"
ATTR_COUNT_MISMATCH = (
    "One or more parameter values were invalid: Number of attributes in KeySchema does not "
    "exactly match number of attributes defined in AttributeDefinitions"
)
ATTR_UNUSED = (
    "One or more parameter values were invalid: Some AttributeDefinitions are not used. "
    "AttributeDefinitions: [{defined}], keys used: [{used}]"
)
ATTR_INDEX_UNDEFINED = (
    "One or more parameter values were invalid: Some index key attributes are not defined in "
    "AttributeDefinitions. Keys: [{keys}], AttributeDefinitions: [{defined}]"
)
# CreateTable with an attribute defined twice: ack-api-quirks' catalogue of DynamoDB's
# ValidationException texts (DDB-TABLE-442, verified against us-east-1/us-west-2 2026-10).
ATTR_NAME_DUPLICATED = "Attribute Name is duplicated: {name}"
# [O] billing mode and throughput.
PROVISIONED_NEEDS_THROUGHPUT = (
    "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits "
    "must both be specified when BillingMode is PROVISIONED"
)
PAY_PER_REQUEST_NO_THROUGHPUT = (
    "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
    "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"
)
# UpdateTable's words (switching to PROVISIONED); CreateTable says GSI_THROUGHPUT_MISSING
# (both: ack-api-quirks DDB-TABLE-442, 2026-10).
GSI_NEEDS_THROUGHPUT = (
    "One or more parameter values were invalid: ProvisionedThroughput must be specified for "
    "index: {index}"
)
GSI_THROUGHPUT_MISSING = (
    "One or more parameter values were invalid: ProvisionedThroughput is not specified for "
    "index: {index}"
)
# UpdateTable switching to PROVISIONED without a table throughput (DDB-TABLE-442).
UPDATE_PROVISIONED_NEEDS_THROUGHPUT = (
    "One or more parameter values were invalid: ProvisionedThroughput must be specified when "
    "BillingMode is PROVISIONED"
)
GSI_NO_THROUGHPUT = (
    "One or more parameter values were invalid: ProvisionedThroughput should not be specified "
    "for index: {index} when BillingMode is PAY_PER_REQUEST"
)
# ack-api-quirks DDB-TABLE-442 (2026-10), a no-op re-send of the table's throughput.
THROUGHPUT_UNCHANGED = (
    "The provisioned throughput for the table will not change. The requested value equals "
    "the current value. Current ReadCapacityUnits provisioned for the table: {r}. Requested "
    "ReadCapacityUnits: {r}. Current WriteCapacityUnits provisioned for the table: {w}. "
    "Requested WriteCapacityUnits: {w}. Refer to the Amazon DynamoDB Developer Guide for "
    "current limits and how to request higher limits."
)
# [O] index definitions.
GSI_TOO_MANY = (
    "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the "
    "per-table limit of {limit}"
)
# DDB-TABLE-442 (2026-10).
LSI_TOO_MANY = (
    "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds "
    "per-table limit of {limit}"
)
INDEX_LIST_EMPTY = "One or more parameter values were invalid: List of {kind} is empty"
INDEX_DUPLICATE = "One or more parameter values were invalid: Duplicate index name: {index}"
LSI_NEEDS_RANGE = (
    "One or more parameter values were invalid: Table KeySchema does not have a range key, "
    "which is required when specifying a LocalSecondaryIndex"
)
LSI_HASH_MISMATCH = (
    "One or more parameter values were invalid: Index KeySchema does not have the same "
    "leading hash key as table KeySchema for index: {index}. index hash key: {ihash}, "
    "table hash key: {thash}"
)
# DDB-TABLE-442 (2026-10).
LSI_NEEDS_RANGE_KEY = (
    "One or more parameter values were invalid: Index KeySchema does not have a range key "
    "for index: {index}"
)
PROJECTION_INCLUDE_NEEDS_NON_KEY = (
    "One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes "
    "is not specified"
)
PROJECTION_NON_KEY_UNEXPECTED = (
    "One or more parameter values were invalid: ProjectionType is {type}, but NonKeyAttributes "
    "is specified"
)
PROJECTION_TOO_MANY = (
    "One or more parameter values were invalid: Number of projected attributes in all indexes "
    "exceeds limit of {limit}, number of projected attributes:{count}"
)
# DDB-TABLE-442 (2026-10).
PROJECTION_DUPLICATE = (
    "One or more parameter values were invalid: Duplicate element in NonKeyAttributes: {name}"
)
# CreateTable's and UpdateTable's words for a StreamSpecification that contradicts
# itself: ack-api-quirks DDB-TABLE-035/050/442 (verified against DynamoDB 2026-10);
# dynoxide 0.11.2 and ExtendDB quote the CreateTable one alike.
STREAM_NEEDS_VIEW_TYPE = (
    "One or more parameter values were invalid: Table is being created with a stream "
    "enabled, UpdateViewType is required"
)
STREAM_VIEW_WITHOUT_ENABLED = (
    "One or more parameter values were invalid: Table is being created with a stream "
    "disabled, UpdateViewType should not be specified"
)
STREAM_UPDATE_NEEDS_VIEW_TYPE = (
    "One or more parameter values were invalid: If stream is being enabled then "
    "UpdateViewType is required"
)
STREAM_UPDATE_VIEW_WITHOUT_ENABLED = (
    "One or more parameter values were invalid: If stream is being disabled, then "
    "UpdateViewType must not be specified"
)
# [O] DeleteTable with deletion protection on.
DELETION_PROTECTED = (
    "Resource cannot be deleted as it is currently protected against deletion. "
    "Disable deletion protection first."
)
# [O] UpdateTable.
# ack-api-quirks DDB-TABLE-442 (live in us-east-1 and us-west-2, 2026-10): the list
# leaves out a member the request has (``{consistency}`` is "MultiRegionConsistency, "
# or empty).
UPDATE_TABLE_NOTHING = (
    "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
    "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, "
    "ReplicaTransitRoleArn, {consistency}DeletionProtectionEnabled, OnDemandThroughput, "
    "WarmThroughput or TableClass is required"
)
# An unknown TableClass (DDB-TABLE-442, CreateTable and UpdateTable, 2026-10).
TABLE_CLASS_INVALID = (
    "Invalid table-class parameter provided. Please try again with a valid table-class "
    "value: [STANDARD, STANDARD_INFREQUENT_ACCESS]."
)
# UpdateTable changes one thing per call (DDB-TABLE-382/433/174/442, 2026-10); the first
# of these that applies names the request's fault, in this order.
UPDATE_ONLY_SSE = (
    "One or more parameter values were invalid: Server-Side Encryption modification must be "
    "the only operation in the request"
)
UPDATE_ONLY_TABLE_CLASS = (
    "One or more parameter values were invalid: TableClass modification must be the only "
    "operation in the request"
)
UPDATE_ONLY_DELETION_PROTECTION = (
    "One or more parameter values were invalid: DeletionProtection modification must be the "
    "only operation in the request"
)
UPDATE_ON_DEMAND_WITH_BILLING_ONLY = (
    "One or more parameter values were invalid: OnDemandThroughput can only be combined with "
    "BillingMode in an UpdateTable request"
)
UPDATE_WARM_WITH_GSI_CREATE = (
    "One or more parameter values were invalid: Create global secondary index cannot be "
    "specified when updating WarmThroughput"
)
UPDATE_ONLY_WARM = (
    "One or more parameter values were invalid: WarmThroughput must be the only operation in "
    "the request"
)
UPDATE_STREAM_WITH_IOPS = (
    "One or more parameter values were invalid: You cannot modify stream status while "
    "updating table IOPS"
)
UPDATE_INDEX_WITH_IOPS = (
    "One or more parameter values were invalid: You cannot create or delete index while "
    "updating table IOPS"
)
UPDATE_INDEX_WITH_STREAM = (
    "One or more parameter values were invalid: You cannot create or delete index while "
    "changing stream status"
)
GSI_UPDATES_EMPTY = (
    "One or more parameter values were invalid: List of GlobalSecondaryIndexUpdates is empty"
)
GSI_UPDATE_TWICE = (
    "One or more parameter values were invalid: Only one global secondary index update per "
    "index is allowed simultaneously. Index: {index}"
)
GSI_UPDATE_NO_ACTION = (
    "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, "
    "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null"
)
# [O] captured against DynamoDB (2026-10): the fifth decrease of a UTC day within an
# hour of the fourth. Times are written as Java's full US format in UTC.
THROUGHPUT_DECREASES_LIMITED = (
    "Subscriber limit exceeded: Provisioned throughput decreases are limited within a "
    "given UTC day. After the first {anytime} decreases, each subsequent decrease in the "
    "same UTC day can be performed at most once every {interval} seconds. Number of "
    "decreases today: {count}. Last decrease at {last}. Next decrease can be made at {next}"
)
# DDB-TABLE-442 (2026-10).
GSI_UPDATE_ONE_ACTION = (
    "One or more parameter values were invalid: Only one global secondary index action is "
    "allowed per GlobalSecondaryIndexUpdate object"
)
# [O] 2026 capture catalogue of UpdateTable errors (GSI Update/Delete of a missing
# index; the GSI quota met by a Create; the third TableClass change in 30 days).
GSI_NOT_FOUND = "Requested resource not found: Index {index} for table {table}"
GSI_TOO_MANY_UPDATE = (
    "Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit "
    "of {limit}"
)
TABLE_CLASS_UPDATES_LIMITED = (
    "Subscriber limit exceeded: Updates to TableClass are limited to {limit} times in "
    "{days} day(s)."
)
GSI_EXISTS = "Attempting to create an index which already exists"
# [O] 2026 capture catalogue of UpdateTable re-sends (streams and SSE).
STREAM_ALREADY_ENABLED = "Table already has an enabled stream: TableName: {name}"
STREAM_NOT_ENABLED = "Table has no stream to disable: TableName: {name}"
SSE_ALREADY_DEFAULT = (
    "One or more parameter values were invalid: Table is already encrypted by default"
)
SSE_ALREADY_KEY = (
    "One or more parameter values were invalid: Table is already encrypted with given "
    "KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change Master Key"
)

# [O] SSESpecification (terraform-provider-aws PR #5666 quoting DynamoDB; the second as
# quoted in aws-cloudformation-user-guide PR #1228).
SSE_TYPE_UNSUPPORTED = "One or more parameter values were invalid: SSEType {type} is not supported"
# Confirmed with the prefix, with the two below (ack-api-quirks DDB-TABLE-036/442,
# CreateTable and UpdateTable, 2026-10).
SSE_KEY_NEEDS_TYPE = (
    "One or more parameter values were invalid: SSEType KMS is required if KMSMasterKeyId "
    "is specified"
)
SSE_TYPE_WHEN_DISABLED = (
    "One or more parameter values were invalid: SSEType can not be specified if Enabled is false"
)
SSE_KEY_WHEN_DISABLED = (
    "One or more parameter values were invalid: KMSMasterKeyId can not be specified if Enabled "
    "is false"
)
# [D] TagResource/CreateTable beyond 50 tags per resource (ListTagsOfResource/Tagging
# quotas page; wording as DynamoDB reports it, quoted in public reports).
# Confirmed (ack-api-quirks DDB-TABLE-442, 2026-10: TagResource, UntagResource,
# CreateTable); a ValidationException, not LimitExceededException. ``{limit}`` is unused
# by DynamoDB's text and kept for the callers.
TAGS_TOO_MANY = "Number of Tags exceed the current limit for the provided ResourceArn"
# The same catalogue (TagResource, UntagResource, CreateTable).
TAG_KEY_INVALID = "The Tag Key provided is invalid, Key: {key}"
TAG_VALUE_INVALID = "The Tag Value provided is invalid, Value: {value}"
TAG_KEY_AWS_PREFIX = "Tag Key cannot be prefixed with aws:, Key: {key}"
TAG_KEY_DUPLICATE = "Duplicate Tag Keys provided as input: Duplicate Tag Key found {key}"
TAGS_NONE = "Atleast one Tag needs to be provided as Input."
TAG_KEYS_NONE = "Atleast one Tag Key needs to be provided as Input."

# -- items -------------------------------------------------------------------------------------
# [A17]
CONDITIONAL_CHECK_FAILED = "The conditional request failed"
ITEM_TOO_LARGE = "Item size has exceeded the maximum allowed size"
UPDATE_TOO_LARGE = "Item size to update has exceeded the maximum allowed size"
MISSING_KEY = "One or more parameter values were invalid: Missing the key {key} in the item"
KEY_TYPE_MISMATCH = (
    "One or more parameter values were invalid: Type mismatch for key {key} expected: "
    "{expected} actual: {actual}"
)
KEY_SCHEMA_MISMATCH = "The provided key element does not match the schema"
UPDATE_KEY_ATTRIBUTE = (
    "One or more parameter values were invalid: Cannot update attribute {key}. This attribute "
    "is part of the key"
)
# An update that writes an empty index key (the conformance suite's transactWriteItems
# captures, four regions 2026-06; dynoxide #95).
UPDATE_INDEX_KEY_EMPTY = (
    "One or more parameter values are not valid. The update expression attempted to update "
    "a secondary index key to a value that is not supported. The AttributeValue for a key "
    "attribute cannot contain an empty {kind} value."
)
# [O] secondary index key of the wrong type on write.
INDEX_KEY_TYPE_MISMATCH = (
    "One or more parameter values were invalid: Type mismatch for Index Key {key} Expected: "
    "{expected} Actual: {actual} IndexName: {index}"
)
INDEX_KEY_EMPTY = (
    "One or more parameter values are not valid. A value specified for a secondary index key "
    "is not supported. The AttributeValue for a key attribute cannot contain an empty {kind} "
    "value. IndexName: {index}, IndexKey: {key}"
)
# [O] ReturnValues not allowed by the operation.
RETURN_VALUES_PUT = "ReturnValues can only be ALL_OLD or NONE"
# [O] item collection over 10 GB with an LSI.
ITEM_COLLECTION_TOO_LARGE = "Item collection size limit exceeded"

# [O] legacy and expression parameters together (quoted in public reports of live AWS).
MIXED_PARAMETERS = (
    "Can not use both expression and non-expression parameters in the same request: "
    "Non-expression parameters: {{{legacy}}} Expression parameters: {{{expressions}}}"
)

# ConditionalOperator without a legacy condition map, or with a one-element map
# (ExtendDB's tests/test_conditional_operator.py, run against DynamoDB and ExtendDB).
CONDITIONAL_OPERATOR_ALONE = "ConditionalOperator cannot be used without Filter or Expected"
CONDITIONAL_OPERATOR_ONE = (
    "ConditionalOperator can only be used when Filter or Expected has two or more elements"
)

# -- query and scan ------------------------------------------------------------------------
# [O]
QUERY_NEEDS_KEY_CONDITION = (
    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."
)
CONSISTENT_READ_GSI = "Consistent reads are not supported on global secondary indexes"
INDEX_NOT_FOUND = "The table does not have the specified index: {index}"
# The Select rules below: confirmed against DynamoDB (us-east-1) by moto's
# aws_verified tests (tests/test_dynamodb/test_dynamodb_select.py) and ExtendDB's
# (tests/test_wording_parity_validation.py): a Query reports them in the envelope
# ("1 validation error detected: ..."), a Scan bare. The GSI projection rule below
# (SELECT_ALL_NOT_PROJECTED) is bare for both.
SELECT_PROJECTED_NO_INDEX = (
    "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
)
SELECT_SPECIFIC_NO_PROJECTION = (
    "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
    "SPECIFIC_ATTRIBUTES"
)
# ``{what}`` is the Select value, or "only the Count" for COUNT.
SELECT_CONFLICT = "Cannot specify the {param} when choosing to get {what}"
SELECT_ALL_NOT_PROJECTED = (
    "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
    "supported for global secondary index {index} because its projection type is not ALL"
)
EXCLUSIVE_START_KEY_INVALID = "The provided starting key is invalid: {detail}"
# [O] dynalite's scan tests (recorded against DynamoDB) and ScyllaDB Alternator agree.
START_KEY_WRONG_SEGMENT = (
    "Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. "
    "TotalSegments: {total} Segment: {segment}"
)
# [O] Query's wording has no detail.
EXCLUSIVE_START_KEY_INVALID_QUERY = "The provided starting key is invalid"
# [O] Query's ExclusiveStartKey outside the key condition (partition or sort range).
START_KEY_OUTSIDE = (
    "The provided starting key is outside query boundaries based on provided conditions"
)
SEGMENT_NEEDS_TOTAL = (
    "The TotalSegments parameter is required but was not present in the request when "
    "Segment parameter is present"
)
TOTAL_NEEDS_SEGMENT = (
    "The Segment parameter is required but was not present in the request when parameter "
    "TotalSegments is present"
)
SEGMENT_TOO_LARGE = (
    "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
    "Segment: {segment} is not less than TotalSegments: {total}"
)

# -- batches ----------------------------------------------------------------------------------
# [A8]
BATCH_GET_TOO_MANY = "Too many items requested for the BatchGetItem call"
DUPLICATE_KEYS = "Provided list of item keys contains duplicates"
BATCH_WRITE_TOO_MANY = (
    "1 validation error detected: Value '{value}' at 'requestItems' failed to satisfy "
    "constraint: Map value must satisfy constraint: [Member must have length less than or "
    "equal to 25, Member must have length greater than or equal to 1]"
)
BATCH_WRITE_EMPTY_REQUEST = (
    "1 validation error detected: Value null at 'requestItems.{table}.member.{n}' failed to "
    "satisfy constraint: Member must have exactly one of PutRequest or DeleteRequest"
)
# An empty RequestItems (dynoxide PR #198 from the conformance suite's 33-region capture,
# 2026-09): BatchGetItem has moved to the envelope, BatchWriteItem keeps its sentence.
BATCH_GET_EMPTY = (
    "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: "
    "Member must have length greater than or equal to 1"
)
BATCH_WRITE_EMPTY = "The requestItems parameter is required for BatchWriteItem"
# One table's Keys over 100 (the total over 100 is BATCH_GET_TOO_MANY): the
# conformance suite's batchGetItem capture, "Value at" with no value, "RequestItems"
# capitalised.
BATCH_GET_TABLE_TOO_MANY = (
    "1 validation error detected: Value at 'RequestItems.{table}.member.Keys' failed to "
    "satisfy constraint: Member must have length less than or equal to 100"
)

# -- transactions ----------------------------------------------------------------------------
# [A8]
TRANSACTION_CANCELLED = (
    "Transaction cancelled, please refer cancellation reasons for specific reasons [{codes}]"
)
TRANSACTION_SAME_ITEM = "Transaction request cannot include multiple operations on one item"
TRANSACTION_ONE_ACTION = "TransactItems can only contain one of Check, Put, Update or Delete"
TRANSACTION_IDEMPOTENT_MISMATCH = (
    "Request with the same client request token has different parameters"
)
# [D] The API reference's CancellationReason list ("Transaction is ongoing for the item");
# the same text is reported for TransactionConflictException on single-item writes.
TRANSACTION_CONFLICT = "Transaction is ongoing for the item"
TRANSACTION_TOO_LARGE = "Transaction request size exceeds the maximum allowed size"

# pyserverless's own: a setting whose effect is not emulated is refused, not stored and
# ignored (the wording follows Lambda's and Cognito's).
NOT_EMULATED = (
    "One or more parameter values were invalid: pyserverless does not emulate {parameter} "
    "(see docs/dynamodb.md); leave it out"
)
