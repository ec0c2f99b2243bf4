//! The app started as a child process by a test, with a folder of its own.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// Kills the app and removes its files however the test ends.
pub struct Launched(pub Child, pub PathBuf);

impl Drop for Launched {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
        let _ = std::fs::remove_dir_all(&self.1);
    }
}

impl Launched {
    /// The app binary started with its data, config and cache folders under `dir` (which it
    /// owns from now on), its stderr as given.
    pub fn app_in(dir: PathBuf, stderr: Stdio) -> Launched {
        let child = Command::new(env!("CARGO_BIN_EXE_casco-desk"))
            .env("XDG_DATA_HOME", dir.join("data"))
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("XDG_CACHE_HOME", dir.join("cache"))
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .expect("the app binary");
        Launched(child, dir)
    }
}
