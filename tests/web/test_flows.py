"""Whole flows a supplier, a host and an admin go through, in a real browser."""

import json

import pytest
from playwright.sync_api import expect

import hm
from hm import CJK, PASSWORD, Person, t


def new_person(role: str, lang: str, tag: str = "") -> Person:
    return Person(
        email=hm.unique_email(f"{tag or role}-{lang}".lower()),
        password=PASSWORD,
        role=role,
        display_name=f"{'张伟' if lang == 'zh-CN' else 'Ana'} {role} {tag}".strip(),
        locale=lang,
    )


def register_verify_approve_and_log_in(contexts, server, role: str, lang: str, js: bool = True):
    server.need("/verify-email", "/admin")
    person = new_person(role, lang, "flow" if js else "nojs")
    page = contexts(js=js).new_page()

    answer = hm.register_on_page(page, person, lang)
    assert answer.status == 303, f"register answered {answer.status}"
    assert hm.path_of(page.url) == "/"
    assert hm.flash(page) == t(lang, "flash-registered")
    assert hm.html_lang(page) == lang
    expect(page.locator("main")).to_contain_text(t(lang, "home-verify-first"))
    expect(page.locator("main")).to_contain_text(t(lang, "status-pending"))

    mail = server.outbox.wait_for(person.email, "/verify-email?token=")
    link = mail.link("/verify-email")
    assert link.startswith(server.url + "/verify-email?token="), link
    if lang == "zh-CN":
        assert CJK.search(mail.subject), f"the verification email is not in Chinese: {mail.subject}"
    answer = hm.verify_by_link(page, link, lang)
    assert answer.status == 303, f"verify answered {answer.status}"
    assert hm.flash(page) == t(lang, "flash-verified")
    expect(page.locator("main")).not_to_contain_text(t(lang, "home-verify-first"))

    mails_before_approval = len(server.outbox.all_for(person.email))
    admin = contexts(js=js, person=server.admin).new_page()
    hm.open_in_queue(admin, person.email)
    expect(admin.locator("main")).to_contain_text(person.display_name)
    answer = hm.decide_on_page(admin, "approve")
    assert answer.status == 303, f"approve answered {answer.status}"
    assert hm.flash(admin) == t("en", "flash-vetted")

    # A fresh browser that says nothing of a language: the account's own is used.
    fresh = contexts(js=js).new_page()
    answer = hm.login_on_page(fresh, person.email, person.password)
    assert answer.status == 303
    assert hm.path_of(fresh.url) == "/"
    assert hm.html_lang(fresh) == lang
    assert hm.signed_in_as(fresh) == person.display_name
    expect(fresh.locator("main .badge")).to_have_text(t(lang, "status-approved"))
    expect(fresh.locator("main")).to_contain_text(t(lang, "home-approved"))

    approved = server.outbox.wait_for(person.email, person.display_name, after=mails_before_approval)
    if lang == "zh-CN":
        assert CJK.search(approved.subject), f"the approval email is not in Chinese: {approved.subject}"
    for m in server.outbox.all_for(person.email):
        assert "/api/" not in m.text + m.html, f"an email links to the API: {m.subject}"
    return person, approved


@pytest.mark.parametrize("lang", hm.LANGS)
@pytest.mark.parametrize("role", ["supplier", "host"])
def test_a_new_account_registers_verifies_by_the_emailed_link_is_approved_from_the_queue_and_sees_it(
    contexts, server, role, lang
):
    register_verify_approve_and_log_in(contexts, server, role, lang)


def test_the_main_flow_works_with_javascript_turned_off(contexts, server):
    register_verify_approve_and_log_in(contexts, server, "host", "en", js=False)


def test_forgot_then_reset_by_the_emailed_link_and_the_old_session_cookie_no_longer_works(
    contexts, server
):
    server.need("/forgot-password", "/reset-password")
    person = server.person("host", "pending", tag="reset")
    old_cookie = person.cookie
    before = contexts(person=person).new_page()
    before.goto("/")
    assert hm.signed_in_as(before) == person.display_name

    page = contexts().new_page()
    page.goto("/forgot-password")
    form = hm.form_with(page, "[name=email]")
    form.locator("[name=email]").fill(person.email)
    assert hm.submit(page, form).status == 303
    assert hm.flash(page) == t("en", "flash-reset-sent")

    link = server.outbox.wait_for(person.email, "/reset-password?token=").link("/reset-password")
    assert link.startswith(server.url + "/reset-password?token="), link
    page.goto(link)
    expect(page.locator("h1")).to_have_text(t("en", "reset-title"))
    form = hm.form_with(page, "[name=password]")
    new_password = "a brand new passphrase 42"
    form.locator("[name=password]").fill(new_password)
    assert hm.submit(page, form).status == 303
    assert hm.flash(page) == t("en", "flash-password-reset")

    before.reload()
    assert hm.signed_in_as(before) is None, "the session from before the reset still works"
    assert person.display_name not in server.http.get("/", cookie=old_cookie).body
    # The link is spent, the old password is gone, the new one works.
    page.goto(link)
    if page.locator("main [name=password]").count():  # the GET need not look the token up
        form = hm.form_with(page, "[name=password]")
        form.locator("[name=password]").fill("yet another passphrase")
        hm.submit(page, form)
    expect(page.locator("main")).to_contain_text(t("en", "reset-invalid"))
    assert hm.login_on_page(contexts().new_page(), person.email, PASSWORD).status == 422
    fresh = contexts().new_page()
    assert hm.login_on_page(fresh, person.email, new_password).status == 303
    assert hm.signed_in_as(fresh) == person.display_name


def test_forgot_password_answers_the_same_for_an_address_nobody_uses(contexts, server):
    server.need("/forgot-password")
    page = contexts().new_page()
    page.goto("/forgot-password")
    form = hm.form_with(page, "[name=email]")
    form.locator("[name=email]").fill(hm.unique_email("nobody"))
    assert hm.submit(page, form).status == 303
    assert hm.flash(page) == t("en", "flash-reset-sent")


PAGES_BY_LANGUAGE = [
    ("/", "home-welcome"),
    ("/settings", "settings-title"),
    ("/login", "login-title"),
    ("/register", "register-title"),
    ("/forgot-password", "forgot-title"),
    ("/no-such-page", "error-404-title"),
]


def test_choosing_chinese_in_settings_switches_every_page(contexts, server):
    server.need("/settings")
    person = server.person("supplier", tag="language")
    page = contexts(person=person, locale="en-US").new_page()
    page.goto("/settings")
    assert hm.html_lang(page) == "en"
    form = hm.form_with(page, "select[name=locale]")
    form.locator("select[name=locale]").select_option("zh-CN")
    assert hm.submit(page, form).status == 303
    for path, key in PAGES_BY_LANGUAGE + [("/admin", "error-403-title")]:
        if path == "/admin" and not server.has_page("/admin"):
            continue
        page.goto(path)
        assert hm.html_lang(page) == "zh-CN", f"{path} is not in Chinese"
        expect(page.locator("h1")).to_have_text(t("zh-CN", key))
        expect(page.locator("header")).to_contain_text(t("zh-CN", "nav-settings"))
    # And back, from the page's own language links.
    page.goto("/settings")
    page.locator("header .lang a[hreflang=en]").click()
    page.wait_for_load_state()
    assert hm.html_lang(page) == "en"
    expect(page.locator("h1")).to_have_text(t("en", "settings-title"))


def test_exporting_my_data_downloads_a_json_file_that_holds_the_account(contexts, server):
    server.need("/settings")
    person = server.person("host", tag="export")
    page = contexts(person=person).new_page()
    page.goto("/settings")
    with page.expect_download() as download:
        page.locator("main").get_by_text(t("en", "settings-export-submit"), exact=True).click()
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".json"), download.value.suggested_filename
    data = json.loads(open(path, encoding="utf-8").read())
    dumped = json.dumps(data, ensure_ascii=False)
    assert person.email in dumped and person.display_name in dumped, dumped[:500]
    assert person.id in dumped
    assert PASSWORD not in dumped and "argon2" not in dumped, "the export holds the password hash"


def test_deleting_my_account_ends_the_session_refuses_the_login_and_frees_the_address(
    contexts, server
):
    server.need("/settings")
    person = server.person("supplier", tag="delete")
    page = contexts(person=person).new_page()
    page.on("dialog", lambda d: d.accept())
    page.goto("/settings")
    form = hm.main_form(page, t("en", "settings-delete-submit"))
    form.locator("[name=password]").fill(person.password)
    assert hm.submit(page, form, t("en", "settings-delete-submit")).status == 303
    assert hm.flash(page) == t("en", "flash-account-deleted")
    assert hm.signed_in_as(page) is None

    again = contexts().new_page()
    assert hm.login_on_page(again, person.email, person.password).status == 422
    expect(again.locator("main [role=alert]")).to_have_text(t("en", "login-wrong"))

    person.display_name = "Same address, new account"
    answer = hm.register_on_page(contexts().new_page(), person)
    assert answer.status == 303, f"registering the freed address answered {answer.status}"


def test_changing_the_password_in_settings_ends_the_other_sessions_but_not_this_one(
    contexts, server
):
    server.need("/settings")
    person = server.person("host", tag="password")
    first_cookie = person.cookie
    other = contexts(person=person).new_page()
    server.login(person)  # a second session, for this browser
    page = contexts(person=person).new_page()
    page.goto("/settings")
    form = hm.form_with(page, "[name=new_password]")
    form.locator("[name=current_password]").fill(PASSWORD)
    form.locator("[name=new_password]").fill("another long passphrase")
    assert hm.submit(page, form).status == 303
    assert hm.flash(page) == t("en", "flash-password-changed")
    assert hm.signed_in_as(page) == person.display_name
    other.goto("/")
    assert hm.signed_in_as(other) is None, "another session outlived the password change"
    answer = server.http.get("/settings", cookie=first_cookie)
    assert answer.status == 303 and answer.header("location") == "/login?next=%2Fsettings"


def test_times_follow_the_time_zone_chosen_in_settings(contexts, server, cast):
    server.need("/settings", "/admin/accounts")
    admin = Person(hm.unique_email("admin-tz"), PASSWORD, "admin", "Administrator")
    server.run("create-admin", "--email", admin.email, HOSTMATCH_ADMIN_PASSWORD=PASSWORD)
    server.login(admin)
    page = contexts(person=admin).new_page()
    joined = page.locator("main dl.facts dd").nth(4)
    page.goto(f"/admin/accounts/{cast['pending'].id}")
    in_utc = joined.inner_text()
    page.goto("/settings")
    form = hm.form_with(page, "[name=time_zone]")
    zone = form.locator("[name=time_zone]")
    if zone.evaluate("e => e.tagName") == "SELECT":
        zone.select_option("Asia/Shanghai")
    else:
        zone.fill("Asia/Shanghai")
    assert hm.submit(page, form).status == 303
    assert hm.flash(page) == t("en", "flash-settings-saved")
    page.goto(f"/admin/accounts/{cast['pending'].id}")
    assert joined.inner_text() != in_utc, f"the time stayed {in_utc} in Asia/Shanghai"
