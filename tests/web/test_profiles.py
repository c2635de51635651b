"""The profile forms in a real browser: the supplier's company form and the host's form
filled with the pickers (the category tree's search in Chinese, a region that ticks its
countries, language rows added with the button), once with JavaScript and once without;
the host's form on a phone; the public pages a supplier and a host see."""

import hm
from hm import t


def form_of(page):
    return page.locator("main form[action='/me/profile']")


def fill_company(form, license_number="91350100M000100Y43"):
    form.locator("[name=company_name_zh]").fill("深圳明镜有限公司")
    form.locator("[name=company_name]").fill("Shenzhen Bright Mirror Co., Ltd.")
    form.locator("[name=license_number]").fill(license_number)
    form.locator("[name=province]").fill("广东")
    form.locator("[name=city]").fill("深圳")
    form.locator("[name=description_zh]").fill("LED 化妆镜生产商。")
    form.locator("[name=description]").fill("LED makeup mirrors.")


def visible_categories(picker):
    return picker.locator("li[data-search]:visible")


def test_supplier_form_with_pickers_and_javascript(contexts, server):
    server.need("/me/profile")
    me = server.person("supplier", tag="profile-js")
    page = contexts(person=me, locale="zh-CN").new_page()
    page.goto("/me/profile?lang=zh-CN")
    form = form_of(page)
    fill_company(form)
    cats = form.locator("fieldset#f-categories")
    search = cats.get_by_label(t("zh-CN", "picker-search-categories"))
    assert search.is_visible(), "the script shows the search box"
    search.fill("宠物")
    shown = visible_categories(cats)
    assert 0 < shown.count() < 200, f"{shown.count()} categories still shown"
    assert cats.locator("label", has_text="服饰配件").first.is_hidden(), "others are filtered out"
    cats.locator("label.pick", has_text="动物与宠物用品").first.locator("input").check()
    assert "动物与宠物用品" in cats.locator("[data-picker-selected]").inner_text()
    search.fill("")
    assert cats.locator("label", has_text="服饰配件").first.is_visible(), "cleared, all back"
    markets = form.locator("fieldset#f-target_markets")
    markets.locator("input[value=GCC]").check()
    assert markets.locator("input[value=SA]").is_checked(), "a region ticks its countries"
    assert "沙特" in markets.locator("[data-picker-selected]").inner_text()
    markets.locator("summary").click()
    msearch = markets.get_by_label(t("zh-CN", "picker-search-countries"))
    msearch.fill("巴西")
    assert markets.locator("li[data-search]:visible").count() == 1
    markets.locator("input[value=BR]").check()
    answer = hm.submit(page, form)
    assert answer.status == 303
    assert hm.flash(page) == t("zh-CN", "flash-profile-saved")
    status, body = hm.api_get(server, me, "/api/v1/suppliers/me")
    assert status == 200
    assert body["categories"] == [1]
    assert set(body["target_markets"]) == {"AE", "BH", "KW", "OM", "QA", "SA", "BR"}


def test_supplier_form_without_javascript(contexts, server):
    me = server.person("supplier", tag="profile-nojs")
    page = contexts(js=False, person=me).new_page()
    page.goto("/me/profile?lang=en")
    form = form_of(page)
    assert form.locator("[data-picker-search-box]").first.is_hidden(), "no search box without JS"
    fill_company(form, "91350100M000100Y44")
    form.locator("input[name=target_markets][value=EU]").check()
    form.locator("summary", has_text=t("en", "picker-countries")).click()
    form.locator("input[name=target_markets][value=BR]").check()
    # The tree opens with <details>; tick a subcategory inside it.
    apparel = form.locator("fieldset#f-categories > ul > li", has=page.locator("input[value='166']"))
    apparel.locator("xpath=./details/summary").click()
    apparel.locator("input[value='1604']").check()
    answer = hm.submit(page, form)
    assert answer.status == 422
    err = page.locator("#e-license_number")
    assert err.inner_text().startswith("This USCC does not add up")
    assert form.locator("[name=license_number]").input_value() == "91350100M000100Y44", "input kept"
    assert form.locator("input[name=target_markets][value=BR]").is_checked()
    assert form.locator("input[name=categories][value='1604']").is_checked()
    assert hm.api_get(server, me, "/api/v1/suppliers/me")[0] == 404, "nothing stored"
    form.locator("[name=license_number]").fill("91350100M000100Y43")
    answer = hm.submit(page, form)
    assert answer.status == 303
    status, body = hm.api_get(server, me, "/api/v1/suppliers/me")
    assert status == 200 and body["categories"] == [1604]
    assert "DE" in body["target_markets"] and "BR" in body["target_markets"]


def fill_host(form):
    form.locator("[name=display_name]").fill("Ana Ao Vivo")
    form.locator("[name=headline]").fill("Moda e beleza ao vivo, todas as noites")
    form.locator("[name=bio]").fill("Vendo para o Brasil e Portugal.")
    form.locator("select[name=country]").select_option("BR")
    form.locator("[name='languages.0.code']").select_option("pt")
    form.locator("[name='languages.0.level']").select_option("native")
    form.locator("[name='platforms.0.name']").select_option("tiktok")
    form.locator("[name='platforms.0.handle']").fill("@ana")
    form.locator("[name='platforms.0.followers']").fill("85.000")
    form.locator("[name=min_commission_pct]").fill("15")
    form.locator("[name=min_fee_usd]").fill("120.50")


def test_host_form_on_a_phone_adds_a_language_row(contexts, server):
    me = server.person("host", tag="profile-phone")
    page = contexts("phone", person=me).new_page()
    page.goto("/me/profile?lang=en")
    form = form_of(page)
    fill_host(form)
    rows = form.locator("#f-languages [data-row]")
    before = rows.count()
    form.get_by_role("button", name=t("en", "picker-add-language")).click()
    assert rows.count() == before + 1
    form.locator(f"[name='languages.{before}.code']").select_option("es")
    form.locator(f"[name='languages.{before}.level']").select_option("conversational")
    form.locator("#f-markets input[value=LATAM]").check()
    form.locator("#f-categories").get_by_label(t("en", "picker-search-categories")).fill("apparel")
    form.locator("#f-categories input[value='166']").check()
    wide = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1], f"the host form scrolls sideways on a phone: {wide}"
    answer = hm.submit(page, form)
    assert answer.status == 303, page.locator("main .error").all_inner_texts()
    status, body = hm.api_get(server, me, "/api/v1/hosts/me")
    assert status == 200
    assert body["languages"] == [{"code": "pt", "level": "native"}, {"code": "es", "level": "conversational"}]
    assert body["min_fee_cents"] == 12050 and body["followers_total"] == 85000
    assert "BR" in body["markets"] and body["categories"] == [166]
    # The saved form reads back in dollars.
    assert form_of(page).locator("[name=min_fee_usd]").input_value() == "120.50"


def test_host_form_without_javascript_keeps_a_bad_row(contexts, server):
    me = server.person("host", tag="profile-nojs")
    page = contexts(js=False, person=me).new_page()
    page.goto("/me/profile?lang=zh-CN")
    form = form_of(page)
    assert form.locator("[data-add-row]").first.is_hidden()
    fill_host(form)
    form.locator("[name='languages.1.code']").select_option("en")  # no level chosen
    form.locator("input[name=markets][value=EU]").check()
    answer = hm.submit(page, form)
    assert answer.status == 422
    assert page.locator("[id='e-languages.1.level']").inner_text() == t("zh-CN", "profile-level-choose")
    assert form.locator("[name='languages.1.code']").input_value() == "en", "the row kept"
    assert form.locator("[name=headline]").input_value().startswith("Moda e beleza")
    form.locator("[name='languages.1.level']").select_option("fluent")
    assert hm.submit(page, form).status == 303
    assert hm.api_get(server, me, "/api/v1/hosts/me")[1]["languages"][1] == {"code": "en", "level": "fluent"}


def test_public_pages_as_a_supplier_and_as_a_host(contexts, server, cast):
    ids = hm.public_profiles(server)
    page = contexts(person=cast["supplier"]).new_page()
    page.goto(f"/hosts/{ids['{public-host}']}?lang=en")
    assert page.locator("h1").inner_text() == "Lucía Live"
    offer = page.get_by_role("link", name=t("en", "public-send-offer"))
    assert offer.get_attribute("href") == f"/offers/new?host_id={ids['{public-host}']}"
    assert page.locator("main form").count() == 0, "nothing editable"
    assert "Gulf Cooperation Council" in page.locator("main").inner_text()
    hp = contexts(person=cast["host"]).new_page()
    hp.goto(f"/suppliers/{ids['{public-supplier}']}?lang=zh-CN")
    assert hp.locator("h1").inner_text() == "深圳明镜有限公司"
    link = hp.locator("main a[href^='/products/']")
    assert link.count() == 1 and link.inner_text() == "三色光 LED 化妆镜"
    hp.goto(f"/hosts/{ids['{public-host}']}")
    assert hp.get_by_role("link", name=t("zh-CN", "public-send-offer")).count() == 0
