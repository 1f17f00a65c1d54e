"""From a search to the timeline of its matches and back, the timeline's filters and "did you mean", in a browser."""
from __future__ import annotations

import re

import pytest

EXHIBITION = "The National Informatization Performance Exhibition – 2019"


def test_search_to_timeline_and_back_keeps_the_query(page, live_server, shots):
    page.goto(live_server + "/search?q=exhibition&from=2000&to=2030")
    page.get_by_role("link", name="Timeline of these matches").click()
    page.wait_for_url(re.compile(r"/timeline\?"))
    assert page.locator("#tq").input_value() == "exhibition"
    assert page.locator(".understood code").inner_text() == "exhibit"
    assert any(EXHIBITION in h for h in page.locator(".entry .headline").all_inner_texts())
    page.screenshot(path=shots / "timeline-of-matches.png", full_page=True)

    page.get_by_label("Dates written in the sentence").check()
    page.click(".timeline-filter button")
    page.wait_for_url(re.compile(r"written_only=1"))
    assert page.locator(".badge.dated").count() == 0
    assert page.locator(".active-filters a", has_text="Dates written in the sentence").is_visible()

    page.get_by_role("link", name="Search for these words").click()
    page.wait_for_url(re.compile(r"/search\?"))
    assert "written_only" not in page.url and "from=2000" in page.url
    assert page.locator("#q").input_value() == "exhibition"
    assert page.console_errors == []


def test_the_timeline_offers_a_spelling_when_nothing_matches(page, live_server):
    page.goto(live_server + "/timeline?q=exhibiton")
    assert page.locator(".count strong").inner_text() == "0"
    page.locator(".suggestion a").click()
    page.wait_for_url(re.compile(r"q=[Ee]xhibition"))
    assert int(page.locator(".count strong").inner_text()) > 0
    assert page.console_errors == []


@pytest.mark.parametrize("path", ["/timeline?q=exhibition&conflicts=1&min_sources=2&source=X",
                                  "/search?q=exhibition", "/timeline?q=exhibiton"])
def test_the_new_parts_fit_a_phone(browser, live_server, shots, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(live_server + path)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    name = re.sub(r"\W+", "-", path).strip("-")
    phone.screenshot(path=shots / f"{name}-phone.png", full_page=True)
    context.close()
