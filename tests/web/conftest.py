"""The browser suite's fixtures: one real `hostmatch serve` for the session (its own data
dir, SQLite, .eml outbox polled every 100 ms), an admin made by `hostmatch create-admin`,
accounts in every state set up through the JSON API, and one Chromium with a new context
per test (desktop, phone, JavaScript off).

HOSTMATCH_WEB_BIN names the binary (default: target/debug/hostmatch of this clone);
HOSTMATCH_WEB_CHROMIUM the browser (default /usr/bin/chromium); HOSTMATCH_WEB_SERVER_LOG
where the server's log goes (default: server.log in its data dir)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

import hm
from hm import PASSWORD, Http, Outbox, Person

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}
SCREENSHOTS = hm.REPO / "target" / "web-screenshots"
ADMIN_EMAIL = "admin@example.com"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The running service and what the tests reach it by."""

    def __init__(self, binary: Path, data: Path, log: Path):
        self.binary, self.data, self.log_path = binary, data, log
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.http = Http(self.url)
        self.outbox = Outbox(data / "outbox")
        self._built: dict[str, bool] = {}
        self._token: tuple[float, str] | None = None
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("HOSTMATCH_")}
        self.env.update(
            HOSTMATCH_DATA_DIR=str(data),
            HOSTMATCH_BIND=f"127.0.0.1:{self.port}",
            HOSTMATCH_PUBLIC_URL=self.url,
            HOSTMATCH_OUTBOX_POLL_MS="100",
            HOSTMATCH_INDEX_POLL_MS="200",
            HOSTMATCH_LOGIN_ATTEMPTS_PER_HOUR="100000",
            HOSTMATCH_LOG="info",
        )
        self.proc: subprocess.Popen | None = None

    def start(self):
        self._log = open(self.log_path, "ab")
        # The data dir as working directory: no .env of the clone is read.
        self.proc = subprocess.Popen(
            [str(self.binary), "serve"], cwd=self.data, env=self.env,
            stdout=self._log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"hostmatch serve exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                if self.http.get("/readyz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"hostmatch serve not ready after 60 s:\n{self.tail()}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def run(self, *args: str, **env: str) -> str:
        """Another `hostmatch` command against the same data dir."""
        out = subprocess.run(
            [str(self.binary), *args], cwd=self.data, env={**self.env, **env},
            capture_output=True, text=True, timeout=120,
        )
        assert out.returncode == 0, f"hostmatch {' '.join(args)}: {out.stdout}\n{out.stderr}"
        return out.stdout

    def has_page(self, path: str) -> bool:
        """Whether the app serves `path` at all: anything but the 404 an unknown path gets."""
        if path not in self._built:
            self._built[path] = self.http.get(path).status != 404
        return self._built[path]

    def need(self, *paths: str):
        """Fails the calling test when one of `paths` is not served (every page this suite
        drives is built; a page that disappears must not pass as a skip)."""
        missing = [p for p in paths if not self.has_page(p)]
        if missing:
            pytest.fail(f"page missing (404): {', '.join(missing)}")

    # --- the JSON API, for setting up accounts a test is not about ---

    def admin_token(self) -> str:
        if self._token is None or time.monotonic() - self._token[0] > 600:
            r = self.http.post("/api/v1/auth/login", body={"email": ADMIN_EMAIL, "password": PASSWORD})
            assert r.status == 200, r.body
            self._token = (time.monotonic(), r.json()["access_token"])
        return self._token[1]

    def register(self, role: str, locale: str = "en", name: str | None = None, tag: str = "") -> Person:
        p = Person(
            email=hm.unique_email(tag or role), password=PASSWORD, role=role,
            display_name=name or f"Web test {role} {tag}".strip(), locale=locale,
        )
        r = self.http.post("/api/v1/auth/register", body={
            "email": p.email, "password": p.password, "role": role,
            "display_name": p.display_name, "locale": locale,
        })
        assert r.status == 201, f"{r.status} {r.body}"
        p.id = r.json()["id"]
        return p

    def verify(self, p: Person):
        """Spends the token of the verification email through the API."""
        link = self.outbox.wait_for(p.email, "/verify-email?token=").link("/verify-email")
        token = link.split("token=", 1)[1].split("&", 1)[0]
        r = self.http.post("/api/v1/auth/verify-email", body={"token": token})
        assert r.status == 200, f"verify-email: {r.status} {r.body}"

    def vet(self, p: Person, action: str, reason: str = "by the browser tests' setup"):
        r = self.http.post(f"/api/v1/admin/accounts/{p.id}/{action}",
                           body={"reason": reason}, token=self.admin_token())
        if r.status == 409 and "email-not-verified" in r.body:
            self.verify(p)
            r = self.http.post(f"/api/v1/admin/accounts/{p.id}/{action}",
                               body={"reason": reason}, token=self.admin_token())
        assert r.status == 200, f"{action}: {r.status} {r.body}"

    def login(self, p: Person) -> str:
        """A browser session for `p`, by posting the login page's form."""
        r = self.http.post("/login", form={"email": p.email, "password": p.password, "next": "/"})
        assert r.status == 303, f"login {p.email}: {r.status}"
        p.cookie = hm.session_cookie_of(r)
        return p.cookie

    def person(self, role: str, status: str = "approved", locale: str = "en", name=None, tag="") -> Person:
        """An account in `status`, signed in once (its cookie in `person.cookie`)."""
        p = self.register(role, locale, name, tag)
        if status in ("approved", "suspended"):
            self.vet(p, "approve")
        self.login(p)
        if status == "suspended":
            self.vet(p, "suspend", "suspended by the browser tests' setup")
        return p


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    binary = Path(os.environ.get("HOSTMATCH_WEB_BIN") or hm.REPO / "target" / "debug" / "hostmatch")
    if not binary.is_file():
        pytest.exit(f"no hostmatch binary at {binary} (cargo build --bin hostmatch, or set HOSTMATCH_WEB_BIN)", 2)
    data = tmp_path_factory.mktemp("hostmatch-data")
    log = Path(os.environ.get("HOSTMATCH_WEB_SERVER_LOG") or data / "server.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_bytes(b"")
    s = Server(binary, data, log)
    s.start()
    try:
        s.run("create-admin", "--email", ADMIN_EMAIL, HOSTMATCH_ADMIN_PASSWORD=PASSWORD)
        s.admin = Person(ADMIN_EMAIL, PASSWORD, "admin", "Administrator")
        s.login(s.admin)
        yield s
    finally:
        s.stop()


@pytest.fixture(scope="session")
def cast(server):
    """One account in each state, shared by tests that only read pages with it (no test may
    log these sessions out or change these accounts)."""
    return {
        "anonymous": None,
        "pending": server.person("supplier", "pending", tag="pending"),
        "supplier": server.person("supplier", tag="supplier"),
        "host": server.person("host", tag="host"),
        "admin": server.admin,
        "suspended": server.person("host", "suspended", tag="suspended"),
    }


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=os.environ.get("HOSTMATCH_WEB_CHROMIUM", "/usr/bin/chromium"),
            headless=True, args=CHROMIUM_ARGS,
        )
        yield b
        b.close()


@pytest.fixture
def contexts(browser, server):
    """Makes browser contexts: contexts(device="desktop"|"phone", js=True, locale="en-US",
    person=None); a person's session cookie is put in. All close when the test ends."""
    made = []

    def make(device="desktop", js=True, locale="en-US", person: Person | None = None):
        ctx = browser.new_context(
            base_url=server.url, java_script_enabled=js, locale=locale, **DEVICES[device]
        )
        ctx.set_default_timeout(10_000)
        ctx.set_default_navigation_timeout(15_000)
        if person is not None and person.cookie:
            set_session(ctx, server, person.cookie)
        made.append(ctx)
        return ctx

    yield make
    for c in made:
        c.close()


def set_session(ctx, server, cookie: str):
    ctx.add_cookies([{"name": "hm_session", "value": cookie, "url": server.url}])


@pytest.fixture
def desktop(contexts):
    return contexts("desktop")


@pytest.fixture
def phone(contexts):
    return contexts("phone")


@pytest.fixture
def no_js(contexts):
    return contexts("desktop", js=False)


@pytest.fixture
def page(desktop):
    return desktop.new_page()


@pytest.fixture
def admin_page(contexts, server):
    return contexts(person=server.admin).new_page()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    return SCREENSHOTS


@pytest.fixture(autouse=True)
def server_still_running(request):
    """Fails the test that killed the server, with the end of its log."""
    yield
    if "server" in request.fixturenames:
        s = request.getfixturevalue("server")
        if s.proc.poll() is not None:
            pytest.fail(f"hostmatch serve exited with {s.proc.returncode}:\n{s.tail()}")
