from django.contrib.auth import get_user_model

from newsroom.articles.models import Article


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
    # The writer's inbox on the admin index lists the draft and opens it.
    page.goto(demo_site + "/admin/")
    drafts = page.locator(".dashboard .module").filter(has_text="My drafts")
    drafts.get_by_role("link", name=draft.title).click()
    page.wait_for_load_state()
    assert page.url == change
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


def test_share_link_is_offered_to_the_author_and_editors_only(page, demo_site):
    """The author of a draft creates a working preview link from the form; on
    someone else's draft a writer is not offered the button at all."""
    writer = get_user_model().objects.get(username="writer")
    editor = get_user_model().objects.get(username="editor")
    own = Article.objects.get(slug="metallic-rouge-english-dub-cast")
    Article.objects.filter(pk=own.pk).update(created_by=writer)
    share = page.get_by_role("button", name="Create a shareable preview link")

    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(f"{demo_site}/admin/newsroom/article/{own.pk}/change/")
    share.click()
    page.wait_for_load_state()
    link = page.locator(".preview-links a").first
    href = link.get_attribute("href")
    assert "/preview/" in href

    Article.objects.filter(pk=own.pk).update(created_by=editor)
    own.authors.clear()
    page.goto(f"{demo_site}/admin/newsroom/article/{own.pk}/change/")
    assert share.count() == 0
    assert page.locator(".preview-links").count() == 0

    page.context.clear_cookies()
    page.goto(demo_site + href)
    assert page.locator("article h1").inner_text() == own.title
    assert page.console.errors == []
