"""The account: its alias and GetAccountSummary."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from pyserverless.errors import PyServerlessError

from .conftest import TRUST, code


def test_alias(iam: Any) -> None:
    """One alias at most; a new one replaces it; deleting another name is NoSuchEntity."""
    assert iam.list_account_aliases()["AccountAliases"] == []
    iam.create_account_alias(AccountAlias="acme-dev")
    iam.create_account_alias(AccountAlias="acme-test")
    assert iam.list_account_aliases()["AccountAliases"] == ["acme-test"]
    with pytest.raises(ClientError) as err:
        iam.delete_account_alias(AccountAlias="acme-dev")
    assert code(err)[0] == "NoSuchEntity"
    iam.delete_account_alias(AccountAlias="acme-test")
    assert iam.list_account_aliases()["AccountAliases"] == []


@pytest.mark.parametrize(
    ("alias", "ok"),
    [("ab", False), ("abc", True), ("a" * 63, True), ("a" * 64, False), ("a--b", False),
     ("Abc", False)],
)  # fmt: skip
def test_alias_form(iam: Any, alias: str, ok: bool) -> None:
    """3 to 63 lower-case letters, digits and single hyphens."""
    if ok:
        iam.create_account_alias(AccountAlias=alias)
    else:
        with pytest.raises((ClientError, ParamValidationError, PyServerlessError)):
            iam.create_account_alias(AccountAlias=alias)
        assert iam.list_account_aliases()["AccountAliases"] == []


def test_summary(iam: Any) -> None:
    """The summary counts what the account holds, beside the quotas (a map on the wire)."""
    iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST)
    iam.create_user(UserName="u")
    summary = iam.get_account_summary()["SummaryMap"]
    assert (summary["Roles"], summary["Users"], summary["Policies"]) == (1, 1, 0)
    assert (summary["RolesQuota"], summary["AccessKeysPerUserQuota"]) == (1000, 2)
    assert summary["AssumeRolePolicySizeQuota"] == 2048
