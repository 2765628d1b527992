//! Counting instructions with Callgrind, for a figure the load of a shared machine does not
//! move: wall time and CPU time both depend on what else runs (caches, frequency, preemption),
//! the number of instructions a piece of code executes hardly does.
//!
//! A bench re-runs itself under `valgrind --tool=callgrind` with collection off, except inside
//! one named function ([`COUNTED_FUNCTION`]), and with a dump each time that function returns.
//! Dump *k* then holds exactly the instructions executed inside the *k*-th call, on the
//! calling thread only: Callgrind's collection state is per thread, so the local servers'
//! threads are not counted. Kernel time (system calls) is not counted either.

use std::error::Error as StdError;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

type BoxError = Box<dyn StdError + Send + Sync>;

/// The name of the function whose calls are counted, one dump each. A bench defines a
/// non-inlined function of exactly this name and calls it once per block to measure.
pub const COUNTED_FUNCTION: &str = "counted_block";

/// What a run under Callgrind gave: the instructions of each call of [`COUNTED_FUNCTION`], in
/// call order, and the standard output of the bench run under it.
#[derive(Debug)]
pub struct Counted {
    /// Instructions executed inside each call, in call order.
    pub instructions: Vec<u64>,
    /// What the bench printed while it ran under Callgrind.
    pub stdout: String,
}

/// Runs this executable again under Callgrind with `args`, and reads back the instructions
/// of each call of [`COUNTED_FUNCTION`].
///
/// Fails when `valgrind` cannot be started or the run fails. Leaves nothing behind.
pub fn run_self(args: &[String]) -> Result<Counted, BoxError> {
    let exe = std::env::current_exe()?;
    let dir = scratch_dir()?;
    let result = run_in(&dir, &exe, args);
    let _ = fs::remove_dir_all(&dir);
    result
}

fn run_in(dir: &Path, exe: &Path, args: &[String]) -> Result<Counted, BoxError> {
    let out_file = dir.join("callgrind.out");
    // `*name` and not `*name*`: Callgrind 3.19 ignores a dump pattern that ends in `*`.
    let pattern = format!("*{COUNTED_FUNCTION}");
    let output = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg("--quiet")
        .arg("--collect-atstart=no")
        .arg(format!("--toggle-collect={pattern}"))
        .arg(format!("--dump-after={pattern}"))
        .arg(format!("--callgrind-out-file={}", out_file.display()))
        .arg(exe)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("starting valgrind (is it installed?): {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(format!(
            "the run under callgrind failed ({}):\n{stdout}",
            output.status
        )
        .into());
    }
    Ok(Counted {
        instructions: read_dumps(&out_file)?,
        stdout,
    })
}

/// The totals of `out_file.1`, `out_file.2`, ... in order (one per counted call).
fn read_dumps(out_file: &Path) -> Result<Vec<u64>, BoxError> {
    let mut totals = Vec::new();
    for part in 1.. {
        let path = PathBuf::from(format!("{}.{part}", out_file.display()));
        let Ok(text) = fs::read_to_string(&path) else {
            break;
        };
        totals
            .push(total_of(&text).ok_or_else(|| format!("{}: no `totals:` line", path.display()))?);
    }
    Ok(totals)
}

/// The first event count (`Ir`, instructions) of a dump's `totals:` (or `summary:`) line.
fn total_of(dump: &str) -> Option<u64> {
    dump.lines()
        .find_map(|line| {
            line.strip_prefix("totals:")
                .or_else(|| line.strip_prefix("summary:"))
        })
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|count| count.parse().ok())
}

fn scratch_dir() -> Result<PathBuf, BoxError> {
    let dir = std::env::temp_dir().join(format!("cronofy-callgrind-{}", std::process::id()));
    fs::create_dir_all(&dir)?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_instruction_count_of_a_dump() {
        let dump = "version: 1\ncmd: x\nevents: Ir\nfn=(1) f\n0 12\ntotals: 5007\n";
        assert_eq!(total_of(dump), Some(5007));
        assert_eq!(total_of("summary: 42 7\n"), Some(42));
        assert_eq!(total_of("events: Ir\n"), None);
    }
}
