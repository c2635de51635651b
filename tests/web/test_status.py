"""Pages answer the right status: 422 with the input kept and each error next to its field,
303 after success, and error pages in the reader's language."""

import pytest
from playwright.sync_api import expect

import hm
from hm import PASSWORD, Person, t


def field_of(page, name):
    """The .field wrapper of the control called `name` in <main>."""
    return page.locator("main .field").filter(has=page.locator(f"[name='{name}']"))


def assert_error_next_to(page, name, text=None):
    field = field_of(page, name)
    assert field.count() == 1, f"no single field for {name}"
    error = field.locator(".error")
    expect(error).to_be_visible()
    if text is not None:
        expect(error).to_have_text(text)
    control = field.locator(f"[name='{name}']")
    assert control.get_attribute("aria-invalid") == "true", f"{name} is not marked invalid"
    described = control.get_attribute("aria-describedby") or ""
    assert error.get_attribute("id") in described.split(), f"{name} is not described by its error"


@pytest.mark.parametrize("lang", hm.LANGS)
def test_an_invalid_registration_answers_422_keeps_the_input_and_shows_each_error_next_to_its_field(
    page, lang
):
    page.goto(f"/register?lang={lang}&role=host")
    form = page.locator("main form[action='/register']")
    form.locator("[name=display_name]").fill("Ana Lima")
    form.locator("[name=email]").fill("not-an-address")
    form.locator("[name=password]").fill("short")
    answer = hm.submit(page, form)
    assert answer.status == 422
    assert hm.html_lang(page) == lang
    expect(page.locator("main [role=alert]")).to_have_text(t(lang, "form-has-errors"))
    assert_error_next_to(page, "email", t(lang, "error-email"))
    assert_error_next_to(page, "password")
    expect(field_of(page, "password").locator(".error")).to_contain_text("10")
    assert form.locator("[name=email]").input_value() == "not-an-address"
    assert form.locator("[name=display_name]").input_value() == "Ana Lima"
    assert form.locator("[name=password]").input_value() == "", "the password was sent back"
    assert form.locator("input[name=role][value=host]").is_checked()
    assert form.locator("select[name=locale]").input_value() == lang


def test_a_registration_without_a_role_answers_422_with_the_error_at_the_role(page):
    page.goto("/register")
    form = page.locator("main form[action='/register']")
    form.locator("[name=display_name]").fill("Ana Lima")
    form.locator("[name=email]").fill(hm.unique_email("norole"))
    form.locator("[name=password]").fill(PASSWORD)
    assert hm.submit(page, form).status == 422
    expect(page.locator("main fieldset .error")).to_have_text(t("en", "error-role"))


def test_registering_a_taken_address_keeps_the_input_shows_the_error_at_the_email_and_answers_422(
    page, server
):
    taken = server.register("supplier", tag="taken")
    person = Person(taken.email, PASSWORD, "host", "Second try")
    answer = hm.register_on_page(page, person)
    assert hm.path_of(page.url) == "/register"
    assert_error_next_to(page, "email", t("en", "register-email-taken"))
    assert page.locator("main [name=display_name]").input_value() == "Second try"
    assert page.locator("main input[name=role][value=host]").is_checked()
    # A field error like any other, as WEB.md says (the JSON API answers 409).
    assert answer.status == 422, f"a taken address answers {answer.status}"


def test_a_wrong_password_at_login_answers_422_and_keeps_the_email(page, server, cast):
    answer = hm.login_on_page(page, cast["host"].email, "not the password at all")
    assert answer.status == 422
    expect(page.locator("main [role=alert]")).to_have_text(t("en", "login-wrong"))
    assert page.locator("main [name=email]").input_value() == cast["host"].email
    assert page.locator("main [name=password]").input_value() == ""
    assert hm.signed_in_as(page) is None


def test_a_successful_registration_and_login_answer_303(server):
    person = Person(hm.unique_email("303"), PASSWORD, "supplier", "Three Oh Three")
    answer = server.http.post("/register", form={
        "role": "supplier", "display_name": person.display_name, "email": person.email,
        "password": PASSWORD, "locale": "en"})
    assert (answer.status, answer.header("location")) == (303, "/")
    answer = server.http.post("/login", form={"email": person.email, "password": PASSWORD})
    assert (answer.status, answer.header("location")) == (303, "/")


def test_login_goes_to_next_when_it_is_a_path_here_and_home_otherwise(server, cast, contexts):
    p = cast["supplier"]
    form = {"email": p.email, "password": PASSWORD}
    for nxt, lands in [("/admin", "/admin"), ("/?x=1", "/?x=1"), ("//evil.example/", "/"),
                       ("https://evil.example/", "/"), ("/\\evil.example", "/")]:
        answer = server.http.post("/login", form={**form, "next": nxt})
        assert (answer.status, answer.header("location")) == (303, lands), nxt
    # And in a browser, from the redirect a protected page answers.
    page = contexts().new_page()
    page.goto("/admin/audit-log")
    assert hm.path_of(page.url) == "/login?next=%2Fadmin%2Faudit-log"
    form = page.locator("main form[action='/login']")
    form.locator("[name=email]").fill(cast["admin"].email)
    form.locator("[name=password]").fill(PASSWORD)
    assert hm.submit(page, form).status == 303
    assert hm.path_of(page.url) == "/admin/audit-log"


@pytest.mark.parametrize("how", ["accept-language", "query"])
@pytest.mark.parametrize("lang", hm.LANGS)
def test_an_unknown_page_is_a_404_in_the_readers_language(contexts, lang, how):
    other = "en" if lang == "zh-CN" else "zh-CN"
    if how == "accept-language":
        page = contexts(locale=lang).new_page()
        answer = page.goto("/no/such/page")
    else:
        page = contexts(locale=other).new_page()
        answer = page.goto(f"/no/such/page?lang={lang}")
    assert answer.status == 404
    assert hm.html_lang(page) == lang
    expect(page.locator("h1")).to_have_text(t(lang, "error-404-title"))
    expect(page.locator("main")).to_contain_text(t(lang, "error-404-detail"))


@pytest.mark.parametrize("lang", hm.LANGS)
def test_an_admin_page_is_a_403_in_the_readers_language_for_a_supplier(contexts, server, cast, lang):
    server.need("/admin")
    page = contexts(person=cast["supplier"]).new_page()
    answer = page.goto(f"/admin?lang={lang}")
    assert answer.status == 403
    assert hm.html_lang(page) == lang
    expect(page.locator("h1")).to_have_text(t(lang, "error-403-title"))


@pytest.mark.parametrize("lang", hm.LANGS)
def test_a_refused_cross_origin_post_is_a_403_page_in_the_readers_language(server, lang):
    answer = server.http.post("/login", form={"email": "a@example.com", "password": "x"},
                              headers={"Origin": "http://evil.example", "Accept-Language": lang})
    assert answer.status == 403
    assert f'<html lang="{lang}">' in answer.body
    assert t(lang, "error-403-title") in answer.body


def test_a_decision_without_a_required_reason_answers_422_with_the_error_at_the_reason(
    admin_page, server
):
    server.need("/admin/accounts")
    person = server.register("host", tag="noreason")
    admin_page.goto(f"/admin/accounts/{person.id}")
    form = hm.main_form(admin_page, t("en", "admin-reject"))
    answer = hm.submit(admin_page, form, t("en", "admin-reject"))
    assert answer.status == 422
    form = hm.main_form(admin_page, t("en", "admin-reject"))
    error = form.locator(".error")
    expect(error).to_be_visible()
    assert form.locator("[name=reason]").get_attribute("aria-invalid") == "true"
    expect(admin_page.locator("main .badge").first).to_be_visible()
    r = server.http.get("/api/v1/admin/accounts?status=pending", token=server.admin_token())
    assert person.id in r.body, "the account left the queue without a decision"


def test_settings_refuse_an_empty_name_with_422_and_keep_the_rest(contexts, server):
    server.need("/settings")
    person = server.person("host", tag="settings422")
    page = contexts(person=person).new_page()
    page.goto("/settings")
    form = hm.form_with(page, "[name=display_name]")
    form.locator("[name=display_name]").fill("")
    form.locator("select[name=locale]").select_option("zh-CN")
    assert hm.submit(page, form).status == 422
    assert_error_next_to(page, "display_name", t(hm.html_lang(page), "error-required"))
    assert page.locator("main select[name=locale]").input_value() == "zh-CN"


def test_a_wrong_current_password_in_settings_answers_422_at_that_field(contexts, server):
    server.need("/settings")
    person = server.person("supplier", tag="pw422")
    page = contexts(person=person).new_page()
    page.goto("/settings")
    form = hm.form_with(page, "[name=new_password]")
    form.locator("[name=current_password]").fill("not my password")
    form.locator("[name=new_password]").fill("a perfectly long new one")
    assert hm.submit(page, form).status == 422
    assert_error_next_to(page, "current_password", t("en", "error-password-wrong"))
    assert page.locator("main [name=new_password]").input_value() == ""


def test_deleting_the_account_with_a_wrong_password_answers_422_and_keeps_it(contexts, server):
    server.need("/settings")
    person = server.person("host", tag="del422")
    page = contexts(person=person).new_page()
    page.on("dialog", lambda d: d.accept())
    page.goto("/settings")
    form = hm.main_form(page, t("en", "settings-delete-submit"))
    form.locator("[name=password]").fill("not my password")
    assert hm.submit(page, form, t("en", "settings-delete-submit")).status == 422
    form = hm.main_form(page, t("en", "settings-delete-submit"))
    expect(form.locator(".error")).to_have_text(t("en", "error-password-wrong"))
    assert hm.signed_in_as(page) == person.display_name


def test_a_reset_with_a_short_password_answers_422_at_the_password(contexts, server):
    server.need("/forgot-password", "/reset-password")
    person = server.register("host", tag="reset422")
    r = server.http.post("/forgot-password", form={"email": person.email})
    assert r.status == 303
    link = server.outbox.wait_for(person.email, "/reset-password?token=").link("/reset-password")
    page = contexts().new_page()
    page.goto(link)
    form = hm.form_with(page, "[name=password]")
    form.locator("[name=password]").fill("short")
    assert hm.submit(page, form).status == 422
    assert_error_next_to(page, "password")
    # The token is not spent by a refused attempt.
    form = hm.form_with(page, "[name=password]")
    form.locator("[name=password]").fill("long enough this time")
    assert hm.submit(page, form).status == 303


def test_a_spent_or_made_up_verification_link_says_so(contexts, server):
    server.need("/verify-email")
    page = contexts().new_page()
    page.goto("/verify-email?token=hmv_made_up")
    confirm = page.locator("main").get_by_role("button", name=t("en", "verify-submit"))
    if confirm.count():  # the GET need not look the token up; the POST must refuse it
        answer = hm.submit(page, hm.main_form(page, t("en", "verify-submit")))
        assert answer.status in (303, 422), answer.status
    expect(page.locator("main")).to_contain_text(t("en", "verify-invalid"))
