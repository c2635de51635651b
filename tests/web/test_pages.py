"""Every page in both languages: axe-core finds nothing serious or critical, no message
key is missing, Chinese pages are in Chinese, a phone never scrolls sideways; and a
screenshot of each on desktop and phone under target/web-screenshots/."""

import pytest
from axe_playwright_python.sync_playwright import Axe

import hm
from hm import CJK, MISSING_KEY, PASSWORD


def bad_registration(page):
    form = page.locator("main form[action='/register']")
    form.locator("[name=email]").fill("not-an-address")
    form.locator("[name=password]").fill("short")
    hm.submit(page, form)


def bad_login(page):
    form = page.locator("main form[action='/login']")
    form.locator("[name=email]").fill("nobody@example.com")
    form.locator("[name=password]").fill("not the password")
    hm.submit(page, form)


def bad_product(page):
    form = hm.product_form(page)
    hm.fill_product_form(form, title="Kept title", price="twelve", commission="150")
    hm.submit(page, form)


# name → (who reads it, path, what to do on it first). `{pending}`, `{verify}` and
# `{reset}` are filled in from the session's accounts and emails.
PAGES = {
    "home": ("anonymous", "/", None),
    "home-pending": ("pending", "/", None),
    "home-approved": ("supplier", "/", None),
    "register": ("anonymous", "/register", None),
    "register-errors": ("anonymous", "/register?role=supplier", bad_registration),
    "login": ("anonymous", "/login", None),
    "login-error": ("anonymous", "/login", bad_login),
    "verify-email": ("anonymous", "{verify}", None),
    "forgot-password": ("anonymous", "/forgot-password", None),
    "reset-password": ("anonymous", "{reset}", None),
    "settings": ("supplier", "/settings", None),
    "admin": ("admin", "/admin", None),
    "admin-accounts": ("admin", "/admin/accounts", None),
    "admin-account": ("admin", "/admin/accounts/{pending}", None),
    "admin-audit-log": ("admin", "/admin/audit-log", None),
    "admin-market-rules": ("admin", "/admin/market-rules", None),
    "admin-screening-terms": ("admin", "/admin/screening-terms", None),
    "offer-new": ("offer-supplier", "/offers/new?host_id={offer_host}&product_id={offer_product}", None),
    "offer-new-warnings": ("offer-supplier", "/offers/new?host_id={offer_host}&product_id={offer_product}",
                           hm.check_offer),
    "offers-supplier": ("offer-supplier", "/offers", None),
    "offers-host": ("offer-host", "/offers", None),
    "offer-host": ("offer-host", "/offers/{offer}", None),
    "offer-supplier": ("offer-supplier", "/offers/{offer}", None),
    "collaborations-host": ("offer-host", "/collaborations", None),
    "collaboration-host": ("offer-host", "/collaborations/{collaboration}", None),
    "collaboration-supplier": ("offer-supplier", "/collaborations/{collaboration}", None),
    "supplier-profile": ("supplier", "/me/profile", None),
    "supplier-profile-errors": ("supplier", "/me/profile", hm.bad_supplier_profile),
    "host-profile": ("host", "/me/profile", None),
    "host-public": ("supplier", "/hosts/{public-host}", None),
    "supplier-public": ("host", "/suppliers/{public-supplier}", None),
    "my-products": ("supplier", "/me/products", None),
    "product-new": ("supplier", "/me/products/new", None),
    "product-new-errors": ("supplier", "/me/products/new", bad_product),
    "product-edit": ("supplier", "/products/{catalogue-product}/edit", None),
    "product": ("supplier", "/products/{catalogue-product}", None),
    "product-host": ("host", "/products/{catalogue-product}", None),
    "error-404": ("anonymous", "/no-such-page", None),
    "error-403": ("supplier", "/admin", None),
    "search-hosts": ("supplier", "/search/hosts", None),
    "search-hosts-filters": ("supplier", "/search/hosts?language=pt&market=BR&min_followers=1000", None),
    "search-products": ("host", "/search/products", None),
    "matches": ("admin", "/products/{product}/matches", None),
    "recommendations": ("host", "/recommendations", None),
}
BUILT_BY = {"{verify}": "/verify-email", "{reset}": "/reset-password", "/no-such-page": "/",
            "/admin/accounts/{pending}": "/admin/accounts", "/offers/{offer}": "/offers",
            "/collaborations/{collaboration}": "/collaborations",
            "/products/{catalogue-product}": "/me/products",
            "/products/{catalogue-product}/edit": "/me/products"}


@pytest.fixture(scope="session")
def links(server, cast):
    """Real verification and reset links (opening them spends nothing); a rule and a term
    so their pages show a table."""
    out = {"{pending}": cast["pending"].id}
    out.update(hm.public_profiles(server))
    token = server.admin_token()
    for path, body in [
        ("/api/v1/admin/market-rules", {"market": "SA", "category": 499676, "level": "prohibited",
         "reason": "Alcohol may not be sold", "reason_zh": "禁止销售酒类", "source": "https://example.com/sa"}),
        ("/api/v1/admin/screening-terms", {"language": "en", "kind": "claim", "level": "restricted",
         "markets": ["US", "GB"], "term": "cures acne", "reason": "A medical claim",
         "reason_zh": "医疗功效宣称", "source": "https://example.com/claims"}),
    ]:
        if server.has_page(path.replace("/api/v1", "")):
            r = server.http.post(path, body=body, token=token)
            assert r.status in (200, 201), f"{path}: {r.status} {r.body}"
    out.update(hm.search_links(server))
    if server.has_page("/me/products"):  # a product of the cast's supplier, with findings
        out["{catalogue-product}"] = hm.product_via_api(
            server, cast["supplier"], image_urls=[hm.own_image(server)])["id"]
    person = server.register("host", tag="links")
    if server.has_page("/verify-email"):
        mail = server.outbox.wait_for(person.email, "/verify-email?token=")
        out["{verify}"] = hm.path_of(mail.link("/verify-email"))
    if server.has_page("/forgot-password") and server.has_page("/reset-password"):
        assert server.http.post("/forgot-password", form={"email": person.email}).status == 303
        mail = server.outbox.wait_for(person.email, "/reset-password?token=")
        out["{reset}"] = hm.path_of(mail.link("/reset-password"))
    if server.has_page("/offers"):
        out.update(hm.offer_markers(server, cast))
    return out


def open_page(contexts, server, cast, links, name, lang, device="desktop"):
    viewer, path, setup = PAGES[name]
    server.need(BUILT_BY.get(path, path.split("?")[0]))
    for marker, value in links.items():
        path = path.replace(marker, value)
    page = contexts(device, person=cast[viewer]).new_page()
    page.goto(path + ("&" if "?" in path else "?") + f"lang={lang}")
    if setup:
        setup(page)
    assert hm.html_lang(page) == lang, f"{name}: <html lang={hm.html_lang(page)}>"
    return page


PAGE_LANGS = [(n, lang) for n in PAGES for lang in hm.LANGS]
PAGE_LANG_IDS = [f"{n}.{lang}" for n, lang in PAGE_LANGS]


@pytest.mark.parametrize("name,lang", PAGE_LANGS, ids=PAGE_LANG_IDS)
def test_axe_finds_no_serious_or_critical_violation(contexts, server, cast, links, name, lang):
    page = open_page(contexts, server, cast, links, name, lang)
    results = Axe().run(page)
    assert "testEngine" in results.response, "axe did not run"
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    report = "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} at "
        + ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in bad
    )
    assert not bad, f"{name} ({lang}):\n{report}"


@pytest.mark.parametrize("name,lang", PAGE_LANGS, ids=PAGE_LANG_IDS)
def test_no_message_is_missing_and_chinese_pages_are_in_chinese(contexts, server, cast, links, name, lang):
    page = open_page(contexts, server, cast, links, name, lang)
    assert MISSING_KEY not in page.content(), f"{name} ({lang}) shows a missing message key"
    assert page.locator("h1").count() == 1, f"{name} ({lang}) has {page.locator('h1').count()} <h1>"
    if lang == "zh-CN":
        main = page.locator("main").inner_text()
        assert CJK.search(main), f"{name}: no Chinese in <main>: {main[:200]!r}"
        assert CJK.search(page.title()), f"{name}: the title is not Chinese: {page.title()!r}"


@pytest.mark.parametrize("name,lang", PAGE_LANGS, ids=PAGE_LANG_IDS)
def test_the_page_loads_without_console_errors_or_failed_requests(contexts, server, cast, links, name, lang):
    """A CSP violation, a missing asset or a script error shows here."""
    viewer, path, setup = PAGES[name]
    server.need(BUILT_BY.get(path, path.split("?")[0]))
    for marker, value in links.items():
        path = path.replace(marker, value)
    ctx = contexts(person=cast[viewer])
    problems = []
    ctx.on("console", lambda m: m.type == "error" and problems.append((m.location.get("url"), m.text)))
    ctx.on("requestfailed", lambda r: problems.append((r.url, f"failed: {r.failure}")))
    ctx.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document"
           and problems.append((r.url, f"status {r.status}")))
    page = ctx.new_page()
    page.on("pageerror", lambda e: problems.append((page.url, f"uncaught: {e}")))
    page.goto(path + ("&" if "?" in path else "?") + f"lang={lang}")
    if setup:
        setup(page)
    page.wait_for_load_state("networkidle")
    # The document's own 4xx (an error page, a 422 form) is logged as a failed load: expected.
    document = page.url.split("#")[0]
    problems = [(url, text) for url, text in problems
                if not (text.startswith("Failed to load resource") and url and url.split("#")[0] == document)]
    assert not problems, f"{name} ({lang}): {problems}"


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("name,lang", PAGE_LANGS, ids=PAGE_LANG_IDS)
def test_screenshot(contexts, server, cast, links, screenshots, name, lang, device):
    page = open_page(contexts, server, cast, links, name, lang, device)
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(screenshots / f"{name}.{lang}.{device}.png"), full_page=True)
    if device == "phone":
        wide = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth,"
            " Array.from(document.querySelectorAll('body *'))"
            "  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
            "    && !e.closest('.table-wrap'))"
            "  .slice(0, 5).map(e => e.tagName + (e.className ? '.' + e.className : ''))]"
        )
        assert wide[0] <= wide[1], f"{name} ({lang}) scrolls sideways on a phone: {wide}"
