"""Queue operations: create, find, list, delete, purge, attributes, tags, permissions."""

from __future__ import annotations

import json
import re
from typing import Any

from .._core.paging import index_token, token_index
from . import _messages as msg
from ._attributes import (
    COMPUTED,
    SETTABLE,
    check_attributes,
    check_fifo_pair,
    defaults,
    parse_allow,
    parse_redrive,
    settle_encryption,
)
from ._base import EngineBase, Params, Response
from ._errors import (
    InvalidAttributeName,
    InvalidParameterValue,
    PurgeQueueInProgress,
    QueueDeletedRecently,
    QueueDoesNotExist,
    QueueNameExists,
)
from ._model import Queue, clear_messages

__all__ = ["QueueOps"]

_NAME = re.compile(r"[A-Za-z0-9_-]{1,80}")
_FIFO_NAME = re.compile(r"[A-Za-z0-9_-]{1,75}\.fifo")
_ALL_NAMES = frozenset(SETTABLE) | frozenset(COMPUTED) | {"All"}
#: What a deadLetterTargetArn must look like before SQS looks the queue up.
_SQS_ARN = re.compile(r"arn:[a-z-]+:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+")


class QueueOps(EngineBase):
    """The queue operations (a mixin of :class:`~pyserverless.sqs.SQS`)."""

    # -- create / find -----------------------------------------------------------
    def create_queue(self, params: Params) -> Response:
        """CreateQueue: a standard or FIFO queue, or the URL of an identical one."""
        name = str(params["QueueName"])
        given = dict(params.get("Attributes") or {})
        fifo = str(given.get("FifoQueue", "")).lower() == "true"
        if fifo and not _FIFO_NAME.fullmatch(name):
            raise InvalidParameterValue(msg.BAD_FIFO_NAME)
        if not fifo and not _NAME.fullmatch(name):
            raise InvalidParameterValue(
                msg.BAD_FIFO_NAME if name.endswith(".fifo") else msg.BAD_QUEUE_NAME
            )
        tags = dict(params.get("tags") or {})
        if len(tags) > self.limits.max_tags:
            raise InvalidParameterValue(msg.TOO_MANY_TAGS.format(name=name))
        attributes = check_attributes(given, fifo=fifo, limits=self.limits, creating=True)
        now = self.now()
        with self.lock:
            existing = self.queues.get(name)
            if existing is not None:
                for key, value in attributes.items():
                    if existing.attributes.get(key) != value:
                        raise QueueNameExists(msg.QUEUE_EXISTS.format(name=key))
                return {"QueueUrl": existing.url}
            free_at = self.deleted_names.get(name)
            if free_at is not None and free_at > now:
                raise QueueDeletedRecently(msg.DELETED_RECENTLY)
            merged = defaults(self.limits, fifo) | attributes
            settle_encryption(attributes, merged)
            check_fifo_pair(merged)
            self._check_redrive(name, fifo, merged)
            queue = Queue(
                name=name,
                url=self.queue_url(name),
                arn=self.queue_arn(name),
                fifo=fifo,
                created=now,
                modified=now,
                attributes=merged,
                tags=tags,
            )
            self.deleted_names.pop(name, None)
            self.queues[name] = queue
            return {"QueueUrl": queue.url}

    def _check_redrive(self, name: str, fifo: bool, attributes: dict[str, str]) -> None:
        """RedrivePolicy names an existing queue of the same type that allows us."""
        value = attributes.get("RedrivePolicy")
        if value is not None:
            parsed = parse_redrive(value, self.limits)
            if parsed is None:
                del attributes["RedrivePolicy"]
            else:
                target_arn, count = parsed
                if not _SQS_ARN.fullmatch(target_arn):
                    raise InvalidParameterValue(msg.REDRIVE_BAD_ARN.format(value=value))
                target = self._queue_by_arn(target_arn)
                if target is None:
                    raise InvalidParameterValue(msg.REDRIVE_NO_TARGET.format(value=value))
                if target.fifo != fifo:
                    raise InvalidParameterValue(msg.REDRIVE_TYPE.format(value=value))
                if not self._allows(target, self.queue_arn(name)):
                    raise InvalidParameterValue(
                        msg.REDRIVE_NOT_ALLOWED.format(
                            value=value, source=self.queue_arn(name), target=target_arn
                        )
                    )
                attributes["RedrivePolicy"] = json.dumps(
                    {"deadLetterTargetArn": target_arn, "maxReceiveCount": count},
                    separators=(",", ":"),
                )
        allow = attributes.get("RedriveAllowPolicy")
        if allow is not None and parse_allow(allow, self.limits) is None:
            del attributes["RedriveAllowPolicy"]

    def _allows(self, target: Queue, source_arn: str) -> bool:
        parsed = parse_allow(target.attributes.get("RedriveAllowPolicy", ""), self.limits)
        if parsed is None:
            return True
        permission, sources = parsed
        if permission == "allowAll":
            return True
        return permission == "byQueue" and source_arn in sources

    def get_queue_url(self, params: Params) -> Response:
        """GetQueueUrl: the URL of a queue by name (and owner account)."""
        owner = params.get("QueueOwnerAWSAccountId")
        with self.lock:
            queue = self.queues.get(str(params["QueueName"]))
            if queue is None or (owner is not None and owner != self.account_id):
                raise QueueDoesNotExist(msg.QUEUE_NOT_FOUND)
            return {"QueueUrl": queue.url}

    def list_queues(self, params: Params) -> Response:
        """ListQueues: URLs by name order (QueueNamePrefix, MaxResults, NextToken)."""
        prefix = str(params.get("QueueNamePrefix") or "")
        limit = params.get("MaxResults")
        token = params.get("NextToken")
        if limit is not None and not 1 <= int(limit) <= self.limits.max_list_queues:
            raise InvalidParameterValue(msg.MAX_RESULTS.format(value=limit))
        with self.lock:
            names = sorted(n for n in self.queues if n.startswith(prefix))
        return self._paged(names, limit, token, "QueueUrls")

    def _paged(self, names: list[str], limit: Any, token: Any, key: str) -> Response:
        start = 0
        if token is not None:
            if limit is None:
                raise InvalidParameterValue(msg.BAD_TOKEN)
            start = _token_index(str(token))
        top = self.limits.max_list_queues if limit is None else int(limit)
        page = names[start : start + top]
        out: Response = {}
        if page:
            out[key] = [self.queue_url(n) for n in page]
        if limit is not None and start + top < len(names):
            out["NextToken"] = _index_token(start + top)
        return out

    # -- delete / purge ----------------------------------------------------------
    def delete_queue(self, params: Params) -> Response:
        """DeleteQueue: the queue and its messages go; the name is taken for 60 seconds."""
        now = self.now()
        with self.lock:
            queue = self._queue(params)
            queue.deleted = True
            clear_messages(queue)
            queue.dedup.clear()
            self._replan_trim(queue)
            self.arrivals.notify_all()  # a long poll on it ends
            del self.queues[queue.name]
            self.deleted_names[queue.name] = now + self.limits.deleted_name_seconds
            return {}

    def purge_queue(self, params: Params) -> Response:
        """PurgeQueue: every message goes (and a FIFO queue forgets its deduplication ids);
        one purge per queue per 60 seconds."""
        now = self.now()
        with self.lock:
            queue = self._queue(params)
            last = queue.last_purge
            if last is not None and now < last + self.limits.purge_interval_seconds:
                raise PurgeQueueInProgress(msg.PURGE_IN_PROGRESS.format(name=queue.name))
            queue.last_purge = now
            clear_messages(queue)
            queue.dedup.clear()
            self._replan_trim(queue)
            return {}

    # -- attributes ----------------------------------------------------------------
    def get_queue_attributes(self, params: Params) -> Response:
        """GetQueueAttributes: named attributes (``All`` for every one), computed ones included."""
        names = list(params.get("AttributeNames") or ())
        for name in names:
            if name not in _ALL_NAMES:
                raise InvalidAttributeName(msg.UNKNOWN_ATTRIBUTE.format(name=name))
        now = self.now()
        with self.lock:
            queue = self._queue(params)
            if not names:
                return {}
            self._tidy(queue, now)
            every = self._all_attributes(queue, now)
            if "All" in names:
                return {"Attributes": every}
            chosen = {n: every[n] for n in names if n in every}
            return {"Attributes": chosen} if chosen else {}

    def _all_attributes(self, queue: Queue, now: float) -> dict[str, str]:
        visible = hidden = delayed = 0
        for message in queue.messages.values():
            if message.expires_at <= now:
                continue
            if message.visible_at <= now:
                visible += 1
            elif message.received_at is None:
                delayed += 1
            else:
                hidden += 1
        out = {
            "QueueArn": queue.arn,
            "ApproximateNumberOfMessages": str(visible),
            "ApproximateNumberOfMessagesNotVisible": str(hidden),
            "ApproximateNumberOfMessagesDelayed": str(delayed),
            "CreatedTimestamp": str(int(queue.created)),
            "LastModifiedTimestamp": str(int(queue.modified)),
        }
        for name in SETTABLE:
            if name in queue.attributes:
                out[name] = queue.attributes[name]
        return out

    def set_queue_attributes(self, params: Params) -> Response:
        """SetQueueAttributes: change settable attributes (FifoQueue is fixed at creation)."""
        given = dict(params.get("Attributes") or {})
        now = self.now()
        with self.lock:
            queue = self._queue(params)
            attributes = check_attributes(
                given, fifo=queue.fifo, limits=self.limits, creating=False
            )
            merged = queue.attributes | attributes
            settle_encryption(attributes, merged)
            check_fifo_pair(merged)
            self._check_redrive(queue.name, queue.fifo, merged)
            if merged.get("Policy") == "":
                del merged["Policy"]
            old_retention = queue.retention
            queue.attributes = merged
            queue.modified = now
            if queue.retention != old_retention:
                for message in queue.messages.values():
                    message.expires_at = message.sent + queue.retention
                self._replan_trim(queue)
            return {}

    # -- dead-letter sources -----------------------------------------------------
    def list_dead_letter_source_queues(self, params: Params) -> Response:
        """ListDeadLetterSourceQueues: queues whose RedrivePolicy targets this queue."""
        limit = params.get("MaxResults")
        if limit is not None and not 1 <= int(limit) <= self.limits.max_list_queues:
            raise InvalidParameterValue(msg.MAX_RESULTS.format(value=limit))
        with self.lock:
            target = self._queue(params)
            names = sorted(q.name for q in self.queues.values() if self._dlq_of(q) is target)
        out = self._paged(names, limit, params.get("NextToken"), "queueUrls")
        out.setdefault("queueUrls", [])
        return out

    # -- tags ----------------------------------------------------------------------
    def tag_queue(self, params: Params) -> Response:
        """TagQueue: add or replace tags (at most 50 per queue)."""
        with self.lock:
            queue = self._queue(params)
            merged = queue.tags | dict(params["Tags"])
            if len(merged) > self.limits.max_tags:
                raise InvalidParameterValue(msg.TOO_MANY_TAGS.format(name=queue.name))
            queue.tags = merged
            return {}

    def untag_queue(self, params: Params) -> Response:
        """UntagQueue: remove tags by key (absent keys are no error)."""
        with self.lock:
            queue = self._queue(params)
            for key in params["TagKeys"]:
                queue.tags.pop(key, None)
            return {}

    def list_queue_tags(self, params: Params) -> Response:
        """ListQueueTags: the queue's tags."""
        with self.lock:
            queue = self._queue(params)
            return {"Tags": dict(queue.tags)} if queue.tags else {}

    # -- permissions -------------------------------------------------------------
    def add_permission(self, params: Params) -> Response:
        """AddPermission: a statement in the queue's Policy (stored; not evaluated yet)."""
        label = str(params["Label"])
        accounts = list(params["AWSAccountIds"])
        actions = list(params["Actions"])
        if not accounts or not actions:
            raise InvalidParameterValue(msg.MISSING.format(name="AWSAccountIds"))
        with self.lock:
            queue = self._queue(params)
            policy = self._policy(queue)
            statements = policy["Statement"]
            if any(s.get("Sid") == label for s in statements):
                raise InvalidParameterValue(
                    f"Value {label} for parameter Label is invalid. Reason: Already exists."
                )
            statements.append(
                {
                    "Sid": label,
                    "Effect": "Allow",
                    "Principal": {
                        "AWS": _one_or_list([f"arn:aws:iam::{a}:root" for a in accounts])
                    },
                    "Action": _one_or_list([f"SQS:{a}" for a in actions]),
                    "Resource": queue.arn,
                }
            )
            queue.attributes["Policy"] = json.dumps(policy, separators=(",", ":"))
            return {}

    def remove_permission(self, params: Params) -> Response:
        """RemovePermission: drop the Policy statement with that label."""
        label = str(params["Label"])
        with self.lock:
            queue = self._queue(params)
            policy = self._policy(queue)
            kept = [s for s in policy["Statement"] if s.get("Sid") != label]
            if len(kept) == len(policy["Statement"]):
                raise InvalidParameterValue(
                    f"Value {label} for parameter Label is invalid. Reason: can't find label."
                )
            if kept:
                policy["Statement"] = kept
                queue.attributes["Policy"] = json.dumps(policy, separators=(",", ":"))
            else:
                queue.attributes.pop("Policy", None)
            return {}

    def _policy(self, queue: Queue) -> dict[str, Any]:
        text = queue.attributes.get("Policy")
        if text:
            data = json.loads(text)
            if isinstance(data, dict) and isinstance(data.get("Statement"), list):
                return data
        # AddPermission's policy is version 2008-10-17 (LocalStack's snapshot of AWS,
        # test_sqs_permission_lifecycle, 2023-11).
        return {"Version": "2008-10-17", "Id": f"{queue.arn}/SQSDefaultPolicy", "Statement": []}


def _one_or_list(values: list[str]) -> str | list[str]:
    """A policy member as AWS writes it: one value bare, several as a list."""
    return values[0] if len(values) == 1 else values


def _index_token(index: int) -> str:
    return index_token("sqs", index)


def _token_index(token: str) -> int:
    found = token_index("sqs", token)
    if found is None:
        raise InvalidParameterValue(msg.BAD_TOKEN)
    return found
