//! The app started as a child process by a test, with a folder of its own.

use std::path::PathBuf;
use std::process::Child;

/// Kills the app and removes its files however the test ends.
pub struct Launched(pub Child, pub PathBuf);

impl Drop for Launched {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
        let _ = std::fs::remove_dir_all(&self.1);
    }
}
