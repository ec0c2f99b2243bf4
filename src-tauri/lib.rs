//! The Tauri shell of Casco Desk: plugins, managed state and thin commands over the
//! tauri-free domain crates.

mod commands;
mod demo;
mod folders;
mod host;
mod ipc;
#[cfg(target_os = "linux")]
mod relaunch;
mod settings_file;
mod startup;

use std::sync::Arc;

use anyhow::Context;
use casco_core::database_key;
use casco_core::desk::{Desk, DeskParts};
use casco_core::relocation::{DATABASE_FILE, SETTINGS_FILE};
use tauri::{App, Manager};

pub use ipc::{export_bindings, specta_builder, BINDINGS_PATH};
pub use settings_file::SettingsFile;

/// The main window's label, as declared in tauri.conf.json.
pub const MAIN_WINDOW: &str = "main";

/// Opens the desk: the Demo sandbox, the files (moved from the old identifier first, since
/// settings and the database may still be there), the keychain.
fn open_desk(app: &App) -> anyhow::Result<(Desk, demo::DemoSandbox)> {
    let mut steps = startup::Steps::new("open the desk");
    let folders = folders::app_folders(app.handle()).context("the app's folders")?;
    let keychain = demo::keychain();
    let moved = folders::relocate(&keychain, &folders);
    steps.done("folders");
    // The database key first: the Demo book (what the agent typed in Demo) is sealed with it.
    let database = folders.local.join(DATABASE_FILE);
    let unlocked =
        database_key::unlock(&database, keychain.as_ref()).context("the database key")?;
    steps.done("database key");
    let sandbox =
        demo::DemoSandbox::start(&folders.local, &unlocked.key).context("the Demo sandbox")?;
    steps.done("Demo sandbox");
    let settings = SettingsFile::load(app.handle(), &folders.data.join(SETTINGS_FILE))
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("the settings file")?;
    steps.done("settings");
    let parts = DeskParts {
        host: Arc::new(host::TauriHost::new(
            app.handle().clone(),
            folders.data.clone(),
        )),
        settings: Arc::new(settings),
        keychain,
        demo: sandbox.demo(),
        // A damaged file is kept aside and rebuilt inside open(); the agent is told.
        database,
        notices: moved.into_iter().collect(),
        unlocked: Some(unlocked),
    };
    let desk = Desk::open(parts).context("the local database")?;
    steps.done("database");
    steps.log();
    Ok((desk, sandbox))
}

/// A start-up that failed is said, not silent: release builds on Windows have no console, so
/// the reason and the log file's path go to the log and to a native message box, and the app
/// quits when it is closed. The box is shown from another thread, once the event loop runs (a
/// blocking dialog on the main thread would wait for itself). The text is the shell's last
/// resort, before any UI or language exists: both languages, the error as anyhow words it.
fn startup_failed(handle: tauri::AppHandle, error: &anyhow::Error) {
    use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
    log::error!("start-up failed: {error:#}");
    let log_file = handle
        .path()
        .app_log_dir()
        .map(|dir| dir.join("casco-desk.log").display().to_string())
        .unwrap_or_else(|_| "casco-desk.log".into());
    if let Some(window) = handle.get_webview_window(MAIN_WINDOW) {
        let _ = window.hide();
    }
    let text = format!(
        "Casco Desk nu a putut porni.\n\n{error:#}\n\nJurnal: {log_file}\n\n\
         Casco Desk could not start. Log: {log_file}"
    );
    std::thread::spawn(move || {
        handle
            .dialog()
            .message(text)
            .title("Casco Desk")
            .kind(MessageDialogKind::Error)
            .blocking_show();
        handle.exit(1);
    });
}

/// Starts the desktop app.
pub fn run() {
    startup::begin();
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
            match open_desk(app) {
                Ok((desk, sandbox)) => {
                    app.manage(desk);
                    app.manage(sandbox);
                }
                Err(error) => startup_failed(app.handle().clone(), &error),
            }
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                if let Some(sandbox) = handle.try_state::<demo::DemoSandbox>() {
                    sandbox.flush();
                }
            }
        }),
        #[cfg(target_os = "linux")]
        Err(error) if relaunch::predecessor_unreachable(&error) => relaunch::start_over(&error),
        Err(error) => panic!("the Tauri runtime failed to start: {error}"),
    }
}
