//! Gives `mtlint --version` the commit it was built from, when built from a git checkout.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_owned())
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let version = env!("CARGO_PKG_VERSION");
    let commit = git(&["rev-parse", "--short=9", "HEAD"]);
    let date = git(&["log", "-1", "--format=%cs"]);
    match (commit, date, git(&["rev-parse", "--absolute-git-dir"])) {
        (Some(commit), Some(date), Some(git_dir)) => {
            // Built again when HEAD moves or its branch gets a commit.
            println!("cargo:rerun-if-changed={git_dir}/HEAD");
            if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
                println!("cargo:rerun-if-changed={git_dir}/{branch}");
            }
            println!("cargo:rustc-env=MTLINT_VERSION={version} ({commit} {date})");
        }
        // A crate tarball: no commit to tell.
        _ => println!("cargo:rustc-env=MTLINT_VERSION={version}"),
    }
}
