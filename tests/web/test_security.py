"""What a hostile name, another origin or a stolen cookie can do: nothing."""

from html.parser import HTMLParser

import pytest
from playwright.sync_api import expect

import hm
from hm import PASSWORD, Person, t

HOSTILE_NAMES = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


# --- hostile display names -----------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(browser, server):
    """One account per hostile name, registered through the page (so the name goes through
    the form), with its browser session and its id."""
    people = []
    for i, name in enumerate(HOSTILE_NAMES):
        p = Person(hm.unique_email(f"hostile{i}"), PASSWORD, ("supplier", "host")[i], name)
        ctx = browser.new_context(base_url=server.url)
        try:
            answer = hm.register_on_page(ctx.new_page(), p)
            assert answer.status == 303, f"registering {name!r} answered {answer.status}"
            p.cookie = hm.session_cookie(ctx)
        finally:
            ctx.close()
        r = server.http.post("/api/v1/auth/login", body={"email": p.email, "password": PASSWORD})
        assert r.status == 200, r.body
        p.id = r.json()["account"]["id"]
        assert r.json()["account"]["display_name"] == name
        people.append(p)
    return people


def watch_dialogs(page) -> list:
    fired = []

    def on_dialog(d):
        fired.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", on_dialog)
    return fired


def assert_nothing_injected(page, fired, where):
    assert not fired, f"a dialog fired on {where}: {fired}"
    assert page.locator("img[src='x']").count() == 0, f"an injected <img> on {where}"
    inline = page.evaluate(
        "Array.from(document.scripts).filter(s => !s.src).map(s => s.textContent)"
    )
    assert not [s for s in inline if "alert(1)" in s], f"an injected <script> on {where}"
    assert page.locator("[onerror]").count() == 0, f"an onerror attribute on {where}"


def assert_shown_as_text(page, name, where):
    text = page.locator("body").inner_text()
    assert name in text, f"{name!r} is not shown as text on {where}"


@pytest.mark.parametrize("which", range(len(HOSTILE_NAMES)), ids=["script", "img-onerror"])
def test_a_hostile_display_name_renders_as_text_on_the_home_page(contexts, hostile, which):
    p = hostile[which]
    page = contexts(person=p).new_page()
    fired = watch_dialogs(page)
    for lang in hm.LANGS:
        page.goto(f"/?lang={lang}")
        assert_nothing_injected(page, fired, f"/ ({lang})")
        assert hm.signed_in_as(page) == p.display_name


@pytest.mark.parametrize("which", range(len(HOSTILE_NAMES)), ids=["script", "img-onerror"])
def test_a_hostile_display_name_renders_as_text_in_settings(contexts, server, hostile, which):
    server.need("/settings")
    p = hostile[which]
    page = contexts(person=p).new_page()
    fired = watch_dialogs(page)
    page.goto("/settings")
    assert_nothing_injected(page, fired, "/settings")
    assert page.locator("main [name=display_name]").input_value() == p.display_name
    assert hm.signed_in_as(page) == p.display_name


@pytest.mark.parametrize("which", range(len(HOSTILE_NAMES)), ids=["script", "img-onerror"])
def test_a_hostile_display_name_renders_as_text_in_the_admin_queue_and_account_page(
    admin_page, server, hostile, which
):
    server.need("/admin", "/admin/accounts")
    p = hostile[which]
    fired = watch_dialogs(admin_page)
    hm.open_in_queue(admin_page, p.email)
    assert admin_page.url.endswith(f"/admin/accounts/{p.id}")
    assert_nothing_injected(admin_page, fired, "/admin/accounts/{id}")
    assert_shown_as_text(admin_page, p.display_name, "/admin/accounts/{id}")
    for path in ("/admin", f"/admin/accounts?status=pending", "/admin/audit-log"):
        admin_page.goto(path)
        assert_nothing_injected(admin_page, fired, path)
    admin_page.goto("/admin")
    assert_shown_as_text(admin_page, p.display_name, "/admin")


@pytest.mark.parametrize("which", range(len(HOSTILE_NAMES)), ids=["script", "img-onerror"])
def test_a_hostile_display_name_is_escaped_in_the_emails_html(contexts, server, hostile, which):
    p = hostile[which]
    server.vet(p, "approve")  # the approval email greets the person by name
    approval = server.outbox.wait_for(p.email, "approved")
    mails = server.outbox.all_for(p.email)
    assert approval in mails
    for m in mails:
        assert p.display_name not in m.html, f"the raw name is in the HTML of {m.subject!r}"
        assert "<img src=x" not in m.html and "<script>alert" not in m.html
    assert "&lt;" in approval.html or "&#60;" in approval.html, "the name is not in the HTML at all"
    # And opened the way a mail client would, nothing runs.
    page = contexts().new_page()
    fired = watch_dialogs(page)
    for m in mails:
        page.set_content(m.html)
        assert_nothing_injected(page, fired, f"the email {m.subject!r}")
        assert_shown_as_text(page, p.display_name, f"the email {m.subject!r}")


# --- requests from another origin ------------------------------------------------------------


class Forms(HTMLParser):
    """The post forms of a page, each with the fields a browser would send."""

    def __init__(self, html: str):
        super().__init__()
        self.forms, self._select = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get").lower(), "fields": {}})
        elif not self.forms:
            return
        fields = self.forms[-1]["fields"] if self.forms else {}
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox") and a["name"] in fields:
                return
            fields[a["name"]] = a.get("value") or ""
        elif tag in ("select", "textarea") and a.get("name"):
            self._select = a["name"]
            fields.setdefault(a["name"], "")
        elif tag == "option" and self._select and not fields.get(self._select):
            fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def post_forms_of(server, path, cookie):
    answer = server.http.get(path, cookie=cookie)
    assert answer.status == 200, f"{path}: {answer.status}"
    return [f for f in Forms(answer.body).forms if f["method"] == "post"]


def filled(fields: dict, person: Person) -> dict:
    out = dict(fields)
    for name in out:
        if "password" in name:
            out[name] = person.password
        elif name == "reason":
            out[name] = "from evil.example"
        elif name == "display_name":
            out[name] = "Renamed by evil.example"
        elif name == "email" and not out[name]:
            out[name] = hm.unique_email("evil")
        elif name == "locale":
            out[name] = "zh-CN"
        elif not out[name]:
            out[name] = "evil"
    return out


CROSS_ORIGIN = {
    "origin-and-fetch-site": {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
    "fetch-site-only": {"Sec-Fetch-Site": "cross-site"},
    "origin-only": {"Origin": "http://evil.example"},
}


@pytest.mark.parametrize("headers", CROSS_ORIGIN.values(), ids=CROSS_ORIGIN.keys())
def test_a_cross_origin_post_of_any_form_is_refused_with_403_and_changes_nothing(server, headers):
    person = server.person("supplier", tag="csrf")
    target = server.register("host", tag="csrf-target")
    admin = server.admin
    who = {"anonymous": Person("", PASSWORD, "", ""), "person": person, "admin": admin}
    pages = {
        "anonymous": ["/register", "/login", "/forgot-password"],
        "person": ["/", "/settings"],
        "admin": ["/admin", f"/admin/accounts/{target.id}", "/admin/market-rules", "/admin/screening-terms"],
    }
    before = admin_state(server)
    tried, refused_addresses = [], []
    for role, paths in pages.items():
        cookie = who[role].cookie
        for path in paths:
            if not server.has_page(path.split("?")[0]):
                continue
            for form in post_forms_of(server, path, cookie):
                body = filled(form["fields"], who[role])
                answer = server.http.post(form["action"], form=body, cookie=cookie, headers=headers)
                tried.append(f"{form['action']} (from {path})")
                assert answer.status == 403, f"{form['action']} from {path} answered {answer.status}"
                assert '<html lang="en">' in answer.body and t("en", "error-403-title") in answer.body
                assert "hm_session" not in answer.cookies(), f"{form['action']} set a session"
                if role == "anonymous" and form["action"] == "/register":
                    refused_addresses.append(body["email"])
    actions = {a.split(" ")[0] for a in tried}
    assert {"/logout", "/register", "/login"} <= actions, tried

    me = server.http.post("/api/v1/auth/login", body={"email": person.email, "password": PASSWORD})
    assert me.status == 200, "the person's password or account changed"
    account = me.json()["account"]
    assert (account["display_name"], account["locale"], account["status"]) == (
        person.display_name, "en", "approved")
    assert hm.signed_in_as_http(server, person.cookie) == person.display_name
    assert hm.signed_in_as_http(server, admin.cookie) == admin.display_name
    assert admin_state(server) == before, "an admin change went through"
    for address in refused_addresses:  # still free: nobody registered them
        registered = server.http.post("/api/v1/auth/register", body={
            "email": address, "password": PASSWORD, "role": "host", "display_name": "x", "locale": "en"})
        assert registered.status == 201, f"the cross-origin registration made {address}"


def admin_state(server):
    """What admin forms could change: the audit log, the rules and terms, the queue."""
    token = server.admin_token()
    out = []
    for path in ("/api/v1/admin/audit-log", "/api/v1/admin/market-rules",
                 "/api/v1/admin/screening-terms", "/api/v1/admin/accounts?status=pending"):
        r = server.http.get(path, token=token)
        out.append(r.body if r.status == 200 else r.status)
    return out


# --- sessions that must end ------------------------------------------------------------------


def test_a_session_cookie_stops_working_after_logout_in_another_tab(contexts, server):
    person = server.person("host", tag="logout")
    ctx = contexts(person=person)
    tab1, tab2 = ctx.new_page(), ctx.new_page()
    copy = contexts(person=person).new_page()  # the same cookie, in another browser
    for p in (tab1, tab2, copy):
        p.goto("/")
        assert hm.signed_in_as(p) == person.display_name
    assert hm.logout_on_page(tab2).status == 303
    assert hm.flash(tab2) == t("en", "flash-logged-out")
    for p in (tab1, copy):
        p.reload()
        assert hm.signed_in_as(p) is None
    answer = server.http.get("/", cookie=person.cookie)
    assert person.display_name not in answer.body
    assert "hm_session" in answer.cookies(), "a dead session cookie is not removed"


def test_a_session_cookie_stops_working_after_the_admin_suspends_the_account(
    contexts, server, admin_page
):
    server.need("/admin/accounts")
    person = server.person("supplier", tag="suspend")
    page = contexts(person=person).new_page()
    page.goto("/")
    assert hm.signed_in_as(page) == person.display_name
    admin_page.goto(f"/admin/accounts/{person.id}")
    assert hm.decide_on_page(admin_page, "suspend", "Sold replica watches").status == 303
    assert hm.flash(admin_page) == t("en", "flash-vetted")
    page.reload()
    assert hm.signed_in_as(page) is None
    again = contexts().new_page()
    assert hm.login_on_page(again, person.email, person.password).status == 403
    expect(again.locator("main [role=alert]")).to_have_text(t("en", "login-suspended"))
    mail = server.outbox.wait_for(person.email, "Sold replica watches")
    assert mail.subject


def test_the_session_cookie_is_httponly_samesite_lax_on_path_root(server):
    person = server.register("host", tag="cookie")
    answer = server.http.post("/login", form={"email": person.email, "password": PASSWORD})
    assert answer.status == 303
    [cookie] = [v for v in answer.headers.get_all("Set-Cookie") if v.startswith("hm_session=")]
    flags = {f.strip().split("=")[0].lower(): f.strip() for f in cookie.split(";")[1:]}
    assert "httponly" in flags and flags.get("samesite") == "SameSite=Lax" and flags.get("path") == "Path=/"
    assert "secure" not in flags  # the public URL is http
    assert answer.header("Referrer-Policy") == "same-origin"


# --- a hostile product title -------------------------------------------------------------------

HOSTILE_TITLE = '<script>alert(1)</script> 1:1 replica "><img src=x onerror=alert(1)>'
# Offerable: no counterfeit signal, so the offer goes out and its email names it.
HOSTILE_CLEAN_TITLE = '<script>alert(1)</script> LED mirror "><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def hostile_product(server):
    """An approved supplier with a product titled HOSTILE_TITLE (its "replica" gets it
    flagged, so the admin's account page lists it) and one titled HOSTILE_CLEAN_TITLE,
    offered to an approved host (a flagged one could not be)."""
    supplier = server.person("supplier", tag="hostile-goods")
    host = server.person("host", tag="hostile-goods-host")
    def token(p):
        r = server.http.post("/api/v1/auth/login", body={"email": p.email, "password": PASSWORD})
        assert r.status == 200, r.body
        return r.json()["access_token"]
    host_token, supplier_token = token(host), token(supplier)
    r = server.http.request("PUT", "/api/v1/hosts/me", token=host_token, body={
        "display_name": "Lucía Live", "headline": "Beauty and home live shows",
        "bio": "Ten years in retail.", "country": "MX",
        "languages": [{"code": "es", "level": "native"}], "markets": ["MX", "US"],
        "categories": [473], "platforms": [{"name": "tiktok", "handle": "@lucia", "followers": 120000}],
        "min_commission_pct": 5, "min_fee_cents": 0,
    })
    assert r.status == 200, f"host profile: {r.status} {r.body}"
    def product(title):
        r = server.http.post("/api/v1/products", token=supplier_token, body={
            "title": title, "title_zh": "三色光 LED 化妆镜", "description": "Rechargeable.",
            "description_zh": "可充电。", "category": 2619, "target_markets": ["US", "MX"],
            "price_cents": 1299, "commission_pct": 18.0, "moq": 50, "free_samples": True,
            "image_urls": [],
        })
        assert r.status == 201, f"product: {r.status} {r.body}"
        assert r.json()["title"] == title
        return r.json()
    assert product(HOSTILE_TITLE)["compliance"], "the title's 'replica' is flagged"
    clean = product(HOSTILE_CLEAN_TITLE)
    r = server.http.post("/api/v1/offers", token=supplier_token, body={
        "host_id": host.id, "product_ids": [clean["id"]], "message": "Let's stream it",
        "commission_pct": 18.0, "fee_cents": 10000, "free_samples": True,
    })
    assert r.status == 201, f"offer: {r.status} {r.body}"
    return supplier, host


def test_a_hostile_product_title_renders_as_text_on_the_admins_account_page(admin_page, hostile_product):
    supplier, _ = hostile_product
    fired = watch_dialogs(admin_page)
    for lang in hm.LANGS:
        admin_page.goto(f"/admin/accounts/{supplier.id}?lang={lang}")
        assert_nothing_injected(admin_page, fired, f"/admin/accounts/{{id}} ({lang})")
        assert_shown_as_text(admin_page, "<script>alert(1)</script>", "the flagged product")
        expect(admin_page.locator("main mark.flag").first).to_be_visible()


def test_a_hostile_product_title_is_escaped_in_the_offer_email(contexts, server, hostile_product):
    _, host = hostile_product
    mail = server.outbox.wait_for(host.email, "Let's stream it")
    assert HOSTILE_CLEAN_TITLE in mail.text, "the plain-text part carries the title as it is"
    assert "<script>alert" not in mail.html and "<img src=x" not in mail.html
    page = contexts().new_page()
    fired = watch_dialogs(page)
    page.set_content(mail.html)
    assert_nothing_injected(page, fired, "the offer email")
    assert_shown_as_text(page, "<script>alert(1)</script>", "the offer email")
