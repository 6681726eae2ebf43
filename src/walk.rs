//! Files in and out: finding the inputs (folders walked with `ignore`, honouring .gitignore),
//! and reading them as UTF-8 (writing fixes back is `write`'s).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crate::config::Config;
use crate::formats::Format;

/// One input to lint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// `walked`: found by walking a folder (a binary file is then skipped, not reported).
    File {
        path: PathBuf,
        format: Format,
        walked: bool,
    },
    Stdin {
        name: String,
        format: Format,
    },
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::File { path, .. } => path.display().to_string(),
            Input::Stdin { name, .. } => name.clone(),
        }
    }

    pub fn walked(&self) -> bool {
        matches!(self, Input::File { walked: true, .. })
    }

    pub fn format(&self) -> Format {
        match self {
            Input::File { format, .. } | Input::Stdin { format, .. } => *format,
        }
    }
}

/// A problem of the run with one input: reported on stderr, naming it; exit 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let visible = |text: &str| crate::render::visible(text).into_owned();
        write!(f, "{}: {}", visible(&self.path), visible(&self.message))
    }
}

/// The files named by `paths`, sorted and without duplicates: a file is taken whatever its
/// extension (as plain text unless it is Markdown); a folder is walked for `.txt`, `.md` and
/// `.markdown` files (or the configuration's `include` globs), skipping what .gitignore,
/// hidden-file rules and the configuration's `exclude` globs skip.
pub fn collect(paths: &[PathBuf], config: &Config) -> (Vec<Input>, Vec<InputError>) {
    let collected = collect_with(paths, config, false);
    (collected.inputs, collected.errors)
}

/// What a walk found, and what `exclude` ruled out.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    pub errors: Vec<InputError>,
    /// Files and folders `exclude` ruled out (a folder counts once, not its files).
    pub excluded: Vec<PathBuf>,
    /// Temporary files a killed `--fix` left behind (see `TEMP_MARK`), found walking.
    pub leftovers: Vec<PathBuf>,
}

/// `collect`, and with `force_exclude` a file named on the command line is also subject to
/// `exclude` (as with ruff's `--force-exclude`, for pre-commit hooks, which name every file).
pub fn collect_with(paths: &[PathBuf], config: &Config, force_exclude: bool) -> Collected {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let excluded_paths = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let leftovers = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    for path in paths {
        match fs::metadata(path) {
            Err(err) => errors.push(InputError {
                path: path.display().to_string(),
                message: io_message(&err),
            }),
            Ok(meta) if meta.is_dir() => {
                let excluded = config.exclude_filter();
                let seen = excluded_paths.clone();
                let left = leftovers.clone();
                // Hidden files are skipped here rather than by `ignore`, so that a temporary
                // file of a killed `--fix` is seen, and reported.
                let walker = ignore::WalkBuilder::new(path)
                    .hidden(false)
                    .filter_entry(move |entry| {
                        let name = entry.file_name().to_string_lossy();
                        if entry.depth() > 0 && name.starts_with('.') {
                            if is_temporary(&name) && entry.file_type().is_some_and(|t| t.is_file()) {
                                left.lock()
                                    .expect("no thread panicked")
                                    .push(entry.path().to_path_buf());
                            }
                            return false;
                        }
                        let out = excluded(entry.path());
                        if out {
                            seen.lock()
                                .expect("no thread panicked")
                                .push(entry.path().to_path_buf());
                        }
                        !out
                    })
                    .build();
                for entry in walker {
                    match entry {
                        Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                            let format = Format::from_path(entry.path());
                            if config.excludes(entry.path()) {
                                excluded_paths
                                    .lock()
                                    .expect("no thread panicked")
                                    .push(entry.into_path());
                            } else if config.walks(entry.path(), format.is_some()) {
                                // `mtlint check` reports `page.txt`, not `./page.txt`.
                                let path = match entry.path().strip_prefix(".") {
                                    Ok(inner) if path.as_os_str() == "." => inner.to_path_buf(),
                                    _ => entry.into_path(),
                                };
                                inputs.push(Input::File {
                                    path,
                                    format: format.unwrap_or(Format::Plain),
                                    walked: true,
                                });
                            }
                        }
                        Ok(_) => {}
                        Err(err) => errors.push(InputError {
                            path: path.display().to_string(),
                            message: err.to_string(),
                        }),
                    }
                }
            }
            // Reading a FIFO, socket or device could block forever or never end.
            Ok(meta) if !meta.is_file() => errors.push(InputError {
                path: path.display().to_string(),
                message: "not a regular file (a FIFO, socket or device); mtlint reads files, folders and `-`"
                    .to_owned(),
            }),
            Ok(_)
                if force_exclude
                    && path
                        .ancestors()
                        .any(|p| !p.as_os_str().is_empty() && config.excludes(p)) =>
            {
                excluded_paths.lock().expect("no thread panicked").push(path.clone());
            }
            Ok(_) => inputs.push(Input::File {
                path: path.clone(),
                format: Format::from_path(path).unwrap_or(Format::Plain),
                walked: false,
            }),
        }
    }
    inputs.sort();
    inputs.dedup();
    let excluded = std::mem::take(&mut *excluded_paths.lock().expect("no thread panicked"));
    let mut leftovers = std::mem::take(&mut *leftovers.lock().expect("no thread panicked"));
    leftovers.sort();
    Collected {
        inputs,
        errors,
        excluded,
        leftovers,
    }
}

/// The extensions a folder walk takes, for messages: `.txt, .text, … and .xliff`.
pub fn walked_extensions() -> String {
    let names: Vec<String> = crate::formats::EXTENSIONS
        .iter()
        .map(|(e, _)| format!(".{e}"))
        .collect();
    let (last, rest) = names.split_last().expect("formats have extensions");
    format!("{} and {last}", rest.join(", "))
}

/// The bytes of a file, read in one go. Opened without blocking and checked once open: a file
/// replaced by a FIFO after the walk is refused, not waited on forever.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    let error = |message: String| InputError {
        path: path.display().to_string(),
        message,
    };
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let mut file = options.open(path).map_err(|err| error(io_message(&err)))?;
    let meta = file.metadata().map_err(|err| error(io_message(&err)))?;
    if !meta.is_file() {
        return Err(error(
            "not a regular file (a FIFO, socket or device); mtlint reads files, folders and `-`".to_owned(),
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    io::Read::read_to_end(&mut file, &mut bytes).map_err(|err| error(io_message(&err)))?;
    Ok(bytes)
}

/// The text of a file, which must be UTF-8 (a BOM is kept as part of the text).
pub fn read(path: &Path) -> Result<String, InputError> {
    decode(read_bytes(path)?).map_err(|message| InputError {
        path: path.display().to_string(),
        message,
    })
}

/// Whether bytes look binary: a NUL byte in the first 8 KiB, as git and ripgrep judge.
pub fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

/// The Unicode encoding other than UTF-8 that a byte-order mark names, and the byte order, if
/// any. UTF-32's little-endian mark starts with UTF-16's, so it is tried first.
pub fn other_unicode(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const MARKS: [(&[u8], &str, &str); 4] = [
        (&[0xFF, 0xFE, 0x00, 0x00], "UTF-32", "little-endian"),
        (&[0x00, 0x00, 0xFE, 0xFF], "UTF-32", "big-endian"),
        (&[0xFF, 0xFE], "UTF-16", "little-endian"),
        (&[0xFE, 0xFF], "UTF-16", "big-endian"),
    ];
    MARKS
        .iter()
        .find(|(mark, _, _)| bytes.starts_with(mark))
        .map(|(_, name, order)| (*name, *order))
}

/// The charset an HTML `<meta>` or an XML declaration gives in the first 1024 bytes (where a
/// browser looks), if it is not UTF-8.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    static DECLARATION: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(
            r#"(?i-u)(?:<meta\b[^>]*?\bcharset\s*=\s*["']?|<\?xml\b[^>]*?\bencoding\s*=\s*["'])([a-z0-9_.:-]+)"#,
        )
        .expect("valid")
    });
    let head = &bytes[..bytes.len().min(1024)];
    let charset = String::from_utf8_lossy(&DECLARATION.captures(head)?[1]).into_owned();
    let utf8 = encoding_rs::Encoding::for_label(charset.as_bytes()) == Some(encoding_rs::UTF_8);
    (!utf8).then_some(charset)
}

/// UTF-8 text (taking the bytes, without a copy), or a message giving the line and byte offset
/// of the first invalid sequence and, when the file declares its charset or starts with another
/// encoding's byte-order mark, naming it with a conversion hint. Nothing is decoded for the user:
/// translated text is UTF-8 in practice, and spans must point at the file's bytes.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if let Some((name, order)) = other_unicode(&bytes) {
        return Err(format!(
            "{name} text ({order} byte-order mark); mtlint reads UTF-8 only: convert it first, e.g. `iconv -f {name} -t UTF-8`"
        ));
    }
    String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        let line = err.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let place = format!("invalid byte sequence at line {line}, byte offset {at}");
        match declared_charset(err.as_bytes()) {
            Some(charset) => format!(
                "not valid UTF-8 ({place}): the file declares the charset `{charset}`; mtlint reads UTF-8 only: \
                 convert it first, e.g. `iconv -f {} -t UTF-8`, and declare `utf-8`",
                charset.to_ascii_uppercase()
            ),
            None => format!("not valid UTF-8: {place}; mtlint reads UTF-8 text only"),
        }
    })
}

/// The temporary file's name: `.NAME.mtlint-XXXXXX.tmp` beside `NAME`, so that one left by a
/// killed run says which file it was for (and a walk reports it).
pub const TEMP_MARK: &str = ".mtlint-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// Whether a file name is one of mtlint's temporary files.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.contains(TEMP_MARK) && name.ends_with(TEMP_SUFFIX)
}

/// An I/O error's message without Rust's "(os error N)" suffix.
pub(crate) fn io_message(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let message = err.to_string();
            message.split(" (os error").next().unwrap_or(&message).to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_names_the_first_bad_byte_and_refuses_utf16() {
        assert_eq!(decode(b"ok".to_vec()).unwrap(), "ok");
        let err = decode(b"a\nb\xff".to_vec()).unwrap_err();
        assert!(err.contains("line 2, byte offset 3"), "{err}");
        assert!(
            decode(vec![0xFF, 0xFE, b'a', 0])
                .unwrap_err()
                .starts_with("UTF-16 text (little-endian byte-order mark)")
        );
        for (bytes, named) in [
            (
                &[0xFF, 0xFE, 0, 0, b'a', 0, 0, 0][..],
                "UTF-32 text (little-endian byte-order mark)",
            ),
            (
                &[0, 0, 0xFE, 0xFF, 0, 0, 0, b'a'][..],
                "UTF-32 text (big-endian byte-order mark)",
            ),
            (&[0xFE, 0xFF, 0, b'a'][..], "UTF-16 text (big-endian byte-order mark)"),
        ] {
            assert!(decode(bytes.to_vec()).unwrap_err().starts_with(named));
        }
        assert!(looks_binary(b"ab\0cd") && !looks_binary(b"abcd"));
    }
}
