"""DynamoDB quotas, each a field with AWS's default (aws-facts A2, A4, A7, A8)."""

from __future__ import annotations

import attrs

__all__ = ["DynamoDBLimits"]


@attrs.frozen(cache_hash=True)  # a cache key of the expression caches: hash it once
class DynamoDBLimits:
    """Every DynamoDB quota pyserverless enforces; override with ``Cloud(limits=...)``."""

    max_item_size: int = 400 * 1024
    max_partition_key_bytes: int = 2048
    max_sort_key_bytes: int = 1024
    max_nesting_depth: int = 32
    max_number_digits: int = 38
    max_expression_bytes: int = 4096
    max_placeholder_bytes: int = 255
    max_update_operators: int = 300
    # The same 300 applies to condition, filter and key-condition expressions (AWS's own
    # "count expression operators" example; DynamoDB Local's MAX_OPERATOR_COUNT).
    max_condition_operators: int = 300
    # ExpressionAttributeNames + ExpressionAttributeValues together (aws-facts A4).
    max_expression_maps_bytes: int = 2 * 1024 * 1024
    # One attribute name (aws-facts A2: "< 64 KB"; 65,535 bytes pass, 65,536 do not).
    max_attribute_name_bytes: int = 65535
    max_in_operands: int = 100
    max_page_bytes: int = 1024 * 1024
    max_batch_get_keys: int = 100
    max_batch_get_bytes: int = 16 * 1024 * 1024
    # BatchGetItem leaves keys unprocessed past this much from one partition in a call.
    max_batch_get_partition_bytes: int = 1024 * 1024
    max_batch_write_requests: int = 25
    max_batch_write_bytes: int = 16 * 1024 * 1024
    max_transact_items: int = 100
    max_transact_bytes: int = 4 * 1024 * 1024
    transaction_token_seconds: int = 600
    # Contention mode (docs/dynamodb.md, off at 0): clock seconds a committed
    # transaction keeps its items in flight, conflicting with other writers.
    transaction_hold_seconds: float = 0.0
    # State delay (docs/dynamodb.md, off at 0): clock seconds a table stays CREATING,
    # UPDATING or DELETING after the call that started it.
    table_state_seconds: float = 0.0
    max_gsis: int = 20
    max_lsis: int = 5
    max_projected_attributes: int = 100
    max_item_collection_bytes: int = 10 * 1024**3
    max_tables: int = 2500
    max_tags_per_resource: int = 50
    # Provisioned throughput decreases per table and UTC day: this many at any time,
    # then one per interval after the last (AWS's quotas page; 2026 capture).
    # TableClass changes per table in a rolling window (2026 capture).
    table_class_updates: int = 2
    table_class_update_days: int = 30
    throughput_decreases_anytime: int = 4
    throughput_decrease_interval_seconds: int = 3600
    # WarmThroughput a new table or GSI is described with (AWS's warm throughput page:
    # new tables start warm to 12,000 read and 4,000 write units per second).
    default_warm_read_units: int = 12_000
    default_warm_write_units: int = 4_000
    # Time to Live (docs/dynamodb-ttl.md). An expired item is deleted this many clock
    # seconds after it expires (or after the write or enable that made it known, if
    # later), each item's delay drawn from the Cloud's seeded generator. AWS's API
    # reference: "typically deletes expired items within two days of expiration".
    ttl_delete_min_seconds: float = 0.0
    ttl_delete_max_seconds: float = 2 * 86400.0
    # ENABLING / DISABLING last this long (0: settled at once, as observed on AWS).
    ttl_transition_seconds: float = 0.0
    # A second UpdateTimeToLive within this span of a change is refused (AWS: "one hour").
    ttl_change_interval_seconds: float = 3600.0
    # TTL values this far (or further) in the past never expire (AWS: five years).
    ttl_max_age_seconds: float = 5 * 365 * 86400.0
    max_total_segments: int = 1_000_000
    # DescribeLimits (aws-facts A6): per-account and per-table throughput quotas.
    account_max_read_units: int = 80_000
    account_max_write_units: int = 80_000
    table_max_read_units: int = 40_000
    table_max_write_units: int = 40_000
    # Resource-based policies (_policies): a document's size in bytes, whitespace
    # counted (the API reference: 20 KB; DynamoDB's message says 20480 bytes).
    max_resource_policy_bytes: int = 20_480
    # Multi-attribute GSI keys (_multikey): HASH and RANGE attributes per GSI key
    # (AWS's developer guide, "Multi-attribute key schema": up to four each).
    max_gsi_hash_attributes: int = 4
    max_gsi_range_attributes: int = 4
    # Point-in-time recovery and backups (docs/dynamodb-backups.md, aws-facts A13).
    # RecoveryPeriodInDays when UpdateContinuousBackups gives none, and its bounds.
    pitr_default_recovery_days: int = 35
    pitr_max_recovery_days: int = 35
    # LatestRestorableDateTime trails the clock by this much ("typically 5 minutes").
    pitr_latest_lag_seconds: float = 300.0
    # A SYSTEM backup (kept when a table with PITR is deleted) expires after this many days.
    system_backup_days: int = 35
    # Clock seconds after a table turns ACTIVE during which CreateBackup and
    # UpdateContinuousBackups answer ContinuousBackupsUnavailableException (observed: 0-6 s;
    # off at 0).
    backups_enabling_seconds: float = 0.0
    # Restores in progress (CREATING, with table_state_seconds) at once per account-region.
    max_concurrent_restores: int = 50
    # -- Export to and import from S3 (docs/dynamodb-export.md, aws-facts A14) --
    # Clock seconds from ExportTableToPointInTime / ImportTable to COMPLETED (0: at once).
    export_seconds: float = 0.0
    import_seconds: float = 0.0
    # Exports IN_PROGRESS at once per account-region (AWS: 300) and imports (AWS: 50).
    max_concurrent_exports: int = 300
    max_concurrent_imports: int = 50
    # [?] Physical partitions an export writes one data file each for (AWS writes at least
    # one per partition, empty ones included; a table's partition count is not public).
    export_partitions: int = 1
    # S3 objects one import may read (AWS: 50,000).
    max_import_objects: int = 50_000
    # -- DynamoDB Streams (aws-facts A11; docs/dynamodb-streams.md) --
    # Records are readable this long after their write (24 hours).
    stream_retention_seconds: float = 86400.0
    # A disabled stream (or one whose table was deleted) stays readable this long.
    stream_disabled_seconds: float = 86400.0
    # A shard closes and a child opens this often ("about every four hours" [?]; 0: never).
    stream_shard_seconds: float = 4 * 3600.0
    # A shard iterator expires this long after GetShardIterator or GetRecords returned it.
    stream_iterator_seconds: float = 900.0
    # GetRecords returns at most this many bytes of records (SizeBytes; at least one record).
    stream_max_read_bytes: int = 1024 * 1024
    # PartiQL (docs/dynamodb-partiql.md): statements in one BatchExecuteStatement, and a
    # statement's length in characters. ExecuteTransaction shares max_transact_items.
    max_batch_statements: int = 25
    max_statement_chars: int = 8192
    # -- Global tables (aws-facts A12; docs/dynamodb-global.md) --
    # Replication lag from one replica to another, drawn per write from the Cloud's seeded
    # generator between these bounds (seconds; "usually under a second" [D]).
    replication_lag_min: float = 0.05
    replication_lag_max: float = 0.5
    # Regions in one MRSC global table (replicas plus witness: exactly three [D]).
    mrsc_regions: int = 3
