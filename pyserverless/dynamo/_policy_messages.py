"""AWS's message texts for resource-based policies (``_policies``).

[O] marks a text captured from DynamoDB (an AWS-verified test suite and a 2026 probe of
every ResourceArn form and document variant); [?] a text not yet captured, in the
same family's wording.
"""

from __future__ import annotations

INVALID = "One or more parameter values were invalid: "

# -- the ResourceArn, checked before any lookup ---------------------------------------------
ARN_PREFIX = INVALID + "ARNs must start with 'arn:': {arn}"  # [O]
ARN_INVALID = INVALID + "Invalid resource Arn: {arn}"  # [O] another Region or partition
# [O] The apostrophe is U+2019, as DynamoDB sends it.
ARN_OTHER_ACCOUNT = (
    "This action is only supported by accounts that match the resource owner\u2019s account."
)
ARN_NOT_TABLE_OR_STREAM = (  # [O] an index ARN
    INVALID + "Invalid resource arn provided, only table or stream is accepted. "
    "Provided resource arn: {arn}"
)
ARN_NOT_DYNAMODB = INVALID + "Provided Arn is not a DynamoDB resource arn: {arn}"  # [O]
TABLE_NOT_FOUND = "Requested resource not found: Table: {name} not found"  # [O]
STREAM_NOT_FOUND = (  # [O]
    "Requested resource not found: Stream: {label} not found for Table: {name}"
)

# -- the document -----------------------------------------------------------------------------
TOO_LARGE = INVALID + "Maximum policy size of {limit} bytes exceeded"  # [O]
DOCUMENT = INVALID + "Invalid policy document: "
INVALID_JSON = DOCUMENT + "This policy contains invalid Json"  # [O]
STATEMENT_EMPTY = DOCUMENT + "Could not parse the policy: Statement is empty!"  # [O]
MISSING_FIELD = DOCUMENT + "Missing required field {field}"  # [O] Resource; [?] the others
INVALID_EFFECT = DOCUMENT + "Invalid effect: {effect}"  # [?]
INVALID_ACTIONS = DOCUMENT + "The following action names are invalid: {actions}"  # [O]
UNBOUNDED = (  # [O] an Allow to everyone: DynamoDB's least-privilege guardrail
    "Resource-based policy grants unbounded access in one or more elements. Please revise "
    "the policy to ensure least-privilege form of access"
)
# [O] A Deny that would stop the caller's next PutResourcePolicy, unconfirmed.
SELF_LOCKOUT = (
    "The new resource policy will not allow you to update the resource policy in the future."
)

# -- revisions --------------------------------------------------------------------------------
NOT_FOUND = "Resource-based policy not found for the provided ResourceArn: {arn}"  # [O]
REVISION_MISMATCH = (  # [O]
    "Resource-based policy not found for the provided ResourceArn: Requested update for "
    "policy with revision id {expected}, but the policy associated to target table {name} "
    "has revision id {current}."
)
REVISION_NONE_EXPECTED = (  # [O]
    "Resource-based policy not found for the provided ResourceArn: Requested policy update "
    "expecting none to be present for table {name}, but a policy exists with revision id "
    "{current}."
)
