"""Autosave in a real browser: text typed into an article survives a closed
tab, a server that refuses it and an expired session, and comes back only
when its writer asks for it."""

import re

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from newsroom.articles.models import Article, Autosave
from tests.browser.accessibility import assert_accessible
from tests.browser.test_workflow import log_in

SENTENCE = "\n\nThe English dub premieres on Crunchyroll in Febr"
AUTOSAVE_URL = re.compile(r"/admin/newsroom/article/\d+/autosave/$")


def writers_draft():
    writer = get_user_model().objects.get(username="writer")
    draft = Article.objects.get(slug="metallic-rouge-english-dub-cast")
    Article.objects.filter(pk=draft.pk).update(created_by=writer)
    return writer, draft


def storage_key(user, article):
    return f"shimbun-autosave:{user.pk}:{article.pk}"


def type_at_the_end(page, text):
    body = page.locator("#id_body")
    body.click()
    body.press("Control+End")
    body.press_sequentially(text)
    return body


def wait_until_the_server_has_it(page, key):
    """The browser's copy goes once the server holds what the form holds."""
    expect(page.locator("#autosave-status")).to_contain_text("Autosaved")
    page.wait_for_function("key => localStorage.getItem(key) === null", arg=key)


def test_autosave_restores_text_after_the_page_is_closed_mid_sentence(page, demo_site):
    writer, draft = writers_draft()
    change = f"{demo_site}/admin/newsroom/article/{draft.pk}/change/"
    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(change)
    expect(page.locator("#autosave-offer")).to_be_hidden()
    type_at_the_end(page, SENTENCE)
    wait_until_the_server_has_it(page, storage_key(writer, draft))
    kept = Autosave.objects.get(user=writer, article=draft)
    assert kept.data["body"].endswith("in Febr")
    assert Article.objects.get(pk=draft.pk).body == draft.body  # nothing saved
    assert page.console.errors == []

    context = page.context
    page.close()
    page = context.new_page()
    page.goto(change)
    offer = page.locator("#autosave-offer")
    expect(offer).to_be_visible()
    expect(offer).to_contain_text("You have unsaved changes from")
    body = page.locator("#id_body")
    expect(body).to_have_value(draft.body)
    assert_accessible(page)

    offer.get_by_role("button", name="Restore them").click()
    expect(offer).to_be_hidden()
    expect(body).to_have_value(re.compile(r"in Febr$"))
    expect(page.frame_locator("#body-preview").locator("body")).to_contain_text(
        "The English dub premieres on Crunchyroll in Febr"
    )
    expect(page.locator("#autosave-status")).to_contain_text("Restored")
    assert Article.objects.get(pk=draft.pk).body == draft.body  # still nothing saved

    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    draft.refresh_from_db()
    assert draft.body.endswith("in Febr")
    assert not Autosave.objects.filter(user=writer).exists()
    expect(page.locator("#autosave-offer")).to_be_hidden()


def test_text_the_server_refused_is_kept_in_the_browser_and_offered_back(
    page, demo_site
):
    writer, draft = writers_draft()
    change = f"{demo_site}/admin/newsroom/article/{draft.pk}/change/"
    log_in(page, demo_site, "writer", "shimbun-writer")
    page.route(AUTOSAVE_URL, lambda route: route.abort("internetdisconnected"))
    page.goto(change)
    type_at_the_end(page, SENTENCE)
    status = page.locator("#autosave-status")
    expect(status).to_contain_text("Not saved")
    expect(status).to_contain_text("kept in this browser")
    assert not Autosave.objects.exists()
    kept = page.evaluate("key => localStorage.getItem(key)", storage_key(writer, draft))
    assert "in Febr" in kept

    context = page.context
    page.close()
    page = context.new_page()  # the server answers again
    page.goto(change)
    offer = page.locator("#autosave-offer")
    expect(offer).to_contain_text("kept in this browser")
    assert_accessible(page)
    offer.get_by_role("button", name="Restore them").click()
    expect(page.locator("#id_body")).to_have_value(re.compile(r"in Febr$"))
    # Restored text is autosaved like typed text.
    wait_until_the_server_has_it(page, storage_key(writer, draft))
    assert Autosave.objects.get(user=writer).data["body"].endswith("in Febr")


def test_text_typed_after_the_session_expired_is_offered_after_logging_in(
    page, demo_site
):
    writer, draft = writers_draft()
    change = f"{demo_site}/admin/newsroom/article/{draft.pk}/change/"
    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(change)
    Session.objects.all().delete()  # the session ends while the form is open
    type_at_the_end(page, SENTENCE)
    expect(page.locator("#autosave-status")).to_contain_text("logged out")
    # The preview says so too, instead of going quiet.
    expect(page.locator("#body-problems")).to_contain_text("You are logged out")

    page.locator("input[name=_continue]").first.click()
    expect(page.locator("#id_username")).to_be_visible()  # the save went nowhere
    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(change)
    offer = page.locator("#autosave-offer")
    expect(offer).to_be_visible()
    offer.get_by_role("button", name="Restore them").click()
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Article.objects.get(pk=draft.pk).body.endswith("in Febr")


def test_discarding_an_offer_forgets_it_and_another_user_never_sees_it(
    browser, demo_site
):
    writer, draft = writers_draft()
    change = f"{demo_site}/admin/newsroom/article/{draft.pk}/change/"
    page = browser.new_context().new_page()
    other = browser.new_context().new_page()
    try:
        log_in(page, demo_site, "writer", "shimbun-writer")
        page.goto(change)
        type_at_the_end(page, SENTENCE)
        wait_until_the_server_has_it(page, storage_key(writer, draft))

        log_in(other, demo_site, "editor", "shimbun-editor")
        other.goto(change)
        expect(other.locator("#autosave")).to_be_attached()
        expect(other.locator("#autosave-offer")).to_be_hidden()
        assert "in Febr" not in other.content()

        page.goto(change)
        offer = page.locator("#autosave-offer")
        with page.expect_response(re.compile(r"/autosave/discard/$")):
            offer.get_by_role("button", name="Discard").click()
        expect(offer).to_be_hidden()
        assert not Autosave.objects.exists()
        page.reload()
        expect(page.locator("#autosave")).to_be_attached()
        expect(page.locator("#autosave-offer")).to_be_hidden()
    finally:
        page.context.close()
        other.context.close()


def test_a_new_article_not_yet_saved_is_offered_back_on_the_add_form(page, demo_site):
    writer = get_user_model().objects.get(username="writer")
    add = f"{demo_site}/admin/newsroom/article/add/"
    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(add)
    page.locator("#id_title").press_sequentially("Frieren season 2 gets a Janu")
    expect(page.locator("#id_slug")).to_have_value("frieren-season-2-gets-a-janu")
    type_at_the_end(page, "Madhouse returns for the second")
    wait_until_the_server_has_it(page, f"shimbun-autosave:{writer.pk}:new")
    assert Autosave.objects.get(user=writer, article=None).data["title"] == (
        "Frieren season 2 gets a Janu"
    )

    page.goto(add)
    offer = page.locator("#autosave-offer")
    expect(offer).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("")
    offer.get_by_role("button", name="Restore them").click()
    expect(page.locator("#id_title")).to_have_value("Frieren season 2 gets a Janu")
    expect(page.locator("#id_slug")).to_have_value("frieren-season-2-gets-a-janu")
    expect(page.frame_locator("#body-preview").locator("body")).to_contain_text(
        "for the second"
    )
    assert page.console.errors == []
