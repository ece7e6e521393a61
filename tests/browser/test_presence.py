"""Opening an article's form writes nothing; the page itself announces the
editor (a POST as it loads), so a second editor is warned at once."""

from newsroom.articles.models import Article, EditSession
from tests.browser.test_workflow import log_in


def test_a_second_editor_is_told_who_has_the_form_open(browser, demo_site):
    article = Article.objects.live().order_by("pk").first()
    change = f"{demo_site}/admin/newsroom/article/{article.pk}/change/"
    first = browser.new_context().new_page()
    second = browser.new_context().new_page()
    try:
        log_in(first, demo_site, "admin", "shimbun-admin")
        with first.expect_response(lambda r: "/presence/" in r.url) as ping:
            first.goto(change)
        assert ping.value.request.method == "POST"
        assert EditSession.objects.filter(article=article).count() == 1

        log_in(second, demo_site, "editor", "shimbun-editor")
        second.goto(change)
        note = second.locator("#presence-note")
        note.wait_for(state="visible")
        assert "Being edited by admin" in note.inner_text()
    finally:
        first.context.close()
        second.context.close()
