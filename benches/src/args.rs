//! The options a bench takes after `--` (`cargo bench -p cronofy-benches --bench NAME --
//! --rounds 30`). Cargo adds `--bench` to a `harness = false` binary's arguments; anything not
//! asked for is ignored.

use std::str::FromStr;

/// The value after `--name` on the command line, parsed; `default` when absent.
///
/// # Panics
///
/// When the value is there but does not parse, so a typo is not silently replaced.
pub fn value<T: FromStr>(name: &str, default: T) -> T {
    let flag = format!("--{name}");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == flag {
            let Some(text) = args.next() else {
                panic!("{flag} needs a value");
            };
            return match text.parse() {
                Ok(value) => value,
                Err(_) => panic!("{flag} {text}: not a valid value"),
            };
        }
    }
    default
}

/// Whether `--name` is on the command line.
pub fn flag(name: &str) -> bool {
    let flag = format!("--{name}");
    std::env::args().skip(1).any(|arg| arg == flag)
}
