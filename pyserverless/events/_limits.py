"""EventBridge's quotas, each a field with AWS's value (``Cloud(limits={"events": {...}})``)."""

from __future__ import annotations

import attrs

__all__ = ["EventsLimits"]


@attrs.frozen
class EventsLimits:
    """EventBridge's limits.

    >>> EventsLimits().max_targets_per_rule
    5
    >>> EventsLimits(max_entry_bytes=1024 * 1024).max_entry_bytes
    1048576
    """

    #: Entries in one PutEvents request (AWS: 10; the model says so too).
    max_put_events_entries: int = 10
    #: The summed size of a PutEvents request's entries, computed as AWS's "Calculating
    #: PutEvents event entry size" page does (AWS: 256 KB; AWS has announced 1 MB for some
    #: Regions, so this is a field).
    max_entry_bytes: int = 256 * 1024
    #: Targets one rule may have (AWS: 5).
    max_targets_per_rule: int = 5
    #: Rules per event bus (AWS's default quota: 300).
    max_rules_per_bus: int = 300
    #: Event buses per account and Region, the default one included (AWS's default quota: 100).
    max_event_buses: int = 100
    #: The largest page of ListRules / ListTargetsByRule / ListEventBuses (AWS: 100).
    max_page: int = 100
