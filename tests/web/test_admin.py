"""The admin pages' own forms: decisions land in the audit log, rules and terms are added
and removed, and the queue filters work without JavaScript too."""

import re
import uuid

import pytest
from playwright.sync_api import expect

import hm
from hm import t


def test_a_rejection_with_a_reason_is_emailed_and_lands_in_the_audit_log(admin_page, server):
    server.need("/admin/accounts", "/admin/audit-log")
    person = server.register("host", tag="reject")
    admin_page.goto(f"/admin/accounts/{person.id}")
    reason = f"No live-selling history yet ({uuid.uuid4().hex[:6]})"
    assert hm.decide_on_page(admin_page, "reject", reason).status == 303
    assert hm.flash(admin_page) == t("en", "flash-vetted")
    expect(admin_page.locator("main .badge").first).to_have_text(t("en", "status-rejected"))
    mail = server.outbox.wait_for(person.email, reason)
    assert "/api/" not in mail.text + mail.html
    admin_page.goto("/admin/audit-log")
    row = admin_page.locator("main tr", has_text=reason)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(person.display_name)


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_the_queue_filters_by_status_and_type(contexts, server, cast, js):
    server.need("/admin/accounts")
    page = contexts(js=js, person=server.admin).new_page()
    page.goto("/admin/accounts")
    form = page.locator("main form.filters")
    form.locator("select[name=status]").select_option("suspended")
    form.locator("select[name=role]").select_option("host")
    if not js:  # with JavaScript the results update in place as the filters change
        form.get_by_role("button", name=t("en", "admin-filter-submit")).click()
    expect(page.locator("main #results")).to_contain_text(cast["suspended"].email)
    expect(page.locator("main #results")).not_to_contain_text(cast["supplier"].email)
    expect(page.locator("main #results")).not_to_contain_text(cast["host"].email)
    expect(page).to_have_url(re.compile(r"status=suspended.*role=host|role=host.*status=suspended"))


def test_a_market_rule_is_added_listed_and_removed(admin_page, server):
    server.need("/admin/market-rules")
    page = admin_page
    page.on("dialog", lambda d: d.accept())
    page.goto("/admin/market-rules")
    form = hm.form_with(page, "[name=reason_zh]")
    reason = f"Browser-test rule {uuid.uuid4().hex[:6]}"
    form.locator("[name=market]").fill("BR")
    form.locator("[name=category]").fill("3237")  # Live Animals
    form.locator("select[name=level]").select_option("restricted")
    form.locator("[name=reason]").fill(reason)
    form.locator("[name=reason_zh]").fill("浏览器测试规则")
    form.locator("[name=source]").fill("https://example.com/rules")
    assert hm.submit(page, form).status == 303
    assert hm.flash(page) == t("en", "flash-rule-added")
    row = page.locator("main tr", has_text=reason)
    expect(row).to_have_count(1)
    assert hm.submit(page, row.locator("form")).status == 303
    assert hm.flash(page) == t("en", "flash-rule-removed")
    expect(page.locator("main tr", has_text=reason)).to_have_count(0)


def test_a_market_rule_without_a_market_answers_422_with_the_error_at_the_market(admin_page, server):
    server.need("/admin/market-rules")
    page = admin_page
    page.goto("/admin/market-rules")
    form = hm.form_with(page, "[name=reason_zh]")
    form.locator("[name=category]").fill("3237")
    form.locator("[name=reason]").fill("Kept on the page")
    assert hm.submit(page, form).status == 422
    field = page.locator("main .field").filter(has=page.locator("[name=market]"))
    expect(field.locator(".error")).to_be_visible()
    assert page.locator("main [name=reason]").input_value() == "Kept on the page"
    assert page.locator("main [name=category]").input_value() == "3237"


def test_a_screening_term_is_added_listed_and_removed(admin_page, server):
    server.need("/admin/screening-terms")
    page = admin_page
    page.on("dialog", lambda d: d.accept())
    page.goto("/admin/screening-terms")
    form = hm.form_with(page, "[name=term]")
    term = f"miracle{uuid.uuid4().hex[:6]}"
    form.locator("select[name=language]").select_option("en")
    form.locator("[name=term]").fill(term)
    form.locator("select[name=kind]").select_option("claim")
    for name, value in [("reason", "An unproven claim"), ("reason_zh", "未经证实的说法")]:
        if form.locator(f"[name={name}]").count():
            form.locator(f"[name={name}]").fill(value)
    assert hm.submit(page, form).status == 303
    assert hm.flash(page) == t("en", "flash-term-added")
    row = page.locator("main tr", has_text=term)
    expect(row).to_have_count(1)
    assert hm.submit(page, row.locator("form")).status == 303
    assert hm.flash(page) == t("en", "flash-term-removed")
    expect(page.locator("main tr", has_text=term)).to_have_count(0)
