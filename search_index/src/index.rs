//! Opening the index (rebuilding it when its schema version is stale), the one writer,
//! and the shared reader.

use std::path::{Path, PathBuf};

use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use crate::{
    IndexError, analysis,
    docs::Op,
    schema::{Fields, SCHEMA_VERSION},
};

const VERSION_FILE: &str = "hostmatch-schema-version";

/// An open index with its reader. Cloning shares both.
#[derive(Clone)]
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    dir: PathBuf,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it if absent. An index of another schema version,
    /// or built from other data (`data_version`: the caller's fingerprint of what shapes its
    /// documents, such as the taxonomy), is deleted and created empty; `fresh` in the answer
    /// says so (the caller rebuilds it from the database).
    pub fn open(dir: &Path, data_version: &str) -> Result<(Self, bool), IndexError> {
        std::fs::create_dir_all(dir)?;
        let version_path = dir.join(VERSION_FILE);
        let wanted = format!("{SCHEMA_VERSION}:{data_version}");
        let on_disk = std::fs::read_to_string(&version_path)
            .ok()
            .map(|v| v.trim().to_owned());
        let fields = Fields::new();
        let current = on_disk.as_deref() == Some(wanted.as_str()) && dir.join("meta.json").exists();
        let index = if current {
            Index::open_in_dir(dir)?
        } else {
            if on_disk.is_some() || dir.join("meta.json").exists() {
                tracing::warn!(?on_disk, %wanted, "search index schema or data changed; rebuilding");
                for entry in std::fs::read_dir(dir)? {
                    let p = entry?.path();
                    if p.is_file() {
                        std::fs::remove_file(p)?;
                    }
                }
            }
            let index = Index::create_in_dir(dir, fields.schema.clone())?;
            std::fs::write(&version_path, &wanted)?;
            index
        };
        analysis::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok((
            Self {
                index,
                reader,
                fields,
                dir: dir.to_path_buf(),
            },
            !current,
        ))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The payload of the last commit: where the indexer had got to.
    pub fn payload(&self) -> Result<Option<String>, IndexError> {
        Ok(self.index.load_metas()?.payload)
    }

    /// The one writer. Whoever holds it is the only one who changes this index.
    pub fn writer(&self, heap_bytes: usize) -> Result<Writer, IndexError> {
        Ok(Writer {
            writer: self.index.writer(heap_bytes)?,
            fields: self.fields.clone(),
            reader: self.reader.clone(),
        })
    }

    /// How many documents searches see.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Size of the index files on disk, in bytes.
    pub fn size_on_disk(&self) -> u64 {
        std::fs::read_dir(&self.dir)
            .map(|d| {
                d.flatten()
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

/// Applies operations and commits them. Commits are blocking disk work: call them off the
/// async threads.
pub struct Writer {
    writer: IndexWriter,
    fields: Fields,
    reader: IndexReader,
}

impl Writer {
    pub fn apply(&mut self, op: &Op) -> Result<(), IndexError> {
        let f = &self.fields;
        let id = match op {
            Op::UpsertHost(h) => &h.id,
            Op::UpsertProduct(p) => &p.id,
            Op::Delete { id } => id,
        };
        self.writer.delete_term(Term::from_field_text(f.id, id));
        match op {
            Op::UpsertHost(h) => {
                self.writer.add_document(h.to_document(f))?;
            }
            Op::UpsertProduct(p) => {
                self.writer.add_document(p.to_document(f))?;
            }
            Op::Delete { .. } => {}
        }
        Ok(())
    }

    /// Makes everything applied so far durable together with `payload` (the indexer's
    /// position), then lets searches see it.
    pub fn commit(&mut self, payload: &str) -> Result<(), IndexError> {
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(payload);
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Forgets everything applied since the last commit.
    pub fn rollback(&mut self) -> Result<(), IndexError> {
        self.writer.rollback()?;
        Ok(())
    }
}
