"""PartiQL's message texts, each with where it came from.

[O] observed from DynamoDB in public conformance captures (2026); [D] documented by AWS;
[?] unconfirmed: our best reading, kept in one place so a capture can correct it.
"""

from __future__ import annotations

#: [O] The envelope of every parse error; the detail follows the colon (may be empty).
NOT_WELL_FORMED = "Statement wasn't well formed, can't be processed: {detail}"
#: [O] A statement that starts with no data-manipulation keyword.
EXPECTED_DML = "Expected data manipulation"
#: [O] A keyword where the grammar wants something else.
UNEXPECTED_KEYWORD = "Unexpected keyword"
#: [O] A token left over after a complete statement.
LEFTOVER = "Unexpected token after expression"
#: [?] A token the grammar cannot take here.
UNEXPECTED_TOKEN = "Unexpected token"
#: [?] The statement ends before the grammar is satisfied.
UNEXPECTED_END = "Unexpected end of statement"
#: [O] A path through a reserved word such as ``inner``.
INVALID_DOT = "Invalid path dot component"
#: [O] A table alias (no envelope).
ALIASING = "Aliasing is not supported"
#: [O] A function DynamoDB's PartiQL does not know, with its position.
UNRECOGNIZED_FUNCTION = "Unrecognized function: {name} at {at}"
#: [O]
NEEDS_PATH = "Operator or function requires a document path; operator or function: {name}"
#: [O]
OPERAND_COUNT = (
    "Incorrect number of operands for operator or function; operator or function: {name}, "
    "number of operands: {count}"
)
#: [O]
OPERAND_TYPE = (
    "Incorrect operand type for operator or function; operator or function: {name}, "
    "operand type: {type}"
)
#: [O] set_add / set_delete misuse, with positions.
SET_FN_TARGET = "The first argument to {fn} must equal the assignment value at {at}"
SET_FN_VALUE = "The second argument to {fn} must be a value with type SET at {at}"
SET_FN_ARGS = "{fn} must have exactly two arguments at {at}"
#: [O] Set literals.
EMPTY_BAG = "Empty bags are not supported"
SET_DUPLICATES = (
    "One or more parameter values were invalid: Input collection [{items}] contains duplicates."
)
#: [?] A set literal mixing strings and numbers, or holding other values.
SET_MIXED = "Unsupported data type: {what} under key root"
#: [O] A function call where an INSERT value must be a literal.
UNSUPPORTED_VALUE = "Unsupported data type: {name} under key root at {at}"
#: [O] A number literal outside DynamoDB's range gets the number message and its path.
UNDER_ROOT = "{message} under root{path}"
#: [O] UPDATE/DELETE (and batch or transaction SELECT) without the full primary key.
MISSING_KEY = "Where clause does not contain a mandatory equality on all key attributes"
#: [O] INSERT of a key that is already there.
DUPLICATE_ITEM = "Duplicate primary key exists in table"
#: [O] RETURNING on DELETE.
DELETE_RETURNING = (
    "Invalid returning clause: RETURNING {variant} *. "
    "Only RETURNING ALL OLD * is allowed in DELETE statements."
)
#: [O]
BATCH_SELECT_KEY = (
    "Select statements within BatchExecuteStatement must specify the primary key in the "
    "where clause."
)
#: [O]
TRANSACTION_SELECT_KEY = (
    "Select statements within ExecuteTransaction must specify the primary key in the where clause."
)
#: [O] ExecuteTransaction's per-statement envelope.
IN_TRANSACTION = "Validation failed in TransactStatements[{index}]: {message}"
#: [O]
EXISTS_NEEDS_CONDITION = "EXISTS() must contain a single item read with additional condition"
#: [?] The number of ``?`` and of Parameters differ.
PARAMETER_COUNT = "Number of parameters in request and statement don't match."
#: [?] ORDER BY with no WHERE, or on something other than the key of a Query.
ORDER_BY_NEEDS_WHERE = "Must have WHERE clause in the statement when using ORDER BY clause."
ORDER_BY_KEY = "Variable reference [{name}] in ORDER BY clause must be a part of the primary key"
ORDER_BY_SCAN = (
    "ORDER BY is only supported with a query: the WHERE clause must fix the partition key"
)
#: [?] Reads and writes mixed in one batch or transaction.
BATCH_MIXED = "Batch must contain either only read statements or only write statements"
TRANSACTION_MIXED = "Transaction must contain either only read statements or only write statements"
#: [?] EXISTS outside ExecuteTransaction.
EXISTS_OUTSIDE = "EXISTS is only supported within ExecuteTransaction"
#: [?] A NextToken this engine did not issue, or issued for another statement.
BAD_NEXT_TOKEN = "Invalid NextToken"
#: [?] MISSING used as a value.
MISSING_VALUE = "MISSING is not a valid value for this operation"
#: [?] RETURNING inside ExecuteTransaction.
TRANSACTION_RETURNING = "RETURNING is not supported in ExecuteTransaction"
