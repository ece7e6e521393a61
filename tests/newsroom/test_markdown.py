import pytest

from newsroom.kernel.markdown import render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onmouseover="alert(1)">hover</div>',
    "<object data=x></object><embed src=x>",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "<form action=x><input name=y></form>",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markdown_output_has_nothing_executable(payload):
    # Harmless leftovers may remain as text; no tag or attribute may carry them.
    html = render_markdown(f"Before\n\n{payload}\n\nAfter").lower()
    for needle in (
        "<script",
        "onerror",
        "onload",
        "onmouseover",
        '="javascript:',
        "<iframe",
        "<svg",
        "style=",
        "<object",
        "<embed",
        '="data:',
        "<form",
        "<input",
    ):
        assert needle not in html
    assert "after" in html


def test_commonmark_basics_survive_sanitising():
    html = render_markdown(
        "## Heading\n\n- one\n- two\n\n> quoted\n\n[link](https://example.com)"
    )
    assert "<h2>Heading</h2>" in html
    assert "<li>one</li>" in html
    assert "<blockquote>" in html
    assert 'href="https://example.com"' in html
    assert 'rel="noopener noreferrer"' in html


def test_level_one_headings_are_demoted():
    assert "<h1>" not in render_markdown("# Title in body")
    assert "<h2>Title in body</h2>" in render_markdown("# Title in body")


def test_a_passage_can_say_which_language_it_is_in():
    html = render_markdown(
        'Free shipping (<span lang="de">Kostenloser Versand</span>).'
    )
    assert '<span lang="de">Kostenloser Versand</span>' in html
    assert "onclick" not in render_markdown(
        '<span lang="de" onclick="x()">Hallo</span>'
    )
