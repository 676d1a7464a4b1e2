"""botocore's timestamp parser for bridged clients, with AWS's two commonest text forms
read directly.

botocore parses every timestamp that arrives as text with ``dateutil``'s general parser:
about 45 µs a date, a fifth of a bridged 1 KB GetObject and half of a ListObjectsV2 page.
S3 and the other REST-XML and query services send two fixed forms -- RFC 7231's
``Wed, 12 Oct 2009 17:50:00 GMT`` (headers) and ISO 8601 with milliseconds and ``Z``
(``2009-10-12T17:50:00.000Z``, bodies) -- which this parser reads by position into the
very value botocore's gives (a ``datetime`` in dateutil's ``tzutc()``, or for the ISO
form the zone dateutil picks on this machine: ``tzlocal()`` where the local zone is named
UTC). Anything else goes to botocore's own parser.

A client gets it only where botocore's defaults stand: a session whose parser factory
was given its own timestamp parser, or a process that replaced botocore's
``DEFAULT_TIMESTAMP_PARSER`` (to keep timestamps as text, say), is left as it is.

>>> from botocore.utils import parse_timestamp
>>> for text in ("Wed, 12 Oct 2009 17:50:00 GMT", "2009-10-12T17:50:00.250Z", "1255369800"):
...     assert timestamp(text) == parse_timestamp(text), text
>>> timestamp("Wed, 12 Oct 2009 17:50:00 GMT").tzinfo
tzutc()
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

__all__ = ["install_fast_dates", "timestamp"]

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
_UTC: Any = None
#: The zone botocore gives an ISO ``Z`` time, by the process's local zone names: dateutil
#: answers ``tzlocal()`` where the local zone is named UTC, else ``tzutc()``.
_ISO_ZONES: dict[tuple[str, str], Any] = {}


def _probe(text: str) -> Any:
    """The zone botocore's parser gives ``text``."""
    from botocore.utils import parse_timestamp

    return parse_timestamp(text).tzinfo


def timestamp(value: Any) -> Any:
    """``value`` as botocore's default timestamp parser reads it (the same ``datetime``)."""
    global _UTC
    if type(value) is str:
        if _UTC is None:
            _UTC = _probe("Wed, 12 Oct 2009 17:50:00 GMT")  # dateutil's tzutc()
        try:
            if len(value) == 29 and value[3] == "," and value.endswith(" GMT"):
                return datetime(
                    int(value[12:16]),
                    _MONTHS[value[8:11]],
                    int(value[5:7]),
                    int(value[17:19]),
                    int(value[20:22]),
                    int(value[23:25]),
                    tzinfo=_UTC,
                )
            if len(value) == 24 and value[10] == "T" and value[19] == "." and value[23] == "Z":
                zone = _ISO_ZONES.get(time.tzname)
                if zone is None:
                    zone = _ISO_ZONES[time.tzname] = _probe("2000-01-01T00:00:00.000Z")
                return datetime(
                    int(value[:4]),
                    int(value[5:7]),
                    int(value[8:10]),
                    int(value[11:13]),
                    int(value[14:16]),
                    int(value[17:19]),
                    int(value[20:23]) * 1000,
                    tzinfo=zone,
                )
        except (KeyError, ValueError):  # not the form it looked like: botocore decides
            pass
    from botocore.utils import parse_timestamp

    return parse_timestamp(value)


def install_fast_dates(client: Any) -> None:
    """Give ``client`` (a bridged botocore client) its own parser factory using
    :func:`timestamp`, if its timestamps are parsed by botocore's defaults."""
    import botocore.parsers
    import botocore.utils

    if botocore.parsers.DEFAULT_TIMESTAMP_PARSER is not botocore.utils.parse_timestamp:
        return
    endpoint: Any = getattr(client, "_endpoint", None)
    factory: Any = getattr(endpoint, "_response_parser_factory", None)
    parsers: Any = botocore.parsers
    if type(factory) is not parsers.ResponseParserFactory or getattr(factory, "_defaults", None):
        return  # a factory of someone else's, or one given its own defaults
    mine = parsers.ResponseParserFactory()
    mine.set_parser_defaults(timestamp_parser=timestamp)
    endpoint._response_parser_factory = mine
