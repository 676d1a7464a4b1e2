"""AWS's Regions: a Cloud serves these and refuses others, as AWS's endpoints do.

The list is the commercial partition (``aws``) as botocore's endpoint data names it
(December 2026). A Cloud takes its own list (``Cloud(regions=[...])``) for a Region that
is newer than this package, or for the other partitions.
"""

from __future__ import annotations

__all__ = ["AWS_REGIONS", "region_refused"]

AWS_REGIONS: frozenset[str] = frozenset(
    {
        "af-south-1",
        "ap-east-1",
        "ap-east-2",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-6",
        "ap-southeast-7",
        "ca-central-1",
        "ca-west-1",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "eu-south-2",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "mx-central-1",
        "sa-east-1",
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
    }
)


def region_refused(region: str, known: frozenset[str]) -> str | None:
    """Why the Python API refuses ``region`` (a sentence saying what to do), or None.

    >>> region_refused("us-east-1", AWS_REGIONS) is None
    True
    >>> print(region_refused("us-moon-1", AWS_REGIONS))
    'us-moon-1' is not an AWS Region this Cloud serves; pass Cloud(regions=...) to add it
    """
    if region in known:
        return None
    return f"{region!r} is not an AWS Region this Cloud serves; pass Cloud(regions=...) to add it"
