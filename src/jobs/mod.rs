//! Background work: the tasks that drain tables written inside request transactions.
//! Each job says what one pass does; `worker` runs them all in the same loop.

pub mod index;
pub mod mail;
pub mod offers;
pub mod rescreen;
pub mod sessions;
pub mod worker;

use tokio::{sync::watch, task::JoinHandle};

/// The running background tasks and the switch that stops them.
pub struct Workers {
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Workers {
    pub fn new() -> (Self, watch::Receiver<bool>) {
        let (stop, rx) = watch::channel(false);
        (
            Self {
                stop,
                tasks: Vec::new(),
            },
            rx,
        )
    }

    pub fn spawn(&mut self, task: impl Future<Output = ()> + Send + 'static) {
        self.tasks.push(tokio::spawn(task));
    }

    /// Asks every task to stop after its current item and waits for them.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for t in self.tasks {
            if let Err(e) = t.await {
                tracing::error!(error = %e, "worker task panicked");
            }
        }
    }
}
