//! The JWT signing secret: taken from settings, or generated once and kept in the data dir.

use std::{
    fs::OpenOptions,
    io::{ErrorKind, Read, Write},
    path::Path,
};

use rand::RngCore;

/// Shortest secret accepted, in bytes.
pub const MIN_SECRET_LEN: usize = 32;
const FILE_NAME: &str = "jwt_secret";

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the JWT secret must be at least {MIN_SECRET_LEN} bytes")]
    TooShort,
    #[error("secret file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// Returns the configured secret, or the one kept in `data_dir`, creating it (256 bits from
/// the OS CSPRNG, owner-only permissions) on first start.
pub fn load_or_create(configured: Option<&str>, data_dir: &Path) -> Result<Vec<u8>, SecretError> {
    if let Some(s) = configured {
        return check(s.as_bytes().to_vec());
    }
    let path = data_dir.join(FILE_NAME);
    let io = |source| SecretError::Io {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(data_dir).map_err(io)?;
    let mut bytes = [0u8; 32];
    // ThreadRng is a ChaCha CSPRNG seeded from the OS.
    rand::rng().fill_bytes(&mut bytes);
    let encoded = hex::encode(bytes);
    // Written whole under a private name, then linked into place: hard_link fails if the
    // file exists, so two processes starting at once agree on one secret, and nobody ever
    // reads a half-written one.
    let tmp = data_dir.join(format!(".{FILE_NAME}.{}", std::process::id()));
    let written = owner_only().open(&tmp).and_then(|mut f| {
        f.write_all(encoded.as_bytes())?;
        f.sync_all()
    });
    let linked = written.and_then(|()| std::fs::hard_link(&tmp, &path));
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => check(encoded.into_bytes()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            let mut s = String::new();
            std::fs::File::open(&path)
                .and_then(|mut f| f.read_to_string(&mut s))
                .map_err(io)?;
            check(s.trim().as_bytes().to_vec())
        }
        Err(e) => Err(io(e)),
    }
}

fn check(secret: Vec<u8>) -> Result<Vec<u8>, SecretError> {
    if secret.len() < MIN_SECRET_LEN {
        Err(SecretError::TooShort)
    } else {
        Ok(secret)
    }
}

fn owner_only() -> OpenOptions {
    let mut o = OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secret_is_kept_owner_only_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_create(None, dir.path()).unwrap();
        let second = load_or_create(None, dir.path()).unwrap();
        assert_eq!(first, second);
        assert_eq!(first.len(), 64, "32 random bytes, hex encoded");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(FILE_NAME))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn short_secret_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            load_or_create(Some("short"), dir.path()),
            Err(SecretError::TooShort)
        ));
    }
}
