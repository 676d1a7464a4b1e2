"""DynamoDB's ValidationException texts for expressions, one constant each.

Sources: aws-facts A4/A17; real-service messages quoted in public issue threads and in
the test suites of emulators that were checked against DynamoDB (dynalite's
``test/updateItem.js`` and ``test/query.js``; ExtendDB's and floci's 2026 captures;
ScyllaDB's Alternator tests); DynamoDB Local's message tables (``DbValidationError``,
``ErrorFactory``) for the sentences and their ``; key: value`` details. Comments name the
source where it is not the first of these. Templates use ``str.format`` fields.
"""

from __future__ import annotations

# Placeholder maps (dynalite tests, confirmed against DynamoDB).
NAMES_EMPTY = "ExpressionAttributeNames must not be empty"
VALUES_EMPTY = "ExpressionAttributeValues must not be empty"
NAMES_INVALID_KEY = 'ExpressionAttributeNames contains invalid key: Syntax error; key: "{key}"'
VALUES_INVALID_KEY = 'ExpressionAttributeValues contains invalid key: Syntax error; key: "{key}"'
# A placeholder (the key, "#"/":" included) longer than 255 UTF-8 bytes. Captured against
# DynamoDB by ExtendDB (PR #181: names add the size, values do not); the sentence is
# DynamoDB Local's PARAMETER_MAP_KEY_SIZE_EXCEEDED.
NAMES_KEY_TOO_LONG = (
    "ExpressionAttributeNames contains invalid key: The expression attribute map contains a "
    "key that is too long; size of key: {size}"
)
VALUES_KEY_TOO_LONG = (
    "ExpressionAttributeValues contains invalid key: The expression attribute map contains a "
    "key that is too long;"
)
# The 2 MB quota on the placeholder maps (DynamoDB Local's InputConverter: each map alone,
# then both together; sizes are key bytes plus name bytes / value size).
NAMES_MAP_TOO_LARGE = "ExpressionAttributeNames exceeds max size"
VALUES_MAP_TOO_LARGE = "ExpressionAttributeValues exceeds max size"
MAPS_TOO_LARGE = (
    "Combined size of ExpressionAttributeNames and ExpressionAttributeValues exceeds max size"
)
# Quoted from a real error report (an application matching the service's text).
NAMES_EMPTY_VALUE = (
    "ExpressionAttributeNames contains invalid value: Empty attribute name for key {key}"
)
# A name in ExpressionAttributeNames over 65,535 bytes (measured against DynamoDB by
# ExtendDB, issue #365; the same text as for an item's attribute name).
NAME_TOO_LARGE = (
    "1 validation error detected: Attribute name is too large, must be less than {limit} bytes"
)
NAMES_WITHOUT_EXPRESSIONS = "ExpressionAttributeNames can only be specified when using expressions"
VALUES_WITHOUT_EXPRESSIONS = (
    "ExpressionAttributeValues can only be specified when using expressions"
)
VALUES_WITHOUT_UPDATE_EXPRESSIONS = (
    "ExpressionAttributeValues can only be specified when using expressions: "
    "UpdateExpression and ConditionExpression are null"
)
NAMES_UNUSED = "Value provided in ExpressionAttributeNames unused in expressions: keys: {{{keys}}}"
VALUES_UNUSED = (
    "Value provided in ExpressionAttributeValues unused in expressions: keys: {{{keys}}}"
)

# Every message below is prefixed with "Invalid <Kind>Expression: " (PREFIX).
PREFIX = "Invalid {kind}: "
EMPTY = "The expression can not be empty;"
# A real FilterExpression rejection quoted in a public project (size 5872).
# ExtendDB's capture (us-east-1): FilterExpression and ConditionExpression give the size;
# ProjectionExpression, UpdateExpression and KeyConditionExpression do not.
TOO_LARGE = "Expression size has exceeded the maximum allowed size; expression size: {size}"
TOO_LARGE_UNSIZED = "Expression size has exceeded the maximum allowed size;"
SYNTAX = 'Syntax error; token: "{token}", near: "{near}"'
REDUNDANT_PARENS = "The expression has redundant parentheses;"
RESERVED = "Attribute name is a reserved keyword; reserved keyword: {word}"
NAME_UNDEFINED = (
    "An expression attribute name used in the document path is not defined; attribute name: {name}"
)
VALUE_UNDEFINED = (
    "An expression attribute value used in expression is not defined; attribute value: {name}"
)
UNKNOWN_FUNCTION = "Invalid function name; function: {name}"
# Where a function may appear (DynamoDB Local's DbValidationError; the "; function: x"
# detail as captured against DynamoDB by ExtendDB's tests and dynalite's).
MISUSED_FUNCTION = (
    "The function is not allowed to be used this way in an expression; function: {name}"
)
FUNCTION_NOT_IN_CONDITION = (
    "The function is not allowed in a condition expression; function: {name}"
)
FUNCTION_NOT_IN_UPDATE = "The function is not allowed in an update expression; function: {name}"
OPERAND_COUNT = (
    "Incorrect number of operands for operator or function; "
    "operator or function: {name}, number of operands: {count}"
)
NEEDS_PATH = "Operator or function requires a document path; operator or function: {name}"
OPERAND_TYPE = (
    "Incorrect operand type for operator or function; "
    "operator or function: {name}, operand type: {type}"
)
# ADD/DELETE use "operator:", long type names (STRING, NUMBER, BOOL, ...) and the type set;
# captured against DynamoDB in 2026 (floci's and ExtendDB's tests): DELETE too names
# ALLOWED_FOR_ADD_OPERAND (older reports showed ALLOWED_FOR_DELETE_OPERAND).
CLAUSE_OPERAND_TYPE = (
    "Incorrect operand type for operator or function; operator: {name}, operand type: {type}, "
    "typeSet: ALLOWED_FOR_ADD_OPERAND"
)
ATTRIBUTE_TYPE_NAME = (
    "Invalid attribute type name found; type: {type}, valid types: {{B,NULL,SS,BOOL,L,BS,N,NS,S,M}}"
)
NOT_DISTINCT = (
    "The first operand must be distinct from the remaining operands for this operator or "
    "function; operator: {op}, first operand: {path}"
)
BETWEEN_TYPES = (
    "The BETWEEN operator requires same data type for lower and upper bounds; "
    "lower bound operand: AttributeValue: {{{low}}}, "
    "upper bound operand: AttributeValue: {{{high}}}"
)
BETWEEN_ORDER = (
    "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
    "lower bound operand: AttributeValue: {{{low}}}, "
    "upper bound operand: AttributeValue: {{{high}}}"
)
IN_TOO_MANY = "The IN operator is provided with too many operands; number of operands: {count}"
# DynamoDB Local's MAX_OPERATORS_EXCEEDED with its "operator count" detail: raised when the
# count first passes the limit, so the count shown is always the limit plus one.
TOO_MANY_OPERATORS = "The expression contains too many operators; operator count: {count}"
SECTION_TWICE = 'The "{section}" section can only be used once in an update expression;'
PATHS_OVERLAP = (
    "Two document paths overlap with each other; must remove or rewrite one of these paths; "
    "path one: {one}, path two: {two}"
)
PATHS_CONFLICT = (
    "Two document paths conflict with each other; must remove or rewrite one of these paths; "
    "path one: {one}, path two: {two}"
)
# Quoted from DynamoDB by ScyllaDB's test_projection_expression_path_nesting_levels.
NESTING_TOO_DEEP = "The document path has too many nesting levels; nesting levels: {depth}"
# DynamoDB Local's INVALID_LIST_INDEX, for an index above 2**31 - 1; the "; index: [N]"
# detail follows a third-party reference and was not confirmed.
LIST_INDEX_RANGE = "List index is not within the allowable range; index: [{index}]"

# KeyConditionExpression (dynalite test/query.js; these carry no "Invalid ...:" prefix).
KEY_BAD_OPERATOR = "Invalid operator used in KeyConditionExpression: {op}"
KEY_FIRST_OPERAND = (
    "Invalid condition in KeyConditionExpression: {op} operator must have the key attribute "
    "as its first operand"
)
KEY_NESTED_OPERATION = "KeyConditionExpressions cannot contain nested operations"
KEY_MULTIPLE_NAMES = (
    "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"
)
# These two carry the prefix (dynoxide's CHANGELOG, confirmed in eu-west-2; the
# conformance suite's keyConditionOperandType tests, pinned against eu-west-2 2026-10;
# ExtendDB's tests, us-east-1).
KEY_NESTED_ATTRIBUTE = (
    "Invalid KeyConditionExpression: "
    "KeyConditionExpressions cannot have conditions on nested attributes"
)
KEY_NO_ATTRIBUTE = "Invalid condition in KeyConditionExpression: No key attribute specified"
KEY_ONE_PER_KEY = (
    "Invalid KeyConditionExpression: "
    "KeyConditionExpressions must only contain one condition per key"
)
# Legacy KeyConditions of the wrong length (dynalite).
KEY_TOO_MANY = "Conditions can be of length 1 or 2 only"
# A KeyConditionExpression with more conditions than the key has attributes (the same
# suite, eu-west-2 2026-10).
KEY_MORE_THAN_SCHEMA = (
    "The number of query conditions ({count}) exceeds the number of key attributes defined "
    "in the schema ({keys})"
)
KEY_MISSED = "Query condition missed key schema element: {name}"
KEY_NOT_SUPPORTED = "Query key condition not supported"
FILTER_ON_KEY = (
    "Filter Expression can only contain non-primary key attributes: Primary key attribute: {name}"
)

# Update application (aws-facts A17; dynalite test/updateItem.js).
UPDATE_KEY_ATTRIBUTE = (
    "One or more parameter values were invalid: Cannot update attribute {name}. "
    "This attribute is part of the key"
)
UPDATE_INVALID_PATH = "The document path provided in the update expression is invalid for update"
UPDATE_MISSING_OPERAND = (
    "The provided expression refers to an attribute that does not exist in the item"
)
UPDATE_OPERAND_DATA_TYPE = "An operand in the update expression has an incorrect data type"

# Numbers (aws-facts A3).
NUMBER_OVERFLOW = (
    "Number overflow. Attempting to store a number with magnitude larger than supported range"
)
NUMBER_UNDERFLOW = (
    "Number underflow. Attempting to store a number with magnitude smaller than supported range"
)
NUMBER_PRECISION = "Attempting to store more than 38 significant digits in a Number"

# Legacy parameters (dynalite tests, confirmed against DynamoDB).
LEGACY_ARG_COUNT = (
    "One or more parameter values were invalid: Invalid number of argument(s) for the "
    "{op} ComparisonOperator"
)
LEGACY_BAD_TYPE = (
    "One or more parameter values were invalid: ComparisonOperator {op} is not valid for "
    "{type} AttributeValue type"
)
LEGACY_MIXED_TYPES = (
    "One or more parameter values were invalid: AttributeValues inside AttributeValueList "
    "must be of same type"
)
LEGACY_BETWEEN_ORDER = (
    "The BETWEEN condition was provided a range where the lower bound is greater than the "
    "upper bound"
)
LEGACY_NOT_INDEXABLE = "Attempted conditional constraint is not an indexable operation"
LEGACY_EXISTS_NULL = (
    "One or more parameter values were invalid: Value must be provided when Exists is null "
    "for Attribute: {name}"
)
LEGACY_EXISTS_TRUE = (
    "One or more parameter values were invalid: Value must be provided when Exists is true "
    "for Attribute: {name}"
)
LEGACY_EXISTS_FALSE = (
    "One or more parameter values were invalid: Value cannot be used when Exists is false "
    "for Attribute: {name}"
)
LEGACY_DELETE_NO_VALUE_ONLY = (
    "One or more parameter values were invalid: "
    "Only DELETE action is allowed when no attribute value is specified"
)
LEGACY_DELETE_TYPE = (
    "One or more parameter values were invalid: "
    "DELETE action with value is not supported for the type {type}"
)
LEGACY_ADD_TYPE = (
    "One or more parameter values were invalid: ADD action is not supported for the type {type}"
)
LEGACY_UPDATE_TYPE_MISMATCH = "Type mismatch for attribute to update"
LEGACY_DUPLICATE_ATTRIBUTE = (
    "One or more parameter values were invalid: Duplicate value in attribute name: {name}"
)
