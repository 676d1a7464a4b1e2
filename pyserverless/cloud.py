"""The Cloud: the composition root that owns the clock, the seed and every service."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ._core.clock import Clock, ManualClock, SystemClock
from ._core.faults import Faults
from ._core.ids import Ids
from ._core.limits import Limits
from ._core.regions import AWS_REGIONS, region_refused
from ._core.scheduler import Scheduler
from ._core.services import load, spec_for

if TYPE_CHECKING:
    from ._core.snapshot import CloudSnapshot
    from ._core.timepatch import TimePatch
    from ._regionview import RegionView
    from .cdn._resource import CdnResource
    from .cognito import CognitoResource
    from .dynamo._resource import DynamoDBResource
    from .events._resource import EventsResource
    from .gateway._resource import GatewayResource
    from .iam._resource import IAMResource
    from .logs._resource import LogsResource
    from .s3._resource import S3Resource
    from .scheduler._resource import SchedulesResource
    from .sqs._resource import SQSResource

__all__ = ["Cloud"]

_ACCOUNT = re.compile(r"^\d{12}$")
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")


class Cloud:
    """One AWS account in memory: a clock, a seed, and every service, built lazily.

    >>> from pyserverless import Cloud, ManualClock
    >>> cloud = Cloud(clock=ManualClock(1735689600), seed=42)
    >>> cloud
    Cloud(account_id='123456789012', region='us-east-1', seed=42,
          clock=ManualClock('2025-01-01T00:00:00+00:00'))
    >>> cloud.client("dynamodb").meta.region_name
    'us-east-1'
    >>> cloud.client("s4")
    Traceback (most recent call last):
    ...
    ValueError: Unknown service 's4': pyserverless emulates ...dynamodb...
    """

    def __init__(
        self,
        account_id: str = "123456789012",
        region: str = "us-east-1",
        clock: Clock | None = None,
        seed: int = 0,
        limits: Limits | Mapping[str, Any] | None = None,
        regions: Iterable[str] | None = None,
    ) -> None:
        if not isinstance(account_id, str) or not _ACCOUNT.match(account_id):
            raise ValueError(f"account_id must be 12 digits, got {account_id!r}")
        if not isinstance(region, str) or not _REGION.match(region):
            raise ValueError(f"region must look like 'us-east-1', got {region!r}")
        known = AWS_REGIONS if regions is None else frozenset(regions)
        if regions is not None and not all(isinstance(r, str) and _REGION.match(r) for r in known):
            raise ValueError(f"regions must be names like 'us-east-1', got {sorted(known)!r}")
        if (why := region_refused(region, known)) is not None:
            raise ValueError(why)
        if clock is not None and not isinstance(clock, Clock):
            raise TypeError(f"clock must be a ManualClock, a SystemClock or a Clock, not {clock!r}")
        self.account_id = account_id
        self.region = region
        #: The Regions this Cloud serves (AWS's commercial Regions unless given).
        self.regions: frozenset[str] = known
        self.seed = seed
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.scheduler = Scheduler(self.clock)
        self.ids = Ids(seed)
        self.limits = limits if isinstance(limits, Limits) else Limits(limits)
        self._engines: dict[tuple[str, str], Any] = {}
        self._resources: dict[str, Any] = {}
        #: Planned faults: ``cloud.faults.fail("dynamodb", "PutItem", error=..., times=1)``.
        self.faults = Faults(self)
        self._lock = threading.RLock()
        self._time_patches: list[TimePatch] = []

    # -- time ----------------------------------------------------------------------
    def now(self) -> datetime:
        """The Cloud's current instant (aware UTC)."""
        return self.clock.now()

    def advance(self, seconds: float | timedelta) -> int:
        """Move a ManualClock forward, running due work in (time, sequence) order.

        Returns how many scheduled tasks ran.
        """
        return self.scheduler.advance(seconds)

    def run_until_idle(self) -> int:
        """Run every scheduled task, moving a ManualClock to each one's time."""
        return self.scheduler.run_until_idle()

    # -- services ------------------------------------------------------------------------
    def engine(self, service_name: str, region_name: str | None = None) -> Any:
        """The engine of a service in a region (built on first use)."""
        region = region_name or self.region
        key = (service_name, region)
        engine = self._engines.get(key)
        if engine is None:
            spec = spec_for(service_name)
            if (why := region_refused(region, self.regions)) is not None:
                raise ValueError(why)
            with self._lock:
                engine = self._engines.get(key)
                if engine is None:
                    engine = load(spec.engine)(self, region)
                    self._engines[key] = engine
        return engine

    def in_region(self, name: str) -> RegionView:
        """One Region of this Cloud: its engines, clients and DynamoDB resource layer.

        (``cloud.region`` stays the default Region's name, a plain ``str``.)

        >>> Cloud.manual().in_region("eu-west-1")
        Region('eu-west-1', account_id='123456789012')
        """
        from ._regionview import RegionView

        if not isinstance(name, str) or not _REGION.match(name):
            raise ValueError(f"region must look like 'us-east-1', got {name!r}")
        if (why := region_refused(name, self.regions)) is not None:
            raise ValueError(why)
        return RegionView(self, name)

    def partition(self, a: str, b: str) -> None:
        """Cut Regions ``a`` and ``b`` off from each other (replication waits) until ``heal``."""
        self.faults.network.partition(a, b)

    def heal(self, a: str | None = None, b: str | None = None) -> None:
        """End a partition (all of them with no arguments); queued replication flows."""
        self.faults.network.heal(a, b)

    def regions_with(self, service_name: str) -> list[str]:
        """The Regions where ``service_name``'s engine has been built, sorted (none built here).

        >>> cloud = Cloud.manual()
        >>> _ = cloud.client("dynamodb", "eu-west-1").list_tables()
        >>> cloud.regions_with("dynamodb")
        ['eu-west-1']
        """
        spec_for(service_name)
        return sorted(region for name, region in list(self._engines) if name == service_name)

    def patch_time(self) -> TimePatch:
        """Make ``time.time()`` and ``datetime.now()`` follow this Cloud's ManualClock.

        For code that reads the real time: PyJWT then judges a token's expiry on the
        Cloud's clock, so ``cloud.advance(3600)`` expires it for PyJWT too. Use it as a
        context manager (or call ``stop()``); ``cloud.close()`` ends it as well. Needs
        the ``time`` extra (time-machine).

        >>> import time
        >>> cloud = Cloud(clock=ManualClock(1_000_000_000))
        >>> with cloud.patch_time():
        ...     _ = cloud.advance(60)
        ...     time.time()
        1000000060.0
        >>> time.time() > 1_700_000_000
        True
        """
        if not isinstance(self.clock, ManualClock):
            raise TypeError(
                "patch_time() moves time.time() with a ManualClock; this Cloud reads the "
                f"real time already ({self.clock!r})"
            )
        from ._core.timepatch import TimePatch

        patch = TimePatch(self.clock)
        self._time_patches.append(patch)
        return patch

    # -- snapshots -----------------------------------------------------------------------
    def snapshot(self) -> CloudSnapshot:
        """Copy the state of every service, the pending tasks, the ids and the faults.

        Cheap (stored DynamoDB items are shared, not copied) and deterministic: after
        ``restore(snap)`` the same calls give the same results as they would right after
        the snapshot, ids included. Lambda's idle execution environments end (the next
        invoke starts cold). Set up once, then reset per test or per hypothesis example
        (docs/testing.md).

        >>> cloud = Cloud.manual(seed=7)
        >>> snap = cloud.snapshot()
        >>> first = cloud.ids.uuid()
        >>> cloud.restore(snap)
        >>> cloud.ids.uuid() == first
        True
        """
        from ._core.snapshot import take

        return take(self)

    def restore(self, snapshot: CloudSnapshot) -> None:
        """Put every service back as ``snapshot`` found it (it stays reusable).

        The clock does not move back: a task whose time has passed runs at the next
        ``advance``. Lambda's execution environments end; the next invoke starts cold.
        Clients, tables and functions obtained before keep working on the restored
        state. A snapshot of another Cloud is refused with ``ValueError``.
        """
        from ._core.snapshot import restore

        restore(self, snapshot)

    def close(self) -> None:
        """Release what the Cloud holds outside itself: Lambda's execution environments
        (worker threads and processes, their temporary folders). The Cloud's state stays
        readable; a later invocation starts cold. Also ``with Cloud() as cloud:``.

        >>> with Cloud.manual() as cloud:
        ...     fn = cloud.lambda_.create_function("f", handler=lambda event, context: 1)
        ...     fn.invoke({})
        1
        """
        while self._time_patches:
            self._time_patches.pop().stop()
        for engine in list(self._engines.values()):
            close = getattr(engine, "close", None)  # engines that hold threads or processes
            if callable(close):
                close()

    def __enter__(self) -> Cloud:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def client(self, service_name: str, region_name: str | None = None) -> Any:
        """A boto3-shaped client: ``cloud.client("dynamodb").put_item(...)``.

        ``service_name`` is boto3's: ``dynamodb``, ``dynamodbstreams``, ``lambda``,
        ``cognito-idp``, ``sts``, ``iam``, ``apigateway``, ``apigatewayv2``,
        ``apigatewaymanagementapi``, ``s3``, ``events``,
        ``scheduler``, ``cloudfront``, ``cloudfront-keyvaluestore``, ``sqs``, ``logs``. Any
        other name raises ``ValueError`` listing them.

        >>> sorted(Cloud.manual().client("s3").list_buckets()["Buckets"])
        []
        """
        spec = spec_for(service_name, need="client")
        if region_name is not None:
            if not isinstance(region_name, str) or not _REGION.match(region_name):
                raise ValueError(f"region_name must look like 'us-east-1', got {region_name!r}")
            if (why := region_refused(region_name, self.regions)) is not None:
                raise ValueError(why)
        return load(spec.client)(self, region_name or self.region)  # type: ignore[arg-type]

    def resource(self, service_name: str, region_name: str | None = None) -> Any:
        """A boto3-shaped resource: ``cloud.resource("dynamodb").Table("users")``."""
        spec = spec_for(service_name, need="resource")
        assert spec.resource is not None
        return load(spec.resource)(self, region_name or self.region)

    # -- resource layers: one typed property per service ---------------------------------
    @property
    def dynamo(self) -> DynamoDBResource:
        """DynamoDB's resource layer, boto3's resource shape (``Table``, ``create_table``).

        >>> from pyserverless import Cloud
        >>> Cloud.manual().dynamo
        dynamodb.ServiceResource(region='us-east-1')
        """
        return self._resource_layer("dynamodb")  # type: ignore[no-any-return]

    @property
    def lambda_(self) -> Any:
        """Lambda's resource layer: ``cloud.lambda_.create_function("f", handler=fn)``."""
        return self._resource_layer("lambda")

    @property
    def cognito(self) -> CognitoResource:
        """Cognito user pools' resource layer: ``cloud.cognito.create_user_pool("users")``."""
        return self._resource_layer("cognito-idp")  # type: ignore[no-any-return]

    @property
    def gateway(self) -> GatewayResource:
        """API Gateway's resource layer: ``cloud.gateway.http_api("shop")``, ``.invoke(...)``."""
        return self._resource_layer("apigateway")  # type: ignore[no-any-return]

    @property
    def s3(self) -> S3Resource:
        """S3's resource layer: ``cloud.s3.create_bucket("photos").put("a.jpg", data)``."""
        return self._resource_layer("s3")  # type: ignore[no-any-return]

    @property
    def events(self) -> EventsResource:
        """EventBridge's resource layer: ``cloud.events.schedule("hourly", "rate(1 hour)", fn)``."""
        return self._resource_layer("events")  # type: ignore[no-any-return]

    @property
    def schedules(self) -> SchedulesResource:
        """EventBridge Scheduler's resource layer: ``cloud.schedules.create(name, expr, fn)``."""
        return self._resource_layer("scheduler")  # type: ignore[no-any-return]

    @property
    def cdn(self) -> CdnResource:
        """CloudFront's resource layer: ``cloud.cdn.distribution(origins=[bucket])``."""
        return self._resource_layer("cloudfront")  # type: ignore[no-any-return]

    @property
    def sqs(self) -> SQSResource:
        """SQS's resource layer: ``cloud.sqs.queue("jobs").send("hello")``."""
        return self._resource_layer("sqs")  # type: ignore[no-any-return]

    @property
    def logs(self) -> LogsResource:
        """CloudWatch Logs' resource layer: ``cloud.logs.group("/aws/lambda/f").events()``."""
        return self._resource_layer("logs")  # type: ignore[no-any-return]

    @property
    def iam(self) -> IAMResource:
        """IAM's resource layer: ``cloud.iam.role("fn", policies=[...])``."""
        return self._resource_layer("iam")  # type: ignore[no-any-return]

    def _resource_layer(self, service_name: str) -> Any:
        layer = self._resources.get(service_name)
        if layer is None:
            spec = spec_for(service_name)
            with self._lock:
                layer = self._resources.get(service_name)
                if layer is None:
                    if spec.resource is None:  # pragma: no cover - transitional
                        layer = self.engine(service_name)
                    else:
                        layer = load(spec.resource)(self, self.region)
                    self._resources[service_name] = layer
        return layer

    def __repr__(self) -> str:
        return (
            f"Cloud(account_id={self.account_id!r}, region={self.region!r}, "
            f"seed={self.seed!r}, clock={self.clock!r})"
        )

    @staticmethod
    def manual(**kwargs: Any) -> Cloud:
        """A Cloud on virtual time: ``Cloud.manual(seed=1)``."""
        return Cloud(clock=ManualClock(), **kwargs)
