"""The rules of `tui.web.access`, for any input a request can carry."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.web.access import key_matches, new_key, redacted, same_origin

KEY = new_key()


@given(st.text(), st.text())
def test_origin_checks_never_raise(origin: str, host: str) -> None:
    assert same_origin(origin, host) in (True, False)


@given(st.sampled_from(["127.0.0.1:8026", "localhost:8026", "[::1]:9000", "plans.example.org"]))
def test_the_own_origin_is_accepted_and_others_not(host: str) -> None:
    assert same_origin(f"http://{host}", host)
    assert same_origin(f"https://{host}", host)
    assert not same_origin(f"http://{host}.evil.example", host)
    assert not same_origin(f"http://evil.example/{host}", host)
    assert not same_origin(f"javascript://{host}", host)
    assert not same_origin("null", host)
    assert not same_origin(None, host)


@given(st.one_of(st.none(), st.text()))
def test_only_the_key_matches(given_key: str | None) -> None:
    assert key_matches(given_key, KEY) == (given_key == KEY)
    assert key_matches(KEY, KEY)


@given(st.text())
def test_a_redacted_line_never_holds_the_key(line: str) -> None:
    assert KEY not in redacted(f"{line} /?key={KEY} {line}", KEY)
