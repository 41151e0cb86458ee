"""The request-head splitter of `docket serve`, on any bytes a client may send."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.publish.bounds import Limits, within_bounds

LIMITS = Limits(request_line_bytes=64, head_bytes=128)
PIECES = st.sampled_from([b"\r\n", b"\n", b"\r", b"GET / HTTP/1.1", b"X: y", b"a" * 70, b":"])


@settings(max_examples=300)
@given(st.lists(st.one_of(PIECES, st.binary(max_size=20)), max_size=30).map(b"".join))
def test_a_head_is_taken_whole_and_within_bounds_or_not_at_all(data: bytes) -> None:
    head, rest = within_bounds(bytearray(data), LIMITS)
    if head is None:
        assert rest == bytearray(data)
        return
    assert head + bytes(rest) == data.lstrip(b"\r\n")  # nothing lost, nothing added
    assert head.endswith((b"\n\n", b"\n\r\n")) and len(head) <= LIMITS.head_bytes
    assert head.find(b"\n") <= LIMITS.request_line_bytes
    assert b"\n\n" not in head[:-2] and b"\n\r\n" not in head[:-3]  # the first blank line


def test_pipelined_heads_come_one_at_a_time() -> None:
    head, rest = within_bounds(bytearray(b"\r\nGET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\n\n"), LIMITS)
    assert head == b"GET /a HTTP/1.1\r\n\r\n"
    assert within_bounds(rest, LIMITS)[0] == b"GET /b HTTP/1.1\n\n"
