"""DynamoDB's message texts for point-in-time recovery and backups.

[O]: observed answers of DynamoDB recorded in public probe logs (2026 captures) and
third-party issue reports quoting them; [?]: the observed text was cut short and the
tail is ours, or no capture was found (the code and the situation are AWS's).
"""

from __future__ import annotations

# [O] DescribeContinuousBackups / UpdateContinuousBackups / CreateBackup on a missing
# (or still CREATING) table; RestoreTableToPointInTime with a missing source.
TABLE_NOT_FOUND = "Table not found: {name}"
# [O] CreateBackup / UpdateContinuousBackups in the seconds after a table turns ACTIVE.
BACKUPS_BEING_ENABLED = "Backups are being enabled for the table: {name}. Please retry later"
# [O] RestoreTableToPointInTime from a table without PITR.
PITR_NOT_ENABLED = "Point in time recovery is not enabled for table '{name}'"
# [O] the head, [?] the tail after "LatestRestor".
INVALID_RESTORE_TIME = (
    "RestoreDateTime '{when}' must be within EarliestRestorableDateTime '{earliest}' and "
    "LatestRestorableDateTime '{latest}'"
)
# [O] the head, [?] the tail after "Pleas".
BOTH_RESTORE_TIMES = (
    "Invalid Request: Both RestoreDateTime and UseLatestRestorableTime cannot be set for "
    "point-in-time restore request. Please specify only one of them"
)
# [O]
NO_RESTORE_TIME = (
    "Invalid Request: Either one of RestoreDateTime or UseLatestRestorableTime must be "
    "specified, but not both"
)
# [O]
BOTH_SOURCES = "Must provide exactly one of: sourceTableArn, sourceTableName"
# [O]
NO_SOURCE = "The parameter 'TableName' is required"
# [O]
SOURCE_ARN_INVALID = "sourceTableArn is not a valid ARN"
# [O] a SourceTableArn of another account.
SOURCE_ARN_OTHER_ACCOUNT = (
    "This action is only supported by accounts that match the resource owner's account"
)
# [O] the target name is taken (an ACTIVE or a DELETING table).
TABLE_EXISTS = "Table already exists: {name}"
# [O] the target is a restore still CREATING.
TABLE_BEING_RESTORED = "Table: {name} is already being restored from backup: {source}"
# [O]
BACKUP_NOT_FOUND = "Backup not found: {arn}"
# [O] a string that is no backup ARN (a table ARN, a non-ARN).
BACKUP_ARN_INVALID = "Invalid Backup ARN"
# [O] a backup ARN of another account.
BACKUP_ACCESS_DENIED = "Access is denied"
# [O] a backup feeding a restore still CREATING.
BACKUP_RESTORING_OTHER = "Backup is being used to restore another table: {arn}"
BACKUP_RESTORING = "Backup is being used to restore table: {arn}"
# [O] DeleteBackup of a SYSTEM backup (the timestamp's format is [?]).
SYSTEM_BACKUP_UNDELETABLE = (
    "User is not allowed to delete the system backup with arn {arn}. "
    "It will automatically expire on {expiry}"
)
# [O] ListBackups with TimeRangeLowerBound after TimeRangeUpperBound.
TIME_RANGE_INVERTED = "Time range lower bound must be less than or equal to upper bound"
# [O] restore overrides.
THROUGHPUT_NEEDS_PROVISIONED = (
    "Cannot override ProvisionedThroughput unless BillingMode is PROVISIONED"
)
PROVISIONED_NEEDS_THROUGHPUT = (
    "Must override ProvisionedThroughput if BillingMode is overridden to PROVISIONED"
)
INDEX_NOT_IN_SOURCE = (
    "Index {index} does not match a secondary index that existed in the source table and "
    "cannot be created during the restore operation"
)
# [O] the head ("Only 50 restore operations"), [?] the rest.
TOO_MANY_RESTORES = "Only {limit} restore operations can be in progress at a time"
# [?] UpdateContinuousBackups disabling PITR with a RecoveryPeriodInDays.
PERIOD_WITHOUT_PITR = "RecoveryPeriodInDays can only be set when PointInTimeRecoveryEnabled is true"
