"""The browser itself enforces the site's Content-Security-Policy."""

import pytest

INJECT = """
() => new Promise(resolve => {
  const seen = [];
  document.addEventListener("securitypolicyviolation", e => {
    seen.push(e.effectiveDirective);
  });
  const script = document.createElement("script");
  script.textContent = "window.__inlineRan = true";
  document.body.appendChild(script);
  const styled = document.createElement("p");
  styled.setAttribute("style", "color: rgb(1, 2, 3)");
  document.body.appendChild(styled);
  const frame = document.createElement("iframe");
  frame.src = "https://video.example.net/embed/1";
  document.body.appendChild(frame);
  setTimeout(() => resolve({
    ran: Boolean(window.__inlineRan),
    colour: getComputedStyle(styled).color,
    seen: seen,
  }), 500);
})
"""


@pytest.mark.django_db(transaction=True)
def test_injected_inline_script_style_and_foreign_frame_are_blocked(
    page, live_server, make_article
):
    article = make_article(title="A page with a policy")
    page.goto(live_server.url + article.get_absolute_url())
    assert page.locator("h1").inner_text() == "A page with a policy"
    result = page.evaluate(INJECT)
    assert result["ran"] is False
    assert result["colour"] != "rgb(1, 2, 3)"
    assert {"script-src-elem", "style-src-attr", "frame-src"} <= set(result["seen"])
