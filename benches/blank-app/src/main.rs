//! The blank baseline of `scripts/bench startup`: Tauri with no plugins and a page that
//! reports its first painted frame through the `ready` command, by the app's protocol.

// No console window behind it on Windows release builds, as the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::fs::OpenOptions;
use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

/// The page painted its first frame: when `CASCO_READY_FILE` is set, append
/// `ready_epoch_ms=<ms since the Unix epoch>` to it in one write (the bench polls the file).
#[tauri::command]
fn ready() -> Result<(), String> {
    let Some(path) = std::env::var_os("CASCO_READY_FILE") else {
        return Ok(());
    };
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_millis();
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(format!("ready_epoch_ms={ms}\n").as_bytes()))
        .map_err(|e| e.to_string())
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
