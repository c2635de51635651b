"""After yes, in a real browser: the two parties negotiate twice and agree on the offer
page, then carry the collaboration through its steps (schedule, ship, receive, mark
done, confirm) and review each other; both see the same history and the same timeline,
and the reviews reach the public profiles. Bad input on a step form is explained and
changes nothing; a cancellation says why to the other party."""

import datetime
import re
import zoneinfo

from playwright.sync_api import expect

import hm
from hm import t


def negotiate(contexts, server, screenshots, supplier, host):
    """The host proposes new terms on a phone, the supplier answers with its own on a
    desktop in Chinese, the host accepts them; messages go both ways; both pages show
    the same versions and messages in the same order. The phone and desk pages."""
    mirror = hm.product_of(server, supplier)
    r = server.http.post("/api/v1/offers", token=hm.api_token(server, supplier), body={
        "host_id": host.id, "product_ids": [mirror["id"]], "commission_pct": 15.0,
        "fee_cents": 20000, "free_samples": True, "message": "Live next month?"})
    assert r.status == 201, r.body
    path = f"/offers/{r.json()['id']}"

    phone = contexts("phone", person=host).new_page()
    phone.goto(f"{path}?lang=en")
    form = phone.locator("main form.counter-form")
    form.locator("[name=commission_pct]").fill("20")
    form.locator("[name=live_at]").fill("2027-01-15T19:30")
    form.locator("[name=message]").fill("20% and I go live mid-January.")
    answer = hm.submit(phone, form, t("en", "offer-counter-send"))
    assert answer.status == 303
    assert hm.flash(phone) == t("en", "flash-offer-countered")
    expect(phone.get_by_role("button", name=t("en", "offer-accept"), exact=True)).to_have_count(0)
    expect(phone.locator("main")).to_contain_text(t("en", "offer-waiting-for", name="Shenzhen Bright Mirror"))

    desk = contexts(person=supplier).new_page()
    desk.goto(f"{path}?lang=zh-CN")
    expect(desk.locator("main .thread-version.current")).to_contain_text(t("zh-CN", "offer-version-n", version=2))
    form = desk.locator("main form.counter-form")
    assert form.locator("[name=commission_pct]").input_value() == "20", "the terms on the table"
    form.locator("[name=commission_pct]").fill("18")
    answer = hm.submit(desk, form, t("zh-CN", "offer-counter-send"))
    assert answer.status == 303
    message = desk.locator("main form.message-form")
    message.locator("[name=body]").fill("18%，样品下周发出。")
    assert hm.submit(desk, message, t("zh-CN", "offer-message-send")).status == 303
    desk.screenshot(path=str(screenshots / "offer-thread.zh-CN.desktop.png"), full_page=True)

    phone.goto(f"{path}?lang=en")
    message = phone.locator("main form.message-form")
    message.locator("[name=body]").fill("Deal. Samples to Dubai please.")
    assert hm.submit(phone, message, t("en", "offer-message-send")).status == 303
    accept = phone.get_by_role("button", name=t("en", "offer-accept"), exact=True)
    with phone.expect_response(lambda r: r.request.method == "POST") as posted:
        accept.click()
    phone.wait_for_load_state()
    assert posted.value.status == 303
    expect(phone.locator("main .badge.offer-accepted")).to_be_visible()
    assert not hm.scrolls_sideways(phone), "no sideways scroll on a phone"
    phone.screenshot(path=str(screenshots / "offer-thread.en.phone.png"), full_page=True)

    desk.goto(f"{path}?lang=en")
    entries = lambda p: [e.inner_text() for e in p.locator("main ol.thread > li .thread-meta + *").all()]
    phone.goto(f"{path}?lang=en")
    assert entries(desk) == entries(phone), "both see the same history"
    assert len(desk.locator("main ol.thread > li.thread-version").all()) == 3
    assert len(desk.locator("main ol.thread > li.thread-message").all()) == 2
    desk.screenshot(path=str(screenshots / "offer-thread.en.desktop.png"), full_page=True)
    return phone, desk


def local_input(page, hours_ago: float) -> str:
    """A datetime-local value `hours_ago` in the time zone the schedule form names."""
    label = page.locator("main label[for=l-at]").inner_text()
    zone = re.search(r"[（(]([^()（）]+)[)）]", label).group(1)
    at = datetime.datetime.now(zoneinfo.ZoneInfo(zone)) - datetime.timedelta(hours=hours_ago)
    return at.strftime("%Y-%m-%dT%H:%M")


def step(page, action: str, lang: str, flash_key: str, fields: dict | None = None):
    """Fills and posts the step form posting to `action`; asserts the flash."""
    form = page.locator(f"main form[action$='/{action}']")
    for name, value in (fields or {}).items():
        if name == "rating":
            form.locator(f"input[name=rating][value='{value}']").check()
        else:
            form.locator(f"[name={name}]").fill(value)
    answer = hm.submit(page, form)
    assert answer.status == 303, f"{action}: {answer.status}"
    assert hm.flash(page) == t(lang, flash_key), f"{action}: {hm.flash(page)!r}"


def timeline(page) -> list[str]:
    return [li.inner_text() for li in page.locator("main ol.timeline > li").all()]


def test_the_two_parties_negotiate_agree_carry_out_the_live_and_review_each_other(contexts, server, screenshots):
    server.need("/offers", "/collaborations")
    supplier = server.person("supplier", tag="collab-flow", name="Shenzhen Bright Mirror")
    host = hm.host_with_profile(server, markets=("AE",), tag="collab-flow-host")
    phone, desk = negotiate(contexts, server, screenshots, supplier, host)

    # The accepted offer leads to its collaboration; it starts at "agreed".
    phone.goto(phone.url)
    phone.locator("main .notice.good a").click()
    assert re.fullmatch(r"/collaborations/[0-9a-f-]{36}", hm.path_of(phone.url)), phone.url
    path = hm.path_of(phone.url)
    expect(phone.locator("main .badge.collab-agreed")).to_be_visible()
    expect(phone.locator("main .offer-version-line")).to_contain_text(t("en", "collab-terms-line", version=3))

    # Bad input changes nothing and says why, keeping what was typed.
    form = phone.locator("main form[action$='/schedule']")
    form.locator("[name=duration_minutes]").fill("5")
    answer = hm.submit(phone, form)
    assert answer.status == 422
    expect(phone.locator("main #le-minutes")).to_have_text(t("en", "collab-error-duration"))
    assert phone.locator("main [name=duration_minutes]").input_value() == "5"
    expect(phone.locator("main .badge.collab-agreed")).to_be_visible()

    # The host records the live, held two hours ago in its own time zone.
    phone.goto(f"{path}?lang=en")
    step(phone, "schedule", "en", "flash-collab-scheduled",
         {"live_at": local_input(phone, 2), "duration_minutes": "90"})
    expect(phone.locator("main .badge.collab-scheduled")).to_be_visible()

    # The supplier ships the samples, in Chinese; the host is emailed a page link.
    mails = len(server.outbox.all_for(host.email))
    desk.goto(f"{path}?lang=zh-CN")
    step(desk, "shipment", "zh-CN", "flash-collab-shipped",
         {"carrier": "顺丰速运", "tracking_number": "SF1234567890"})
    mail = server.outbox.wait_for(host.email, "/collaborations/", after=mails)
    assert path in (mail.text + mail.html) and "/api/" not in mail.text

    phone.goto(f"{path}?lang=en")
    expect(phone.locator("main ol.timeline")).to_contain_text("SF1234567890")
    step(phone, "received", "en", "flash-collab-received")
    step(phone, "complete", "en", "flash-collab-completed",
         {"replay_url": "https://www.tiktok.com/@layla/live/replay", "units_sold": "320"})
    expect(phone.locator("main .badge.collab-completed")).to_be_visible()
    expect(phone.locator("main ol.timeline a[href^='https://www.tiktok.com']")).to_be_visible()
    # Reviews wait for the supplier's confirmation.
    expect(phone.locator("main form[action$='/review']")).to_have_count(0)

    desk.goto(f"{path}?lang=zh-CN")
    step(desk, "confirm", "zh-CN", "flash-collab-confirmed")
    expect(desk.locator("main .badge.collab-confirmed")).to_be_visible()
    step(desk, "review", "zh-CN", "flash-review-sent",
         {"rating": "5", "text": "准时开播，讲解专业，卖出 320 件。"})
    expect(desk.locator("main .collab-reviews .notice")).to_be_visible()
    expect(desk.locator("main form[action$='/review']")).to_have_count(0)

    # The host does not see the supplier's review before writing its own.
    phone.goto(f"{path}?lang=en")
    expect(phone.locator("main .collab-reviews")).not_to_contain_text("准时开播")
    step(phone, "review", "en", "flash-review-sent",
         {"rating": "4", "text": "Samples came fast; clear brief."})
    expect(phone.locator("main .collab-reviews")).to_contain_text("准时开播")
    expect(phone.locator("main ol.timeline > li.done")).to_have_count(7)
    assert not hm.scrolls_sideways(phone), "no sideways scroll on a phone"
    phone.screenshot(path=str(screenshots / "collaboration-done.en.phone.png"), full_page=True)

    desk.goto(f"{path}?lang=en")
    assert timeline(desk) == timeline(phone), "both see the same timeline"
    desk.goto(f"{path}?lang=zh-CN")
    desk.screenshot(path=str(screenshots / "collaboration-done.zh-CN.desktop.png"), full_page=True)

    # The reviews reach the public profiles, with the track record.
    desk.goto(f"/hosts/{host.id}?lang=en")
    reviews = desk.locator("main .profile-reviews")
    expect(reviews).to_contain_text("5.0 / 5")
    expect(reviews).to_contain_text("准时开播")
    expect(reviews).to_contain_text("1 review · 1 completed collaboration")
    desk.screenshot(path=str(screenshots / "host-public-reviewed.en.desktop.png"), full_page=True)
    r = server.http.request("PUT", "/api/v1/suppliers/me", body=hm.SUPPLIER_PROFILE,
                            token=hm.api_token(server, supplier))
    assert r.status == 200, f"supplier profile: {r.status} {r.body}"
    phone.goto(f"/suppliers/{supplier.id}?lang=zh-CN")
    expect(phone.locator("main .profile-reviews")).to_contain_text("Samples came fast")
    expect(phone.locator("main .profile-reviews")).to_contain_text("4.0 / 5")
    phone.goto("/collaborations?lang=en")
    expect(phone.locator("main .offer-card .badge.collab-confirmed")).to_have_count(1)


def test_a_cancellation_says_why_to_the_other_party_without_javascript(contexts, server):
    server.need("/collaborations")
    supplier = server.person("supplier", tag="collab-cancel", name="Yiwu Home Goods")
    host = hm.host_with_profile(server, markets=("AE",), tag="collab-cancel-host", locale="zh-CN")
    collab = hm.collaboration_of(server, supplier, host)
    page = contexts(js=False, person=supplier).new_page()
    page.goto(f"/collaborations/{collab}?lang=en")
    # A host's step is not offered to the supplier, and posting it anyway is refused.
    expect(page.locator("main form[action$='/received']")).to_have_count(0)
    r = server.http.post(f"/collaborations/{collab}/received", form={}, cookie=supplier.cookie)
    assert r.status == 403
    form = page.locator("main form[action$='/cancel']")
    assert hm.submit(page, form).status == 422, "a cancellation needs a reason"
    expect(page.locator("main #xe-reason")).to_have_text(t("en", "error-required"))
    page.locator("main form[action$='/cancel'] [name=reason]").fill("The factory is closed for the holiday.")
    assert hm.submit(page, page.locator("main form[action$='/cancel']")).status == 303
    assert hm.flash(page) == t("en", "flash-collab-cancelled")
    expect(page.locator("main .collab-actions")).to_have_count(0)

    phone = contexts("phone", js=False, person=host).new_page()
    phone.goto(f"/collaborations/{collab}")
    expect(phone.locator("main .badge.collab-cancelled")).to_have_text(t("zh-CN", "collab-status-cancelled"))
    expect(phone.locator("main ol.timeline > li.cancelled")).to_contain_text("The factory is closed for the holiday.")
    # A step after the cancellation is told, not an error page.
    r = server.http.post(f"/collaborations/{collab}/complete", form={}, cookie=host.cookie)
    assert r.status == 409
    assert t("zh-CN", "collab-moved-on") in r.body
