"""Helpers the browser tests share: the Fluent catalogues, plain HTTP without redirects,
the JSON API for setting up accounts, the outbox of .eml files, and page steps (register,
log in, approve) written against WEB.md's field names."""

from __future__ import annotations

import datetime
import email
import email.policy
import html
import http.client
import json
import re
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LANGS = ("en", "zh-CN")
PASSWORD = "correct horse battery staple"
CJK = re.compile(r"[\u4e00-\u9fff]")
MISSING_KEY = "Unknown localization key"


# --- Fluent catalogues -------------------------------------------------------------------


def _load_ftl(path: Path) -> dict[str, str]:
    """The single-line messages of a .ftl file (the multi-line ones are plural selectors)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([a-z][a-z0-9-]*) = (.+)$", line)
        if m:
            out[m.group(1)] = m.group(2).strip()
    return out


CATALOGUES = {
    lang: {k: v for f in sorted((REPO / "locales" / lang).glob("*.ftl")) for k, v in _load_ftl(f).items()}
    for lang in LANGS
}


def t(lang: str, key: str, **args) -> str:
    """The catalogue's text for `key`, with `{ $name }` placeables filled in."""
    text = CATALOGUES[lang][key]
    for name, value in args.items():
        text = text.replace("{ $" + name + " }", str(value))
    return text


# --- HTTP ----------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def cookies(self) -> dict[str, str]:
        out = {}
        for v in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = v.partition("=")
            out[name] = rest.split(";", 1)[0]
        return out

    def json(self):
        return json.loads(self.body)


class Http:
    """Requests to the server under test that never follow a redirect."""

    def __init__(self, base: str):
        self.base = base
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port

    def request(self, method, path, form=None, body=None, cookie=None, headers=None, token=None):
        h = {"Accept-Language": "en"}
        h.update(headers or {})
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            h["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None and not isinstance(body, (str, bytes)):
            body = json.dumps(body)
            h["Content-Type"] = "application/json"
        if cookie:
            h["Cookie"] = cookie if "=" in cookie else f"hm_session={cookie}"
        if token:
            h["Authorization"] = f"Bearer {token}"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            return Answer(r.status, r.headers, r.read().decode("utf-8", "replace"))
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)


# --- The outbox ------------------------------------------------------------------------------


@dataclass
class Mail:
    path: Path
    to: str
    subject: str
    text: str
    html: str

    def link(self, page: str) -> str | None:
        """The first link to `page` (e.g. "/verify-email"), from the text part or the HTML."""
        pattern = re.compile(r"https?://[^\s\"'<>]+" + re.escape(page) + r"\?token=[^\s\"'<>&]+(?:&lang=[A-Za-z-]+)?")
        for source in (self.text, html.unescape(self.html)):
            m = pattern.search(source)
            if m:
                return m.group(0)
        return None


def read_mail(path: Path) -> Mail:
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    text = html_part = ""
    for part in msg.walk():
        if part.get_content_maintype() == "multipart":
            continue
        if part.get_content_type() == "text/plain":
            text += part.get_content()
        elif part.get_content_type() == "text/html":
            html_part += part.get_content()
    return Mail(path, str(msg["To"] or ""), str(msg["Subject"] or ""), text, html_part)


class Outbox:
    """The .eml files the mail worker writes under <data dir>/outbox/."""

    def __init__(self, folder: Path):
        self.folder = folder

    def all_for(self, address: str) -> list[Mail]:
        if not self.folder.is_dir():
            return []
        out = []
        for p in sorted(self.folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
            try:
                m = read_mail(p)
            except Exception:  # a file still being written; the next poll reads it
                continue
            if address.lower() in m.to.lower():
                out.append(m)
        return out

    def wait_for(self, address: str, containing: str = "", timeout: float = 15.0, after: int = 0) -> Mail:
        """The newest email to `address` whose text or HTML contains `containing`, waiting
        up to `timeout` seconds for it to be written; `after` skips the first emails (pass
        len(all_for(address)) from before an action to wait for the one it sends)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.all_for(address)[after:] if containing in m.text + m.html]
            if found:
                return found[-1]
            if time.monotonic() > deadline:
                have = [(m.subject, m.path.name) for m in self.all_for(address)]
                raise AssertionError(
                    f"no email to {address} containing {containing!r} within {timeout} s; "
                    f"it has: {have}"
                )
            time.sleep(0.2)


# --- People -------------------------------------------------------------------------------


@dataclass
class Person:
    email: str
    password: str
    role: str
    display_name: str
    locale: str = "en"
    id: str | None = None
    cookie: str | None = None  # the hm_session value of a browser session
    extra: dict = field(default_factory=dict)


def unique_email(tag: str) -> str:
    return f"{tag}-{uuid.uuid4().hex[:10]}@example.com"


def session_cookie_of(answer: Answer) -> str:
    value = answer.cookies().get("hm_session")
    assert value, f"no hm_session cookie in {answer.status} {answer.headers}"
    return value


# --- Page steps ---------------------------------------------------------------------------


def main_form(page, button_text: str):
    """The form in <main> whose submit button reads `button_text`."""
    button = page.get_by_role("button", name=button_text, exact=True)
    return page.locator("main form").filter(has=button)


def register_on_page(page, person: Person, lang: str = "en"):
    """Fills /register as `person` and submits it; returns the POST's response."""
    page.goto(f"/register?lang={lang}")
    form = page.locator("main form[action='/register']")
    form.locator(f"input[name=role][value={person.role}]").check()
    form.locator("[name=display_name]").fill(person.display_name)
    form.locator("[name=email]").fill(person.email)
    form.locator("[name=password]").fill(person.password)
    form.locator("select[name=locale]").select_option(person.locale)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        form.get_by_role("button", name=t(lang, "register-submit")).click()
    page.wait_for_load_state()
    return posted.value


def login_on_page(page, email: str, password: str, lang: str | None = None, next_path: str = ""):
    """Logs in through /login (with ?lang= when `lang` is given); returns the POST's response."""
    query = {k: v for k, v in (("lang", lang), ("next", next_path)) if v}
    page.goto("/login" + ("?" + urllib.parse.urlencode(query) if query else ""))
    form = page.locator("main form[action='/login']")
    form.locator("[name=email]").fill(email)
    form.locator("[name=password]").fill(password)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    return posted.value


def logout_on_page(page, lang: str = "en"):
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator("header form[action='/logout'] button").click()
    page.wait_for_load_state()
    return posted.value


def session_cookie(context) -> str | None:
    for c in context.cookies():
        if c["name"] == "hm_session":
            return c["value"]
    return None


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def verify_by_link(page, link: str, lang: str = "en"):
    """Opens the emailed link and presses its confirm button; returns the POST's response."""
    page.goto(link)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator("main").get_by_role("button", name=t(lang, "verify-submit")).click()
    page.wait_for_load_state()
    return posted.value


def open_in_queue(page, email: str, lang: str = "en", pages: int = 20):
    """Finds `email` in the vetting queue (following its Next links) and opens its account."""
    page.goto(f"/admin?lang={lang}")
    for _ in range(pages):
        row = page.locator("main tr", has_text=email)
        if row.count():
            row.first.get_by_role("link").first.click()
            page.wait_for_load_state()
            assert re.search(r"/admin/accounts/[0-9a-f-]{36}", page.url), page.url
            return page.url
        nxt = page.locator("main").get_by_role("link", name=t(lang, "admin-next"))
        if not nxt.count():
            break
        nxt.first.click()
        page.wait_for_load_state()
    raise AssertionError(f"{email} is not in the vetting queue")


def decide_on_page(page, action: str, reason: str = "", lang: str = "en"):
    """Presses approve/reject/suspend/reinstate on an account page, with a reason."""
    form = main_form(page, t(lang, f"admin-{action}"))
    assert form.count(), f"no {action} form on {page.url}"
    reason_field = form.locator("[name=reason]")
    if reason_field.count():
        reason_field.fill(reason or f"{action} by the browser tests")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        form.get_by_role("button", name=t(lang, f"admin-{action}")).click()
    page.wait_for_load_state()
    return posted.value


def form_with(page, selector: str):
    """The form in <main> that holds `selector` (e.g. "[name=new_password]")."""
    return page.locator("main form").filter(has=page.locator(selector))


def submit(page, form, button: str | None = None):
    """Presses the form's submit button (the one reading `button`, else the first) and
    returns the POST's response once the next page has loaded."""
    target = (
        form.get_by_role("button", name=button, exact=True) if button
        else form.locator("button[type=submit], button:not([type])").first
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        target.click()
    page.wait_for_load_state()
    return posted.value


def flash(page) -> str:
    f = page.locator("main .flash")
    return f.inner_text().strip() if f.count() else ""


def signed_in_as(page) -> str | None:
    """The display name the header shows, or None when it offers to log in."""
    if page.locator("header form[action='/logout']").count() == 0:
        return None
    return page.locator("header .nav .muted").first.inner_text().strip()


def path_of(url: str) -> str:
    u = urllib.parse.urlsplit(url)
    return u.path + ("?" + u.query if u.query else "")


def signed_in_as_http(server, cookie: str) -> str | None:
    """signed_in_as, for a page fetched without a browser."""
    body = server.http.get("/", cookie=cookie).body
    if 'action="/logout"' not in body:
        return None
    m = re.search(r'<span class="muted">(.*?)</span>', body, re.S)
    return html.unescape(m.group(1)).strip() if m else ""


# --- Offers (test_offers.py, test_pages.py) ---------------------------------------------


def host_with_profile(server, markets=("AE",), tag="offer-host", locale="en", name="Layla Live") -> Person:
    """An approved host with a profile serving `markets` (minimum 12.5 %, US$200.00)."""
    host = server.person("host", locale=locale, tag=tag, name=name)
    r = server.http.request("PUT", "/api/v1/hosts/me", token=api_token(server, host), body={
        "display_name": name, "headline": "Home and food live shows", "bio": "Streaming since 2021.",
        "country": "AE", "languages": [{"code": "ar", "level": "native"}, {"code": "en", "level": "fluent"}],
        "markets": list(markets), "categories": [412],
        "platforms": [{"name": "tiktok", "handle": "@layla", "followers": 120000}],
        "min_commission_pct": 12.5, "min_fee_cents": 20000,
    })
    assert r.status == 200, f"host profile: {r.status} {r.body}"
    return host


def product_of(server, supplier: Person, beer: bool = False) -> dict:
    """An active product of `supplier`: a mirror, or beer (prohibited in SA, restricted in AE)."""
    body = {
        "title": "LED makeup mirror with 3 light modes", "title_zh": "三色光 LED 化妆镜",
        "description": "Rechargeable, 10x magnifier.", "description_zh": "可充电，十倍放大镜。",
        "category": 2619, "target_markets": ["AE", "SA", "US"], "price_cents": 1299,
        "commission_pct": 18.0, "moq": 50, "free_samples": True, "image_urls": [],
    }
    if beer:
        body.update({"title": "Craft lager, 6 bottles", "title_zh": "精酿拉格啤酒六瓶装",
                     "description": "Brewed in Qingdao.", "description_zh": "青岛酿造。", "category": 414})
    r = server.http.post("/api/v1/products", token=api_token(server, supplier), body=body)
    assert r.status == 201, f"product: {r.status} {r.body}"
    return r.json()


# --- The catalogue (tests/web/test_catalogue.py, test_pages.py) ----------------------------

FLAGGED_PRODUCT = {
    "title": "Herbal tea that can cure cancer",
    "title_zh": "草本茶 包治百病",
    "description": "A calming blend.\nDrink it warm.",
    "description_zh": "舒缓的草本配方。",
    "category": 2619,
    "target_markets": ["US", "LATAM"],
    "price_cents": 1299,
    "commission_pct": 18.0,
    "moq": 20,
    "free_samples": True,
    "image_urls": [],
}




def product_via_api(server, person: Person, **fields) -> dict:
    """A product listed by `person` through POST /api/v1/products (FLAGGED_PRODUCT changed
    by `fields`), as the API answers it."""
    body = {**FLAGGED_PRODUCT, **fields}
    r = server.http.post("/api/v1/products", body=body, token=api_token(server, person))
    assert r.status == 201, f"product: {r.status} {r.body}"
    return r.json()


def offer_link(mail: Mail) -> str | None:
    """The link to an offer's page in an offer email."""
    pattern = re.compile(r"https?://[^\s\"'<>]+/offers/[0-9a-f-]{36}\?lang=[A-Za-z-]+")
    for source in (mail.text, html.unescape(mail.html)):
        m = pattern.search(source)
        if m:
            return m.group(0)
    return None


def offer_markers(server, cast) -> dict:
    """A supplier and a host (added to `cast` as "offer-supplier" and "offer-host") with an
    offer of beer between them that carries a warning; markers for test_pages' paths."""
    supplier = server.person("supplier", tag="offer-supplier", name="Qingdao Brewing")
    host = host_with_profile(server, markets=("AE",), tag="offer-host")
    beer = product_of(server, supplier, beer=True)
    product_of(server, supplier)
    r = server.http.post("/api/v1/offers", token=api_token(server, supplier), body={
        "host_id": host.id, "product_ids": [beer["id"]], "message": "Shall we go live in Ramadan?",
        "commission_pct": 15.0, "fee_cents": 25000, "free_samples": True,
    })
    assert r.status == 201, f"offer: {r.status} {r.body}"
    cast["offer-supplier"], cast["offer-host"] = supplier, host
    markers = {"{offer_host}": host.id, "{offer_product}": beer["id"], "{offer}": r.json()["id"]}
    if server.has_page("/collaborations"):
        markers["{collaboration}"] = collaboration_of(server, supplier, host)
    return markers


def collaboration_of(server, supplier: Person, host: Person) -> str:
    """A collaboration between the two over a mirror: accepted, its live held two hours
    ago, its samples shipped; the host's steps (receipt, completion) are next."""
    mirror = product_of(server, supplier)
    r = server.http.post("/api/v1/offers", token=api_token(server, supplier), body={
        "host_id": host.id, "product_ids": [mirror["id"]], "commission_pct": 18.0,
        "fee_cents": 20000, "free_samples": True, "message": "Mirrors for your home show?"})
    assert r.status == 201, f"offer: {r.status} {r.body}"
    offer = r.json()["id"]
    r = server.http.post(f"/api/v1/offers/{offer}/accept", token=api_token(server, host), body={})
    assert r.status == 200, f"accept: {r.status} {r.body}"
    r = server.http.get("/api/v1/collaborations", token=api_token(server, host))
    collab = next(c["id"] for c in r.json()["items"] if c["offer_id"] == offer)
    held = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=2)).isoformat()
    for step, body, who in [
        ("schedule", {"live_at": held, "duration_minutes": 90}, host),
        ("shipment", {"carrier": "SF Express", "tracking_number": "SF1234567890"}, supplier),
    ]:
        r = server.http.post(f"/api/v1/collaborations/{collab}/{step}", token=api_token(server, who), body=body)
        assert r.status == 200, f"{step}: {r.status} {r.body}"
    return collab


def check_offer(page):
    """Presses Check on the compose page."""
    form = page.locator("main form.offer-form")
    submit(page, form, t(page.locator("html").get_attribute("lang"), "offer-check"))
# --- search pages: marketplace fixtures through the JSON API (tests/web/test_search.py) ---


def api_token(server, person: Person) -> str:
    """A bearer token for `person`, kept in person.extra for five minutes (well inside an
    access token's life, and few enough logins to stay clear of the login throttle)."""
    token, at = person.extra.get("token", (None, 0.0))
    if token is None or time.monotonic() - at > 300:
        r = server.http.post("/api/v1/auth/login", body={"email": person.email, "password": person.password})
        assert r.status == 200, f"api login {person.email}: {r.status} {r.body}"
        token = r.json()["access_token"]
        person.extra["token"] = (token, time.monotonic())
    return token


HOST_PROFILE = {
    "display_name": "Lucía Live", "headline": "Beauty and home live shows", "bio": "Streaming since 2021.",
    "country": "MX", "languages": [{"code": "es", "level": "native"}], "markets": ["MX"],
    "categories": [2619], "platforms": [{"name": "tiktok", "handle": "@lucia", "followers": 120000}],
    "min_commission_pct": 10, "min_fee_cents": 0,
}
PRODUCT = {
    "title": "LED makeup mirror", "title_zh": "LED 化妆镜", "description": "Rechargeable, 10x magnifier.",
    "description_zh": "可充电，十倍放大。", "category": 2619, "target_markets": ["MX"], "price_cents": 1299,
    "commission_pct": 18.0, "moq": 50, "free_samples": True, "image_urls": [],
}


def ranked_host(server, **changes) -> Person:
    """An approved host whose profile is HOST_PROFILE changed by `changes`."""
    p = server.person("host", tag="search-host")
    r = server.http.request("PUT", "/api/v1/hosts/me", body={**HOST_PROFILE, **changes}, token=api_token(server, p))
    assert r.status == 200, f"host profile: {r.status} {r.body}"
    p.extra["profile"] = r.json()
    return p


def ranked_product(server, supplier: Person, **changes) -> str:
    r = server.http.post("/api/v1/products", body={**PRODUCT, **changes}, token=api_token(server, supplier))
    assert r.status == 201, f"product: {r.status} {r.body}"
    return r.json()["id"]


def api_total(server, path: str, token: str) -> int:
    r = server.http.get(path, token=token)
    assert r.status == 200, f"{path}: {r.status} {r.body}"
    return r.json()["total"]


def wait_for_total(server, path: str, token: str, at_least: int, timeout: float = 20.0) -> int:
    """Polls an API search until the index holds at least `at_least` hits for it."""
    deadline = time.monotonic() + timeout
    while True:
        n = api_total(server, path, token)
        if n >= at_least or time.monotonic() > deadline:
            assert n >= at_least, f"{path}: {n} hits after {timeout} s, expected {at_least}"
            return n
        time.sleep(0.2)


def page_total(page) -> int:
    """The count a search or ranking page shows."""
    return int(page.locator("[data-total]").first.get_attribute("data-total"))


def search_links(server) -> dict[str, str]:
    """For test_pages: a product (of a supplier made here) with hosts to rank, once per
    session; `{product}` in a path is its id."""
    if not hasattr(server, "_search_links"):
        supplier = server.person("supplier", tag="pages-supplier")
        product = ranked_product(server, supplier, target_markets=["MX", "BR"])
        ranked_host(server, display_name="Ana Beleza", languages=[{"code": "pt", "level": "native"}],
                          markets=["BR"], headline="美妆直播，每晚八点")
        ranked_host(server)
        wait_for_total(server, f"/api/v1/products/{product}/matches", api_token(server, supplier), 2)
        server._search_links = {"{product}": product}
    return server._search_links
def pick_category(form, category_id: int | str):
    """Ticks a category in the product form's tree, opening the groups above it."""
    radio = form.locator(f"input[name=category][value='{category_id}']")
    above = radio.locator("xpath=ancestor::details")
    for i in range(above.count()):
        d = above.nth(i)
        if d.get_attribute("open") is None:
            d.locator("xpath=./summary").click()
    radio.check()


def fill_product_form(form, title="", title_zh="", description="", price="", commission="",
                      moq="", category=None, markets=(), free_samples=None, images=""):
    """Fills the product form's fields that are given."""
    for name, value in [("title", title), ("title_zh", title_zh), ("description", description),
                        ("price", price), ("commission_pct", commission), ("moq", moq),
                        ("image_urls", images)]:
        if value:
            form.locator(f"[name={name}]").fill(value)
    if category is not None:
        pick_category(form, category)
    for m in markets:
        form.locator(f"input[name=target_markets][value='{m}']").check()
    if free_samples is not None:
        box = form.locator("input[name=free_samples]")
        box.check() if free_samples else box.uncheck()


def product_form(page):
    return page.locator("main form.product-form")


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
# --- Profiles (tests/web/test_profiles.py, test_pages.py) ---------------------------------

PUBLIC_HOST = {
    "display_name": "Lucía Live", "headline": "Beauty live shows for Mexico and Spain",
    "bio": "Ten years in retail.\nStreaming since 2021.", "country": "MX",
    "languages": [{"code": "es", "level": "native"}, {"code": "en", "level": "fluent"}],
    "markets": ["MX", "ES", "GCC"], "categories": [473],
    "platforms": [{"name": "tiktok", "handle": "@lucia", "followers": 120000},
                  {"name": "instagram", "handle": "lucia.live", "followers": 30500}],
    "min_commission_pct": 12.5, "min_fee_cents": 20000,
}
SUPPLIER_PROFILE = {
    "company_name": "Shenzhen Bright Mirror Co., Ltd.", "company_name_zh": "深圳明镜有限公司",
    "license_number": "91350100M000100Y43", "province": "广东", "city": "深圳",
    "website": "https://mirror.example.cn", "description": "LED makeup mirrors since 2012.",
    "description_zh": "LED 化妆镜生产商，始于 2012 年。", "categories": [473, 2619],
    "target_markets": ["LATAM", "US"],
}
PUBLIC_PRODUCT = {
    "title": "LED makeup mirror with 3 light modes", "title_zh": "三色光 LED 化妆镜",
    "description": "Rechargeable, 10x magnifier.", "description_zh": "可充电，十倍放大镜。",
    "category": 2619, "target_markets": ["LATAM", "US"], "price_cents": 1299,
    "commission_pct": 18.0, "moq": 50, "free_samples": True,
    "image_urls": ["https://img.example.cn/mirror.jpg"],
}




def api_get(server, p: Person, path: str):
    r = server.http.get(path, token=api_token(server, p))
    return r.status, (r.json() if r.status == 200 else None)


def public_profiles(server) -> dict:
    """An approved host and an approved supplier with profiles (and one product), made
    once per session through the API: `{public-host}` and `{public-supplier}` ids."""
    cached = getattr(server, "_public_profiles", None)
    if cached:
        return cached
    host = server.person("host", tag="public-host", name="Lucía Live")
    r = server.http.request("PUT", "/api/v1/hosts/me", body=PUBLIC_HOST, token=api_token(server, host))
    assert r.status == 200, f"host profile: {r.status} {r.body}"
    supplier = server.person("supplier", tag="public-supplier")
    token = api_token(server, supplier)
    r = server.http.request("PUT", "/api/v1/suppliers/me", body=SUPPLIER_PROFILE, token=token)
    assert r.status == 200, f"supplier profile: {r.status} {r.body}"
    r = server.http.post("/api/v1/products", body=PUBLIC_PRODUCT, token=token)
    assert r.status in (200, 201), f"product: {r.status} {r.body}"
    server._public_profiles = {"{public-host}": host.id, "{public-supplier}": supplier.id}
    return server._public_profiles


def bad_supplier_profile(page):
    """/me/profile with a mistyped USCC and no market: the form comes back with errors."""
    form = page.locator("main form[action='/me/profile']")
    form.locator("[name=company_name]").fill("Bright <b>Mirror</b>")
    form.locator("[name=license_number]").fill("91350100M000100Y44")
    submit(page, form)


def own_image(server) -> str:
    """An image URL the server under test serves (its icon), for products whose images must
    load without the network."""
    m = re.search(r'href="(/assets/icon[^"]*)"', server.http.get("/").body)
    assert m, "no icon link on the home page"
    return server.url + m.group(1)
