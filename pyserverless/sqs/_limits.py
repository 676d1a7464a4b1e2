"""SQS's quotas, each a field with AWS's value (``Cloud(limits={"sqs": {...}})``)."""

from __future__ import annotations

import attrs

__all__ = ["SQSLimits"]


@attrs.frozen
class SQSLimits:
    """SQS's limits.

    >>> SQSLimits().max_message_bytes
    1048576
    >>> SQSLimits(max_message_bytes=256 * 1024).max_message_bytes
    262144
    """

    #: The largest message (body and attributes) a queue may accept, and the top of
    #: MaximumMessageSize (AWS: 1 MiB since August 2025; 256 KiB before).
    max_message_bytes: int = 1024 * 1024
    #: A new queue's MaximumMessageSize when none is given (AWS today: 1 MiB).
    default_message_bytes: int = 1024 * 1024
    #: The smallest MaximumMessageSize (AWS: 1 KiB).
    min_message_bytes: int = 1024
    #: The summed size of a batch's messages (AWS: the message limit).
    max_batch_bytes: int = 1024 * 1024
    #: Entries in one batch request (AWS: 10).
    max_batch_entries: int = 10
    #: Messages one ReceiveMessage may return (AWS: 10).
    max_receive_messages: int = 10
    #: The longest visibility timeout, and a message's total in-flight time (AWS: 12 h).
    max_visibility_seconds: int = 43_200
    #: The longest DelaySeconds (AWS: 15 minutes).
    max_delay_seconds: int = 900
    #: The shortest and longest MessageRetentionPeriod (AWS: 60 s and 14 days).
    min_retention_seconds: int = 60
    max_retention_seconds: int = 1_209_600
    #: The longest WaitTimeSeconds and ReceiveMessageWaitTimeSeconds (AWS: 20 s).
    max_wait_seconds: int = 20
    #: How long a FIFO queue remembers a deduplication id (AWS: 5 minutes).
    dedup_window_seconds: int = 300
    #: How long a ReceiveRequestAttemptId is remembered (AWS: 5 minutes).
    receive_attempt_seconds: int = 300
    #: How long after DeleteQueue the name stays taken (AWS: 60 s).
    deleted_name_seconds: int = 60
    #: How long after PurgeQueue another purge is refused (AWS: 60 s).
    purge_interval_seconds: int = 60
    #: Message attributes per message (AWS: 10).
    max_message_attributes: int = 10
    #: Tags per queue (AWS: 50).
    max_tags: int = 50
    #: In-flight messages per queue (AWS: 120,000 standard, 120,000 FIFO since 2024).
    max_inflight_standard: int = 120_000
    max_inflight_fifo: int = 120_000
    #: The largest maxReceiveCount of a RedrivePolicy (AWS: 1000).
    max_receive_count: int = 1000
    #: Source queue ARNs a RedriveAllowPolicy may list (AWS: 10).
    max_redrive_sources: int = 10
    #: Queues ListQueues returns at most, and without MaxResults (AWS: 1000).
    max_list_queues: int = 1000
    #: Messages a move task moves per second when no rate is given (AWS: "system
    #: optimized"; pyserverless's figure), and the highest rate one may ask for (AWS: 500).
    default_move_rate: int = 500
    max_move_rate: int = 500
