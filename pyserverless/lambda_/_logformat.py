"""LoggingConfig: Text or JSON logs, log-level filtering and a custom log group.

With ``LogFormat: JSON`` the platform writes its lines as JSON records
(``{"time", "type": "platform.start" | "platform.report", "record": {...}}``) and the
Python runtime writes ``logging`` records as JSON objects (``timestamp``, ``level``,
``message``, ``logger``, ``requestId``, plus ``extra`` fields and, for exceptions,
``errorType``/``errorMessage``/``stackTrace``) (LMB:monitoring-cloudwatchlogs-logformat,
LMB:telemetry-schema-reference). ``print`` output is written as it is, in both formats.
"""

from __future__ import annotations

import json
import logging
import re
import time
import traceback
from collections.abc import Mapping
from typing import Any

import attrs

from . import _messages as msg
from ._errors import InvalidParameterValueException
from ._limits import LambdaLimits
from ._validate import Checks

__all__ = ["LogSettings", "check_logging_config", "json_log_line", "level_number"]

LOG_FORMATS = ("JSON", "Text")
APPLICATION_LEVELS = ("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")
SYSTEM_LEVELS = ("DEBUG", "INFO", "WARN")
#: AWS's level names as Python ``logging`` numbers (TRACE is below DEBUG).
_LEVELS = {"TRACE": 5, "DEBUG": 10, "INFO": 20, "WARN": 30, "ERROR": 40, "FATAL": 50}
#: Python's level names as the runtime writes them in JSON records.
_NAMES = {"WARNING": "WARN", "CRITICAL": "FATAL"}
#: ``LogRecord`` attributes that are not ``extra=`` fields.
_LOG_GROUP = re.compile(r"^[\.\-_/#A-Za-z0-9]+$")
_STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def level_number(name: str) -> int:
    """The ``logging`` number of an AWS level name.

    >>> level_number("WARN")
    30
    """
    return _LEVELS[name]


@attrs.frozen
class LogSettings:
    """A function's LoggingConfig; levels are None in Text format."""

    log_format: str
    log_group: str
    application_level: str | None = None
    system_level: str | None = None

    @property
    def json(self) -> bool:
        return self.log_format == "JSON"

    def describe(self) -> dict[str, str]:
        """The LoggingConfig shape of GetFunctionConfiguration."""
        out = {"LogFormat": self.log_format}
        if self.application_level is not None:
            out["ApplicationLogLevel"] = self.application_level
        if self.system_level is not None:
            out["SystemLogLevel"] = self.system_level
        out["LogGroup"] = self.log_group
        return out

    def runtime(self) -> tuple[bool, int]:
        """(JSON?, minimum application level) as the runtime applies them."""
        if not self.json:
            return False, 0
        return True, _LEVELS[self.application_level or "INFO"]


def default_settings(function_name: str) -> LogSettings:
    return LogSettings("Text", f"/aws/lambda/{function_name}")


def check_logging_config(
    value: Mapping[str, Any] | None,
    function_name: str,
    limits: LambdaLimits,
    current: LogSettings | None = None,
) -> LogSettings:
    """Validate a LoggingConfig (merged over ``current``, as an update is).

    >>> s = check_logging_config({"LogFormat": "JSON"}, "f", LambdaLimits())
    >>> s.describe()
    {'LogFormat': 'JSON', 'ApplicationLogLevel': 'INFO', 'SystemLogLevel': 'INFO',
     'LogGroup': '/aws/lambda/f'}
    >>> check_logging_config({"SystemLogLevel": "WARN"}, "f", LambdaLimits())
    Traceback (most recent call last):
    ...
    pyserverless.lambda_.InvalidParameterValueException: ... LogLevel is not supported ...
    """
    base = current or default_settings(function_name)
    if value is None:
        return base
    checks = Checks()
    fmt = value.get("LogFormat")
    app = value.get("ApplicationLogLevel")
    system = value.get("SystemLogLevel")
    group = value.get("LogGroup")
    for given, field, allowed in (
        (fmt, "loggingConfig.logFormat", LOG_FORMATS),
        (app, "loggingConfig.applicationLogLevel", APPLICATION_LEVELS),
        (system, "loggingConfig.systemLogLevel", SYSTEM_LEVELS),
    ):
        if given is not None and given not in allowed:
            checks.add(given, field, msg.ENUM.format(values=", ".join(allowed)))
    if group is not None:
        if isinstance(group, str) and not group:
            checks.add(group, "loggingConfig.logGroup", msg.LEN_GE.format(n=1))
        else:
            checks.pattern(
                group,
                "loggingConfig.logGroup",
                _LOG_GROUP,
                limits.max_log_group_length,
            )
    checks.raise_if_any()
    fmt = fmt or base.log_format
    if fmt == "Text":
        if app is not None or system is not None:
            raise InvalidParameterValueException(msg.LOG_LEVEL_TEXT)
        return LogSettings("Text", group or base.log_group)
    return LogSettings(
        "JSON",
        group or base.log_group,
        app or base.application_level or "INFO",
        system or base.system_level or "INFO",
    )


def _stamp(created: float) -> str:
    whole = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(created))
    return f"{whole}.{int(created * 1000) % 1000:03d}Z"


def json_log_line(record: logging.LogRecord, request_id: str) -> str:
    """A ``logging`` record as the Python runtime writes it in JSON format.

    >>> rec = logging.makeLogRecord({"msg": "hi %s", "args": ("you",), "levelname": "INFO",
    ...                              "name": "root", "created": 0.0})
    >>> json.loads(json_log_line(rec, "r-1"))
    {'timestamp': '1970-01-01T00:00:00.000Z', 'level': 'INFO', 'message': 'hi you',
     'logger': 'root', 'requestId': 'r-1'}
    """
    out: dict[str, Any] = {
        "timestamp": _stamp(record.created),
        "level": _NAMES.get(record.levelname, record.levelname),
        "message": record.getMessage(),
        "logger": record.name,
        "requestId": request_id,
    }
    for key, value in vars(record).items():
        if key not in _STANDARD and key not in out:
            out[key] = value
    if record.exc_info and record.exc_info[0] is not None:
        exc_type, exc, tb = record.exc_info
        out["errorType"] = exc_type.__name__
        out["errorMessage"] = str(exc)
        out["stackTrace"] = traceback.format_tb(tb)
    return json.dumps(out, default=str) + "\n"


def json_error_line(body: Mapping[str, Any], request_id: str, created: float) -> str:
    """The runtime's ERROR record for an unhandled exception, in JSON format."""
    out = {
        "timestamp": _stamp(created),
        "level": "ERROR",
        "message": dict(body),
        "requestId": request_id,
    }
    return json.dumps(out, default=str) + "\n"


def platform_record(kind: str, time_text: str, record: Mapping[str, Any]) -> str:
    """One platform line in JSON format.

    >>> platform_record("platform.start", "t", {"requestId": "r", "version": "$LATEST"})
    '{"time": "t", "type": "platform.start", "record": {"requestId": "r", "version": "$LATEST"}}'
    """
    return json.dumps({"time": time_text, "type": kind, "record": dict(record)})
