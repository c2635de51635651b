//! Logging (tracing) and the Prometheus recorder behind `/metrics`.

use std::sync::OnceLock;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tracing_subscriber::{EnvFilter, fmt, layer::SubscriberExt, util::SubscriberInitExt};

/// Installs the global subscriber: human-readable lines, or JSON when `json` is set. Each line
/// inside a request carries its span, and with it the request id.
pub fn init(filter: &str, json: bool) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|e| {
        eprintln!("HOSTMATCH_LOG {filter:?} is not a valid filter ({e}); using info");
        EnvFilter::new("info")
    });
    let registry = tracing_subscriber::registry().with(filter);
    let result = if json {
        registry
            .with(fmt::layer().json().flatten_event(true))
            .try_init()
    } else {
        registry.with(fmt::layer()).try_init()
    };
    if let Err(e) = result {
        eprintln!("tracing already initialised: {e}");
    }
}

/// The process-wide Prometheus recorder. Installed once; several `Application`s in one
/// process (the tests) share it.
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new().build_recorder();
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!("a metrics recorder was already installed");
            }
            handle
        })
        .clone()
}
