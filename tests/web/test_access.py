"""Who may open which page: every page route the app serves × every kind of reader →
the status WEB.md gives (200, 303 to /login?next=..., 403, 404).

A page route without a row here fails test_every_page_route_the_app_serves_has_a_row;
a row whose page answers 404 for everyone fails."""

import re
import urllib.parse
import uuid

import pytest

import hm
from hm import t

VIEWERS = ["anonymous", "pending", "supplier", "host", "admin", "suspended"]

# Every path of WEB.md's page table (/work/shared/WEB.md, "Pages"), as route patterns.
WEB_MD_PAGES = {
    "/", "/register", "/login", "/logout", "/verify-email", "/forgot-password",
    "/reset-password", "/settings", "/me/profile", "/me/products", "/me/products/new",
    "/products/{id}", "/products/{id}/edit", "/products/{id}/matches", "/search/hosts",
    "/search/products", "/hosts/{id}", "/suppliers/{id}", "/recommendations", "/offers",
    "/offers/{id}", "/offers/new", "/collaborations", "/collaborations/{id}", "/screen",
    "/admin", "/admin/accounts", "/admin/accounts/{id}", "/admin/audit-log",
    "/admin/market-rules", "/admin/screening-terms",
}
# GET routes README's "Web pages" adds to WEB.md: downloads, not pages.
README_ADDITIONS = {"/settings/export"}
DOWNLOADS = {"/settings/export": "application/json"}

OK, LOGIN, FORBIDDEN, NOT_FOUND = 200, "login", 403, 404
ANYONE = dict.fromkeys(VIEWERS, OK)
# Suspension ends the account's sessions: its old cookie reads pages as nobody's.
ACCOUNT = {"anonymous": LOGIN, "pending": OK, "supplier": OK, "host": OK, "admin": OK, "suspended": LOGIN}
ADMIN = {"anonymous": LOGIN, "pending": FORBIDDEN, "supplier": FORBIDDEN, "host": FORBIDDEN,
         "admin": OK, "suspended": LOGIN}
ADMIN_MISSING = {**ADMIN, "admin": NOT_FOUND}
# Composing is for approved suppliers; a host nobody can see is 404 to them.
SUPPLIER_MISSING = {**ADMIN, "admin": FORBIDDEN, "supplier": NOT_FOUND}
# An offer nobody is a party to: 404 for every account, as the API.
NOBODYS = {**dict.fromkeys(VIEWERS, NOT_FOUND), "anonymous": LOGIN, "suspended": LOGIN}
SUPPLIER_OR_ADMIN = {**ADMIN, "supplier": OK}
APPROVED = {**SUPPLIER_OR_ADMIN, "host": OK}
APPROVED_HOST = {**ADMIN, "host": OK, "admin": FORBIDDEN}
# A product nobody has: a host may not rank hosts at all (403), the others find nothing.
MATCHES_MISSING = {**ADMIN, "pending": NOT_FOUND, "supplier": NOT_FOUND, "admin": NOT_FOUND}
NOT_AN_ID = {**MATCHES_MISSING, "host": NOT_FOUND}
# The catalogue: a supplier's own list (a pending one sees theirs, empty); listing needs an
# approved supplier; a product nobody has is 404 for every account (real products are
# tried by viewer in test_catalogue.py).
SUPPLIER_PAGE = {**ACCOUNT, "host": FORBIDDEN, "admin": FORBIDDEN}
LISTING = {**SUPPLIER_PAGE, "pending": FORBIDDEN}
ACCOUNT_MISSING = {**ACCOUNT, "pending": NOT_FOUND, "supplier": NOT_FOUND, "host": NOT_FOUND,
                   "admin": NOT_FOUND}

# (route pattern, the path asked for, expected status by viewer). `{pending}` is the
# pending account's id, `{unknown}` an id nobody has.
ROWS = [
    ("/", "/", ANYONE),
    ("/register", "/register", ANYONE),
    ("/register", "/register?role=host", ANYONE),
    ("/login", "/login", ANYONE),
    ("/login", "/login?next=%2Fsettings", ANYONE),
    ("/verify-email", "/verify-email?token=hmv_made_up", ANYONE),
    ("/forgot-password", "/forgot-password", ANYONE),
    ("/reset-password", "/reset-password?token=hmr_made_up", ANYONE),
    ("/settings", "/settings", ACCOUNT),
    ("/settings/export", "/settings/export", ACCOUNT),
    ("/admin", "/admin", ADMIN),
    ("/admin", "/admin?status=rejected&role=host&page=1", ADMIN),
    ("/admin/accounts", "/admin/accounts", ADMIN),
    ("/admin/accounts", "/admin/accounts?status=nonsense&lang=zh-CN", ADMIN),
    ("/admin/accounts/{id}", "/admin/accounts/{pending}", ADMIN),
    ("/admin/accounts/{id}", "/admin/accounts/{unknown}", ADMIN_MISSING),
    ("/admin/accounts/{id}", "/admin/accounts/not-an-id", ADMIN_MISSING),
    ("/admin/audit-log", "/admin/audit-log", ADMIN),
    ("/admin/market-rules", "/admin/market-rules", ADMIN),
    ("/admin/screening-terms", "/admin/screening-terms", ADMIN),
    ("/offers", "/offers", ACCOUNT),
    ("/offers", "/offers?status=accepted&page=2&lang=zh-CN", ACCOUNT),
    ("/offers/new", "/offers/new?host_id={unknown}", SUPPLIER_MISSING),
    ("/offers/new", "/offers/new", SUPPLIER_MISSING),
    ("/offers/{id}", "/offers/{unknown}", NOBODYS),
    ("/offers/{id}", "/offers/not-an-id", NOBODYS),
    ("/collaborations", "/collaborations", ACCOUNT),
    ("/collaborations", "/collaborations?status=cancelled&page=2&lang=zh-CN", ACCOUNT),
    ("/collaborations/{id}", "/collaborations/{unknown}", NOBODYS),
    ("/collaborations/{id}", "/collaborations/not-an-id", NOBODYS),
    ("/search/hosts", "/search/hosts", SUPPLIER_OR_ADMIN),
    ("/search/hosts", "/search/hosts?language=pt&market=BR&lang=zh-CN&utm_source=mail", SUPPLIER_OR_ADMIN),
    ("/search/products", "/search/products", APPROVED),
    ("/search/products", "/search/products?category=469&free_samples=true&page=1", APPROVED),
    ("/products/{id}/matches", "/products/{unknown}/matches", MATCHES_MISSING),
    ("/products/{id}/matches", "/products/not-an-id/matches?weights=language:9", NOT_AN_ID),
    ("/recommendations", "/recommendations", APPROVED_HOST),
    ("/recommendations", "/recommendations?weights=price:5", APPROVED_HOST),
    # Profiles: admins have none (404, as GET /api/v1/suppliers/me); a public profile is
    # visible as GET /api/v1/hosts/{id} allows (none here has one: 404 to every account).
    ("/me/profile", "/me/profile", {**ACCOUNT, "admin": NOT_FOUND}),
    ("/hosts/{id}", "/hosts/{unknown}", {**ACCOUNT, **dict.fromkeys(["pending", "supplier", "host", "admin"], NOT_FOUND)}),
    ("/hosts/{id}", "/hosts/{pending}", {**ACCOUNT, **dict.fromkeys(["pending", "supplier", "host", "admin"], NOT_FOUND)}),
    ("/hosts/{id}", "/hosts/not-an-id", {**ACCOUNT, **dict.fromkeys(["pending", "supplier", "host", "admin"], NOT_FOUND)}),
    ("/suppliers/{id}", "/suppliers/{unknown}", {**ACCOUNT, **dict.fromkeys(["pending", "supplier", "host", "admin"], NOT_FOUND)}),
    ("/suppliers/{id}", "/suppliers/{pending}", {**ACCOUNT, **dict.fromkeys(["pending", "supplier", "host", "admin"], NOT_FOUND)}),
    ("/me/products", "/me/products", SUPPLIER_PAGE),
    ("/me/products", "/me/products?status=archived&page=2&lang=zh-CN", SUPPLIER_PAGE),
    ("/me/products/new", "/me/products/new", LISTING),
    ("/products/{id}", "/products/{unknown}", ACCOUNT_MISSING),
    ("/products/{id}", "/products/not-an-id", ACCOUNT_MISSING),
    ("/products/{id}", "/products/{unknown}?archive=confirm", ACCOUNT_MISSING),
    ("/products/{id}/edit", "/products/{unknown}/edit", ACCOUNT_MISSING),
    (None, "/no-such-page", dict.fromkeys(VIEWERS, NOT_FOUND)),
    (None, "/admin/no-such-page", dict.fromkeys(VIEWERS, NOT_FOUND)),
]
# Not pages: static files, and routes that only take posts.
NOT_PAGES = {"/assets/{file}"}


def page_routes_in_source() -> dict[str, str]:
    """Every GET route the web edge declares (src/web/**.rs), with the file declaring it."""
    found = {}
    for path in sorted((hm.REPO / "src" / "web").rglob("*.rs")):
        source = path.read_text(encoding="utf-8")
        for m in re.finditer(r'\.route\(\s*"([^"]+)"\s*,', source):
            depth, i = 1, m.end()
            while depth and i < len(source):  # the route's method router, to its ")"
                depth += {"(": 1, ")": -1}.get(source[i], 0)
                i += 1
            if re.search(r"\bget\(", source[m.end():i]):
                found[m.group(1)] = str(path.relative_to(hm.REPO))
        assert ".nest(" not in source, f"{path}: nested routers are not read here; list the routes"
    return found


def test_every_page_route_the_app_serves_has_a_row():
    routes = page_routes_in_source()
    assert {"/", "/register", "/login"} <= set(routes), f"the route scan found only {routes}"
    covered = {row[0] for row in ROWS}
    missing = {r: f for r, f in routes.items() if r not in covered and r not in NOT_PAGES}
    assert not missing, f"page routes with no row in test_access.ROWS: {missing}"


def test_every_row_is_a_page_of_web_md():
    unknown = {row[0] for row in ROWS if row[0] is not None} - WEB_MD_PAGES - README_ADDITIONS
    assert not unknown, f"rows for paths neither WEB.md nor the README lists: {unknown}"


def test_every_web_md_page_the_app_serves_has_a_row(server):
    covered = {row[0] for row in ROWS}
    served = []
    for pattern in sorted(WEB_MD_PAGES - covered - {"/logout"}):
        probe = pattern.replace("{id}", str(uuid.uuid4()))
        if server.http.get(probe).status != 404:
            served.append(pattern)
    assert not served, f"WEB.md pages the app serves with no row in test_access.ROWS: {served}"


CASES = [(route, path, viewer, expected[viewer]) for route, path, expected in ROWS for viewer in VIEWERS]


@pytest.mark.parametrize(
    "route,path,viewer,expected", CASES, ids=[f"{p} as {v}" for _, p, v, _ in CASES]
)
def test_page_access(server, cast, route, path, viewer, expected):
    if route is not None:
        probe = path.split("?")[0].replace("{pending}", str(uuid.uuid4())).replace("{unknown}", str(uuid.uuid4()))
        server.need(probe)
    path = path.replace("{pending}", cast["pending"].id).replace("{unknown}", str(uuid.uuid4()))
    person = cast[viewer]
    answer = server.http.get(path, cookie=person.cookie if person else None)
    if expected == LOGIN:
        assert answer.status == 303, f"{path} as {viewer}: {answer.status}, not a redirect to log in"
        location = answer.header("location") or ""
        assert location.startswith("/login?next="), location
        nxt = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["next"][0]
        assert nxt == path, f"next={nxt!r} for {path}"
        return
    assert answer.status == expected, f"{path} as {viewer}: {answer.status}, expected {expected}"
    if path in DOWNLOADS:
        assert answer.status == expected, f"{path} as {viewer}: {answer.status}"
        assert (answer.header("content-type") or "").startswith(DOWNLOADS[path])
        assert "attachment" in (answer.header("content-disposition") or ""), "not a download"
        assert person.email in answer.body, "the export does not hold the account"
        return
    assert answer.header("content-type") == "text/html; charset=utf-8"
    if expected in (FORBIDDEN, NOT_FOUND):
        key = f"error-{expected}-title"
        assert t("en", key) in answer.body or t("zh-CN", key) in answer.body, "not the error page"
    else:
        assert answer.body.count("<h1") == 1, f"{path} as {viewer} has {answer.body.count('<h1')} <h1>"
