//! Start-up: the UI says when its first screen is ready to type into.

/// The first screen is on and its first field can take focus (logged; see `startup`).
#[tauri::command]
#[specta::specta]
pub fn first_screen_ready(page: crate::startup::PageTiming) {
    crate::startup::first_screen_ready(page);
}
