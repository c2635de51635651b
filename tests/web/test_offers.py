"""Offers travel from supplier to host in a real browser: the supplier composes, checks
and sends; the host follows the emailed link, logs in and answers on a phone; the
supplier sees the answer. With JavaScript and without; and an offer screening refuses is
explained on the page (`offer_refused_explained`)."""

import re

import pytest
from playwright.sync_api import expect

import hm
from hm import t


def compose(page, host, product, lang="en"):
    page.goto(f"/offers/new?host_id={host.id}&product_id={product['id']}&lang={lang}")
    form = page.locator("main form.offer-form")
    expect(form.locator(f"input[name=product_ids][value='{product['id']}']")).to_be_checked()
    assert form.locator("[name=fee]").input_value() == "200.00", "the host's minimum fee"
    assert float(form.locator("[name=commission_pct]").input_value()) >= 18, "the product's commission"
    return form


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_a_supplier_sends_an_offer_the_host_accepts_on_a_phone_from_the_email(contexts, server, screenshots, js):
    server.need("/offers", "/offers/new")
    supplier = server.person("supplier", tag="offer-flow", name="Shenzhen Bright Mirror")
    host = hm.host_with_profile(server, markets=("AE",), tag="offer-flow-host")
    beer = hm.product_of(server, supplier, beer=True)
    page = contexts(js=js, person=supplier).new_page()

    form = compose(page, host, beer)
    form.locator("[name=message]").fill("Let's go live <b>soon</b>!")
    answer = hm.submit(page, form, t("en", "offer-check"))
    assert answer.status == 200
    check = page.locator("main .offer-check")
    expect(check).to_contain_text(t("en", "offer-check-warnings"))
    expect(check.locator(".badge.restricted").first).to_be_visible()
    assert page.locator("[name=message]").input_value() == "Let's go live <b>soon</b>!", "input kept"
    mails = len(server.outbox.all_for(host.email))

    answer = hm.submit(page, page.locator("main form.offer-form"), t("en", "offer-send"))
    assert answer.status == 303
    assert re.fullmatch(r"/offers/[0-9a-f-]{36}", hm.path_of(page.url)), page.url
    assert hm.flash(page) == t("en", "flash-offer-sent")
    offer_path = hm.path_of(page.url)

    mail = server.outbox.wait_for(host.email, "/offers/", after=mails)
    link = hm.offer_link(mail)
    assert link and "/api/" not in link, f"the email links {link}"
    assert hm.path_of(link).startswith(offer_path + "?lang=en")

    phone = contexts("phone", js=js).new_page()
    phone.goto(link)
    assert hm.path_of(phone.url).startswith("/login?next="), phone.url
    form = phone.locator("main form[action^='/login']")
    form.locator("[name=email]").fill(host.email)
    form.locator("[name=password]").fill(host.password)
    with phone.expect_response(lambda r: r.request.method == "POST"):
        form.locator("button[type=submit]").click()
    phone.wait_for_load_state()
    assert hm.path_of(phone.url).startswith(offer_path), phone.url
    expect(phone.locator("main")).to_contain_text("Craft lager")
    expect(phone.locator("main")).to_contain_text("<b>soon</b>")
    expect(phone.locator("header .nav-count")).to_contain_text("1")
    phone.screenshot(path=str(screenshots / f"offer-flow-host.{'js' if js else 'nojs'}.phone.png"), full_page=True)
    accept = phone.get_by_role("button", name=t("en", "offer-accept"), exact=True)
    box = accept.bounding_box()
    assert box and box["height"] >= 40, f"a thumb-sized button on a phone: {box}"
    with phone.expect_response(lambda r: r.request.method == "POST") as posted:
        accept.click()
    phone.wait_for_load_state()
    assert posted.value.status == 303
    assert hm.flash(phone) == t("en", "flash-offer-accepted")
    expect(phone.locator("main .badge.offer-accepted")).to_be_visible()
    expect(phone.get_by_role("button", name=t("en", "offer-accept"), exact=True)).to_have_count(0)

    page.goto(offer_path)
    expect(page.locator("main .badge.offer-accepted")).to_have_text(t("en", "offer-status-accepted"))
    page.goto("/offers?status=accepted")
    expect(page.locator(f"main a[href='{offer_path}']")).to_be_visible()


def test_offer_refused_explained(contexts, server, screenshots):
    """An offer of a product prohibited in every market of the host is explained next to the
    products, in the reader's language, with what was typed kept and nothing sent."""
    server.need("/offers/new")
    supplier = server.person("supplier", tag="offer-refused")
    saudi = hm.host_with_profile(server, markets=("SA",), tag="offer-refused-host")
    beer = hm.product_of(server, supplier, beer=True)
    for lang in hm.LANGS:
        page = contexts(person=supplier).new_page()
        form = compose(page, saudi, beer, lang)
        form.locator("[name=message]").fill("Ramadan special")
        answer = hm.submit(page, form, t(lang, "offer-send"))
        assert answer.status == 422
        products = page.locator("main fieldset#products")
        expect(products.locator(".error")).to_have_text(t(lang, "offer-banned"))
        bans = products.locator(".offer-bans")
        expect(bans).to_contain_text("SA")
        expect(bans.locator(".badge.prohibited").first).to_have_text(t(lang, "level-prohibited"))
        expect(bans).to_contain_text("精酿拉格啤酒六瓶装" if lang == "zh-CN" else "Craft lager")
        assert page.locator("[name=message]").input_value() == "Ramadan special"
        page.screenshot(path=str(screenshots / f"offer-refused.{lang}.desktop.png"), full_page=True)
    r = server.http.get("/api/v1/offers", token=hm.api_token(server, supplier))
    assert r.json()["total"] == 0, "nothing was sent"


def test_a_host_declines_with_a_reason_and_a_supplier_withdraws_without_javascript(contexts, server):
    server.need("/offers")
    supplier = server.person("supplier", tag="offer-nojs")
    host = hm.host_with_profile(server, markets=("AE",), tag="offer-nojs-host", locale="zh-CN")
    mirror = hm.product_of(server, supplier)
    beer = hm.product_of(server, supplier, beer=True)
    token = hm.api_token(server, supplier)
    ids = []
    for p in (mirror, beer):
        r = server.http.post("/api/v1/offers", token=token, body={
            "host_id": host.id, "product_ids": [p["id"]], "commission_pct": 15.0})
        assert r.status == 201, r.body
        ids.append(r.json()["id"])

    phone = contexts("phone", js=False, person=host).new_page()
    phone.goto("/offers?lang=zh-CN")
    expect(phone.locator("main .offer-card")).to_have_count(2)
    expect(phone.locator("header .nav-count")).to_contain_text("2")
    phone.goto(f"/offers/{ids[0]}")
    form = phone.locator(f"main form[action='/offers/{ids[0]}/decline']")
    form.locator("[name=reason]").fill("不适合我的观众")
    answer = hm.submit(phone, form)
    assert answer.status == 303
    assert hm.flash(phone) == t("zh-CN", "flash-offer-declined")
    expect(phone.locator("main")).to_contain_text("不适合我的观众")

    page = contexts(js=False, person=supplier).new_page()
    page.goto(f"/offers/{ids[1]}")
    answer = hm.submit(page, page.locator(f"main form[action='/offers/{ids[1]}/withdraw']"))
    assert answer.status == 303
    assert hm.flash(page) == t("en", "flash-offer-withdrawn")
    page.goto("/offers")
    tabs = page.locator("main nav.offer-tabs")
    expect(tabs.locator("a[href='/offers?status=declined'] .count")).to_have_text("1")
    expect(tabs.locator("a[href='/offers?status=withdrawn'] .count")).to_have_text("1")
    page.goto(f"/offers/{ids[0]}")
    expect(page.locator("main")).to_contain_text("不适合我的观众")

    # A second answer to a closed offer says what it already is (409), not an error page.
    phone.goto(f"/offers/{ids[1]}")
    expect(phone.get_by_role("button", name=t("zh-CN", "offer-accept"))).to_have_count(0)
    r = server.http.post(f"/offers/{ids[1]}/accept", form={}, cookie=host.cookie)
    assert r.status == 409
    assert t("en", "offer-status-withdrawn") in r.body or t("zh-CN", "offer-status-withdrawn") in r.body
