"""ARN construction."""

from __future__ import annotations

__all__ = ["arn"]


def arn(service: str, region: str, account: str, resource: str, partition: str = "aws") -> str:
    """``arn:aws:<service>:<region>:<account>:<resource>``.

    >>> arn("dynamodb", "us-east-1", "123456789012", "table/users")
    'arn:aws:dynamodb:us-east-1:123456789012:table/users'
    """
    return f"arn:{partition}:{service}:{region}:{account}:{resource}"
