"""Bridged clients read AWS's two text timestamp forms without dateutil: the very values
botocore's own parser gives, and botocore's parser wherever a user changed it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import botocore.parsers
import botocore.session
import pytest
from botocore.utils import parse_timestamp
from hypothesis import given
from hypothesis import strategies as st

from pyserverless import Cloud, mock_aws
from pyserverless.adapters._dates import timestamp

_INSTANTS = st.datetimes(
    min_value=datetime(1970, 1, 1),  # noqa: DTZ001 - hypothesis draws naive, then UTC
    max_value=datetime(2200, 12, 31, 23, 59, 59),  # noqa: DTZ001
).map(lambda d: d.replace(tzinfo=UTC))


def _same(text: str) -> None:
    ours, theirs = timestamp(text), parse_timestamp(text)
    assert ours == theirs
    assert type(ours) is type(theirs)
    assert type(ours.tzinfo) is type(theirs.tzinfo)
    assert ours.utcoffset() == theirs.utcoffset() == timedelta(0)


@given(_INSTANTS)
def test_rfc_7231_dates_read_as_botocore_reads_them(instant: datetime) -> None:
    _same(instant.strftime("%a, %d %b %Y %H:%M:%S GMT"))


@given(_INSTANTS)
def test_iso_dates_with_milliseconds_read_as_botocore_reads_them(instant: datetime) -> None:
    _same(instant.strftime("%Y-%m-%dT%H:%M:%S.") + f"{instant.microsecond // 1000:03d}Z")


@pytest.mark.parametrize(
    "text",
    [
        "2009-10-12T17:50:00Z",  # no milliseconds: botocore's parser
        "2009-10-12T17:50:00.123456Z",
        "2009-10-12T17:50:00.000+02:00",
        "1255369800",
        "1255369800.5",
        "Mon, 12 Oct 2009 17:50:00 UTC",
        "Wed, 12 Foo 2009 17:50:00 GMT",  # the right length, not a date: botocore decides
    ],
)
def test_other_forms_are_botocores(text: str) -> None:
    try:
        expected: Any = parse_timestamp(text)
    except ValueError as err:
        with pytest.raises(type(err)):
            timestamp(text)
        return
    assert timestamp(text) == expected


def _last_modified(client: Any) -> Any:
    client.create_bucket(Bucket="dates")
    client.put_object(Bucket="dates", Key="k", Body=b"x")
    return client.head_object(Bucket="dates", Key="k")["LastModified"]


def test_a_bridged_client_gets_the_same_datetime() -> None:
    with mock_aws(Cloud.manual()):
        client = boto3.client("s3")
    parser = client._endpoint._response_parser_factory._defaults["timestamp_parser"]
    assert parser is timestamp
    value = _last_modified(client)
    assert value == parse_timestamp(value.strftime("%a, %d %b %Y %H:%M:%S GMT"))


def test_a_session_with_its_own_parser_keeps_it() -> None:
    session = botocore.session.get_session()
    factory = session.get_component("response_parser_factory")
    factory.set_parser_defaults(timestamp_parser=str)  # keep timestamps as text
    with mock_aws(Cloud.manual()):
        client = session.create_client("s3", region_name="us-east-1")
    assert isinstance(_last_modified(client), str)


def test_a_replaced_default_parser_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(botocore.parsers, "DEFAULT_TIMESTAMP_PARSER", str)
    with mock_aws(Cloud.manual()):
        client = boto3.client("s3")
    assert isinstance(_last_modified(client), str)
