"""Bold spans of inline markup: what a span keeps at its edges."""

from __future__ import annotations

import pytest

from learnkit.text.inline import clean_inline


@pytest.mark.parametrize(
    ("raw", "text", "bold"),
    [
        pytest.param("the **<50%** rule", "the <50% rule", ["<50%"], id="less-than-kept"),
        pytest.param("rate **>3%** now", "rate >3% now", [">3%"], id="greater-than-kept"),
        pytest.param(
            "a **<script>x</script> & co** b",
            "a <script>x</script> & co b",
            ["<script>x</script> & co"],
            id="angle-text-kept-whole",
        ),
        pytest.param("**±2 °C** at most", "±2 °C at most", ["±2 °C"], id="plus-minus-kept"),
        pytest.param('x **"quoted"** y', 'x "quoted" y', ["quoted"], id="quotes-trimmed"),
        pytest.param("see **(a)** and **b)**", "see (a) and b)", ["(a)", "b"], id="brackets"),
        pytest.param("end **here,** now", "end here, now", ["here"], id="comma-trimmed"),
    ],
)
def test_bold_span_edges(raw, text, bold):
    cleaned, spans = clean_inline(raw, "en")
    assert cleaned == text
    assert [s.text for s in spans] == bold
    assert all(cleaned[s.start : s.end] == s.text for s in spans)


@pytest.mark.parametrize(
    ("raw", "bold", "pieces"),
    [
        pytest.param(
            "an **agreement** **on Monday**.", ["agreement on Monday"], [["on Monday"]], id="two"
        ),
        pytest.param("**a** **b**  **c** d", ["a b c"], [["b c", "c"]], id="three"),
        pytest.param("**one phrase** here", ["one phrase"], [[]], id="one"),
        pytest.param("**x**, **y**", ["x", "y"], [[], []], id="comma-keeps-apart"),
    ],
)
def test_bold_in_pieces_keeps_where_each_piece_starts(raw, bold, pieces):
    _, spans = clean_inline(raw, "en")
    assert [s.text for s in spans] == bold
    assert [[s.text[k:] for k in s.pieces] for s in spans] == pieces
