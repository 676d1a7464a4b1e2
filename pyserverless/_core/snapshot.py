"""Cloud snapshots: ``snap = cloud.snapshot()`` and ``cloud.restore(snap)``.

A snapshot is a deep copy of everything a Cloud knows, taken in one step under every
engine's lock: each built engine's state (DynamoDB's tables, items, indexes and
transaction tokens, Lambda's functions, versions, aliases, layers and queued async
events, Cognito's pools, users, clients and tokens, API Gateway's APIs and stages, and
whatever state a feature or a service adds later), the scheduler's pending tasks, the
seeded id generator and the planned faults with their history. It is a value:
restoring copies it again, so one snapshot can be restored any number of times.

What is not copied:

- The clock. A ManualClock never moves backwards, so ``restore`` leaves time where it
  is: the state comes back, the clock stays. A restored task keeps its own due time: one
  still in the future runs when the clock reaches it; one whose time has passed runs at
  the next ``advance`` (or ``run_until_idle``), in (time, sequence) order.
- Lambda's execution environments (worker threads and processes). Taking a snapshot
  and restoring one both end the idle ones, so the next invocation starts cold either
  way and the same calls give the same results after either.
- Locks: the engines keep their own, and the copied state gets fresh ones.
- Python callables (handlers, triggers, fault predicates, a user's scheduled lambda) are
  shared, not copied: they are code. Engines schedule bound methods and
  ``functools.partial`` objects, which are copied with the state they work on.

How things are copied: a deep copy (the table ``_Copier.dispatch``), so state a feature
adds later is covered without changes here. The core knows no service; a class that
needs other rules says so itself:

- ``__snapshot__(self, copy)`` returns the object's copy (``copy`` copies a child with
  these rules), or None for a live-only object, which is left out: dropped from lists
  and dicts, and a scheduled task about it is dropped. DynamoDB's ``Store`` copies its
  containers and shares its entries (stored items are never mutated, see
  ``dynamo._storage``): a snapshot of 10,000 items copies one dict per table and one
  sorted map per partition. A ``Change`` shares its items; Lambda's execution
  environments are live-only.
- ``__snapshot_shared__``, on an attrs class, names fields that hold only stored items:
  the container is copied, the items shared (a backup's content, the PITR undo log).

Something that cannot be copied (a socket, a generator) makes ``snapshot()`` raise
``TypeError`` naming its type, and nothing changes.
"""

from __future__ import annotations

import contextlib
import copyreg
import enum
import functools
import heapq
import itertools
import re
import threading
import time
import types
import weakref
from collections import OrderedDict, defaultdict, deque
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
from sortedcontainers import SortedDict, SortedKeyList, SortedList  # type: ignore[import-untyped]

from .clock import ManualClock
from .scheduler import TaskHandle

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["CloudSnapshot", "clone_sorted_dict", "clone_sorted_list", "restore", "take"]

_MISSING: Any = object()


class _Dropped:
    """What a live-only object (an execution environment) becomes in a snapshot."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<dropped>"


_DROPPED: Any = _Dropped()


class _Ref:
    """Stands in a snapshot for a live object that is not copied (an engine, its lock)."""

    __slots__ = ("label",)

    def __init__(self, label: str) -> None:
        self.label = label

    def __repr__(self) -> str:
        return f"<live {self.label}>"


_ATOMIC: frozenset[type] = frozenset(
    {
        type(None),
        type(Ellipsis),
        type(NotImplemented),
        bool,
        int,
        float,
        complex,
        str,
        bytes,
        Decimal,
        datetime,
        date,
        timedelta,
        timezone,
        range,
        type,
        types.FunctionType,
        types.ModuleType,
        types.CodeType,
        property,
        weakref.ref,
        re.Pattern,
        _Dropped,
    }
)


def _plain(x: tuple[Any, ...]) -> bool:
    """A tuple of immutable atoms (and such tuples): it is its own copy. Keys are these."""
    for v in x:  # a loop, not all(...): this runs once per key and index entry
        kind = type(v)
        if kind not in _ATOMIC and not (kind is tuple and _plain(v)):
            return False
    return True


_LOCK = type(threading.Lock())
_RLOCK = type(threading.RLock())
_COUNT = re.compile(r"count\((-?\d+)\)")

Handler = Callable[["_Copier", Any], Any]


class _Copier:
    """A deep copy with the snapshot's rules; ``memo`` maps ``id(original)`` to its copy."""

    #: How each type is copied, filled lazily for types met the first time.
    dispatch: dict[type, Handler] = {}

    def __init__(self, memo: dict[int, Any]) -> None:
        self.memo = memo
        self._alive: list[Any] = []  # originals kept alive while their ids are in the memo

    def copy(self, x: Any) -> Any:
        cls = type(x)
        if cls in _ATOMIC or (cls is tuple and _plain(x)):
            return x
        found = self.memo.get(id(x), _MISSING)
        if found is not _MISSING:
            return found
        handler = self.dispatch.get(cls)
        if handler is None:
            handler = self.dispatch[cls] = _classify(cls)
        y = handler(self, x)
        self.memo[id(x)] = y
        self._alive.append(x)
        return y

    def remember(self, x: Any, y: Any) -> None:
        """Record ``y`` as the copy of ``x`` before filling it (for cycles)."""
        self.memo[id(x)] = y
        self._alive.append(x)

    # -- containers ---------------------------------------------------------------------
    def dict_(self, x: dict[Any, Any]) -> dict[Any, Any]:
        y: dict[Any, Any] = {}
        self.remember(x, y)
        copy, atomic = self.copy, _ATOMIC
        for k, v in x.items():
            # Inline the common cases (atoms, tuples of atoms): this loop runs per entry.
            kind = type(v)
            value = v if kind in atomic or (kind is tuple and _plain(v)) else copy(v)
            if value is not _DROPPED:
                kind = type(k)
                y[k if kind in atomic or (kind is tuple and _plain(k)) else copy(k)] = value
        return y

    def list_(self, x: list[Any]) -> list[Any]:
        y: list[Any] = []
        self.remember(x, y)
        copy, atomic = self.copy, _ATOMIC
        for v in x:
            kind = type(v)
            value = v if kind in atomic or (kind is tuple and _plain(v)) else copy(v)
            if value is not _DROPPED:
                y.append(value)
        return y

    def tuple_(self, x: tuple[Any, ...]) -> Any:
        y = tuple(self.copy(v) for v in x)
        if _DROPPED in y:
            return _DROPPED  # a call whose arguments are gone cannot be made
        found = self.memo.get(id(x), _MISSING)  # a cycle through the tuple copied it already
        if found is not _MISSING:
            return found
        return x if all(a is b for a, b in zip(x, y, strict=True)) else type(x)(y)

    def set_(self, x: Any) -> Any:
        y = type(x)(self.copy(v) for v in x)
        return x if isinstance(x, frozenset) and y == x else y

    def deque_(self, x: deque[Any]) -> deque[Any]:
        y: deque[Any] = deque(maxlen=x.maxlen)
        self.remember(x, y)
        y.extend(v for v in map(self.copy, x) if v is not _DROPPED)
        return y

    def sorted_dict(self, x: Any) -> Any:
        # Keys of a sorted map are immutable (they are compared); values are copied.
        y = clone_sorted_dict(x)
        self.remember(x, y)
        copy = self.copy
        for k, v in x.items():
            dict.__setitem__(y, k, copy(v))
        return y

    def sorted_list(self, x: Any) -> Any:
        copied = [self.copy(v) for v in x]
        if isinstance(x, SortedKeyList):
            return type(x)(copied, key=x.key)
        if all(a is b for a, b in zip(x, copied, strict=True)):
            return clone_sorted_list(x)  # immutable values (the usual case): no sorting
        return SortedList(copied)

    def method(self, x: types.MethodType) -> Any:
        owner = self.copy(x.__self__)
        return _DROPPED if owner is _DROPPED else types.MethodType(x.__func__, owner)

    def builtin(self, x: Any) -> Any:
        # A builtin bound to an object (``items.append``) is copied with its object.
        owner = getattr(x, "__self__", None)
        if owner is None or isinstance(owner, (types.ModuleType, type)):
            return x
        copied = self.copy(owner)
        return _DROPPED if copied is _DROPPED else getattr(copied, x.__name__)

    def task(self, x: TaskHandle) -> Any:
        if _is_engine_code(x.callback):
            callback, args = self.copy(x.callback), self.copy(x.args)
        else:  # the user's own callable and arguments: theirs, kept as they are
            callback, args = x.callback, x.args
        if callback is _DROPPED or args is _DROPPED:
            return _DROPPED  # a task about a live-only object (an environment's reaper)
        y = TaskHandle(x.when, x.seq, callback, args, x.name, x.daemon)
        y.cancelled = x.cancelled
        return y

    def attrs_(self, x: Any) -> Any:
        # Field by field: an attrs class's __reduce__ may be for pickling, which can drop
        # what a copy must keep (a FunctionConfig's handler).
        cls: Any = type(x)
        y = cls.__new__(cls)
        self.remember(x, y)
        shallow = getattr(cls, "__snapshot_shared__", ())
        for field in attrs.fields(cls):
            value = getattr(x, field.name)
            # A container of immutable entries: a new container, the entries shared.
            copied = _shallow_copy(value) if field.name in shallow else self.copy(value)
            object.__setattr__(y, field.name, copied)
        extra = getattr(x, "__dict__", None)
        if extra:
            for name, value in extra.items():
                object.__setattr__(y, name, self.copy(value))
        return y

    def reduce(self, x: Any) -> Any:
        """The general case, as ``copy.deepcopy`` does it: through ``__reduce_ex__``."""
        reductor = copyreg.dispatch_table.get(type(x))
        try:
            rv = reductor(x) if reductor is not None else x.__reduce_ex__(4)
        except TypeError as err:
            raise TypeError(
                f"cannot snapshot a {type(x).__module__}.{type(x).__qualname__}: {err}"
            ) from None
        if isinstance(rv, str):
            return x  # a module-level singleton
        func, args, state, items, pairs = (*rv, None, None, None)[:5]
        y = func(*self.copy(args)) if args else func()
        self.remember(x, y)
        if state is not None:
            self._set_state(y, self.copy(state))
        if items is not None:
            for item in items:
                y.append(self.copy(item))
        if pairs is not None:
            for k, v in pairs:
                y[self.copy(k)] = self.copy(v)
        return y

    @staticmethod
    def _set_state(y: Any, state: Any) -> None:
        if hasattr(y, "__setstate__"):
            y.__setstate__(state)
            return
        slots = None
        if isinstance(state, tuple) and len(state) == 2:
            state, slots = state
        if state:
            y.__dict__.update(state)
        if slots:
            for name, value in slots.items():
                setattr(y, name, value)


def _is_engine_code(callback: Any) -> bool:
    """Whether a scheduled callable is pyserverless's (a bound method or partial of it)."""
    while isinstance(callback, functools.partial):
        callback = callback.func
    func = getattr(callback, "__func__", callback)
    return str(getattr(func, "__module__", "")).startswith("pyserverless.")


def clone_sorted_list(x: Any, y: Any = None) -> Any:
    """A copy of the SortedList ``x`` (into ``y``, a new SortedList, if given) without
    sorting again: O(n), not O(n log n). Its positional index is rebuilt lazily."""
    if y is None:
        y = SortedList()
    y._lists = [sub[:] for sub in x._lists]
    y._maxes = x._maxes[:]
    y._len = x._len
    y._load = x._load
    y._index = []
    y._offset = 0
    return y


def _shallow_copy(value: Any) -> Any:
    if type(value) is SortedList:
        return clone_sorted_list(value)
    return type(value)(value)


def clone_sorted_dict(x: Any) -> Any:
    """A SortedDict with the same entries (values shared) and its key list cloned."""
    if x._key is not None:  # a custom key order: take the documented way
        return x.copy()
    y = SortedDict()
    dict.update(y, dict.items(x))  # dict.items: C speed (SortedDict.__iter__ is Python)
    clone_sorted_list(x._list, y._list)
    return y


def _fresh_lock(_c: _Copier, _x: Any) -> Any:
    return threading.Lock()


def _fresh_rlock(_c: _Copier, _x: Any) -> Any:
    return threading.RLock()


def _count(c: _Copier, x: Any) -> Any:
    found = _COUNT.fullmatch(repr(x))  # the next value, read without taking it
    return itertools.count(int(found.group(1))) if found else c.reduce(x)


def _shared(_c: _Copier, x: Any) -> Any:
    return x


def _dropped(_c: _Copier, _x: Any) -> Any:
    return _DROPPED


def _deepcopy_hook(c: _Copier, x: Any) -> Any:
    return x.__deepcopy__(c.memo)


def _own_hook(c: _Copier, x: Any) -> Any:
    copied = x.__snapshot__(c.copy)
    return _DROPPED if copied is None else copied


#: Modules whose callable classes are machinery to copy (a partial binding an engine
#: method), not user code to share.
_MACHINERY = ("pyserverless", "builtins", "functools", "operator", "collections", "typing")


def _user_callable(cls: type) -> bool:
    """Whether instances of ``cls`` are user code: a callable class defined outside
    pyserverless and the standard library's function tools (a handler object)."""
    if "__call__" not in dir(cls):
        return False
    module = cls.__module__.partition(".")[0]
    return module not in _MACHINERY and not attrs.has(cls)


def _classify(cls: type) -> Handler:
    if issubclass(cls, (type, enum.Enum)):
        return _shared
    if cls.__module__.startswith("cryptography."):
        return _shared  # keys are immutable
    if _user_callable(cls):
        return _shared  # a handler object of the user's: shared, as a function is
    if hasattr(cls, "__snapshot__"):
        return _own_hook
    if issubclass(cls, threading.Thread):
        return _dropped
    if hasattr(cls, "__deepcopy__"):
        return _deepcopy_hook
    if attrs.has(cls):
        return _Copier.attrs_
    return _Copier.reduce


_Copier.dispatch.update(
    {
        dict: _Copier.dict_,
        list: _Copier.list_,
        tuple: _Copier.tuple_,
        set: _Copier.set_,
        frozenset: _Copier.set_,
        deque: _Copier.deque_,
        SortedDict: _Copier.sorted_dict,
        SortedList: _Copier.sorted_list,
        SortedKeyList: _Copier.sorted_list,
        types.MethodType: _Copier.method,
        types.BuiltinMethodType: _Copier.builtin,
        TaskHandle: _Copier.task,
        types.MappingProxyType: lambda c, x: types.MappingProxyType(c.copy(dict(x))),
        _LOCK: _fresh_lock,
        _RLOCK: _fresh_rlock,
        itertools.count: _count,
        OrderedDict: _Copier.reduce,
        defaultdict: _Copier.reduce,
    }
)


# -- what a snapshot holds ------------------------------------------------------------------
#: Engine attributes that belong to the live engine and are never copied or restored:
#: Lambda's timeout watchdog (a thread) and its folder of extracted code and layers.
#: An engine's live objects besides its lock, kept by the engine through a restore: the
#: Lambda watchdog, a work folder, SQS's long-poll condition (bound to the engine's lock).
_LIVE_ATTRIBUTES = frozenset({"watchdog", "_work_dir", "arrivals"})


@attrs.frozen(eq=False, repr=False)
class CloudSnapshot:
    """A Cloud's state at one instant: ``cloud.restore(snap)`` brings it back.

    A frozen value: restoring copies it, so it can be restored again and again.

    >>> from pyserverless import Cloud, ManualClock
    >>> cloud = Cloud(clock=ManualClock(1735689600))
    >>> table = cloud.dynamo.create_table(
    ...     TableName="users",
    ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    ...     BillingMode="PAY_PER_REQUEST")
    >>> _ = table.put_item(Item={"id": "ada"})
    >>> snap = cloud.snapshot()
    >>> snap  # doctest: +ELLIPSIS
    <CloudSnapshot at 2025-01-01T00:00:00+00:00: dynamodb (us-east-1); 1 item; 0 tasks; took ...>
    >>> _ = table.delete_item(Key={"id": "ada"})
    >>> cloud.restore(snap)
    >>> table.get_item(Key={"id": "ada"})["Item"]
    {'id': 'ada'}
    """

    #: The Cloud's clock when the snapshot was taken.
    taken_at: datetime
    #: ``(service, region)`` of every engine the snapshot holds, sorted.
    engines: tuple[tuple[str, str], ...]
    #: Items stored in every DynamoDB table.
    items: int
    #: Scheduled tasks held (run after a restore, each at its own time).
    tasks: int
    #: Real seconds the snapshot took.
    seconds: float
    _cloud: Any = attrs.field(alias="cloud")
    _state: Any = attrs.field(alias="state")

    @property
    def services(self) -> tuple[str, ...]:
        """The services whose state the snapshot holds."""
        return tuple(sorted({service for service, _region in self.engines}))

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(sorted({region for _service, region in self.engines}))

    def __repr__(self) -> str:
        where = ", ".join(
            f"{s} ({', '.join(r for svc, r in self.engines if svc == s)})" for s in self.services
        )
        return (
            f"<CloudSnapshot at {self.taken_at.isoformat()}: {where or 'no services'}; "
            f"{self.items} item{'' if self.items == 1 else 's'}; {self.tasks} "
            f"task{'' if self.tasks == 1 else 's'}; took {self.seconds * 1000:.1f} ms>"
        )


@attrs.frozen
class _State:
    #: Per engine, the placeholders standing for its live objects ("engine", "lock", ...).
    refs: dict[tuple[str, str], dict[str, _Ref]]
    engines: dict[tuple[str, str], dict[str, Any]]
    tasks: list[TaskHandle]
    seq: int
    random: Any
    counters: dict[str, int]
    faults: tuple[Any, Any, bool, Any]


def _live_objects(engine: Any) -> dict[str, Any]:
    """The objects of an engine that stay with it: itself, its lock, its live attributes."""
    found = {"engine": engine}
    lock = getattr(engine, "lock", None)
    if lock is None:
        lock = getattr(engine, "_lock", None)
    if lock is not None:
        found["lock"] = lock
    for name in _LIVE_ATTRIBUTES:
        value = vars(engine).get(name)
        if value is not None and type(value) not in _ATOMIC:
            found[name] = value
    return found


def _shared_memo(cloud: Cloud) -> dict[int, Any]:
    """What every copy shares with the live Cloud instead of copying."""
    shared = [cloud, cloud.clock, cloud.scheduler, cloud.ids, cloud.faults, cloud.limits]
    shared.extend(getattr(e, "limits", None) for e in cloud._engines.values())
    return {id(obj): obj for obj in shared if obj is not None}


@contextlib.contextmanager
def _frozen(cloud: Cloud) -> Iterator[list[tuple[tuple[str, str], Any]]]:
    """Hold the Cloud's, every engine's, the scheduler's and the faults' locks, in order."""
    with contextlib.ExitStack() as stack:
        stack.enter_context(cloud._lock)
        engines = sorted(cloud._engines.items())
        for _key, engine in engines:
            lock = _live_objects(engine).get("lock")
            if lock is not None:
                stack.enter_context(lock)
        stack.enter_context(cloud.scheduler._lock)
        stack.enter_context(cloud.faults._lock)
        yield engines


def _next_seq(cloud: Cloud) -> int:
    sched = cloud.scheduler
    value = next(sched._seq)
    sched._seq = itertools.count(value)
    return value


def _engine_state(copier: _Copier, engine: Any) -> dict[str, Any]:
    return {
        name: copier.copy(value)
        for name, value in vars(engine).items()
        if name not in _LIVE_ATTRIBUTES
    }


def take(cloud: Cloud) -> CloudSnapshot:
    """Copy the Cloud's state (``cloud.snapshot()``)."""
    started = time.perf_counter()
    with _frozen(cloud) as engines:
        for _key, engine in engines:
            # Environments are not state: ending them here too makes the calls after a
            # snapshot behave as the same calls after a restore (both start cold).
            _end_environments(engine)
        memo = _shared_memo(cloud)
        refs: dict[tuple[str, str], dict[str, _Ref]] = {}
        for key, engine in engines:
            refs[key] = {}
            for name, obj in _live_objects(engine).items():
                refs[key][name] = memo[id(obj)] = _Ref(f"{name} of {key[0]} in {key[1]}")
        copier = _Copier(memo)
        states = {key: _engine_state(copier, engine) for key, engine in engines}
        for engine_state in states.values():
            _no_calls_in_flight(engine_state)
        tasks = [t for t in map(copier.copy, cloud.scheduler.pending()) if t is not _DROPPED]
        faults = cloud.faults
        fault_state = copier.copy(
            (faults._plans, faults._history, faults.armed, faults.network.state())
        )
        with cloud.ids._lock:
            random_state = cloud.ids.random.getstate()
            counters = dict(cloud.ids._counters)
        state = _State(refs, states, tasks, _next_seq(cloud), random_state, counters, fault_state)
        taken_at = cloud.now()
    items = sum(
        t.store.count
        for (service, _r), s in states.items()
        if service == "dynamodb"
        for t in s["state"].tables.values()
    )
    return CloudSnapshot(
        taken_at=taken_at,
        engines=tuple(sorted(states)),
        items=items,
        tasks=len(tasks),
        seconds=time.perf_counter() - started,
        cloud=cloud,
        state=state,
    )


def restore(cloud: Cloud, snap: CloudSnapshot) -> None:
    """Put the Cloud back in the snapshot's state (``cloud.restore(snap)``)."""
    if not isinstance(snap, CloudSnapshot):
        raise TypeError(f"restore() takes a CloudSnapshot from cloud.snapshot(), not {snap!r}")
    if snap._cloud is not cloud:
        raise ValueError(
            "this snapshot was taken of another Cloud; restore it into the Cloud it came "
            f"from ({snap._cloud!r}), or build this Cloud's state and snapshot it"
        )
    state: _State = snap._state
    for key in state.engines:  # never missing (engines are not removed), but be sure
        cloud.engine(*key)
    with _frozen(cloud) as engines:
        memo = _shared_memo(cloud)
        for key, engine in engines:
            live = _live_objects(engine)
            for name, ref in state.refs.get(key, {}).items():
                if name in live:
                    memo[id(ref)] = live[name]
        copier = _Copier(memo)
        copied = {
            key: copier.copy(state.engines[key])
            if key in state.engines
            else _fresh_state(cloud, key, engine)  # built since: back to a new engine's state
            for key, engine in engines
        }
        tasks = [copier.copy(t) for t in state.tasks]
        plans, history, armed, network = copier.copy(state.faults)
        # Nothing below can fail: the Cloud changes all at once.
        for key, engine in engines:
            _end_environments(engine)
            _replace_state(engine, copied[key])
        sched = cloud.scheduler
        heapq.heapify(tasks)
        sched._heap = tasks
        sched._seq = itertools.count(state.seq)
        sched._wake.notify_all()
        if tasks and not isinstance(sched.clock, ManualClock) and not sched._stopped:
            sched.start_driver()  # real time: a driver runs the restored tasks when due
        with cloud.ids._lock:
            cloud.ids.random.setstate(state.random)
            cloud.ids._counters = dict(state.counters)
        cloud.faults._plans, cloud.faults._history, cloud.faults.armed = plans, history, armed
        cloud.faults.network.restore(network)  # partitions, paused replicas (global tables)


def _fresh_state(cloud: Cloud, key: tuple[str, str], engine: Any) -> dict[str, Any]:
    """A newly built engine's state, referring to ``engine`` where it refers to itself."""
    blank = type(engine)(cloud, key[1])
    memo = _shared_memo(cloud)
    live = _live_objects(engine)
    for name, obj in _live_objects(blank).items():
        if name in live:
            memo[id(obj)] = live[name]
    return _engine_state(_Copier(memo), blank)


def _replace_state(engine: Any, state: dict[str, Any]) -> None:
    """Give ``engine`` the copied state, dropping attributes made since the snapshot (a
    feature's state made on first use) so that they start again as new."""
    own = vars(engine)
    for name in [n for n in own if n not in state and n not in _LIVE_ATTRIBUTES]:
        del own[name]
    own.update(state)


def _no_calls_in_flight(state: dict[str, Any]) -> None:
    """A Lambda engine's copied state as if no invocation were running: the calls that
    were, when the snapshot was taken, finish in the state they started in."""
    executor: Any = state.get("executor")
    if hasattr(executor, "_unreserved_in_flight"):
        executor._unreserved_in_flight = 0
    functions: dict[str, Any] = state.get("functions") or {}
    for fn in functions.values():
        if hasattr(fn, "in_flight"):
            fn.in_flight = 0


def _end_environments(engine: Any) -> None:
    """Stop a Lambda engine's idle execution environments (the restored state has none)."""
    executor = getattr(engine, "executor", None)
    functions = getattr(engine, "functions", None)
    if executor is None or functions is None:
        return
    for fn in list(functions.values()):
        for version in list(fn.pools):
            executor.retire(fn, version)
