"""The supplier's catalogue in a real browser: a product is created, edited and archived
through its pages with JavaScript and without; a bad field is explained beside it; the
words screening flagged are marked with their reason in English and Chinese; hostile text
stays text; another supplier or a host meets the API's answers; and it all fits a phone."""

import re
import uuid

import pytest
from playwright.sync_api import expect

import hm
from hm import t

PRODUCT_PAGE = re.compile(r"/products/([0-9a-f-]{36})$")


@pytest.fixture
def supplier(server):
    """A new approved supplier of this test alone, signed in."""
    return server.person("supplier", tag="catalogue")


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_a_supplier_creates_edits_and_archives_a_product(contexts, server, supplier, js):
    server.need("/me/products", "/me/products/new")
    page = contexts(js=js, person=supplier).new_page()
    page.goto("/me/products")
    expect(page.locator("main .empty")).to_have_text(t("en", "catalogue-empty"))
    page.get_by_role("link", name=t("en", "catalogue-new")).click()
    form = hm.product_form(page)
    title = f"LED makeup mirror {uuid.uuid4().hex[:6]}"
    hm.fill_product_form(form, title=title, title_zh="三色光 LED 化妆镜", price="12.99",
                         commission="18", moq="50", category=2619, markets=["LATAM"],
                         free_samples=True, images="https://img.example.cn/mirror.jpg")
    assert hm.submit(page, form).status == 303
    m = PRODUCT_PAGE.search(page.url)
    assert m, page.url
    product_id = m.group(1)
    assert hm.flash(page) == t("en", "flash-product-created")
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("main dl.facts")).to_contain_text("US$12.99")
    expect(page.locator("main dl.facts")).to_contain_text(t("en", "catalogue-yes"))
    expect(page.locator("main img[alt]")).to_have_count(1)

    page.get_by_role("link", name=t("en", "catalogue-edit")).first.click()
    form = hm.product_form(page)
    expect(form.locator("[name=price]")).to_have_value("12.99")
    hm.fill_product_form(form, price="9.50", commission="22.5", free_samples=False)
    assert hm.submit(page, form).status == 303
    assert hm.flash(page) == t("en", "flash-product-saved")
    expect(page.locator("main dl.facts")).to_contain_text("US$9.50")
    expect(page.locator("main dl.facts")).to_contain_text("22.5 %")

    # Archiving asks first, with or without a script.
    page.get_by_role("link", name=t("en", "catalogue-archive")).click()
    expect(page.locator("main .confirm")).to_contain_text(t("en", "catalogue-archive-question"))
    assert hm.submit(page, page.locator("main .confirm form"),
                     t("en", "catalogue-archive-submit")).status == 303
    assert hm.flash(page) == t("en", "flash-product-archived")
    expect(page.locator("main")).to_contain_text(t("en", "catalogue-archived-notice"))
    expect(page.get_by_role("link", name=t("en", "catalogue-edit"))).to_have_count(0)

    api = server.http.get(f"/api/v1/products/{product_id}", token=hm.api_token(server, supplier)).json()
    assert api["status"] == "archived"
    assert api["price_cents"] == 950 and api["commission_pct"] == 22.5 and api["free_samples"] is False
    page.goto("/me/products?status=active")
    expect(page.locator("main #results")).not_to_contain_text(title)
    page.goto("/me/products?status=archived")
    expect(page.locator("main #results")).to_contain_text(title)


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_a_bad_price_and_commission_are_explained_beside_their_fields(contexts, server, supplier, js):
    server.need("/me/products/new")
    page = contexts(js=js, person=supplier).new_page()
    page.goto("/me/products/new")
    form = hm.product_form(page)
    hm.fill_product_form(form, title="Kept title", price="twelve dollars", commission="150",
                         category=2619, markets=["GCC"])
    assert hm.submit(page, form).status == 422
    form = hm.product_form(page)
    expect(form.locator(".field.invalid", has=page.locator("[name=price]"))).to_contain_text(
        t("en", "catalogue-error-price"))
    expect(form.locator(".field.invalid", has=page.locator("[name=commission_pct]"))).to_contain_text(
        t("en", "catalogue-error-commission"))
    expect(form.locator("[name=title]")).to_have_value("Kept title")
    expect(form.locator("[name=price]")).to_have_value("twelve dollars")
    expect(form.locator("input[name=target_markets][value=GCC]")).to_be_checked()
    expect(form.locator("input[name=category][value='2619']")).to_be_checked()
    listed = server.http.get("/api/v1/products", token=hm.api_token(server, supplier)).json()
    assert listed["total"] == 0, "nothing was stored"


@pytest.mark.parametrize("lang", hm.LANGS)
def test_flagged_words_are_marked_with_their_market_level_reason_and_source(contexts, server, supplier, lang):
    product = hm.product_via_api(server, supplier)
    assert product["compliance"], "the shipped terms flag the product"
    for reader in (supplier, server.person("host", tag="reader")):
        page = contexts(person=reader).new_page()
        page.goto(f"/products/{product['id']}?lang={lang}")
        marks = page.locator("main mark.flag").all_inner_texts()
        assert "cure cancer" in marks and "包治百病" in marks, marks
        reasons = " ".join(page.locator("main ul.findings").all_inner_texts())
        if lang == "en":
            assert "Claims to cure, treat or prevent a disease" in reasons
        else:
            assert "声称治愈、治疗或预防疾病属于医疗宣称" in reasons
        assert t(lang, "level-restricted") in reasons
        assert "Directive 2005/29/EC" in reasons, "the source is named"
        assert t(lang, "market-all") in reasons
        # The reader's language comes first.
        first = page.locator("main .product-text").first.get_attribute("lang")
        assert first == lang, f"{first} first for a {lang} reader"
    host_page = page
    expect(host_page.locator("main .host-hint")).to_contain_text(t(lang, "catalogue-host-hint"))


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&amp;'


def test_hostile_text_in_every_field_renders_as_text(contexts, server, supplier):
    product = hm.product_via_api(
        server, supplier, title=f"T {HOSTILE}", title_zh=f"标题 {HOSTILE}",
        description=f"</p></textarea>{HOSTILE}", description_zh=f"描述 {HOSTILE}",
        image_urls=['https://img.example.cn/a.jpg?q="><script>alert(2)</script>'],
    )
    page = contexts(person=supplier).new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (f"/products/{product['id']}", "/me/products", f"/products/{product['id']}/edit",
                 f"/products/{product['id']}?lang=zh-CN"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.locator("main script, main img[src=x]").count() == 0, path
    page.goto(f"/products/{product['id']}?lang=en")
    expect(page.locator("h1")).to_have_text(f"T {HOSTILE}")
    expect(page.locator("main .product-text", has_text="</p></textarea><script>")).to_have_count(1)
    page.goto(f"/products/{product['id']}/edit")
    form = hm.product_form(page)
    expect(form.locator("[name=description]")).to_have_value(f"</p></textarea>{HOSTILE}")
    expect(form.locator("[name=title_zh]")).to_have_value(f"标题 {HOSTILE}")
    assert not dialogs, dialogs


def test_others_meet_the_apis_answers_on_a_product(server, cast, supplier):
    product = hm.product_via_api(server, supplier)
    pid = product["id"]
    other = cast["supplier"].cookie
    for path in (f"/products/{pid}/edit",):
        assert server.http.get(path, cookie=other).status == 404
        assert server.http.get(path, cookie=cast["host"].cookie).status == 404
        assert server.http.get(path, cookie=server.admin.cookie).status == 403
    posted = {"title": "Taken over", "category": "2619", "target_markets": "BR", "price": "1",
              "commission_pct": "1"}
    assert server.http.post(f"/products/{pid}/edit", form=posted, cookie=other).status == 404
    assert server.http.post(f"/products/{pid}/archive", form={}, cookie=other).status == 404
    assert server.http.post("/me/products", form=posted, cookie=cast["host"].cookie).status == 403
    # An active product of an approved supplier is open to any account; an archived one only
    # to its owner and admins.
    assert server.http.get(f"/products/{pid}", cookie=cast["host"].cookie).status == 200
    assert server.http.post(f"/products/{pid}/archive", form={}, cookie=supplier.cookie).status == 303
    assert server.http.get(f"/products/{pid}", cookie=cast["host"].cookie).status == 404
    assert server.http.get(f"/products/{pid}", cookie=other).status == 404
    assert server.http.get(f"/products/{pid}", cookie=server.admin.cookie).status == 200
    api = server.http.get(f"/api/v1/products/{pid}", token=hm.api_token(server, supplier)).json()
    assert api["title"] == hm.FLAGGED_PRODUCT["title"]


def test_the_catalogue_works_on_a_phone(contexts, server, supplier):
    page = contexts("phone", person=supplier).new_page()
    for i in range(3):
        hm.product_via_api(server, supplier, title=f"Phone product {i} with a rather long title to wrap")
    page.goto("/me/products?lang=zh-CN")
    assert not hm.scrolls_sideways(page)
    expect(page.locator("main table.stack-on-phone tbody tr")).to_have_count(3)
    page.goto("/me/products/new?lang=zh-CN")
    assert not hm.scrolls_sideways(page)
    form = hm.product_form(page)
    hm.fill_product_form(form, title="Phone-made product", price="3", commission="10",
                         category=2619, markets=["ANZ"])
    assert hm.submit(page, form).status == 303
    assert hm.flash(page) == t("zh-CN", "flash-product-created")
    assert not hm.scrolls_sideways(page)
