//! The real binary as an operator runs it: SIGTERM ends it cleanly, SIGKILL loses nothing.

use std::{
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use futures_util::future::join_all;
use hostmatch::db::Db;
use rand::Rng;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TEST_SECRET, fresh_database_url, test_settings, unique_email};

/// A `hostmatch serve` child process.
pub struct Server {
    pub child: Child,
    pub base: String,
    db_url: String,
    client: reqwest::Client,
}

/// A server still running when its test ends (it passed without stopping it, or it
/// panicked) is killed, so no process outlives its test and loads the machine.
impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn hostmatch(data_dir: &Path, db_url: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hostmatch"));
    c.env("HOSTMATCH_DATA_DIR", data_dir)
        .env("HOSTMATCH_DATABASE_URL", db_url)
        .env("HOSTMATCH_JWT_SECRET", TEST_SECRET)
        .env("HOSTMATCH_OUTBOX_POLL_MS", "50")
        // A killed worker's lease must run out within the test, not in two minutes.
        .env("HOSTMATCH_OUTBOX_LEASE_SECS", "1")
        .env("HOSTMATCH_LOG", "warn")
        .env_remove("HOSTMATCH_SMTP_URL")
        .current_dir(data_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

impl Server {
    pub async fn start(data_dir: &Path, db_url: &str) -> Self {
        Self::start_logging(data_dir, db_url, None).await
    }

    /// Starts the server; with `log`, at debug level into that file.
    pub async fn start_logging(data_dir: &Path, db_url: &str, log: Option<&Path>) -> Self {
        let port = free_port();
        let mut cmd = hostmatch(data_dir, db_url);
        cmd.arg("serve")
            .env("HOSTMATCH_BIND", format!("127.0.0.1:{port}"));
        if let Some(path) = log {
            let file = std::fs::File::create(path).unwrap();
            cmd.env("HOSTMATCH_LOG", "debug")
                .env("NO_COLOR", "1")
                .stdout(file.try_clone().unwrap())
                .stderr(file);
        }
        let child = cmd.spawn().expect("start hostmatch");
        let base = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(r) = client.get(format!("{base}/readyz")).send().await
                && r.status() == StatusCode::OK
            {
                break;
            }
            assert!(Instant::now() < deadline, "hostmatch did not become ready");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Self {
            child,
            base,
            db_url: db_url.to_owned(),
            client,
        }
    }

    pub fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .args([sig, &self.child.id().to_string()])
            .status()
            .expect("kill")
            .success();
        assert!(ok, "kill {sig}");
    }
}

impl Server {
    /// POSTs JSON to `path`; None when the connection failed (the process is gone).
    pub async fn post(
        &self,
        path: &str,
        token: Option<&str>,
        body: Value,
    ) -> Option<(StatusCode, Value)> {
        let mut req = self.client.post(format!("{}{path}", self.base)).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.ok()?;
        let status = res.status();
        Some((status, res.json().await.unwrap_or(Value::Null)))
    }

    /// The token in the link of the newest email of `template` to `email`, read from the
    /// outbox as the mail worker sends it.
    pub async fn emailed_token(&self, email: &str, template: &str) -> String {
        let conn = sea_orm::Database::connect(&self.db_url).await.unwrap();
        let rows = hostmatch::db::outbox::for_recipient(&conn, email)
            .await
            .unwrap();
        conn.close().await.ok();
        let row = rows
            .iter()
            .rev()
            .find(|r| r.template.as_str() == template)
            .unwrap_or_else(|| panic!("no {template} email"));
        let link = row.payload.0["link"].as_str().unwrap();
        link.split_once("token=")
            .unwrap()
            .1
            .split('&')
            .next()
            .unwrap()
            .to_owned()
    }

    /// Follows the verification link emailed to `email`; returns its token.
    pub async fn verify(&self, email: &str) -> String {
        let token = self.emailed_token(email, "account.verify-email").await;
        let (status, body) = self
            .post("/api/v1/auth/verify-email", None, json!({ "token": token }))
            .await
            .expect("verify");
        assert_eq!(status, StatusCode::OK, "{body}");
        token
    }

    /// Signs in and returns the access token.
    pub async fn token(&self, email: &str) -> String {
        let (status, body) = self
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": email, "password": PASSWORD}),
            )
            .await
            .expect("login");
        assert_eq!(status, StatusCode::OK, "{body}");
        body["access_token"].as_str().unwrap().to_owned()
    }
}

/// Creates an admin the way an operator does, with `hostmatch create-admin`; returns its
/// email (the password is [`PASSWORD`]).
pub fn create_admin_cli(data_dir: &Path, db_url: &str) -> String {
    let email = unique_email("admin");
    let made = hostmatch(data_dir, db_url)
        .args(["create-admin", "--email", &email])
        .env("HOSTMATCH_ADMIN_PASSWORD", PASSWORD)
        .status()
        .unwrap();
    assert!(made.success());
    email
}

#[tokio::test]
async fn sigterm_stops_the_service_with_exit_code_zero() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let mut server = Server::start(dir.path(), &url).await;
    server.signal("-TERM");
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "did not stop after SIGTERM");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "{status:?}");
}

#[tokio::test]
async fn killing_the_process_at_random_moments_loses_no_email() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let admin_email = create_admin_cli(dir.path(), &url);
    let mut told_approved: Vec<String> = Vec::new();
    let mut pending: Vec<(String, String)> = Vec::new();
    for round in 0..3 {
        let mut server = Server::start(dir.path(), &url).await;
        let token = server.token(&admin_email).await;
        for i in 0..6 {
            let email = unique_email(&format!("k{round}-{i}"));
            let (status, body) = server
                .post(
                "/api/v1/auth/register",
                None,
                json!({"email": email, "password": PASSWORD, "role": "host", "display_name": "K"}),
            )
            .await
            .unwrap();
            assert_eq!(status, StatusCode::CREATED);
            server.verify(&email).await;
            pending.push((body["id"].as_str().unwrap().to_owned(), email));
        }
        // Approve everything still pending, all at once, and kill the process somewhere in
        // the middle of it (the worker is sending at the same time): a random moment after
        // the first approval is answered, so every round makes some progress.
        let first_ok = tokio::sync::Notify::new();
        let server_ref = &server;
        let calls = pending.iter().map(|(id, email)| {
            let first_ok = &first_ok;
            let path = format!("/api/v1/admin/accounts/{id}/approve");
            let token = token.clone();
            async move {
                let answer = server_ref.post(&path, Some(&token), json!({})).await;
                if matches!(answer, Some((s, _)) if s == StatusCode::OK) {
                    first_ok.notify_one();
                }
                (email.clone(), answer)
            }
        });
        let delay = rand::rng().random_range(0..60);
        let kill = async {
            first_ok.notified().await;
            tokio::time::sleep(Duration::from_millis(delay)).await;
            server.signal("-KILL");
        };
        let (answers, ()) = tokio::join!(join_all(calls), kill);
        let _ = server.child.wait();
        pending.retain(|(_, email)| {
            let ok = answers
                .iter()
                .any(|(e, a)| e == email && matches!(a, Some((s, _)) if *s == StatusCode::OK));
            if ok {
                told_approved.push(email.clone());
            }
            !ok
        });
    }

    // One last, undisturbed run lets the worker drain the outbox.
    let mut server = Server::start(dir.path(), &url).await;
    let mut settings = test_settings(dir.path()).await;
    settings.database_url = url.clone();
    let db = Db::connect(&settings).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let counts = hostmatch::db::outbox::count_by_status(db.conn())
            .await
            .unwrap();
        if counts.iter().all(|(s, _)| s == "sent") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "outbox did not drain: {counts:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server.signal("-TERM");
    let _ = server.child.wait();

    // Every approval the client was told about has its email, written exactly once.
    let files: Vec<_> = std::fs::read_dir(dir.path().join("outbox"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    let mut recipients: Vec<String> = files
        .iter()
        .filter_map(|p| {
            let raw = std::fs::read(p).unwrap();
            let m = mail_parser::MessageParser::default().parse(&raw).unwrap();
            let approval = m.subject() == Some("Your hostmatch account is approved");
            approval.then(|| {
                m.to()
                    .unwrap()
                    .first()
                    .unwrap()
                    .address()
                    .unwrap()
                    .to_owned()
            })
        })
        .collect();
    recipients.sort();
    let before = recipients.len();
    recipients.dedup();
    assert_eq!(
        before,
        recipients.len(),
        "one approval led to two outbox rows and two emails"
    );
    for email in &told_approved {
        assert!(recipients.contains(email), "approval email to {email} lost");
    }
    assert!(!told_approved.is_empty(), "some approvals went through");
}

#[tokio::test]
async fn a_jwt_secret_shorter_than_32_bytes_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let out = hostmatch(dir.path(), &url)
        .arg("serve")
        .env("HOSTMATCH_JWT_SECRET", "only-twenty-bytes-xx")
        .env("HOSTMATCH_BIND", "127.0.0.1:0")
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("HOSTMATCH_JWT_SECRET"), "{err}");
    assert!(
        !err.contains("only-twenty-bytes-xx"),
        "the secret is not echoed"
    );
}
