"""DynamoDB's message texts, one constant each, with where the text came from.

A flat module of constants: engines format them with ``.format(...)`` and raise the
error class named after the AWS code. Sources: ``aws-facts`` is
/work/shared/reference/aws-facts.md (sections A1-A3, A17); "capture" means wire text
recorded against real DynamoDB by the paritysuite/dynamodb-conformance project
(tests/tier3, 2026), a record of AWS's answers, not of any emulator's.
"""

from __future__ import annotations

# --- AttributeValue shape ------------------------------------------------------------

# Real DynamoDB (aws-sdk-js issue #381, aws-sdk-net issue #428): ValidationException.
ATTRIBUTE_VALUE_EMPTY = (
    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
)
# aws-sdk-net issue #428 (DynamoDB's reply, quoted): ValidationException.
ATTRIBUTE_VALUE_MULTIPLE = (
    "Supplied AttributeValue has more than one datatypes set, "
    "must contain exactly one of the supported datatypes"
)
# DynamoDB's JSON reader, for a JSON value of the wrong kind: SerializationException.
# "NUMBER_VALUE cannot be converted to String" for {"N": 5} is AWS's (localstack issue
# #9412, connect-dynamodb PR #100); the same pattern is assumed for the other scalar
# tokens (STRING_VALUE, TRUE_VALUE, FALSE_VALUE) and targets (Boolean, Blob).
WRONG_JSON_TYPE = "{token} cannot be converted to {target}"
# A JSON object or array where a scalar was expected (amplify-js issue #13265,
# rusoto issue #658, both quoting DynamoDB).
UNEXPECTED_STRUCTURE = "Start of structure or map found where not expected"
UNEXPECTED_LIST = "Start of list found where not expected"
# A scalar where an object (an AttributeValue, a map) or a list was expected
# (AWS.jl issue #673, quoting DynamoDB).
UNEXPECTED_FIELD_TYPE = "Unexpected field type"
# Capture (putItem.test.ts): ValidationException for {"NULL": false}.
NULL_NOT_TRUE = (
    "One or more parameter values were invalid: "
    "Null attribute value types must have the value of true"
)

# --- Numbers (aws-facts A3; capture valueLayers.test.ts, numberExponent.test.ts) -------

NUMBER_TOO_PRECISE = "Attempting to store more than 38 significant digits in a Number"
NUMBER_OVERFLOW = (
    "Number overflow. Attempting to store a number with magnitude larger than supported range"
)
NUMBER_UNDERFLOW = (
    "Number underflow. Attempting to store a number with magnitude smaller than supported range"
)
# ``{text}`` is the value as sent; an empty value keeps the colon and the space.
NUMBER_NOT_NUMERIC = "The parameter cannot be converted to a numeric value: {text}"

# The older validation layer (capture valueLayers.test.ts: BatchWriteItem, and
# TransactWriteItems/TransactGetItems/Scan in most regions) words two of these
# differently: no colon or text for an empty number, and the bare duplicates text
# below for a number set. Its string and binary set listings are the members as sent,
# unquoted: "[b, a, b]".
NUMBER_NOT_NUMERIC_OLDER = "The parameter cannot be converted to a numeric value"
NUMBER_SET_DUPLICATES_OLDER = "Input collection contains duplicates"

# --- Sets (capture putItem.test.ts, valueLayers.test.ts) ------------------------------

# Note AWS's "An string", "An number" and the double space before "may".
STRING_SET_EMPTY = "One or more parameter values were invalid: An string set  may not be empty"
NUMBER_SET_EMPTY = "One or more parameter values were invalid: An number set  may not be empty"
BINARY_SET_EMPTY = "One or more parameter values were invalid: Binary sets should not be empty"
# A null member of a set (only JSON on the wire can carry one). The SS text is DynamoDB's
# (ExtendDB's us-east-1 tests; DynamoDB Local); the NS and BS texts follow it [?].
STRING_SET_NULL = (
    "One or more parameter values were invalid: An string set may not have a null string "
    "as a member"
)
NUMBER_SET_NULL = (
    "One or more parameter values were invalid: An number set may not have a null number "
    "as a member"
)
BINARY_SET_NULL = (
    "One or more parameter values were invalid: Binary sets may not have a null binary as a member"
)
# ``{members}``: quoted members, byte order up to the first repeat, then the repeat,
# then the rest as sent, e.g. ["a", "b", "b"].
STRING_SET_DUPLICATES = (
    "One or more parameter values were invalid: Input collection {members} contains duplicates."
)
# ``{members}``: base64 members without spaces, e.g. ["AA==","/w==","AA=="]; AWS's
# missing space before "of" is kept.
BINARY_SET_DUPLICATES = (
    "One or more parameter values were invalid: "
    "Input collection {members}of type BS contains duplicates."
)
NUMBER_SET_DUPLICATES = (
    "One or more parameter values were invalid: Input collection contains duplicates."
)

# --- Documents (capture nestingDepth.test.ts; aws-facts A2: depth 32) ------------------

NESTING_TOO_DEEP = (
    "Nesting Levels have exceeded supported limits: "
    "Attributes in the item have nested levels beyond supported limit"
)

# --- Item size (aws-facts A17) ---------------------------------------------------------

ITEM_TOO_LARGE = "Item size has exceeded the maximum allowed size"
ITEM_TOO_LARGE_UPDATE = "Item size to update has exceeded the maximum allowed size"

# --- Key values (aws-facts A17; capture putItem.test.ts for binary) --------------------

KEY_EMPTY_STRING = (
    "One or more parameter values are not valid. The AttributeValue for a key attribute "
    "cannot contain an empty string value. Key: {name}"
)
KEY_EMPTY_BINARY = (
    "One or more parameter values are not valid. The AttributeValue for a key attribute "
    "cannot contain an empty binary value. Key: {name}"
)
# "of2048" (no space) is AWS's text.
HASH_KEY_TOO_LARGE = (
    "One or more parameter values were invalid: "
    "Size of hashkey has exceeded the maximum size limit of{limit} bytes"
)
RANGE_KEY_TOO_LARGE = (
    "One or more parameter values were invalid: "
    "Aggregated size of all range keys has exceeded the size limit of {limit} bytes"
)
# A transaction cancels an action whose key is too large (reason ``ValidationError``)
# rather than refusing the request: ExtendDB's tests against DynamoDB
# (tests/test_transaction_key_size_validation.py); an empty key is still refused.
KEY_TOO_LARGE_PREFIXES = (
    HASH_KEY_TOO_LARGE.split("{", 1)[0],
    RANGE_KEY_TOO_LARGE.split("{", 1)[0],
)
KEY_TYPE_MISMATCH = (
    "One or more parameter values were invalid: "
    "Type mismatch for key {name} expected: {expected} actual: {actual}"
)
KEY_SCHEMA_MISMATCH = "The provided key element does not match the schema"
# A transaction also cancels an action whose key has the wrong type or shape, and
# BatchWriteItem words a put's wrong key type as the schema error (dynoxide's CHANGELOG
# #95, #97, #98, confirmed against DynamoDB); an empty key value is refused whole.
KEY_CANCELLED_PREFIXES = (
    *KEY_TOO_LARGE_PREFIXES,
    KEY_TYPE_MISMATCH.split("{", 1)[0],
    KEY_SCHEMA_MISMATCH,
)

# --- Envelope -------------------------------------------------------------------------

# Captures (valueLayers.test.ts; dynoxide PR #152 and its wire tests, eu-west-2 2026;
# floci PR #3447; public reports of live PutItem/UpdateItem errors): PutItem, UpdateItem
# and DeleteItem wrap request-validation errors - AttributeValues of the request, and
# expressions with their maps - in this prefix. GetItem, Query, Scan, the batches and
# the transactions report them bare, as do key errors, item-size errors and errors met
# while applying an update. paritysuite's four-region capture (2026-06) found regions
# without the prefix; pyserverless follows the regions that add it (docs/dynamodb.md).
VALIDATION_ENVELOPE = "1 validation error detected: {message}"
ENVELOPED_OPERATIONS = frozenset({"PutItem", "UpdateItem", "DeleteItem"})
ENVELOPED_FAMILIES = frozenset({"value", "expression"})
# A bad value in ExpressionAttributeValues: the value's own message, wrapped, never
# enveloped (DynamoDB's replies quoted in SDK issues and logs: "... for key :desc").
VALUES_INVALID_VALUE = "ExpressionAttributeValues contains invalid value: {message} for key {key}"

# --- boto3's client-side errors (boto3/dynamodb/types.py), raised as TypeError --------

BOTO3_FLOAT = "Float types are not supported. Use Decimal types instead."
BOTO3_INFINITY_NAN = "Infinity and NaN not supported"
BOTO3_UNSUPPORTED = 'Unsupported type "{type}" for value "{value}"'
BOTO3_BINARY_TYPES = "Value must be of the following types: {types}"
