"""The web UI in a real browser: search, facets, an article and its events, the timeline."""
from __future__ import annotations

import re

FOUNDING = "North Korea established the Artificial Intelligence Research Institute"
EXHIBITION = "The National Informatization Performance Exhibition – 2019"
FEATURE_TITLE = "FROM CRYPTO THIEF TO AI WARRIOR"
TARGET_BACKGROUND = "rgb(255, 210, 122)"  # .event:target in style.css


def test_search_highlights_eunbyeol_and_the_2013_facet_keeps_it(page, live_server, shots):
    page.goto(live_server + "/")
    page.fill("#q", "Eunbyeol")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Eunbyeol"))
    hit = page.locator("li.hit").first
    assert FEATURE_TITLE in hit.locator("h3").inner_text()
    assert hit.locator("mark").first.inner_text() == "Eunbyeol"
    page.screenshot(path=shots / "search.png", full_page=True)

    page.locator("#facet-years ~ ul a", has_text=re.compile(r"^\s*2013\b")).click()
    page.wait_for_url(re.compile(r"year=2013"))
    assert FEATURE_TITLE in page.locator("li.hit h3").first.inner_text()
    assert page.locator("#facet-years ~ ul a.selected").inner_text().split()[0] == "2013"
    assert page.console_errors == []


def test_sort_select_submits_and_slash_focuses_the_query_box(page, live_server):
    page.goto(live_server + "/search?q=korea")
    page.select_option("#sort", "oldest")
    page.wait_for_url(re.compile(r"sort=oldest"))
    page.locator("h1").first.click(force=True)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    assert page.console_errors == []


def test_open_an_article_from_a_hit_and_follow_an_event_to_its_sentence(page, live_server, shots):
    page.goto(live_server + "/search?q=Eunbyeol")
    page.locator("li.hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/articles/north-korea-ai-warrior\?q=Eunbyeol"))
    assert page.locator(".body mark").first.inner_text() == "Eunbyeol"
    page.screenshot(path=shots / "article.png", full_page=True)

    page.locator(".event-list a", has_text=re.compile(r"^2013$")).click()
    page.wait_for_url(re.compile(r"#event-[0-9a-f]+$"))
    sentence = page.locator(".event:target")
    assert sentence.inner_text().startswith("In 2013, " + FOUNDING)
    assert sentence.evaluate("el => getComputedStyle(el).backgroundColor") == TARGET_BACKGROUND
    assert sentence.is_visible() and _in_viewport(page, sentence)
    page.screenshot(path=shots / "article-event.png")
    assert page.console_errors == []


def test_timeline_orders_links_and_narrows(page, live_server, shots):
    page.goto(live_server + "/timeline")
    headlines = page.locator(".entry .headline").all_inner_texts()
    founding = next(i for i, h in enumerate(headlines) if FOUNDING in h)
    exhibition = next(i for i, h in enumerate(headlines) if EXHIBITION in h)
    assert founding < exhibition
    page.screenshot(path=shots / "timeline.png", full_page=True)

    page.fill("#tfrom", "2013")
    page.fill("#tto", "2019")
    page.click(".timeline-filter button")
    page.wait_for_url(re.compile(r"from=2013&to=2019"))
    years = page.locator(".timeline .year h2").all_inner_texts()
    assert years[0] == "2013" and years[-1] == "2019"

    page.locator("#density-caption").scroll_into_view_if_needed()
    page.locator(".chart a").first.click()
    page.wait_for_url(re.compile(r"from=2013&to=2013"))
    assert page.locator(".timeline .year h2").all_inner_texts() == ["2013"]

    page.get_by_role("link", name=re.compile("Read the sentence")).first.click()
    page.wait_for_url(re.compile(r"/articles/north-korea-ai-warrior#event-"))
    assert FOUNDING in page.locator(".event:target").inner_text()
    assert page.console_errors == []


def test_phone_layout_has_no_horizontal_scroll(browser, live_server, shots):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    for name, path in (("search", "/search?q=Eunbyeol"), ("article", "/articles/north-korea-ai-warrior"),
                       ("timeline", "/timeline")):
        phone.goto(live_server + path)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name
        phone.screenshot(path=shots / f"{name}-phone.png", full_page=True)
    context.close()


def test_print_stylesheet_hides_navigation(page, live_server):
    page.goto(live_server + "/articles/north-korea-ai-warrior")
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible()
    assert page.locator(".print-only").is_visible()


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] < height and box["y"] + box["height"] > 0
