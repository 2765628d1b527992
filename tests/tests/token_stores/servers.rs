//! Throwaway PostgreSQL and Redis servers for this test binary: started once, on free loopback
//! ports, with data under the temp directory, and killed when the test process ends (the
//! kernel sends them SIGKILL when their parent dies). `CRONOFY_TEST_POSTGRES` and
//! `CRONOFY_TEST_REDIS` point the tests at servers of your own instead.

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{OnceLock, mpsc};
use std::time::{Duration, Instant};

/// A running server: how to reach it, and its port (for the cuttable proxy).
#[derive(Debug, Clone)]
pub struct Server {
    /// tokio-postgres parameters or a `redis://` URL.
    pub url: String,
    pub port: u16,
}

pub fn postgres() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| match std::env::var("CRONOFY_TEST_POSTGRES") {
        Ok(url) => Server {
            port: port_in(&url, "port=").unwrap_or(5432),
            url,
        },
        Err(_) => start_in_keeper(start_postgres),
    })
}

pub fn redis() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| match std::env::var("CRONOFY_TEST_REDIS") {
        Ok(url) => Server {
            port: url
                .rsplit(':')
                .next()
                .and_then(|rest| rest.trim_end_matches('/').split('/').next())
                .and_then(|p| p.parse().ok())
                .unwrap_or(6379),
            url,
        },
        Err(_) => start_in_keeper(start_redis),
    })
}

fn port_in(params: &str, prefix: &str) -> Option<u16> {
    params
        .split_whitespace()
        .find_map(|part| part.strip_prefix(prefix))
        .and_then(|p| p.parse().ok())
}

/// Starts a server from a thread that lives as long as the process: the parent-death signal
/// is tied to the thread that spawned the child, and test threads end early.
fn start_in_keeper(start: fn() -> (Server, Child)) -> Server {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("test-server-keeper".into())
        .spawn(move || {
            match std::panic::catch_unwind(start) {
                Ok((server, mut child)) => {
                    let _ = tx.send(Ok(server));
                    // Reaps the server if it dies early; otherwise it dies with the process.
                    let _ = child.wait();
                }
                Err(panic) => {
                    let _ = tx.send(Err(panic));
                }
            }
            loop {
                std::thread::park();
            }
        })
        .expect("a thread for the test servers");
    match rx.recv().expect("the keeper thread answers") {
        Ok(server) => server,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
        .to_path_buf()
}

/// Installs the servers from Debian's packages if they are missing (scripts/test_services.sh).
fn ensure_installed() {
    if find_postgres_bin().is_some() && which("redis-server").is_some() {
        return;
    }
    let status = Command::new("bash")
        .arg(workspace_root().join("scripts/test_services.sh"))
        .stdin(Stdio::null())
        .status()
        .expect("bash runs scripts/test_services.sh");
    assert!(
        status.success(),
        "scripts/test_services.sh could not install PostgreSQL and Redis; install them, or set \
         CRONOFY_TEST_POSTGRES and CRONOFY_TEST_REDIS to servers of your own"
    );
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(program))
            .find(|candidate| candidate.is_file())
    })
}

fn find_postgres_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join("bin"))
        .filter(|bin| bin.join("initdb").is_file() && bin.join("postgres").is_file())
        .collect();
    versions.sort();
    versions
        .pop()
        .or_else(|| which("initdb").and_then(|p| p.parent().map(Path::to_path_buf)))
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free loopback port")
}

/// A fresh directory for one server's data, after removing those of earlier runs whose
/// process is gone.
fn data_dir(name: &str) -> PathBuf {
    let base = std::env::temp_dir().join("cronofy-rs-test-servers");
    std::fs::create_dir_all(&base).expect("the temp directory is writable");
    for entry in std::fs::read_dir(&base).into_iter().flatten().flatten() {
        let pid = entry
            .file_name()
            .to_string_lossy()
            .rsplit('-')
            .next()
            .and_then(|pid| pid.parse::<i32>().ok());
        // SAFETY: kill with signal 0 only checks whether the process exists.
        if pid.is_some_and(|pid| unsafe { libc::kill(pid, 0) } != 0) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    let dir = base.join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a data directory");
    dir
}

/// The server dies with the test process.
fn die_with_parent(command: &mut Command) -> &mut Command {
    // SAFETY: prctl is async-signal-safe and touches only the child's own state.
    unsafe {
        command.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        })
    }
}

/// PostgreSQL refuses to run as root: as root, it runs as the `postgres` user that Debian's
/// package creates.
fn postgres_user() -> Option<(u32, u32)> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    let name = std::ffi::CString::new("postgres").ok()?;
    // SAFETY: getpwnam with a valid C string; the result is read before any other call.
    let entry = unsafe { libc::getpwnam(name.as_ptr()) };
    assert!(
        !entry.is_null(),
        "running as root, PostgreSQL needs the `postgres` user that Debian's package creates"
    );
    // SAFETY: not null, checked above.
    let entry = unsafe { &*entry };
    Some((entry.pw_uid, entry.pw_gid))
}

fn start_postgres() -> (Server, Child) {
    ensure_installed();
    let bin = find_postgres_bin().expect("PostgreSQL is installed");
    let dir = data_dir("postgres");
    let user = postgres_user();
    if let Some((uid, gid)) = user {
        let c_dir = std::ffi::CString::new(dir.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: chown on a path we created, with a valid C string.
        assert_eq!(unsafe { libc::chown(c_dir.as_ptr(), uid, gid) }, 0);
    }
    let as_user = |command: &mut Command| {
        if let Some((uid, gid)) = user {
            command.uid(uid).gid(gid);
        }
        command.env_remove("PGDATA").env("LC_ALL", "C.UTF-8");
    };
    let data = dir.join("data");
    let mut initdb = Command::new(bin.join("initdb"));
    initdb
        .args([
            "--auth=trust",
            "--username=cronofy",
            "--encoding=UTF8",
            "--no-sync",
        ])
        .arg("-D")
        .arg(&data)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    as_user(&mut initdb);
    let output = initdb.output().expect("initdb runs");
    assert!(
        output.status.success(),
        "initdb failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    let port = free_port();
    let mut postgres = Command::new(bin.join("postgres"));
    postgres
        .arg("-D")
        .arg(&data)
        .args(["-p", &port.to_string(), "-k"])
        .arg(&dir)
        .args([
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "max_connections=200",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("server.log")).expect("a log file"));
    as_user(&mut postgres);
    let child = die_with_parent(&mut postgres)
        .spawn()
        .expect("postgres starts");
    wait_for_port(port, "PostgreSQL", &dir.join("server.log"));
    let server = Server {
        url: format!("host=127.0.0.1 port={port} user=cronofy dbname=postgres"),
        port,
    };
    (server, child)
}

fn start_redis() -> (Server, Child) {
    ensure_installed();
    let dir = data_dir("redis");
    let port = free_port();
    let mut redis = Command::new(which("redis-server").expect("redis-server is installed"));
    redis
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args([
            "--save",
            "",
            "--appendonly",
            "no",
            "--protected-mode",
            "yes",
        ])
        .arg("--dir")
        .arg(&dir)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(dir.join("server.log")).expect("a log file"))
        .stderr(Stdio::null());
    let child = die_with_parent(&mut redis)
        .spawn()
        .expect("redis-server starts");
    wait_for_port(port, "Redis", &dir.join("server.log"));
    let server = Server {
        url: format!("redis://127.0.0.1:{port}/"),
        port,
    };
    (server, child)
}

fn wait_for_port(port: u16, name: &str, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "{name} did not accept connections on 127.0.0.1:{port} within 30 s; its log:\n{}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
}
