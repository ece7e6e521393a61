"""Properties of the embed parser and the form text cleaners, over generated
input: they answer with their designed errors, never with an exception."""

import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom.articles.body.builtin import video_source
from newsroom.articles.body.embeds import HANDLERS, EmbedError, _parse, render_body
from newsroom.kernel.forms import MAX_TAG_LENGTH, EditorTextForm, TagNamesField
from newsroom.kernel.sitewide.models import Page
from newsroom.kernel.text import positive_int, positive_ints, without_control_characters

# Few examples, no deadline (the machine is shared), the same examples every
# run (a failure is reproducible), and nothing written to disk.
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

#: Text with the characters that break things weighted up: controls, odd
#: digits, brackets and quotes of the embed syntax, markup, line breaks.
NASTY = st.sampled_from(
    list("\x00\x01\x0b\x0c\x7f\x85\ufffe\u2028\u00b2\u0663[]\"'=:/<>&\n\r\t ")
    + ["[[", "]]", "[[/", "```", "http://", "[::1", "<script>", "%00", "\u202e"]
)
TEXT = st.lists(st.one_of(st.text(max_size=8), NASTY), max_size=30).map("".join)


@st.composite
def embed_lines(draw):
    """A line that looks like an embed: a known or unknown kind, a reference
    and attributes, each possibly broken."""
    kind = draw(st.sampled_from([*HANDLERS, "nope", "Image", ""]))
    ref = draw(
        st.one_of(
            st.none(),
            st.integers(min_value=-5, max_value=10**20).map(str),
            st.sampled_from(["http://[::1", "https://youtu.be/", "a,b,,3"]),
            TEXT,
        )
    )
    attrs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["title", "alt", "caption", "poster", "tag", "x"]),
                TEXT,
            ),
            max_size=3,
        )
    )
    line = f"[[{kind}" + (f":{ref}" if ref is not None else "")
    line += "".join(f' {name}="{value}"' for name, value in attrs)
    return line + draw(st.sampled_from(["]]", "]", "]] trailing", ""]))


BODY = st.lists(
    st.one_of(TEXT, embed_lines(), st.sampled_from(["[[/quote]]", "[[/spoiler]]"])),
    max_size=8,
).map("\n".join)


# Text cleaners -------------------------------------------------------------


@PROPERTY
@given(TEXT, st.booleans())
def test_cleaned_text_has_no_control_characters(text, single_line):
    cleaned = without_control_characters(text, single_line=single_line)
    assert not CONTROL.search(cleaned)
    assert without_control_characters(cleaned, single_line=single_line) == cleaned
    if single_line:
        assert cleaned == " ".join(cleaned.split())


@PROPERTY
@given(st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"])))
def test_text_without_controls_is_left_as_typed(text):
    text = text.replace("\ufffe", "").replace("\uffff", "")
    assert without_control_characters(text) == text


@PROPERTY
@given(st.one_of(TEXT, st.integers().map(str), st.none()))
def test_numbers_are_read_only_from_plain_digits(raw):
    number = positive_int(raw)
    if number is not None:
        assert number > 0
        assert raw.isascii() and raw.isdigit()
        assert int(raw) == number
    assert all(n > 0 for n in positive_ints(raw))


@PROPERTY
@given(st.lists(TEXT, max_size=6))
def test_tag_names_are_clean_distinct_and_short_or_refused(values):
    field = TagNamesField(widget=forms.SelectMultiple)
    try:
        names = field.clean(values)
    except ValidationError as error:
        assert "at most" in error.messages[0]
        return
    assert len({name.casefold() for name in names}) == len(names)
    for name in names:
        assert name and name == " ".join(name.split())
        assert not CONTROL.search(name)
        assert len(name) <= MAX_TAG_LENGTH


class PageForm(EditorTextForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "summary", "body"]
        widgets = {"body": forms.Textarea}


@pytest.mark.django_db
@PROPERTY
@given(title=TEXT, summary=TEXT, body=TEXT, slug=TEXT)
def test_editor_forms_store_no_control_characters(title, summary, body, slug):
    form = PageForm(
        data={"title": title, "slug": slug, "summary": summary, "body": body}
    )
    if not form.is_valid():
        assert all(isinstance(e, str) for errs in form.errors.values() for e in errs)
        return
    for name in ["title", "summary", "body"]:
        assert not CONTROL.search(form.cleaned_data[name])
    assert "\n" not in form.cleaned_data["title"]


# The embed parser ------------------------------------------------------------


@PROPERTY
@given(BODY)
def test_parsing_never_fails_and_accounts_for_every_line(source):
    text, embeds, errors = _parse(source)
    assert all(isinstance(error, str) for error in errors)
    for index in range(len(embeds)):
        assert f"SHIMBUNEMBED{index}X" in text


@pytest.mark.django_db
@PROPERTY
@given(BODY, st.booleans())
def test_rendering_never_raises_and_gives_safe_html(source, strict):
    result = render_body(source, strict=strict)
    assert isinstance(result.html, str)
    assert all(isinstance(error, str) for error in result.errors)
    assert not strict or not source.strip() or result.errors or result.html
    html = result.html.lower()
    assert "<script" not in html
    assert "\x00" not in html
    assert "javascript:" not in html


@PROPERTY
@given(
    st.one_of(
        TEXT,
        st.builds(
            "{}://{}/{}".format,
            st.sampled_from(["http", "https", "ftp", "javascript", ""]),
            st.one_of(
                st.sampled_from(["youtu.be", "www.youtube.com", "vimeo.com", "[::1"]),
                TEXT,
            ),
            TEXT,
        ),
    )
)
def test_video_addresses_are_a_player_or_an_editor_error(url):
    try:
        source = video_source(url)
    except EmbedError as error:
        assert str(error)
        return
    assert source["player_url"].startswith(
        ("https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/")
    )
