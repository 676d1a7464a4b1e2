"""LoggingConfig: Text and JSON formats, log-level filtering, custom log groups."""

from __future__ import annotations

import json

import pytest

from pyserverless import Cloud
from pyserverless.lambda_ import InvalidParameterValueException, ValidationException

from .conftest import ROLE, make_zip

SOURCE = (
    "import logging, os\n"
    "log = logging.getLogger('app')\n"
    "def handler(event, context):\n"
    "    print('plain text')\n"
    "    log.setLevel(logging.DEBUG)\n"
    "    log.debug('debug %s', 1)\n"
    "    log.warning('careful', extra={'orderId': 7})\n"
    "    log.error('bad')\n"
    "    if event.get('fail'):\n"
    "        raise KeyError('boom')\n"
    "    return {'group': context.log_group_name,\n"
    "            'env': os.environ['AWS_LAMBDA_LOG_GROUP_NAME'],\n"
    "            'format': os.environ.get('AWS_LAMBDA_LOG_FORMAT')}\n"
)
CODE = make_zip({"app.py": SOURCE})


def create(client, name="f", **extra):
    return client.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=ROLE,
        Handler="app.handler",
        Code={"ZipFile": CODE},
        **extra,
    )


@pytest.fixture
def client(lam: Cloud):
    return lam.client("lambda")


def records(lines):
    """The JSON lines of a log, decoded (plain lines are left out)."""
    return [json.loads(line) for line in lines if line.startswith("{")]


class TestDescribe:
    def test_text_is_the_default(self, client):
        """Without LoggingConfig the function logs Text to /aws/lambda/<name>."""
        config = create(client)["LoggingConfig"]
        assert config == {"LogFormat": "Text", "LogGroup": "/aws/lambda/f"}

    def test_json_gets_info_levels(self, client):
        """JSON without levels gets INFO for both, as AWS sets them."""
        config = create(client, LoggingConfig={"LogFormat": "JSON"})["LoggingConfig"]
        assert config == {
            "LogFormat": "JSON",
            "ApplicationLogLevel": "INFO",
            "SystemLogLevel": "INFO",
            "LogGroup": "/aws/lambda/f",
        }

    def test_levels_with_text_are_refused(self, client):
        """Log levels need the JSON format; nothing is created."""
        with pytest.raises(InvalidParameterValueException, match='LogFormat is set to "Text"'):
            create(client, LoggingConfig={"ApplicationLogLevel": "DEBUG"})
        assert client.list_functions()["Functions"] == []

    @pytest.mark.parametrize(
        ("config", "field"),
        [
            ({"LogFormat": "XML"}, "loggingConfig.logFormat"),
            ({"LogFormat": "JSON", "ApplicationLogLevel": "VERBOSE"}, "applicationLogLevel"),
            ({"LogFormat": "JSON", "SystemLogLevel": "ERROR"}, "systemLogLevel"),
            ({"LogGroup": "bad group!"}, "loggingConfig.logGroup"),
        ],
    )
    def test_enums_and_pattern(self, client, config, field):
        """Values outside the model's enums or pattern are ValidationExceptions."""
        with pytest.raises(ValidationException, match=field):
            create(client, LoggingConfig=config)

    def test_update_switches_format_and_keeps_the_rest(self, client):
        """UpdateFunctionConfiguration merges LoggingConfig over the current one."""
        create(client, LoggingConfig={"LogGroup": "/custom/g"})
        config = client.update_function_configuration(
            FunctionName="f", LoggingConfig={"LogFormat": "JSON", "SystemLogLevel": "WARN"}
        )["LoggingConfig"]
        assert config == {
            "LogFormat": "JSON",
            "ApplicationLogLevel": "INFO",
            "SystemLogLevel": "WARN",
            "LogGroup": "/custom/g",
        }
        back = client.update_function_configuration(
            FunctionName="f", LoggingConfig={"LogFormat": "Text"}
        )["LoggingConfig"]
        assert back == {"LogFormat": "Text", "LogGroup": "/custom/g"}


@pytest.mark.parametrize("isolation", ["inline", "process"])
class TestJsonLogs:
    def test_platform_and_application_records(self, lam, client, isolation):
        """JSON: platform.start/report records, JSON logging records, print as it is."""
        lam.engine("lambda").isolation = isolation
        create(client, LoggingConfig={"LogFormat": "JSON", "LogGroup": "/custom/g"})
        resp = client.invoke(FunctionName="f")
        assert json.loads(resp["Payload"].read()) == {
            "group": "/custom/g",
            "env": "/custom/g",
            "format": "JSON",
        }
        lines = lam.lambda_.function("f").logs()
        assert "plain text" in lines
        recs = records(lines)
        start, report = recs[0], recs[-1]
        assert start["type"] == "platform.start"
        assert start["record"]["version"] == "$LATEST"
        assert report["type"] == "platform.report"
        assert report["record"]["status"] == "success"
        assert set(report["record"]["metrics"]) == {
            "durationMs",
            "billedDurationMs",
            "memorySizeMB",
            "maxMemoryUsedMB",
            "initDurationMs",
        }
        app = [r for r in recs if "level" in r]
        rid = start["record"]["requestId"]
        assert [(r["level"], r["message"]) for r in app] == [("WARN", "careful"), ("ERROR", "bad")]
        assert all(r["requestId"] == rid and r["logger"] == "app" for r in app)
        assert app[0]["orderId"] == 7
        assert app[0]["timestamp"].endswith("Z")
        assert list(lam.engine("lambda").log_groups) == ["/custom/g"]

    def test_application_level_filters(self, lam, client, isolation):
        """ApplicationLogLevel ERROR drops WARN records; DEBUG keeps debug ones."""
        lam.engine("lambda").isolation = isolation
        create(client, "err", LoggingConfig={"LogFormat": "JSON", "ApplicationLogLevel": "ERROR"})
        create(client, "dbg", LoggingConfig={"LogFormat": "JSON", "ApplicationLogLevel": "DEBUG"})
        client.invoke(FunctionName="err")
        client.invoke(FunctionName="dbg")
        logs = {name: records(lam.lambda_.function(name).logs()) for name in ("err", "dbg")}
        err = [r["message"] for r in logs["err"] if "level" in r]
        dbg = [r["message"] for r in logs["dbg"] if "level" in r]
        assert err == ["bad"]
        assert dbg == ["debug 1", "careful", "bad"]

    def test_system_level_warn_drops_platform_records(self, lam, client, isolation):
        """SystemLogLevel WARN leaves out the INFO platform records."""
        lam.engine("lambda").isolation = isolation
        create(client, LoggingConfig={"LogFormat": "JSON", "SystemLogLevel": "WARN"})
        inv = client.invoke(FunctionName="f")
        assert inv["StatusCode"] == 200
        types = [r.get("type") for r in records(lam.lambda_.function("f").logs())]
        assert "platform.start" not in types
        assert "platform.report" not in types

    def test_unhandled_error_is_a_json_record(self, lam, client, isolation):
        """An uncaught exception is logged as an ERROR record holding AWS's error body."""
        lam.engine("lambda").isolation = isolation
        create(client, LoggingConfig={"LogFormat": "JSON"})
        resp = client.invoke(FunctionName="f", Payload=b'{"fail": true}')
        assert resp["FunctionError"] == "Unhandled"
        recs = records(lam.lambda_.function("f").logs())
        errors = [r for r in recs if r.get("level") == "ERROR" and isinstance(r["message"], dict)]
        assert errors[0]["message"]["errorType"] == "KeyError"
        assert recs[-1]["record"]["status"] == "success"  # the runtime handled it


class TestTextStaysText:
    def test_text_lines(self, lam, client):
        """The Text format keeps AWS's START/END/REPORT lines and tab-separated records."""
        create(client)
        client.invoke(FunctionName="f")
        lines = lam.lambda_.function("f").logs()
        assert lines[0].startswith("START RequestId: ")
        assert any(line.startswith("[WARNING]\t") for line in lines)
        assert records(lines) == []
