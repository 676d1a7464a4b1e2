"""Filter patterns, one form at a time (the matcher alone, without a log group)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyserverless.logs import InvalidParameterException, compile_pattern


def matches(pattern: str, message: str) -> bool:
    return compile_pattern(pattern)(message)


class TestTerms:
    def test_all_terms_case_sensitive(self) -> None:
        """Every term must appear, with its case."""
        assert matches("ERROR db", "ERROR in db")
        assert not matches("ERROR db", "ERROR in cache")
        assert not matches("error", "ERROR")

    def test_quoted_phrases(self) -> None:
        """A quoted phrase matches as one piece, punctuation included."""
        assert matches('"Task timed out"', "2024 Task timed out after 3.00 seconds")
        assert not matches('"Task timed out"', "Task was timed out")
        assert matches('"a:b"', "x a:b y")

    def test_exclusion_and_alternatives(self) -> None:
        """``-term`` excludes; ``?a ?b`` wants at least one."""
        assert not matches("ERROR -retry", "ERROR retry 2")
        assert matches("?WARN ?ERROR", "a WARN")
        assert not matches("?WARN ?ERROR", "INFO")
        assert matches("?WARN ?ERROR -ignore", "ERROR")
        assert not matches("?WARN ?ERROR -ignore", "ERROR ignore")

    def test_unquoted_punctuation_refused(self) -> None:
        """A term with characters other than letters, digits and _ must be quoted; AWS
        names the first such character."""
        for pattern, bad in (("?Status: timeout", ":"), ("call(x)", "(")):
            with pytest.raises(InvalidParameterException) as info:
                compile_pattern(pattern)
            assert info.value.message == f"Invalid character(s) in term '{bad}'"
        with pytest.raises(InvalidParameterException):
            compile_pattern('"unclosed')

    @given(st.text(min_size=1))
    def test_empty_pattern_matches_everything(self, message: str) -> None:
        """An empty (or blank) pattern matches any message."""
        assert matches("", message) and matches("   ", message)

    @given(st.from_regex(r"[A-Za-z0-9_]{1,8}", fullmatch=True), st.text())
    def test_a_term_is_a_substring_test(self, term: str, message: str) -> None:
        """A bare term matches exactly when it is a substring of the message."""
        assert matches(term, message) == (term in message)


class TestJson:
    def test_strings_and_wildcards(self) -> None:
        """= and != on strings; * is a wildcard."""
        assert matches('{ $.level = "ERROR" }', '{"level": "ERROR"}')
        assert matches("{ $.level = ERR* }", '{"level": "ERROR"}')
        assert not matches('{ $.level = "ERROR" }', '{"level": "WARN"}')
        assert matches('{ $.level != "ERROR" }', '{"level": "WARN"}')
        assert not matches('{ $.level != "ERROR" }', '{"other": 1}')

    def test_numbers(self) -> None:
        """Numeric comparisons, both sides of the bound."""
        doc = '{"latency": 100}'
        assert matches("{ $.latency >= 100 }", doc) and not matches("{ $.latency > 100 }", doc)
        assert matches("{ $.latency <= 100 }", doc) and not matches("{ $.latency < 100 }", doc)
        assert matches("{ $.latency = 100 }", doc) and matches("{ $.latency = 100.0 }", doc)
        assert not matches("{ $.latency > 1 }", '{"latency": "200"}')

    def test_nested_arrays_and_logic(self) -> None:
        """Selectors reach into objects and arrays; && binds tighter than ||."""
        doc = '{"user": {"id": 7, "roles": ["admin", "dev"]}, "ok": true, "x": null}'
        assert matches('{ $.user.roles[1] = "dev" }', doc)
        assert not matches('{ $.user.roles[5] = "dev" }', doc)
        assert matches("{ $.user.id = 1 || $.ok IS TRUE && $.x IS NULL }", doc)
        assert not matches("{ ($.user.id = 1 || $.ok IS TRUE) && $.y IS NULL }", doc)
        assert matches("{ $.y NOT EXISTS && $.ok IS TRUE }", doc)
        assert not matches("{ $.ok IS FALSE }", doc)

    @given(
        st.dictionaries(
            st.sampled_from(["level", "k", "msg"]),
            st.one_of(st.sampled_from(["ERROR", "WARN", "a b"]), st.integers(), st.none()),
        ),
        st.sampled_from(["level", "k", "msg"]),
        st.sampled_from(["ERROR", "WARN", "a b"]),
    )
    def test_equality_agrees_with_the_parsed_document(
        self, doc: dict[str, object], key: str, value: str
    ) -> None:
        """``{ $.k = "v" }`` matches exactly when the decoded document has k equal to v,
        and ``!=`` exactly when k is there with another value."""
        message = json.dumps(doc)
        assert matches(f'{{ $.{key} = "{value}" }}', message) == (doc.get(key) == value)
        assert matches(f'{{ $.{key} != "{value}" }}', message) == (key in doc and doc[key] != value)

    def test_bad_selector_named_as_aws_names_it(self) -> None:
        """A quoted key in a selector: AWS's "Invalid character(s) in term '$."'"."""
        with pytest.raises(InvalidParameterException) as info:
            compile_pattern('{ $."sc-status" = 5* }')
        assert info.value.message == "Invalid character(s) in term '$.\"'"
        assert matches("{ $.sc-status = 5* }", '{"sc-status": "503"}')

    def test_non_json_messages_do_not_match(self) -> None:
        """Plain text or a JSON array never matches a JSON pattern."""
        assert not matches('{ $.a = "b" }', "a = b")
        assert not matches('{ $.a = "b" }', '[{"a": "b"}]')

    @pytest.mark.parametrize(
        "pattern", ["{ }", '{ $.a = "b"', "{ $.a > x }", "{ a = 1 }", "{ $.a IS MAYBE }"]
    )
    def test_malformed(self, pattern: str) -> None:
        """Patterns that do not parse are refused with InvalidParameterException."""
        with pytest.raises(InvalidParameterException):
            compile_pattern(pattern)


class TestSpaceDelimited:
    LINE = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /a.gif HTTP/1.0" 404 1534'

    def test_fields_and_conditions(self) -> None:
        """Fields by position, conditions on some of them, quoted and bracketed fields whole."""
        pattern = "[ip, id, user, timestamp, request, status_code = 4*, bytes > 1000]"
        assert matches(pattern, self.LINE)
        assert not matches(pattern.replace("> 1000", "> 2000"), self.LINE)
        assert matches('[ip, ..., request = "GET *", status, bytes]', self.LINE)

    def test_field_count(self) -> None:
        """Without ``...`` the number of fields must agree."""
        assert not matches("[a, b]", "one two three")
        assert matches("[a, ...]", "one two three")
        assert matches("[..., c = three]", "one two three")

    def test_numbers_against_words(self) -> None:
        """A numeric condition on a field that is not a number does not match."""
        assert not matches("[a, b > 1]", "x y")
        assert matches("[a, b != 404]", "x 500")
        assert not matches("[a, b != 404]", "x 404")


class TestRegex:
    def test_percent_delimited(self) -> None:
        """``%...%`` is a regular expression searched in the message."""
        assert matches("%ERROR [0-9]+%", "x ERROR 42")
        assert not matches("%ERROR [0-9]+%", "x ERROR none")
        with pytest.raises(InvalidParameterException):
            compile_pattern("%(%")
