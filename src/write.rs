//! Writing a fixed file back: the whole new text or nothing, the file's identity kept, and never
//! over a change another program made meanwhile.
//!
//! The text goes to a temporary file beside the file (or beside a symlink's target, so the link
//! stays a link), takes the file's owner, group, mode and extended attributes (ACLs included),
//! is synced, and is renamed over the file. What mtlint refuses rather than risk: a file it may
//! not write to (checked with `access(2)`, as an editor does, not from the mode bits), a file
//! with several hard links (a rename would split them), a file whose owner or group it cannot
//! keep, and a file that changed since it was read: checked when the write starts and again
//! just before the rename, by size, modification time (nanoseconds), inode and, up to
//! `REREAD_LIMIT`, content. What remains is the time between that last check and `rename(2)`.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::walk::{InputError, TEMP_MARK, TEMP_SUFFIX, io_message};

/// Up to this size the file is read again just before the rename, not only stat'ed.
const REREAD_LIMIT: u64 = 16 << 20;

/// Replaces the content of `path` with `text`, provided the file still holds `original`, the
/// bytes the fixes were made from.
pub fn write_fixed(path: &Path, original: &[u8], text: &str) -> Result<(), InputError> {
    write_fixed_checking(path, original, text, || {})
}

/// What identifies the file's content as read: a write by anyone changes one of these.
#[derive(Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Self {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino())
            },
        }
    }
}

/// `write_fixed`, running `meanwhile` just before the last check (tests put a concurrent write
/// there).
fn write_fixed_checking(path: &Path, original: &[u8], text: &str, meanwhile: impl FnOnce()) -> Result<(), InputError> {
    let refuse = |message: String| InputError {
        path: path.display().to_string(),
        message: format!("not fixed: {message}"),
    };
    let target = target_of(path).map_err(|err| refuse(format!("cannot resolve the link: {}", io_message(&err))))?;
    let mut file =
        fs::File::open(&target).map_err(|err| refuse(format!("cannot read it again: {}", io_message(&err))))?;
    let meta = file.metadata().map_err(|err| refuse(io_message(&err)))?;
    if !meta.is_file() {
        return Err(refuse("not a regular file".to_owned()));
    }
    if meta.permissions().readonly() {
        return Err(refuse("the file is read-only".to_owned()));
    }
    check_access(&target).map_err(|_| refuse("you may not write to it (permission denied)".to_owned()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(refuse(format!(
                "it has {} hard links, and writing a new file would split them; fix a copy",
                meta.nlink()
            )));
        }
    }
    let mut current = Vec::with_capacity(original.len());
    file.read_to_end(&mut current)
        .map_err(|err| refuse(format!("cannot read it again: {}", io_message(&err))))?;
    if current != original {
        return Err(refuse("the file changed while it was being linted".to_owned()));
    }
    let stamp = Stamp::of(&meta);
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}{TEMP_MARK}"))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(folder)
        .map_err(|err| refuse(format!("cannot write beside it: {}", io_message(&err))))?;
    // On any failure from here, the temporary file is removed when `temp` drops.
    temp.write_all(text.as_bytes())
        .map_err(|err| refuse(format!("cannot write it: {}", io_message(&err))))?;
    keep_identity(&file, &meta, temp.as_file()).map_err(refuse)?;
    temp.as_file()
        .sync_all()
        .map_err(|err| refuse(format!("cannot write it: {}", io_message(&err))))?;
    meanwhile();
    // The last check: anything written since the first one is kept, and nothing of ours.
    let changed =
        || refuse("the file changed while it was being fixed; it was left as the other program wrote it".to_owned());
    let now = fs::metadata(&target).map_err(|_| changed())?;
    if Stamp::of(&now) != stamp {
        return Err(changed());
    }
    if now.len() <= REREAD_LIMIT && fs::read(&target).map_err(|_| changed())? != original {
        return Err(changed());
    }
    temp.persist(&target)
        .map_err(|err| refuse(format!("cannot write it: {}", io_message(&err.error))))?;
    Ok(())
}

/// The file a path names: a symlink's target (resolved whole), else the path itself.
fn target_of(path: &Path) -> io::Result<PathBuf> {
    if fs::symlink_metadata(path)?.file_type().is_symlink() {
        fs::canonicalize(path)
    } else {
        Ok(path.to_path_buf())
    }
}

/// Whether the caller may write to the file, as the kernel decides (ACLs, root, read-only
/// mounts), not as the mode bits suggest.
fn check_access(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::fs::{Access, AtFlags, CWD, accessat};
        accessat(CWD, path, Access::WRITE_OK, AtFlags::EACCESS).map_err(io::Error::from)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// Gives the new file the old one's owner, group, mode and extended attributes, or says which
/// it cannot keep.
fn keep_identity(old: &fs::File, meta: &fs::Metadata, new: &fs::File) -> Result<(), String> {
    #[cfg(unix)]
    {
        use rustix::fs::{Gid, Uid, fchown};
        use std::os::unix::fs::MetadataExt;
        let new_meta = new.metadata().map_err(|err| io_message(&err))?;
        if (new_meta.uid(), new_meta.gid()) != (meta.uid(), meta.gid()) {
            let owner = (new_meta.uid() != meta.uid()).then(|| Uid::from_raw(meta.uid()));
            let group = (new_meta.gid() != meta.gid()).then(|| Gid::from_raw(meta.gid()));
            fchown(new, owner, group).map_err(|_| match owner {
                Some(_) => format!(
                    "it belongs to another user (uid {}), and the fixed file would be yours",
                    meta.uid()
                ),
                None => format!("its group (gid {}) cannot be kept", meta.gid()),
            })?;
        }
        copy_xattrs(old, new)?;
    }
    #[cfg(not(unix))]
    let _ = old;
    // After the owner: a change of owner clears setuid and setgid, which are right only for the
    // owner the file keeps.
    new.set_permissions(meta.permissions()).map_err(|err| io_message(&err))
}

/// Copies every extended attribute (ACLs, labels, user attributes) the file system has for
/// `old`; one that cannot be set and differs on the new file is a refusal.
#[cfg(unix)]
fn copy_xattrs(old: &fs::File, new: &fs::File) -> Result<(), String> {
    use rustix::fs::{XattrFlags, fgetxattr, flistxattr, fsetxattr};
    let mut names = vec![0u8; 4096];
    let len = loop {
        match flistxattr(old, &mut names[..]) {
            Ok(len) => break len,
            Err(rustix::io::Errno::RANGE) => names.resize(names.len() * 4, 0),
            // No extended attributes on this file system.
            Err(rustix::io::Errno::OPNOTSUPP | rustix::io::Errno::NOSYS) => return Ok(()),
            Err(err) => return Err(format!("cannot read its extended attributes: {err}")),
        }
    };
    let value_of = |file: &fs::File, name: &std::ffi::CStr| -> Option<Vec<u8>> {
        let mut value = vec![0u8; 1024];
        loop {
            match fgetxattr(file, name, &mut value[..]) {
                Ok(len) => {
                    value.truncate(len);
                    return Some(value);
                }
                Err(rustix::io::Errno::RANGE) => value.resize(value.len() * 4, 0),
                Err(_) => return None,
            }
        }
    };
    for name in names[..len].split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = std::ffi::CString::new(name).expect("no NUL inside a name");
        let Some(value) = value_of(old, &name) else { continue };
        if fsetxattr(new, name.as_c_str(), &value, XattrFlags::empty()).is_err()
            && value_of(new, &name).as_deref() != Some(&value[..])
        {
            return Err(format!(
                "its extended attribute `{}` cannot be kept",
                name.to_string_lossy()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walk::is_temporary;

    fn leftovers(folder: &Path) -> Vec<String> {
        fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| is_temporary(n))
            .collect()
    }

    #[test]
    fn a_write_by_another_program_during_the_fix_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "Why ?\n").unwrap();
        let error = write_fixed_checking(&path, b"Why ?\n", "Why?\n", || {
            fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .unwrap()
                .write_all(b"A line of the other program.\n")
                .unwrap();
        })
        .unwrap_err();
        assert_eq!(
            error.message,
            "not fixed: the file changed while it was being fixed; it was left as the other program wrote it"
        );
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "Why ?\nA line of the other program.\n"
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_same_size_rewrite_during_the_fix_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "Why ?\n").unwrap();
        let meta = fs::metadata(&path).unwrap();
        write_fixed_checking(&path, b"Why ?\n", "Why?\n", || {
            // The same size and, put back, the same modification time: only the content tells.
            fs::write(&path, "How ?\n").unwrap();
            let file = fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(meta.modified().unwrap()).unwrap();
        })
        .unwrap_err();
        assert_eq!(fs::read_to_string(&path).unwrap(), "How ?\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_a_link_and_its_target_is_fixed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/a.txt");
        fs::write(&target, "Why ?\n").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("real/a.txt", &link).unwrap();
        write_fixed(&link, b"Why ?\n", "Why?\n").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&target).unwrap(), "Why?\n");
        assert!(leftovers(&dir.path().join("real")).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_are_not_split() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "Why ?\n").unwrap();
        fs::hard_link(&path, dir.path().join("b.txt")).unwrap();
        let error = write_fixed(&path, b"Why ?\n", "Why?\n").unwrap_err();
        assert!(
            error.message.starts_with("not fixed: it has 2 hard links"),
            "{}",
            error.message
        );
        assert_eq!(fs::read_to_string(dir.path().join("b.txt")).unwrap(), "Why ?\n");
    }

    #[cfg(unix)]
    #[test]
    fn mode_and_user_attributes_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "Why ?\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let file = fs::File::open(&path).unwrap();
        let tagged = rustix::fs::fsetxattr(&file, "user.mtlint.test", b"kept", rustix::fs::XattrFlags::empty()).is_ok();
        write_fixed(&path, b"Why ?\n", "Why?\n").unwrap();
        let meta = fs::metadata(&path).unwrap();
        assert_eq!(meta.permissions().mode() & 0o7777, 0o640);
        if tagged {
            let file = fs::File::open(&path).unwrap();
            let mut value = [0u8; 16];
            let len = rustix::fs::fgetxattr(&file, "user.mtlint.test", &mut value[..]).unwrap();
            assert_eq!(&value[..len], b"kept");
        } else {
            eprintln!("SKIPPED the extended attribute: this file system has no user attributes");
        }
    }
}
