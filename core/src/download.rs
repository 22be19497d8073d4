//! Downloads: a file's bytes streamed from the answer to where the caller wants them, a
//! chunk at a time, so memory stays proportional to one chunk whatever the file's size.
//!
//! To a path, the bytes go to a temporary file in the same directory, renamed into place
//! once the whole answer has arrived; on any error (the connection cut mid-stream, a full
//! disk, a timeout) the temporary file is removed, so a path never holds a partial file.

use crate::client::Client;
use crate::transport::Call;
use crate::{Error, Result};
use bytes::{Bytes, BytesMut};
use std::fmt;
use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

/// Bytes are handed to a file or a writer in pieces of about this size: large enough that
/// a writer in another language is called rarely, small enough to stay far below the
/// memory budget of a streamed download.
const WRITE_BATCH: usize = 256 * 1024;

/// A destination the caller supplies for a download's bytes, such as a Python file object
/// or a Node `Writable`. Each call gets the next piece, in order; the next call waits
/// until the previous one's future has finished.
pub trait ChunkWriter: Send + Sync {
    /// Writes one piece; an error ends the download with [`Error::Write`].
    fn write(&self, chunk: Bytes) -> Pin<Box<dyn Future<Output = Result<()>> + Send + '_>>;
}

/// Where a download goes.
#[derive(Clone, Default)]
pub enum Sink {
    /// Into memory: the download returns the bytes.
    #[default]
    Memory,
    /// To a file at this path, replaced only when the whole answer has arrived.
    Path(PathBuf),
    /// To the caller's writer.
    Writer(Arc<dyn ChunkWriter>),
}

impl fmt::Debug for Sink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sink::Memory => f.write_str("Memory"),
            Sink::Path(p) => f.debug_tuple("Path").field(p).finish(),
            Sink::Writer(_) => f.write_str("Writer(..)"),
        }
    }
}

/// What a download gives back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Download {
    /// The bytes, for [`Sink::Memory`].
    Bytes(Bytes),
    /// How many bytes were written, for a path or a writer.
    Written(u64),
}

impl Download {
    /// The bytes, if the download was kept in memory.
    pub fn bytes(&self) -> Option<&Bytes> {
        match self {
            Download::Bytes(b) => Some(b),
            Download::Written(_) => None,
        }
    }
}

/// Sends `call` (a GET whose answer is a file) and streams its body to `sink`.
pub(crate) async fn fetch(c: &Client, mut call: Call, sink: &Sink) -> Result<Download> {
    // A path that cannot be written is the caller's mistake: say so before any request.
    let target = match sink {
        Sink::Path(path) => Some(PartFile::create(path)?),
        _ => None,
    };
    call.stream = true;
    let answer = c.send(call).await?;
    let Some(streamed) = answer.stream else {
        return Err(Error::Internal(
            "a streamed call came back unstreamed".into(),
        ));
    };
    let mut body = Body {
        response: streamed.response,
        idle: c.options.timeout,
    };
    match (sink, target) {
        (Sink::Path(_), Some(file)) => file.fill(&mut body).await.map(Download::Written),
        (Sink::Writer(w), _) => to_writer(&mut body, w.as_ref())
            .await
            .map(Download::Written),
        _ => to_memory(&mut body).await.map(Download::Bytes),
    }
}

/// The answer's body, read a chunk at a time. Each chunk must come within the call's
/// timeout: a large download may take longer than one call's time in total, but a stalled
/// one ends.
struct Body {
    response: reqwest::Response,
    idle: std::time::Duration,
}

impl Body {
    async fn chunk(&mut self) -> Result<Option<Bytes>> {
        match tokio::time::timeout(self.idle, self.response.chunk()).await {
            Ok(Ok(chunk)) => Ok(chunk),
            Ok(Err(e)) => Err(match Error::from_reqwest(e) {
                Error::Transport(text) => {
                    Error::Transport(format!("the download was cut before its end: {text}"))
                }
                other => other,
            }),
            Err(_) => Err(Error::Timeout(format!(
                "no data arrived for {:?} during the download",
                self.idle
            ))),
        }
    }

    /// The next batch of about [`WRITE_BATCH`] bytes, or `None` at the end.
    async fn batch(&mut self) -> Result<Option<Bytes>> {
        let mut buf = BytesMut::new();
        while buf.len() < WRITE_BATCH {
            match self.chunk().await? {
                Some(chunk) if buf.is_empty() && chunk.len() >= WRITE_BATCH => {
                    return Ok(Some(chunk))
                }
                Some(chunk) => buf.extend_from_slice(&chunk),
                None => break,
            }
        }
        Ok((!buf.is_empty()).then(|| buf.freeze()))
    }
}

async fn to_memory(body: &mut Body) -> Result<Bytes> {
    let mut buf = BytesMut::new();
    while let Some(chunk) = body.chunk().await? {
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

async fn to_writer(body: &mut Body, writer: &dyn ChunkWriter) -> Result<u64> {
    let mut written = 0u64;
    while let Some(batch) = body.batch().await? {
        let n = batch.len() as u64;
        writer.write(batch).await.map_err(|e| match e {
            Error::Write(_) => e,
            other => Error::Write(other.to_string()),
        })?;
        written += n;
    }
    Ok(written)
}

/// The temporary file a download to a path is written to; deleted when dropped unless it
/// was renamed into place.
struct PartFile {
    file: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl PartFile {
    fn create(path: &Path) -> Result<PartFile> {
        let shown = path.display();
        if path.is_dir() {
            return Err(Error::invalid(format!(
                "to: {shown} is a directory; give the path of the file to write"
            )));
        }
        let Some(name) = path.file_name() else {
            return Err(Error::invalid(format!(
                "to: {shown} does not name a file to write"
            )));
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            return Err(Error::invalid(format!(
                "to: cannot write {shown}: the directory {} does not exist",
                dir.display()
            )));
        }
        // Hidden, and named after the target, so a crash leaves something recognisable.
        let prefix = format!(".{}.", name.to_string_lossy());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".part");
        // A temporary file is private (0600) by default; the download is an ordinary file,
        // so it gets the mode any new file gets (0666 less the umask).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let file = builder
            .tempfile_in(dir)
            .map_err(|e| Error::invalid(format!("to: cannot write in {}: {e}", dir.display())))?;
        Ok(PartFile {
            file: Some(file),
            path: path.to_path_buf(),
        })
    }

    /// Writes the whole body, then renames the file into place.
    async fn fill(mut self, body: &mut Body) -> Result<u64> {
        let mut written = 0u64;
        while let Some(batch) = body.batch().await? {
            written += batch.len() as u64;
            self.blocking(move |f| f.write_all(&batch)).await?;
        }
        self.blocking(|f| f.as_file().sync_all()).await?;
        let (file, path) = (self.file.take(), self.path.clone());
        tokio::task::spawn_blocking(move || match file {
            Some(f) => f.persist(&path).map(drop).map_err(|e| e.error),
            None => Ok(()),
        })
        .await
        .map_err(|e| Error::Internal(format!("the file writer stopped: {e}")))?
        .map_err(|e| Error::Write(format!("cannot move the file into place: {e}")))?;
        Ok(written)
    }

    /// Runs a file operation off the async threads (a slow disk must not stall them).
    async fn blocking<F>(&mut self, op: F) -> Result<()>
    where
        F: FnOnce(&mut tempfile::NamedTempFile) -> std::io::Result<()> + Send + 'static,
    {
        let Some(mut file) = self.file.take() else {
            return Err(Error::Internal("the file was already closed".into()));
        };
        let (file, result) = tokio::task::spawn_blocking(move || {
            let r = op(&mut file);
            (file, r)
        })
        .await
        .map_err(|e| Error::Internal(format!("the file writer stopped: {e}")))?;
        self.file = Some(file);
        result.map_err(|e| Error::Write(format!("{}: {e}", self.path.display())))
    }
}
