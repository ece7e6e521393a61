from django.contrib.auth import get_user_model

from newsroom.models import Article


def log_in(page, site, username, password):
    page.context.clear_cookies()
    page.goto(site + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_load_state()


def test_writer_submits_and_editor_publishes_in_the_admin(page, demo_site):
    writer = get_user_model().objects.get(username="writer")
    draft = Article.objects.get(slug="metallic-rouge-english-dub-cast")
    Article.objects.filter(pk=draft.pk).update(created_by=writer)
    change = f"{demo_site}/admin/newsroom/article/{draft.pk}/change/"

    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(change)
    assert page.locator("button[value=publish]").count() == 0
    page.fill("#id_dek", "The distributor confirmed the dub cast.")
    page.click("button[name=_move][value=submit]")
    page.wait_for_load_state()
    assert "is now in review" in page.locator(".messagelist").inner_text()
    draft.refresh_from_db()
    assert draft.status == "in_review"
    assert draft.dek == "The distributor confirmed the dub cast."
    # In review, the writer can no longer edit it.
    page.goto(change)
    assert page.locator("#id_title").count() == 0

    log_in(page, demo_site, "editor", "shimbun-editor")
    page.goto(demo_site + "/admin/")
    assert page.locator(".dashboard").get_by_text(draft.title).count() >= 1
    page.goto(change)
    page.fill("#id_move_comment", "Checked the names against the press release.")
    page.click("button[name=_move][value=publish]")
    page.wait_for_load_state()
    assert "is now published" in page.locator(".messagelist").inner_text()
    assert page.console.errors == []
    draft.refresh_from_db()
    assert draft.is_live
    page.goto(demo_site + draft.get_absolute_url())
    assert page.locator("article h1").inner_text() == draft.title
