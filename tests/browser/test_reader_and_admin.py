from newsroom.articles.models import Article


def test_home_lists_demo_articles_without_console_errors(page, demo_site):
    page.goto(demo_site + "/")
    assert page.locator("h1").count() == 1
    titles = page.locator(".card-title").all_inner_texts()
    assert any("Metallic Rouge" in title for title in titles)
    assert page.console.errors == []


def test_reader_opens_an_article_from_the_home_page(page, demo_site):
    page.goto(demo_site + "/")
    page.locator(".card-lead .card-title a").click()
    page.wait_for_load_state()
    assert "/articles/" in page.url
    assert page.locator("article h1").is_visible()
    assert page.locator(".article-body p").count() > 2
    assert page.console.errors == []


def test_skip_link_moves_focus_to_main_content(page, demo_site):
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_editor_publishes_a_draft_in_the_admin(page, demo_site):
    page.goto(demo_site + "/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "shimbun-editor")
    page.click("input[type=submit]")
    draft = Article.objects.get(slug="metallic-rouge-english-dub-cast")
    page.goto(f"{demo_site}/admin/newsroom/article/{draft.pk}/change/")
    assert page.locator("#id_title").input_value() == draft.title
    # The tag box is Select2 with the article's tags already chosen.
    assert page.locator(".select2-selection__choice").count() >= 2
    assert page.console.errors == []
    page.click("button[name=_move][value=publish]")
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").count() >= 1
    draft.refresh_from_db()
    assert draft.is_live
    page.goto(demo_site + draft.get_absolute_url())
    assert page.locator("article h1").inner_text() == draft.title


def test_reader_searches_from_the_masthead_with_a_typo(page, demo_site):
    page.goto(demo_site + "/")
    page.get_by_label("Search Shimbun").fill("Metallic Rogue")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Metallic+Rogue")
    series = page.locator("#series-results-heading + .name-list a")
    assert series.first.inner_text() == "Metallic Rouge"
    assert page.locator(".card-title").count() > 0
    # Narrow to reviews with the filter form, keeping the words.
    page.get_by_label("Kind").select_option("review")
    page.locator(".search-form button[type=submit]").click()
    page.wait_for_url("**kind=review**")
    kinds = page.locator(".card .kind").all_inner_texts()
    assert kinds and all(kind.strip().lower() == "review" for kind in kinds)
    assert page.console.errors == []
