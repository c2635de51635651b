#!/usr/bin/env python3
"""Makes tests/fixtures/upgrade-2026-12-01.sqlite: a small database written by this
checkout's own `hostmatch` binary through its real HTTP API, for a test that migrates an
old database and reads it back row by row.

    python3 scripts/make-upgrade-fixture.py              # builds the binary with cargo first
    python3 scripts/make-upgrade-fixture.py --bin PATH   # uses a binary built from this checkout
    python3 scripts/make-upgrade-fixture.py --out FILE --keep

Standard library only. What it does:

1. `hostmatch create-admin` (the CLI) on a fresh temp data dir, then `hostmatch serve` on a
   free 127.0.0.1 port with the file mailer, the mail worker and the indexer running.
2. Through HTTP: hosts and suppliers in every account status (pending, approved, rejected,
   suspended, and one reinstated), their profiles, products (one with medical claims, one
   beer for Saudi Arabia and the Emirates, one archived, one made twice with the same
   Idempotency-Key), admin market rules and screening terms in every level and kind (one
   rule added and deleted again), offers that end sent, accepted, declined (with and
   without a reason), withdrawn and expired (expires_at 70 s ahead, then the offer clock),
   an offer with compliance warnings, an offer made twice with the same Idempotency-Key,
   logins, refreshes, a replayed spent refresh token, a logout, wrong passwords.
3. Waits for the offer to expire, every email to be written (`sent`) and the indexer to
   catch up, then stops the server with SIGTERM.
4. Starts it again with HOSTMATCH_SMTP_URL pointing at a stub SMTP server in this script
   that answers 550 to one address and 451 to another, makes two more emails, and waits
   until one is `failed` and the other is `pending` with an attempt and an error recorded.
   SIGTERM again.
5. `PRAGMA wal_checkpoint(TRUNCATE)`, `VACUUM`, `PRAGMA journal_mode=DELETE` (so the file
   stands alone), `PRAGMA integrity_check`, and copies the single .db file to --out.

Times and ids (UUID v7, random token hashes) differ on every run; the shape and the
counts do not. `dead` outbox rows (60 temporary failures over about 26 hours) are not
made.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import socket
import socketserver
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "fixtures" / "upgrade-2026-12-01.sqlite"
PASSWORD = "correct horse battery staple"
ADMIN_EMAIL = "admin@fixture.test"
# The stub SMTP server's answers in phase 2, by recipient.
SMTP_PERMANENT = "supplier-late@fixture.test"  # 550: the row becomes `failed`
SMTP_TEMPORARY = "host-amira@fixture.test"  # 451: stays `pending`, attempts 1, last_error


def log(msg: str) -> None:
    print(f"[fixture] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# The binary


def build_binary(into: Path) -> Path:
    """`cargo build --bin hostmatch` in this checkout (CARGO_TARGET_DIR is honoured), then
    a copy of the executable cargo reports for this checkout's manifest, taken at once:
    with a target dir shared by several checkouts, `target/debug/hostmatch` is whichever
    checkout built (or re-linked) last, so it must not be read later."""
    log("cargo build --bin hostmatch (debug)")
    p = subprocess.run(
        ["cargo", "build", "--bin", "hostmatch", "--message-format=json-render-diagnostics"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        check=True,
    )
    exe = None
    for line in p.stdout.decode().splitlines():
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        if (
            msg.get("reason") == "compiler-artifact"
            and msg.get("target", {}).get("name") == "hostmatch"
            and msg.get("executable")
            and Path(msg.get("manifest_path", "")).resolve() == (ROOT / "Cargo.toml").resolve()
        ):
            exe = msg["executable"]
    if not exe:
        sys.exit("cargo did not report a hostmatch executable")
    copy = into / "hostmatch"
    shutil.copy2(exe, copy)
    return copy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_no_dotenv(start: Path) -> None:
    """The service reads a .env in its working directory or any parent; a stray one
    would change the fixture."""
    for d in [start, *start.parents]:
        if (d / ".env").exists():
            sys.exit(f"{d / '.env'} exists and would be read by the service; move it away")


class Server:
    def __init__(self, binary: Path, work: Path, extra_env: dict[str, str] | None = None):
        self.binary = binary
        self.work = work
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = base_env(work)
        self.env["HOSTMATCH_BIND"] = f"127.0.0.1:{self.port}"
        self.env.update(extra_env or {})
        self.log_path = work / f"serve-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        log(f"hostmatch serve on {self.base}")
        self.log_file = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [str(self.binary), "serve"],
            cwd=self.work,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.fail(f"hostmatch serve exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.base + "/readyz", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        self.fail("hostmatch serve did not become ready in 120 s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            log("SIGTERM")
            self.proc.send_signal(signal.SIGTERM)
            try:
                rc = self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.fail("hostmatch serve did not stop within 60 s of SIGTERM")
            if rc != 0:
                self.fail(f"hostmatch serve exited with {rc} after SIGTERM")
        self.log_file.close()

    def fail(self, why: str) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        tail = self.log_path.read_text(errors="replace").splitlines()[-40:]
        sys.exit(why + "\n--- server log (last lines) ---\n" + "\n".join(tail))


def base_env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOSTMATCH_")}
    env.update(
        {
            "HOSTMATCH_DATA_DIR": str(work / "data"),
            # Links in email payloads; fixed so they do not carry the random port.
            "HOSTMATCH_PUBLIC_URL": "http://hostmatch.fixture.test",
            "HOSTMATCH_LOG": "info",
            "HOSTMATCH_OUTBOX_POLL_MS": "200",
            "HOSTMATCH_INDEX_POLL_MS": "200",
        }
    )
    return env


# ---------------------------------------------------------------------------------------
# HTTP


class Api:
    def __init__(self, base: str):
        self.base = base + "/api/v1"

    def call(self, method, path, token=None, body=None, headers=None, expect=(200,)):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if body is not None:
            req.add_header("content-type", "application/json")
        if token:
            req.add_header("authorization", f"Bearer {token}")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                status, raw = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, raw = e.code, e.read()
        text = raw.decode(errors="replace")
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = text
        if isinstance(expect, int):
            expect = (expect,)
        if status not in expect:
            raise SystemExit(f"{method} {path}: expected {expect}, got {status}: {text[:2000]}")
        return parsed

    def get(self, path, token=None, **kw):
        return self.call("GET", path, token, **kw)

    def post(self, path, token=None, body=None, **kw):
        return self.call("POST", path, token, body if body is not None else {}, **kw)

    def put(self, path, token=None, body=None, **kw):
        return self.call("PUT", path, token, body, **kw)

    def patch(self, path, token=None, body=None, **kw):
        return self.call("PATCH", path, token, body, **kw)

    def delete(self, path, token=None, **kw):
        return self.call("DELETE", path, token, expect=kw.pop("expect", (204,)), **kw)


class User:
    def __init__(self, api: Api, email: str, account: dict | None = None):
        self.api = api
        self.email = email
        self.id = account["id"] if account else None
        self.access = None
        self.refresh = None

    def login(self, password: str = PASSWORD) -> "User":
        a = self.api.post("/auth/login", body={"email": self.email, "password": password})
        self.access, self.refresh = a["access_token"], a["refresh_token"]
        self.id = a["account"]["id"]
        return self


def register(api: Api, email: str, role: str, name: str, locale: str) -> User:
    a = api.post(
        "/auth/register",
        body={"email": email, "password": PASSWORD, "role": role, "display_name": name,
              "locale": locale},
        expect=201,
    )
    assert a["status"] == "pending", a
    return User(api, email, a).login()


def vet(api: Api, admin: User, who: User, action: str, reason: str | None = None) -> dict:
    body = {} if reason is None else {"reason": reason}
    return api.post(f"/admin/accounts/{who.id}/{action}", admin.access, body)


# ---------------------------------------------------------------------------------------
# Data

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(first17: str) -> str:
    """A Unified Social Credit Code with its check character (GB 32100-2015), as
    src/domain/uscc.rs computes it."""
    s = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return first17 + USCC_ALPHABET[(31 - s % 31) % 31]


def host_body(name, headline, bio, country, languages, markets, categories, platforms,
              min_commission_pct, min_fee_cents):
    return {
        "display_name": name,
        "headline": headline,
        "bio": bio,
        "country": country,
        "languages": [{"code": c, "level": lv} for c, lv in languages],
        "markets": markets,
        "categories": categories,
        "platforms": [{"name": n, "handle": h, "followers": f} for n, h, f in platforms],
        "min_commission_pct": min_commission_pct,
        "min_fee_cents": min_fee_cents,
    }


HOSTS = {
    # key: (locale, final status, profile)
    "lucia": ("en", "approved", host_body(
        "Lucía Live", "Beauty and home live shows for Mexico and Colombia",
        "Ten years in retail.\nStreaming since 2021.", "MX",
        [("es", "native"), ("en", "fluent")], ["MX", "CO", "US"], [473, 2619],
        [("tiktok", "@lucia", 120000), ("instagram", "lucia.live", 30500)], 12.5, 20000)),
    "amira": ("en", "approved", host_body(
        "Amira", "Gulf beauty and wellness, in Arabic and English",
        "Health and beauty for the Gulf.", "AE",
        [("ar", "native"), ("en", "conversational")], ["AE"], [412, 469],
        [("instagram", "amira.gulf", 1800000), ("youtube", "AmiraGulf", 450000),
         ("snapchat", "amira", 150000)], 10.0, 150000)),
    "sari": ("zh-CN", "approved", host_body(
        "Sari 直播", "印尼和马来西亚的手机配件直播", "Tech unboxing in Bahasa Indonesia.\n"
        "我也说一点中文。", "ID",
        [("id", "native"), ("en", "fluent"), ("zh", "conversational")], ["ID", "MY", "SEA"],
        [264, 499878], [("shopee", "sari.live", 56000), ("tokopedia", "sari", 21000),
                        ("tiktok", "@sari.id", 98000)], 8.0, 0)),
    "pending": ("en", "pending", host_body(
        "Bruna Ao Vivo", "Moda e beleza para o Brasil", "Lives de moda desde 2020.", "BR",
        [("pt", "native"), ("es", "conversational")], ["BR"], [469],
        [("kwai", "bruna", 40000)], 15.0, 10000)),
    "rejected": ("en", "rejected", host_body(
        "Miracle Tea Mike", "Herbal tea that cures cancer",
        "我们的草本茶包治百病。Our tea cures cancer, guaranteed weight loss!", "US",
        [("en", "native")], ["US"], [412], [("facebook", "miracle.mike", 9000)], 20.0, 5000)),
    "suspended": ("zh-CN", "suspended", host_body(
        "Nong Live", "Thai home and kitchen live streams", "Cooking shows every evening.",
        "TH", [("th", "native"), ("en", "conversational")], ["TH"], [412],
        [("lazada", "nong", 33000), ("facebook", "nong.live", 12000)], 9.5, 0)),
}

SUPPLIERS = {
    # key: (locale, final status, profile)
    "bright": ("en", "approved", {
        "company_name": "Shenzhen Bright Mirror Co., Ltd.",
        "company_name_zh": "深圳明镜有限公司",
        "license_number": "91350100M000100Y43",
        "province": "广东", "city": "深圳", "website": "https://mirror.example.cn",
        "description": "LED makeup mirrors, phone tripods and a few other lines.",
        "description_zh": "LED 化妆镜生产商。",
        "categories": [473, 264], "target_markets": ["LATAM", "US", "MENA"]}),
    "tea": ("zh-CN", "approved", {
        "company_name": "Hangzhou West Lake Tea Co., Ltd.",
        "company_name_zh": "杭州西湖茶业有限公司",
        "license_number": "91110000802100433B",
        "province": "浙江", "city": "杭州", "website": "https://tea.example.cn",
        "description": "Longjing green tea and tea sets.",
        "description_zh": "龙井绿茶与茶具。",
        "categories": [2073], "target_markets": ["SEA", "US"]}),
    "pending": ("zh-CN", "pending", {
        "company_name": "Yiwu Small Goods Trading Co., Ltd.",
        "company_name_zh": "义乌小商品贸易有限公司",
        "license_number": "914403001922038216",
        "province": "浙江", "city": "义乌", "website": "https://yiwu.example.cn",
        "description": "Small goods of every kind.", "description_zh": "各类小商品。",
        "categories": [469], "target_markets": ["EU"]}),
    "rejected": ("en", "rejected", {
        "company_name": "Guangzhou Replica Bags Ltd.",
        "company_name_zh": "广州高仿包有限公司",
        "license_number": uscc("91440101MA5CXK2N7"),
        "province": "广东", "city": "广州", "website": "https://bags.example.cn",
        "description": "Bags.", "description_zh": "箱包。",
        "categories": [469], "target_markets": ["US"]}),
    "suspended": ("en", "suspended", {
        "company_name": "Ningbo Kitchen Tools Co., Ltd.",
        "company_name_zh": "宁波厨具有限公司",
        "license_number": uscc("91330201MA2H3L4P1"),
        "province": "浙江", "city": "宁波", "website": "https://kitchen.example.cn",
        "description": "Kitchen tools.", "description_zh": "厨房用具。",
        "categories": [412], "target_markets": ["GCC", "ANZ"]}),
}


def product_body(**over):
    b = {
        "title": "LED makeup mirror with 3 light modes",
        "title_zh": "三色光 LED 化妆镜",
        "description": "Rechargeable, 10x magnifier.",
        "description_zh": "可充电，十倍放大镜。",
        "category": 2619,
        "target_markets": ["LATAM", "US"],
        "price_cents": 1299,
        "commission_pct": 18.0,
        "moq": 50,
        "free_samples": True,
        "image_urls": ["https://img.example.cn/mirror.jpg"],
    }
    b.update(over)
    return b


def iso(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")


# ---------------------------------------------------------------------------------------
# Phase 1: everything through the API, file mailer, workers on


def phase_one(server: Server) -> dict:
    api = Api(server.base)
    admin = User(api, ADMIN_EMAIL).login()
    # A refresh: the first token is spent (used_at), the new one is live.
    pair = api.post("/auth/refresh", body={"refresh_token": admin.refresh})
    admin.access, admin.refresh = pair["access_token"], pair["refresh_token"]

    # Screening terms and a market rule before any product, so saves are screened with
    # them inline.
    api.post("/admin/screening-terms", admin.access, {
        "language": "en", "kind": "counterfeit", "level": "restricted",
        "markets": ["US", "LATAM"], "term": "knockoff",
        "reason": "Counterfeit signal: a knockoff is a copy of a branded product.",
        "reason_zh": "假冒信号：仿冒品是品牌商品的复制品。",
        "source": "hostmatch fixture"}, expect=201)
    api.post("/admin/screening-terms", admin.access, {
        "language": "zh", "kind": "claim", "level": "caution",
        "term": "神奇功效",
        "reason": "An unproven efficacy claim.", "reason_zh": "未经证实的功效宣称。"},
        expect=201)
    api.post("/admin/market-rules", admin.access, {
        "market": "ANZ", "category": 2073, "level": "caution",
        "reason": "Fixture rule: tea imports are inspected for pesticide residues.",
        "reason_zh": "测试规则：进口茶叶须接受农药残留检验。",
        "source": "hostmatch fixture"}, expect=201)
    api.post("/admin/screening-terms", admin.access, {
        "language": "es", "kind": "sensitive", "level": "prohibited", "markets": ["MX"],
        "term": "narcocultura",
        "reason": "Glorifying drug cartels is banned from broadcast in several Mexican states.",
        "reason_zh": "墨西哥多个州禁止在广播中美化贩毒集团。",
        "source": "hostmatch fixture"}, expect=201)
    api.post("/admin/market-rules", admin.access, {
        "market": "SA", "category": 525, "level": "prohibited",
        "reason": "Fixture rule: unregistered supplements may not be sold.",
        "reason_zh": "测试规则：未注册的膳食补充剂不得销售。",
        "source": "hostmatch fixture"}, expect=201)
    api.post("/admin/market-rules", admin.access, {
        "market": "US", "category": 264, "level": "restricted",
        "reason": "Fixture rule: radio accessories need FCC authorisation.",
        "reason_zh": "测试规则：无线配件须经FCC认证。",
        "source": "hostmatch fixture"}, expect=201)
    gone = api.post("/admin/market-rules", admin.access, {
        "market": "BR", "category": 469, "level": "restricted",
        "reason": "Fixture rule, deleted again.", "reason_zh": "测试规则，随即删除。",
        "source": "hostmatch fixture"}, expect=201)
    api.delete(f"/admin/market-rules/{gone['id']}", admin.access)

    # Accounts with profiles, then their vetting. Profiles are written while the
    # account can still sign in.
    hosts: dict[str, User] = {}
    for key, (locale, _, profile) in HOSTS.items():
        u = register(api, f"host-{key}@fixture.test", "host", profile["display_name"], locale)
        if HOSTS[key][1] in ("approved", "suspended"):
            vet(api, admin, u, "approve")
        api.put("/hosts/me", u.access, profile)
        hosts[key] = u
    suppliers: dict[str, User] = {}
    for key, (locale, _, profile) in SUPPLIERS.items():
        u = register(api, f"supplier-{key}@fixture.test", "supplier", profile["company_name"],
                     locale)
        if SUPPLIERS[key][1] in ("approved", "suspended"):
            vet(api, admin, u, "approve")
        api.put("/suppliers/me", u.access, profile)
        suppliers[key] = u

    # Products.
    b, t = suppliers["bright"], suppliers["tea"]
    prod = {}
    prod["mirror"] = api.post("/products", b.access, product_body(), expect=201)
    prod["claim"] = api.post("/products", b.access, product_body(
        title="Herbal slimming tea that cures cancer",
        title_zh="包治百病的草本减肥茶",
        description="Guaranteed weight loss in 7 days. A 1:1 knockoff of a famous brand.",
        description_zh="七天保证减重，神奇功效。",
        category=525, target_markets=["US", "MX"], price_cents=899, commission_pct=30.0,
        moq=100, free_samples=False, image_urls=[]), expect=201)
    prod["beer"] = api.post("/products", b.access, product_body(
        title="Craft lager, 6 bottles", title_zh="精酿拉格啤酒六瓶装",
        description="Brewed in Qingdao.", description_zh="青岛酿造。",
        category=414, target_markets=["SA", "AE"], price_cents=2400, commission_pct=12.0,
        image_urls=["https://img.example.cn/lager.jpg", "https://img.example.cn/lager-2.jpg"]),
        expect=201)
    prod["tripod"] = api.post("/products", b.access, product_body(
        title="Phone tripod with ring light", title_zh="手机三脚架补光灯",
        description="For live streams.", description_zh="直播专用。", category=499878,
        target_markets=["SEA", "ID"], price_cents=1599, commission_pct=15.5, moq=20),
        headers={"Idempotency-Key": "fixture-product-tripod"}, expect=201)
    again = api.post("/products", b.access, product_body(
        title="Phone tripod with ring light", title_zh="手机三脚架补光灯",
        description="For live streams.", description_zh="直播专用。", category=499878,
        target_markets=["SEA", "ID"], price_cents=1599, commission_pct=15.5, moq=20),
        headers={"Idempotency-Key": "fixture-product-tripod"}, expect=201)
    assert again["id"] == prod["tripod"]["id"], "the repeat must return the first product"
    prod["old"] = api.post("/products", b.access, product_body(
        title="Compact mirror, 2019 model", title_zh="2019款便携镜", category=2619,
        target_markets=["EU"]), expect=201)
    api.delete(f"/products/{prod['old']['id']}", b.access)
    api.patch(f"/products/{prod['mirror']['id']}", b.access,
              {"price_cents": 1199, "description": "Rechargeable, 10x magnifier, USB-C."})
    prod["longjing"] = api.post("/products", t.access, product_body(
        title="Longjing green tea, 250 g", title_zh="西湖龙井绿茶250克",
        description="Spring harvest.", description_zh="明前春茶。", category=2073,
        target_markets=["SEA", "US", "ANZ"], price_cents=3500, commission_pct=20.0, moq=10),
        expect=201)
    prod["kitchen"] = api.post("/products", suppliers["suspended"].access, product_body(
        title="Stainless steel wok", title_zh="不锈钢炒锅", category=412,
        target_markets=["GCC"], free_samples=False), expect=201)

    # The offer that will expire: made first, so the wait at the end is short.
    # expires_at must be more than a minute ahead.
    expiring = api.post("/offers", b.access, {
        "host_id": hosts["amira"].id, "product_ids": [prod["tripod"]["id"]],
        "message": "Quick one: this week only.", "commission_pct": 15.0, "fee_cents": 0,
        "expires_at": iso(dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=70))},
        expect=201)

    # Vetting for the rest: rejections, a suspension, a suspension then reinstatement.
    vet(api, admin, hosts["rejected"], "reject", "Unproven medical claims in the bio.")
    vet(api, admin, suppliers["rejected"], "reject", "The licence does not match the company.")
    vet(api, admin, suppliers["suspended"], "suspend", "Complaints about samples never sent.")
    vet(api, admin, hosts["suspended"], "suspend", "Streams kept breaking platform rules.")
    vet(api, admin, hosts["sari"], "suspend", "Identity check pending.")
    vet(api, admin, hosts["sari"], "reinstate", "Identity confirmed.")
    hosts["sari"].login()  # the suspension revoked her refresh tokens

    # Offers that move.
    L, A, S = hosts["lucia"], hosts["amira"], hosts["sari"]
    sent = api.post("/offers", b.access, {
        "host_id": L.id, "product_ids": [prod["mirror"]["id"], prod["tripod"]["id"]],
        "message": "Two products for your Mexico shows?\nSamples ship from Shenzhen.",
        "commission_pct": 15.0, "fee_cents": 50000, "free_samples": True},
        headers={"Idempotency-Key": "fixture-offer-lucia"}, expect=201)
    same = api.post("/offers", b.access, {
        "host_id": L.id, "product_ids": [prod["mirror"]["id"], prod["tripod"]["id"]],
        "message": "Two products for your Mexico shows?\nSamples ship from Shenzhen.",
        "commission_pct": 15.0, "fee_cents": 50000, "free_samples": True},
        headers={"Idempotency-Key": "fixture-offer-lucia"}, expect=201)
    assert same["id"] == sent["id"], "the repeat must return the first offer"
    beer = api.post("/offers", b.access, {
        "host_id": A.id, "product_ids": [prod["beer"]["id"]],
        "message": "For licensed venues only.", "commission_pct": 12.0, "fee_cents": 0},
        expect=201)
    assert beer["warnings"], "the beer offer to the Emirates carries warnings"
    accepted = api.post("/offers", b.access, {
        "host_id": S.id, "product_ids": [prod["tripod"]["id"]], "message": "Tripods!",
        "commission_pct": 16.0, "fee_cents": 10000, "free_samples": True}, expect=201)
    api.post(f"/offers/{accepted['id']}/accept", S.access)
    declined = api.post("/offers", t.access, {
        "host_id": L.id, "product_ids": [prod["longjing"]["id"]],
        "message": "龙井茶直播合作？", "commission_pct": 20.0, "fee_cents": 0}, expect=201)
    api.post(f"/offers/{declined['id']}/decline", L.access,
             {"reason": "Tea does not fit my audience this season."})
    declined_quiet = api.post("/offers", t.access, {
        "host_id": A.id, "product_ids": [prod["longjing"]["id"]],
        "message": "Green tea for the Gulf?", "commission_pct": 20.0, "fee_cents": 0},
        expect=201)
    api.post(f"/offers/{declined_quiet['id']}/decline", A.access, {})
    withdrawn = api.post("/offers", t.access, {
        "host_id": S.id, "product_ids": [prod["longjing"]["id"]],
        "message": "Sent to the wrong host, sorry.", "commission_pct": 18.0, "fee_cents": 0},
        expect=201)
    api.post(f"/offers/{withdrawn['id']}/withdraw", t.access)

    # Tokens: a refresh (spent + live), a replay of the spent one (the family is revoked),
    # a logout, a wrong password (login_throttle).
    old = L.refresh
    pair = api.post("/auth/refresh", body={"refresh_token": old})
    L.access, L.refresh = pair["access_token"], pair["refresh_token"]
    A_old = A.refresh
    pair = api.post("/auth/refresh", body={"refresh_token": A_old})
    api.post("/auth/refresh", body={"refresh_token": A_old}, expect=401)
    A.login()
    second = User(api, S.email).login()
    api.post("/auth/logout", body={"refresh_token": second.refresh}, expect=204)
    api.post("/auth/login", body={"email": L.email, "password": "not the password"},
             expect=401)
    api.post("/auth/login", body={"email": "nobody@fixture.test", "password": "whatever1234"},
             expect=401)

    # Reads that should work on the data just made.
    assert api.get(f"/products/{prod['beer']['id']}", b.access)["compliance"]
    assert api.get(f"/products/{prod['claim']['id']}", b.access)["compliance"]

    # Wait: the offer clock expires the short offer, the mail worker sends every email,
    # the rescreen job and the indexer catch up.
    # (The API already answers `expired` once expires_at has passed; the row changes, and
    # the two emails are queued, when the clock runs, every 10 s.)
    deadline = time.monotonic() + 150
    while True:
        status = db_value(server, "SELECT status FROM offers WHERE id = ?",
                          uuid_blob(expiring["id"]))
        ready = api_ready(server)
        if status == "expired" and ready["index"]["lag"] == 0 and outbox_all_sent(server):
            break
        if time.monotonic() > deadline:
            server.fail(f"gave up waiting: offer row {status}, readyz {ready}")
        time.sleep(1)
    time.sleep(1.5)  # the expiry emails enqueued with the expiry
    while not outbox_all_sent(server):
        time.sleep(0.5)
    return {"admin": admin, "hosts": hosts, "suppliers": suppliers, "products": prod}


def api_ready(server: Server) -> dict:
    with urllib.request.urlopen(server.base + "/readyz", timeout=5) as r:
        return json.loads(r.read())


def uuid_blob(text: str) -> bytes:
    """sea-orm stores a UUID in SQLite as its 16 bytes."""
    return bytes.fromhex(text.replace("-", ""))


def db_value(server: Server, sql: str, *params):
    db = server.work / "data" / "hostmatch.db"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        row = con.execute(sql, params).fetchone()
        return row[0] if row else None
    finally:
        con.close()


def outbox_all_sent(server: Server) -> bool:
    db = server.work / "data" / "hostmatch.db"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        (n,) = con.execute("SELECT count(*) FROM email_outbox WHERE status <> 'sent'").fetchone()
        return n == 0
    finally:
        con.close()


# ---------------------------------------------------------------------------------------
# Phase 2: an SMTP server that refuses, so outbox rows end `failed` and `pending`


class StubSmtp(socketserver.StreamRequestHandler):
    """Just enough SMTP for lettre: 550 to SMTP_PERMANENT, 451 to SMTP_TEMPORARY, and
    250 (then the message is dropped) to anyone else."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        self.reply("220 fixture-stub ESMTP")
        accepted = False
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            cmd = raw.decode(errors="replace").strip()
            verb = cmd.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.reply("250-fixture-stub")
                self.reply("250 8BITMIME")
            elif verb == "HELO":
                self.reply("250 fixture-stub")
            elif verb == "MAIL":
                accepted = False
                self.reply("250 OK")
            elif verb == "RCPT":
                if SMTP_PERMANENT in cmd:
                    self.reply("550 5.1.1 Mailbox does not exist")
                elif SMTP_TEMPORARY in cmd:
                    self.reply("451 4.3.0 Try again later")
                else:
                    accepted = True
                    self.reply("250 OK")
            elif verb == "DATA":
                if not accepted:
                    self.reply("554 5.5.1 No valid recipients")
                    continue
                self.reply("354 End with .")
                while self.rfile.readline() not in (b".\r\n", b".\n", b""):
                    pass
                self.reply("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 5.5.2 Not implemented")


class ThreadingServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def phase_two(server: Server, made: dict) -> None:
    api = Api(server.base)
    admin = User(api, ADMIN_EMAIL).login()
    b = User(api, "supplier-bright@fixture.test").login()
    amira = made["hosts"]["amira"]
    # 550: a supplier registered and rejected now; its rejection email fails for good.
    late = register(api, SMTP_PERMANENT, "supplier", "Late Supplier Ltd.", "en")
    vet(api, admin, late, "reject", "Registered with a personal address.")
    # 451: a new offer to Amira; its email is retried later.
    api.post("/offers", b.access, {
        "host_id": amira.id, "product_ids": [made["products"]["mirror"]["id"]],
        "message": "Mirrors for the Emirates?", "commission_pct": 14.0, "fee_cents": 0},
        expect=201)
    deadline = time.monotonic() + 60
    db = server.work / "data" / "hostmatch.db"
    while True:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        rows = dict(con.execute(
            "SELECT to_address, status || ':' || attempts FROM email_outbox "
            "WHERE to_address IN (?, ?)", (SMTP_PERMANENT, SMTP_TEMPORARY)).fetchall())
        tried = con.execute(
            "SELECT count(*) FROM email_outbox WHERE to_address = ? AND status = 'pending' "
            "AND attempts >= 1 AND last_error IS NOT NULL", (SMTP_TEMPORARY,)).fetchone()[0]
        con.close()
        if rows.get(SMTP_PERMANENT, "").startswith("failed") and tried:
            return
        if time.monotonic() > deadline:
            server.fail(f"phase 2: the stub's answers were not recorded: {rows}")
        time.sleep(0.5)


# ---------------------------------------------------------------------------------------
# --describe: the tables for tests/fixtures/README.md

# Plain string columns holding one of a fixed set of values.
PLAIN = [
    ("accounts", "role"), ("accounts", "status"), ("accounts", "locale"),
    ("email_outbox", "status"), ("email_outbox", "locale"), ("email_outbox", "template"),
    ("offers", "status"), ("products", "status"),
    ("market_rules", "market"), ("market_rules", "level"),
    ("screening_terms", "language"), ("screening_terms", "kind"),
    ("screening_terms", "level"),
    ("search_changes", "entity"), ("search_changes", "op"),
    ("audit_log", "action"), ("audit_log", "target_type"),
]
# Fields inside JSON text columns: (table, column, JSON path of each array element's value).
IN_JSON = [
    ("host_profiles", "languages", "$.code"), ("host_profiles", "languages", "$.level"),
    ("host_profiles", "platforms", "$.name"),
    ("host_profiles", "compliance", "$.kind"), ("host_profiles", "compliance", "$.level"),
    ("products", "compliance", "$.kind"), ("products", "compliance", "$.level"),
    ("offers", "warnings", "$.finding.kind"), ("offers", "warnings", "$.finding.level"),
]


def describe(path: Path) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    q = lambda sql, *a: con.execute(sql, a).fetchall()  # noqa: E731
    print("| table | rows |\n| --- | ---: |")
    for (t,) in q("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        (n,) = q(f'SELECT count(*) FROM "{t}"')[0]
        print(f"| `{t}` | {n} |")
    print("\n| column | distinct values (rows) |\n| --- | --- |")
    for t, c in PLAIN:
        vals = q(f'SELECT "{c}", count(*) FROM "{t}" GROUP BY 1 ORDER BY 1')
        print(f"| `{t}.{c}` | " + ", ".join(f"`{v}` ({n})" for v, n in vals) + " |")
    print("\n| JSON field | distinct values (array elements) |\n| --- | --- |")
    for t, c, jp in IN_JSON:
        vals = q(f'SELECT json_extract(e.value, ?), count(*) FROM "{t}", '
                 f'json_each("{t}"."{c}") AS e GROUP BY 1 ORDER BY 1', jp)
        shown = ", ".join(f"`{v}` ({n})" for v, n in vals) or "(none)"
        print(f"| `{t}.{c}[]{jp[1:]}` | {shown} |")
    print("\n| other shapes | rows |\n| --- | --- |")
    for label, sql in [
        ("`email_outbox` by status, attempts, last_error set",
         "SELECT status || ', ' || attempts || ', ' || (last_error IS NOT NULL), count(*) "
         "FROM email_outbox GROUP BY 1 ORDER BY 1"),
        ("`refresh_tokens` by used_at set, revoked_at set",
         "SELECT (used_at IS NOT NULL) || ', ' || (revoked_at IS NOT NULL), count(*) "
         "FROM refresh_tokens GROUP BY 1 ORDER BY 1"),
        ("`offers` by decline_reason set, warnings non-empty",
         "SELECT (decline_reason IS NOT NULL) || ', ' || (warnings <> '[]'), count(*) "
         "FROM offers GROUP BY 1 ORDER BY 1"),
        ("`offer_products` by open", "SELECT open, count(*) FROM offer_products GROUP BY 1"),
        ("`products` / `host_profiles` with findings",
         "SELECT 'products ' || (compliance <> '[]'), count(*) FROM products GROUP BY 1 "
         "UNION ALL SELECT 'host_profiles ' || (compliance <> '[]'), count(*) "
         "FROM host_profiles GROUP BY 1"),
        ("`idempotency_keys` by key", "SELECT key, count(*) FROM idempotency_keys GROUP BY 1"),
    ]:
        print(f"| {label} | " + ", ".join(f"`{v}` ({n})" for v, n in q(sql)) + " |")
    con.close()


# ---------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", type=Path, help="a hostmatch binary built from this checkout")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--keep", action="store_true", help="keep the temp dir and print it")
    ap.add_argument("--describe", type=Path, metavar="DB",
                    help="print the README's tables for a fixture and exit")
    args = ap.parse_args()
    if args.describe:
        describe(args.describe)
        return

    work = Path(tempfile.mkdtemp(prefix="hostmatch-fixture-"))
    try:
        binary = args.bin.resolve() if args.bin else build_binary(work)
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "migration",
                                "search_index", "assets", "Cargo.toml", "Cargo.lock"],
                               cwd=ROOT, capture_output=True, text=True, check=True).stdout
        log(f"binary {binary}; checkout {head}"
            + (" (uncommitted changes under src/, migration/, ...!)" if dirty else ""))
        check_no_dotenv(work)
        (work / "data").mkdir()
        env = base_env(work)
        env["HOSTMATCH_ADMIN_PASSWORD"] = PASSWORD
        subprocess.run([str(binary), "create-admin", "--email", ADMIN_EMAIL], cwd=work,
                       env=env, check=True, stdout=subprocess.DEVNULL)

        one = Server(binary, work)
        one.start()
        made = phase_one(one)
        one.stop()
        eml = len(list((work / "data" / "outbox").glob("*.eml")))
        log(f"phase 1 done: {eml} .eml files written")

        smtp = ThreadingServer(("127.0.0.1", 0), StubSmtp)
        threading.Thread(target=smtp.serve_forever, daemon=True).start()
        two = Server(binary, work, {
            "HOSTMATCH_SMTP_URL": f"smtp://127.0.0.1:{smtp.server_address[1]}"})
        two.start()
        phase_two(two, made)
        two.stop()
        smtp.shutdown()

        db = work / "data" / "hostmatch.db"
        con = sqlite3.connect(db)
        busy, log_frames, done = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            sys.exit("the WAL checkpoint was blocked")
        con.execute("VACUUM")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # A rollback-journal file needs no -wal/-shm beside it, so it opens even from a
        # read-only checkout; the service switches a copy back to WAL when it opens it.
        (mode,) = con.execute("PRAGMA journal_mode=DELETE").fetchone()
        if mode != "delete":
            sys.exit(f"journal_mode is {mode}, not delete")
        (integrity,) = con.execute("PRAGMA integrity_check").fetchone()
        con.close()
        if integrity != "ok":
            sys.exit(f"integrity_check: {integrity}")
        for side in ("-wal", "-shm"):
            p = db.with_name(db.name + side)
            if p.exists() and p.stat().st_size:
                sys.exit(f"{p} is not empty after the checkpoint")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(db, args.out)
        size = args.out.stat().st_size
        log(f"wrote {args.out} ({size} bytes) from {head}")
        if size >= 1_000_000:
            sys.exit(f"{args.out} is {size} bytes; it should stay well under 1 MB")
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
