//! A launch that meets an instance dying on the session bus starts over and runs, instead of
//! failing (`src-tauri/relaunch.rs`). Needs a display and a session bus: scripts/test runs it
//! inside xvfb-run + dbus-run-session.
#![cfg(target_os = "linux")]

use std::io::Read;

use std::process::Stdio;
use std::time::{Duration, Instant};

use zbus::blocking::{fdo::DBusProxy, Connection, MessageIterator};
use zbus::names::BusName;

/// The single-instance plugin's lock: the app identifier plus ".SingleInstance".
const LOCK: &str = "ro.cascodesk.desk.SingleInstance";

#[path = "support/launched.rs"]
mod launched;
use launched::Launched;

#[test]
#[ignore = "needs a display and a session bus: scripts/test runs it"]
fn a_launch_meeting_a_dying_instance_starts_over_and_runs() {
    let bus = Connection::session().expect("a session bus");
    let dbus = DBusProxy::new(&bus).unwrap();
    let lock = BusName::try_from(LOCK).unwrap();
    assert!(
        !dbus.name_has_owner(lock.clone()).unwrap(),
        "another Casco Desk is running"
    );

    // The dying instance: it holds the lock, takes the forwarded arguments and disconnects
    // without answering, as a crashed or closing app does.
    let dying = Connection::session().unwrap();
    dying.request_name(LOCK).unwrap();
    let mut incoming = MessageIterator::from(&dying);

    let dir = std::env::temp_dir().join(format!("casco-relaunch-{}", std::process::id()));
    let mut app = Launched::app_in(dir, Stdio::piped());

    let forwarded = incoming.by_ref().filter_map(Result::ok).find(|m| {
        m.header()
            .member()
            .is_some_and(|name| name == "ExecuteCallback")
    });
    assert!(
        forwarded.is_some(),
        "the launch forwards to the instance holding the lock"
    );
    drop(incoming);
    drop(dying);

    // Started over, the app holds the lock itself (its own pid; the dying connection may
    // still be listed for a moment) and keeps running.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = app.0.try_wait().unwrap() {
            let mut err = String::new();
            app.0.stderr.take().unwrap().read_to_string(&mut err).ok();
            panic!("the app exited ({status}) instead of starting over:\n{err}");
        }
        if dbus.get_connection_unix_process_id(lock.clone()).ok() == Some(app.0.id()) {
            break;
        }
        assert!(Instant::now() < deadline, "the app never took the lock");
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_secs(1));
    assert!(app.0.try_wait().unwrap().is_none(), "the app keeps running");

    app.0.kill().unwrap();
    app.0.wait().unwrap();
    let mut err = String::new();
    app.0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(err.contains("starting again (1/5)"), "stderr:\n{err}");
}
