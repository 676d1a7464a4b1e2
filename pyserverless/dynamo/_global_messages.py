"""Global tables' error messages (docs/dynamodb-global.md).

Marked ``[O]`` when the text was seen from DynamoDB (quoted in public issues), ``[?]``
when it is our wording of a rule AWS documents but whose exact text we have not seen.
"""

from __future__ import annotations

# [O] aws/aws-cli#4906, aws/aws-cdk#6287.
LOCAL_REGION = (
    "Cannot add, delete, or update the local region through ReplicaUpdates. "
    "Use CreateTable, DeleteTable, or UpdateTable as required."
)
# [O] terraform-aws-modules/terraform-aws-dynamodb-table#30.
STREAM_DISABLE = (
    "One or more parameter values were invalid: Disabling Stream is not allowed for a "
    "Global Table replica."
)
# [?] the rest.
ONE_ACTION = (
    "One or more parameter values were invalid: exactly one of Create, Update or Delete "
    "must be given in each ReplicaUpdates entry"
)
DISASSOCIATE = (
    "One or more parameter values were invalid: pyserverless does not emulate "
    "ReplicaUpdates Disassociate (multi-account global tables); leave it out"
)
REPLICA_UNKNOWN_REGION = "One or more parameter values were invalid: Invalid region name: {region}"
REPLICA_EXISTS = (
    "One or more parameter values were invalid: Failed to create a replica in region "
    "{region}: the table already has a replica there"
)
REPLICA_NOT_FOUND = (
    "One or more parameter values were invalid: Replica for table {name} does not exist "
    "in region {region}"
)
REPLICA_TABLE_EXISTS = (
    "Table already exists in region {region}: {name}; a replica needs the name to be free"
)
REPLICA_REGION_TWICE = (
    "One or more parameter values were invalid: Region {region} appears more than once "
    "in ReplicaUpdates"
)
REPLICA_WITH_OTHERS = (
    "One or more parameter values were invalid: ReplicaUpdates cannot be combined with "
    "other table updates ({members}) in one UpdateTable request"
)
STREAM_VIEW = (
    "One or more parameter values were invalid: A replica can only be added to a table "
    "whose stream has StreamViewType NEW_AND_OLD_IMAGES, not {view}"
)
REPLICA_BUSY = (
    "Table {name} in region {region} is being created or deleted; try again when it is ACTIVE"
)
GSI_OVERRIDE_UNKNOWN = (
    "One or more parameter values were invalid: Global secondary index {index} does not "
    "exist on table {name}"
)
CONSISTENCY_FIXED = (
    "One or more parameter values were invalid: MultiRegionConsistency can only be set "
    "when the global table is created"
)
CONSISTENCY_ALONE = (
    "One or more parameter values were invalid: MultiRegionConsistency must be given with "
    "ReplicaUpdates that create replicas"
)
MRSC_REGIONS = (
    "One or more parameter values were invalid: A global table with MultiRegionConsistency "
    "STRONG needs exactly {count} Regions: three replicas, or two replicas and a witness"
)
MRSC_NOT_EMPTY = (
    "One or more parameter values were invalid: A table must be empty to be made a global "
    "table with MultiRegionConsistency STRONG"
)
MRSC_UNSUPPORTED = (
    "One or more parameter values were invalid: {feature} is not supported for global "
    "tables with MultiRegionConsistency STRONG"
)
WITNESS_EVENTUAL = (
    "One or more parameter values were invalid: A witness can only be part of a global "
    "table with MultiRegionConsistency STRONG"
)
WRITE_CONFLICT = (
    "The request was rejected because one or more items in the request are being modified "
    "by a request in another Region."
)
# Legacy 2017.11.29 API.
GLOBAL_TABLE_NOT_FOUND = "Global table not found: Global table with name: '{name}' does not exist."
GLOBAL_TABLE_EXISTS = "Global table already exists: {name}"
LEGACY_TABLE_NOT_FOUND = (
    "Table not found: Table with name: '{name}' does not exist in region {region}"
)
LEGACY_NOT_EMPTY = (
    "One or more parameter values were invalid: Table {name} in region {region} is not "
    "empty; the replicas of a new global table must be empty"
)
LEGACY_STREAM = (
    "One or more parameter values were invalid: Table {name} in region {region} must have "
    "DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES"
)
LEGACY_SCHEMA = (
    "One or more parameter values were invalid: Table {name} in region {region} does not "
    "have the same key schema and indexes as the other replicas"
)
LEGACY_ALREADY_GLOBAL = (
    "One or more parameter values were invalid: Table {name} in region {region} is already "
    "a replica of a global table"
)
LEGACY_REPLICA_EXISTS = "Replica already exists in region {region}: {name}"
LEGACY_REPLICA_NOT_FOUND = "Replica not found in region {region}: {name}"
LEGACY_REPLICA_UPDATES = (
    "One or more parameter values were invalid: ReplicaUpdates applies to global tables "
    "version 2019.11.21; this table belongs to a version 2017.11.29 global table "
    "(use UpdateGlobalTable)"
)
