"""EventBridge's message texts, each with where it came from.

[O] observed in AWS answers quoted by public issues and SDK tests; [?] unconfirmed
(pyserverless's best wording where no AWS text was found).
"""

from __future__ import annotations

# [O] DescribeRule / EnableRule / PutTargets on a missing rule.
RULE_NOT_FOUND = "Rule {rule} does not exist on EventBus {bus}."
# [O] DescribeEventBus and rule operations naming a missing bus.
BUS_NOT_FOUND = "Event bus {bus} does not exist."
# [O] DeleteRule while targets remain.
RULE_HAS_TARGETS = "Rule can't be deleted since it has targets."
# [O] PutRule with neither.
PATTERN_OR_SCHEDULE = "Parameter(s) EventPattern or ScheduleExpression must be specified."
# [O] PutRule with a ScheduleExpression on a custom bus.
SCHEDULE_DEFAULT_BUS_ONLY = "ScheduleExpression is supported only on the default event bus."
# [O] PutTargets with more than one input member.
ONE_INPUT = "Only one of Input, InputPath, or InputTransformer must be provided for target {id}."
# [O] PutTargets with an ARN that is not one.
BAD_ARN = "Parameter {arn} is not valid. Reason: Provided Arn is not in correct format."
# [?] PutTargets with Input that is not JSON.
BAD_INPUT = "Input for target {id} is not valid JSON text."
# [?] PutTargets with an InputPath, or an InputPathsMap value, that is not a JSONPath.
BAD_INPUT_PATH = "{member} for target {id} is not a valid JSONPath: {path}"
# [?] PutTargets with an InputTemplate that is not valid JSON once its variables are set.
BAD_TEMPLATE = "Invalid InputTemplate for target {id}: the template is not valid JSON."
# [?] PutTargets with a member pyserverless does not deliver.
UNSUPPORTED_TARGET_MEMBER = "Target {id}: {member} is not supported by pyserverless's EventBridge."
# [?] the quota of targets per rule.
TOO_MANY_TARGETS = "The requested resource exceeds the maximum number allowed."
# [?] the quota of rules per bus / buses per account.
TOO_MANY_RULES = "The requested resource exceeds the maximum number allowed."
# [O] PutEvents whose entries are too large together.
ENTRIES_TOO_LARGE = "Total size of the entries in the request is over the limit."
# [O] PutEvents per-entry errors (ErrorCode InvalidArgument).
REQUIRED_ARGUMENT = "Parameter {name} is not valid. Reason: {name} is a required argument."
# [O] PutEvents per-entry error for a Source in AWS's reserved "aws." namespace.
RESERVED_SOURCE = "Not authorized for the source."
# [O] PutEvents per-entry error (ErrorCode MalformedDetail).
MALFORMED_DETAIL = "Detail is malformed."
# [O] TestEventPattern with an event that is not a JSON object with AWS's fields.
BAD_EVENT = "Parameter Event is not valid."
# [O] CreateEventBus on an existing name.
BUS_EXISTS = "Event bus {bus} already exists."
# [O] DeleteEventBus default.
DELETE_DEFAULT_BUS = "Cannot delete event bus default."
# [?] a NextToken this engine did not issue.
BAD_TOKEN = "The NextToken provided is invalid."
# [?] PutEvents through a global endpoint, which pyserverless does not emulate.
NO_GLOBAL_ENDPOINTS = (
    "EndpointId is not supported by pyserverless's EventBridge (no global endpoints)."
)
# [O] RemovePermission naming a statement the bus's policy does not have, whether or not
# it has a policy (the LocalStack suite's captures from AWS, 2024-06).
NO_STATEMENT = "Statement with the provided id does not exist."
# [?] RemovePermission with RemoveAllPermissions on a bus without a policy (moto's text).
NO_POLICY = "EventBus does not have a policy."
# [?] PutPermission with an Action other than events:PutEvents (moto's text).
BAD_ACTION = "Provided value in parameter 'action' is not supported."
# [?] PutPermission with neither a Policy nor Action, Principal and StatementId.
PERMISSION_MEMBERS = "Parameter(s) Policy or Action, Principal and StatementId must be specified."
# [?] RemovePermission with neither StatementId nor RemoveAllPermissions.
REMOVE_MEMBERS = "Parameter(s) StatementId or RemoveAllPermissions must be specified."
# [?] PutPermission with a Policy that is not a JSON object.
BAD_POLICY = "Parameter Policy is not valid. Reason: the policy is not a JSON object."
