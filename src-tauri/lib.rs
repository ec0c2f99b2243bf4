//! The Tauri shell of Casco Desk: plugins, managed state and thin commands over the
//! tauri-free domain crates.

mod api;
mod commands;
mod folders;
mod ipc;
#[cfg(target_os = "linux")]
mod relaunch;
mod settings_file;

use casco_core::relocation::{DATABASE_FILE, SETTINGS_FILE};
use casco_core::Message;
use tauri::Manager;

pub use ipc::{export_bindings, specta_builder, BINDINGS_PATH};
pub use settings_file::SettingsFile;

/// The main window's label, as declared in tauri.conf.json.
pub const MAIN_WINDOW: &str = "main";

/// What start-up found that the agent must be told (settings restored, files left behind).
pub struct StartNotices(pub Vec<Message>);

/// Starts the desktop app.
pub fn run() {
    let ipc = specta_builder();
    let app = tauri::Builder::default()
        // single-instance must be registered first so a second launch exits before any other
        // plugin touches shared files.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                .targets([
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::Stdout),
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir {
                        file_name: Some("casco-desk".into()),
                    }),
                ])
                .build(),
        )
        .plugin(tauri_plugin_store::Builder::new().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_window_state::Builder::new().build())
        .invoke_handler(ipc.invoke_handler())
        .setup(move |app| {
            ipc.mount_events(app);
            let folders = folders::app_folders(app.handle())?;
            let api = api::Api::start()?;
            // Before anything reads settings or the database: they may still be in the
            // folder of the old identifier.
            let moved = folders::relocate(&api, &folders);
            let settings = SettingsFile::load(app.handle(), &folders.data.join(SETTINGS_FILE))?;
            let notices = StartNotices(
                moved
                    .into_iter()
                    .chain(settings.notice().cloned())
                    .collect(),
            );
            app.manage(settings);
            app.manage(api);
            app.manage(notices);
            // A damaged file is kept aside and rebuilt inside open(); the agent is told by
            // the start_notices command.
            let data =
                casco_core::reference_data::ReferenceData::open(folders.local.join(DATABASE_FILE))?;
            app.manage(data);
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, _| {}),
        #[cfg(target_os = "linux")]
        Err(error) if relaunch::predecessor_unreachable(&error) => relaunch::start_over(&error),
        Err(error) => panic!("the Tauri runtime failed to start: {error}"),
    }
}
