//! `spawn_app` and typed helpers per endpoint; what tests read of email in `mail`, bodies
//! that pass every check in `bodies`, a deal ready to trade in `deals`.

mod bodies;
pub mod deals;
mod mail;
pub mod pages;

pub use bodies::{host_profile_body, product_body, supplier_profile_body};

use std::time::Duration;

use hostmatch::{
    auth::PasswordHasher,
    config::Settings,
    db::Db,
    domain::{EmailAddress, Password},
    services::auth::create_admin,
    startup::{Application, Jobs},
};
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::sync::oneshot;
use uuid::Uuid;

/// The JWT secret every test app signs with, so tests can forge tokens.
pub const TEST_SECRET: &str = "test-secret-test-secret-test-secret-0123456789";
pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub jobs: Jobs,
    pub db: Db,
    pub data_dir: TempDir,
    database_url: String,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<Result<(), hostmatch::startup::StartupError>>>,
}

/// Knobs a test may turn; everything else is the embedded default.
#[derive(Default)]
pub struct Options {
    pub smtp_url: Option<String>,
    pub login_attempts_per_hour: Option<u32>,
    /// A pool of this size with a 300 ms acquire timeout.
    pub db_pool_size: Option<u32>,
    pub offers_per_day: Option<u32>,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

/// A database URL of its own for one test.
pub async fn fresh_database_url(data_dir: &std::path::Path) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => {
            let base = base.trim_end_matches('/');
            let name = format!("hm_test_{}", Uuid::new_v4().simple());
            let admin = Database::connect(format!("{base}/postgres"))
                .await
                .expect("connect to TEST_DATABASE_URL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            admin.close().await.ok();
            format!("{base}/{name}")
        }
        _ => format!(
            "sqlite://{}?mode=rwc",
            data_dir.join("hostmatch.db").display()
        ),
    }
}

pub async fn test_settings(data_dir: &std::path::Path) -> Settings {
    settings_on(data_dir, fresh_database_url(data_dir).await)
}

/// The test settings for a database that exists already.
fn settings_on(data_dir: &std::path::Path, database_url: String) -> Settings {
    let mut s = Settings::defaults(data_dir.to_path_buf());
    s.database_url = database_url;
    s.bind = "127.0.0.1:0".into();
    s.jwt_secret = Some(TEST_SECRET.into());
    s.run_workers = false;
    s.hash_concurrency = 2;
    s
}

pub async fn spawn_app_with(opts: Options) -> TestApp {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let settings = test_settings(data_dir.path()).await;
    spawn_on(data_dir, settings, opts).await
}

/// The app on `settings` (its database and data dir), with `opts` applied.
async fn spawn_on(data_dir: TempDir, mut settings: Settings, opts: Options) -> TestApp {
    settings.smtp_url = opts.smtp_url;
    if let Some(n) = opts.login_attempts_per_hour {
        settings.login_attempts_per_hour = n;
    }
    if let Some(n) = opts.offers_per_day {
        settings.offers_per_day = n;
    }
    if let Some(n) = opts.db_pool_size {
        settings.db_max_connections = n;
        settings.db_acquire_timeout = Duration::from_millis(300);
    }
    let database_url = settings.database_url.clone();
    let app = Application::build(settings).await.expect("build app");
    let address = format!("http://{}", app.address());
    let jobs = app.jobs();
    let db = app.state().db.clone();
    let (tx, rx) = oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until_stopped(async {
        let _ = rx.await;
    }));
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap(),
        jobs,
        db,
        data_dir,
        database_url,
        stop: Some(tx),
        server: Some(server),
    }
}

/// A signed-in account made for a test.
#[derive(Debug, Clone)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub access: String,
    pub refresh: String,
}

/// A parsed answer.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    pub fn is_problem(&self) -> bool {
        self.headers
            .get("content-type")
            .is_some_and(|v| v.as_bytes() == b"application/problem+json")
            && self.body["status"].as_u64() == Some(u64::from(self.status.as_u16()))
            && self.body["title"].is_string()
            && self.body["type"].is_string()
            && self.body["detail"].is_string()
    }

    /// The fields named in a 422's `errors`.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub fn unique_email(tag: &str) -> String {
    format!("{tag}-{}@example.test", Uuid::new_v4().simple())
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut req = self.client.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("request");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.call(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        self.call(Method::POST, path, token, Some(body)).await
    }

    pub async fn register(&self, email: &str, role: &str, locale: &str) -> Answer {
        self.post(
            "/api/v1/auth/register",
            None,
            json!({"email": email, "password": PASSWORD, "role": role,
                   "display_name": format!("Test {role}"), "locale": locale}),
        )
        .await
    }

    pub async fn login(&self, email: &str, password: &str) -> Answer {
        self.post(
            "/api/v1/auth/login",
            None,
            json!({"email": email, "password": password}),
        )
        .await
    }

    async fn login_user(&self, id: Uuid, email: &str) -> User {
        let a = self.login(email, PASSWORD).await;
        assert_eq!(a.status, StatusCode::OK, "login: {:?}", a.body);
        User {
            id,
            email: email.to_owned(),
            access: a.body["access_token"].as_str().unwrap().to_owned(),
            refresh: a.body["refresh_token"].as_str().unwrap().to_owned(),
        }
    }

    /// An approved admin made the way `hostmatch create-admin` makes one, signed in.
    pub async fn admin(&self) -> User {
        let email = unique_email("admin");
        let hasher = PasswordHasher::new(1).unwrap();
        let row = create_admin(
            &self.db,
            &hasher,
            &EmailAddress::parse(&email).unwrap(),
            &Password::parse(PASSWORD.into()).unwrap(),
        )
        .await
        .unwrap();
        self.login_user(row.id, &email).await
    }

    /// A pending account of `role` ("supplier" or "host"), signed in.
    pub async fn pending(&self, role: &str) -> User {
        self.pending_with(role, &unique_email(role), "en").await
    }

    /// A pending account that has followed the verification link emailed to it, signed in.
    pub async fn pending_with(&self, role: &str, email: &str, locale: &str) -> User {
        let id = self.registered(role, email, locale).await;
        let token = self
            .emailed_token(email, "account.verify-email")
            .await
            .expect("a verification email");
        let a = self.verify_email(&token).await;
        assert_eq!(a.status, StatusCode::OK, "verify: {:?}", a.body);
        self.login_user(id, email).await
    }

    /// A pending account that has not followed its verification link, signed in.
    pub async fn unverified(&self, role: &str) -> User {
        self.unverified_with(role, &unique_email(role), "en").await
    }

    pub async fn unverified_with(&self, role: &str, email: &str, locale: &str) -> User {
        let id = self.registered(role, email, locale).await;
        self.login_user(id, email).await
    }

    async fn registered(&self, role: &str, email: &str, locale: &str) -> Uuid {
        let a = self.register(email, role, locale).await;
        assert_eq!(a.status, StatusCode::CREATED, "register: {:?}", a.body);
        a.body["id"].as_str().unwrap().parse().unwrap()
    }

    /// Runs an admin action and insists it succeeds.
    pub async fn vet(&self, admin: &User, id: Uuid, action: &str) -> Answer {
        let a = self
            .post(
                &format!("/api/v1/admin/accounts/{id}/{action}"),
                Some(&admin.access),
                json!({"reason": format!("{action} for the test")}),
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{action}: {:?}", a.body);
        a
    }

    /// An account of `role` in `status`, signed in before any status change.
    pub async fn user_in(&self, admin: &User, role: &str, status: &str) -> User {
        let u = self.pending(role).await;
        match status {
            "pending" => {}
            "approved" => {
                self.vet(admin, u.id, "approve").await;
            }
            "rejected" => {
                self.vet(admin, u.id, "reject").await;
            }
            "suspended" => {
                self.vet(admin, u.id, "approve").await;
                self.vet(admin, u.id, "suspend").await;
            }
            other => panic!("no such status {other}"),
        }
        u
    }

    /// Stops the server the way SIGTERM does and waits for it.
    pub async fn stop(mut self) {
        self.shut_down().await;
    }

    async fn shut_down(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(h) = self.server.take() {
            h.await.expect("server task").expect("clean shutdown");
        }
    }

    /// Stops the server and starts a new one on the same database and data dir, as a
    /// restart of the service would: what it knew is only what it stored.
    pub async fn restart(mut self) -> TestApp {
        self.shut_down().await;
        let settings = settings_on(self.data_dir.path(), self.database_url.clone());
        // Everything of the old instance goes (its index writer's lock with it) before
        // the new one starts.
        let TestApp {
            data_dir, jobs, db, ..
        } = self;
        drop(jobs);
        db.conn().clone().close().await.ok();
        spawn_on(data_dir, settings, Options::default()).await
    }
}

impl TestApp {
    pub async fn put(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        self.call(Method::PUT, path, token, Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        self.call(Method::PATCH, path, token, Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Answer {
        self.call(Method::DELETE, path, token, None).await
    }

    /// Creates a product as `supplier` and returns its id.
    pub async fn product(&self, supplier: &User) -> Uuid {
        let a = self
            .post("/api/v1/products", Some(&supplier.access), product_body())
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "product: {:?}", a.body);
        a.body["id"].as_str().unwrap().parse().unwrap()
    }

    /// The kinds of the search_changes rows of one entity, oldest first.
    pub async fn search_changes(&self, id: Uuid) -> Vec<String> {
        hostmatch::db::search_changes::for_entity(self.db.conn(), id)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.entity)
            .collect()
    }
}

impl TestApp {
    /// Runs the indexer until it has caught up with the database.
    pub async fn sync_index(&self) -> usize {
        self.jobs.sync_index().await.expect("index pass")
    }

    /// An approved host with the default profile, changed by `edit`.
    pub async fn host_with(&self, admin: &User, edit: impl FnOnce(&mut Value)) -> User {
        let host = self.user_in(admin, "host", "approved").await;
        let mut body = host_profile_body();
        edit(&mut body);
        let a = self.put("/api/v1/hosts/me", Some(&host.access), body).await;
        assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
        host
    }
}

/// Findings for a row written straight to the database: none, from no rulebook (the
/// re-screening job brings them up to date).
pub fn unscreened() -> hostmatch::domain::findings::Screened {
    hostmatch::domain::findings::Screened::new(&[], "")
}
