"""The search and ranking pages in a real browser: hosts and products found with facets,
Chinese free text and pages whose totals are the API's for the same query string; live
filtering with JavaScript and the same pages without it; a product's matches reordered
by its weights; phones."""

import re
import urllib.parse

import pytest

import hm
from hm import t


@pytest.fixture(scope="module")
def market(server):
    """Two suppliers (one with three mirrors), and hosts that fit a mirror in different
    ways: all made through the API, then indexed."""
    supplier = server.person("supplier", tag="search-supplier")
    other = server.person("supplier", tag="search-other")
    token = hm.api_token(server, supplier)
    # Other tests' hosts and products share the index: wait for ours on top of theirs.
    watched = ["/api/v1/hosts/search?q=%E7%BE%8E%E5%A6%86&language=pt&market=BR",
               "/api/v1/products/search?q=%E5%8C%96%E5%A6%86%E9%95%9C"]
    before = [hm.api_total(server, path, token) for path in watched]
    mirror = hm.ranked_product(server, supplier, target_markets=["MX"], category=2619)
    for n in range(2):
        hm.ranked_product(server, supplier, title=f"Travel mirror {n}", title_zh=f"旅行化妆镜 {n} 号",
                      target_markets=["BR", "MX"], category=2619, price_cents=999 + n)
    hosts = {
        # Speaks Spanish, serves Mexico, sells cosmetic tools: fits on every count.
        "fits": hm.ranked_host(server, display_name="Fits Everything"),
        # Speaks Spanish, serves Spain, sells clothing.
        "speaks": hm.ranked_host(server, display_name="Speaks Spanish", markets=["ES"], categories=[1604]),
        # Arabic, Saudi Arabia, cosmetic tools.
        "sells": hm.ranked_host(server, display_name="Sells Mirrors", markets=["SA"],
                                      languages=[{"code": "ar", "level": "native"}]),
    }
    for n in range(3):
        hosts[f"br{n}"] = hm.ranked_host(
            server, display_name=f"Bia Brasil {n}", headline=f"美妆直播 第{n}场", markets=["BR"],
            languages=[{"code": "pt", "level": "native"}],
            platforms=[{"name": "youtube", "handle": f"@bia{n}", "followers": 5000 + n}])
    for path, n in zip(watched, before):
        hm.wait_for_total(server, path, token, n + 3)
    # Every host above shares a language, a market or a category with the mirror.
    hm.wait_for_total(server, f"/api/v1/products/{mirror}/matches", token, len(hosts))
    return {"supplier": supplier, "other": other, "mirror": mirror, "hosts": hosts, "token": token}


def query_of(page) -> str:
    return urllib.parse.urlsplit(page.url).query


def strip_lang(query: str) -> str:
    return urllib.parse.urlencode([(k, v) for k, v in urllib.parse.parse_qsl(query) if k != "lang"])


def host_order(page) -> list[str]:
    return [e.get_attribute("data-host") for e in page.locator("[data-host]").all()]


def test_host_search_totals_match_api(server, contexts, market):
    """Two facets and Chinese free text, in Chinese, across pages: the page's total is the
    API's for the same query string, page by page."""
    server.need("/search/hosts")
    supplier = market["supplier"]
    page = contexts(locale="zh-CN", person=supplier).new_page()
    q = "q=" + urllib.parse.quote("美妆") + "&language=pt&market=BR&per_page=2"
    page.goto(f"/search/hosts?{q}&lang=zh-CN")
    assert hm.html_lang(page) == "zh-CN"
    api = server.http.get(f"/api/v1/hosts/search?{q}", token=market["token"]).json()
    assert api["total"] >= 3
    assert hm.page_total(page) == api["total"]
    names = [h["display_name"] for h in api["hits"]]
    assert page.locator(".hit-title").all_inner_texts() == names
    page.locator("main a[rel=next]").click()
    page.wait_for_url(re.compile(r"page=2"))
    asked = strip_lang(query_of(page))
    api2 = server.http.get(f"/api/v1/hosts/search?{asked}", token=market["token"]).json()
    assert api2["page"] == 2 and hm.page_total(page) == api2["total"]
    assert page.locator(".hit-title").all_inner_texts() == [h["display_name"] for h in api2["hits"]]
    # Facet counts beside each option are the API's.
    pt = page.locator("label.facet-option:has(input[name=language][value=pt]) .facet-count")
    api_pt = next(f["count"] for f in api["facets"]["language"] if f["value"] == "pt")
    assert int(pt.inner_text()) == api_pt
    assert "葡萄牙语" in page.locator("#facets").inner_text(), "facets in the reader's language"


def test_product_search_totals_match_api(server, contexts, market):
    server.need("/search/products")
    host = market["hosts"]["br0"]
    token = hm.api_token(server, host)
    page = contexts(locale="zh-CN", person=host).new_page()
    q = "q=" + urllib.parse.quote("化妆镜") + "&category=2619&market=BR&market=MX&per_page=1"
    page.goto(f"/search/products?{q}&lang=zh-CN")
    api = server.http.get(f"/api/v1/products/search?{q}", token=token).json()
    assert api["total"] >= 3
    assert hm.page_total(page) == api["total"]
    first = page.locator(".hit-title").first.inner_text()
    assert hm.CJK.search(first), f"Chinese title first for a Chinese reader: {first!r}"
    page.locator("main a[rel=next]").click()
    page.wait_for_url(re.compile(r"page=2"))
    asked = strip_lang(query_of(page))
    assert hm.page_total(page) == server.http.get(f"/api/v1/products/search?{asked}", token=token).json()["total"]


def test_weight_change_reorders(server, contexts, market):
    supplier, hosts = market["supplier"], market["hosts"]
    path = f"/products/{market['mirror']}/matches"
    server.need(path)
    page = contexts(person=supplier).new_page()
    page.goto(path)
    speaks, sells = hosts["speaks"].id, hosts["sells"].id

    def rank(language, category):
        page.fill("#w-language", str(language))
        page.fill("#w-category", str(category))
        with page.expect_navigation():
            page.get_by_role("button", name=t("en", "search-weights-apply")).click()
        assert f"weights=language:{language},category:{category}" in urllib.parse.unquote(page.url)
        assert page.input_value("#w-language") == str(language), "the page reads weights= back"
        order = host_order(page)
        return order.index(speaks), order.index(sells)

    s1, m1 = rank(9, 1)
    assert s1 < m1, "language first: the Spanish speaker ranks above the mirror seller"
    s2, m2 = rank(1, 9)
    assert m2 < s2, "category first: the order changes"


def test_search_and_matches_work_without_javascript(server, contexts, market):
    supplier = market["supplier"]
    page = contexts(js=False, person=supplier).new_page()
    page.goto("/search/hosts")
    page.check("input[name=language][value=pt]")
    page.fill("#f-min_followers", "5001")
    with page.expect_navigation():
        page.locator(".search-top button[type=submit]").click()
    asked = query_of(page)
    assert "min_followers=5001" in asked and "q=" not in asked, f"blank fields leave the URL: {asked}"
    assert hm.page_total(page) == hm.api_total(server, f"/api/v1/hosts/search?{asked}", market["token"]) >= 2
    page.goto(f"/products/{market['mirror']}/matches")
    page.fill("#w-price", "7")
    with page.expect_navigation():
        page.get_by_role("button", name=t("en", "search-weights-apply")).click()
    assert urllib.parse.unquote(query_of(page)) == "weights=price:7"
    api = server.http.get(f"/api/v1/products/{market['mirror']}/matches?weights=price:7", token=market["token"]).json()
    assert host_order(page) == [h["host"]["id"] for h in api["hits"]]
    # A weight out of range (the browser's own check stops it first; sent anyway): the
    # form again, the error next to its input.
    answer = page.goto(f"/products/{market['mirror']}/matches?weights.price=500&weights.market=3")
    assert answer.status == 422
    assert page.locator("#e-w-price").is_visible()
    assert page.input_value("#w-price") == "500"


def test_live_filter_updates_results_without_a_full_load(server, contexts, market):
    supplier = market["supplier"]
    page = contexts(person=supplier).new_page()
    page.goto("/search/hosts")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__stayed = true")
    before = hm.page_total(page)
    with page.expect_response(lambda r: "/search/hosts?" in r.url and r.request.headers.get("hx-request") == "true"):
        page.check("input[name=language][value=pt]")
    page.wait_for_url(re.compile(r"language=pt"))
    page.wait_for_function("document.querySelector('[data-total]').dataset.total !== String(%d)" % before)
    assert page.evaluate("window.__stayed === true"), "the page was reloaded"
    asked = query_of(page)
    assert hm.page_total(page) == hm.api_total(server, f"/api/v1/hosts/search?{asked}", market["token"])
    assert page.locator("input[name=language][value=pt]").is_checked()
    # Typing filters too, and the pushed URL is the API's query.
    with page.expect_response(lambda r: "q=" in r.url and r.request.headers.get("hx-request") == "true"):
        page.fill("#f-q", "Bia")
    page.wait_for_url(re.compile(r"q=Bia"))
    assert page.evaluate("window.__stayed === true")
    asked = query_of(page)
    assert "min_followers" not in asked, asked
    assert hm.page_total(page) == hm.api_total(server, f"/api/v1/hosts/search?{asked}", market["token"])


def test_bad_values_show_next_to_their_fields(server, contexts, market):
    page = contexts(person=market["supplier"], locale="zh-CN").new_page()
    answer = page.goto("/search/hosts?min_followers=lots&lang=zh-CN")
    assert answer.status == 422
    assert page.locator("#e-min_followers").inner_text() == t("zh-CN", "search-error-number")
    assert page.input_value("#f-min_followers") == "lots"


def test_another_suppliers_matches_are_not_found(server, contexts, market):
    page = contexts(person=market["other"]).new_page()
    answer = page.goto(f"/products/{market['mirror']}/matches")
    assert answer.status == 404


@pytest.mark.parametrize("what", ["search-products", "matches"])
def test_search_pages_fit_a_phone(server, contexts, market, screenshots, what):
    if what == "matches":
        person, path = market["supplier"], f"/products/{market['mirror']}/matches"
    else:
        person, path = market["hosts"]["br1"], "/search/products?q=" + urllib.parse.quote("化妆镜")
    for lang in hm.LANGS:
        page = contexts("phone", person=person).new_page()
        page.goto(path + ("&" if "?" in path else "?") + f"lang={lang}")
        wide = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert wide[0] <= wide[1], f"{what} ({lang}) scrolls sideways: {wide}"
        page.screenshot(path=str(screenshots / f"test-search-{what}.{lang}.phone.png"), full_page=True)
        if what == "matches":
            bar = page.locator(".score-bar").first
            assert bar.get_attribute("role") == "img" and bar.get_attribute("aria-label")
            assert page.locator(".score-legend").first.is_visible(), "the numbers are there, not colour alone"
