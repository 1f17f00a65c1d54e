"""The year chart and the facets in a real browser: drag to a range, keyboard path, two years at once."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit


def _bar(page, year):
    return page.locator(f'.chart a[data-start="{year}"]')


def test_dragging_across_bars_chooses_their_range_and_the_range_is_drawn(page, live_server, shots):
    page.goto(live_server + "/search")
    start, end = _bar(page, 1992).bounding_box(), _bar(page, 1997).bounding_box()
    y = start["y"] + start["height"] - 4
    page.mouse.move(start["x"] + start["width"] / 2, y)
    page.mouse.down()
    page.mouse.move((start["x"] + end["x"]) / 2, y, steps=4)
    page.mouse.move(end["x"] + end["width"] / 2, y, steps=4)
    page.mouse.up()
    page.wait_for_url(re.compile(r"from=1992"))
    args = parse_qs(urlsplit(page.url).query)
    assert (args["from"], args["to"]) == (["1992"], ["1997"])
    assert page.locator(".chart rect.band").count() == 1
    chosen = page.locator(".chart a:has(rect.bar.selected)")
    assert [int(a) for a in chosen.evaluate_all("els => els.map(e => e.dataset.start)")] == list(range(1992, 1998))
    assert page.locator("#from").input_value() == "1992"
    page.screenshot(path=shots / "chart-range.png")
    assert page.console_errors == []


def test_a_click_on_a_year_bar_chooses_that_year(page, live_server):
    page.goto(live_server + "/search")
    _bar(page, 2013).click()
    page.wait_for_url(re.compile(r"year=2013"))
    assert _bar(page, 2013).locator("rect.bar.selected").count() == 1
    assert page.console_errors == []


def test_the_chart_is_one_tab_stop_and_arrows_move_between_bars(page, live_server):
    page.goto(live_server + "/search?q=Eunbyeol")
    page.locator("#q").focus()
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.closest('.chart') ? 'chart' : "
                                   "(document.activeElement.closest('li.hit') ? 'hit' : 'other')"))
        if stops[-1] == "hit":
            break
    assert stops.count("chart") == 1 and stops[-1] == "hit"
    assert len(stops) < 15  # the issue counted 47 presses to the first hit
    page.locator(".chart a[tabindex='0']").focus()
    before = page.evaluate("document.activeElement.dataset.start")
    page.keyboard.press("ArrowRight")
    after = page.evaluate("document.activeElement.dataset.start")
    assert int(after) > int(before)
    page.keyboard.press("Home")
    assert page.evaluate("document.activeElement.dataset.start") == "1990"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"year=1990"))
    assert page.console_errors == []


def test_choosing_a_year_keeps_the_others_so_two_years_can_be_chosen(page, live_server):
    page.goto(live_server + "/search")
    page.locator("#facet-years ~ ul a", has_text=re.compile(r"^\s*2013\b")).click()
    page.wait_for_url(re.compile(r"year=2013"))
    page.locator("#facet-years ~ ul a", has_text=re.compile(r"^\s*2026\b")).click()
    page.wait_for_url(re.compile(r"year=2026"))
    assert parse_qs(urlsplit(page.url).query)["year"] == ["2013", "2026"]
    chosen = page.locator("#facet-years ~ ul a.selected .value").all_inner_texts()
    assert chosen == ["2013", "2026"]
    assert page.console_errors == []


def test_chart_bars_are_big_enough_to_tap_on_a_phone(browser, live_server, shots):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.goto(live_server + "/search")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    box = phone.locator(".chart a").first.bounding_box()
    assert box["height"] >= 24
    phone.screenshot(path=shots / "chart-phone.png")
    context.close()
