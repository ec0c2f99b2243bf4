//! The list of IPC commands, from which the TypeScript bindings are generated.

use tauri_specta::{collect_commands, Builder};

use crate::commands;

/// Where the generated bindings are committed, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

/// Every command the UI may call; `run` and the bindings test share this one list.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new().commands(collect_commands![
        commands::settings::get_settings,
        commands::settings::save_settings,
        commands::settings::choose_agency_logo,
        commands::settings::agency_logo,
        commands::settings::start_notices,
        commands::connection::connect,
        commands::connection::login,
        commands::connection::logout,
        commands::connection::check_online,
        commands::insurers::list_insurers,
        commands::insurers::set_insurer_enabled,
        commands::insurers::save_insurer_credentials,
        commands::insurers::forget_insurer_credentials,
        commands::reference::sync_reference_data,
        commands::reference::cancel_reference_sync,
        commands::reference::reference_data_status,
        commands::reference::search_countries,
        commands::reference::search_counties,
        commands::reference::search_localities,
        commands::reference::search_makes,
        commands::reference::search_models,
        commands::quote::validate_quote_draft,
        commands::quote::new_quote_draft,
        commands::quote::cnp_prefill,
        commands::quote::save_quote_draft,
        commands::quote::load_quote_draft,
        commands::quote::list_quote_drafts,
        commands::quote::discard_quote_draft,
        commands::quote::restore_quote_draft,
        commands::quote::last_open_quote_draft,
        commands::offers::identify_quote_vehicle,
        commands::offers::quote_offers,
        commands::offers::saved_comparison,
        commands::offers::compare_offers,
        commands::quote::copy_quote_draft,
        commands::documents::documents_folder,
        commands::documents::draft_documents,
        commands::documents::open_offer_document,
        commands::documents::open_policy_document,
        commands::documents::make_proposal,
        commands::documents::open_document,
        commands::documents::reveal_document,
        commands::policies::payment_form,
        commands::policies::check_payment,
        commands::policies::issue_policy,
        commands::policies::verify_policy_issue,
        commands::policies::offer_issues,
        commands::diagnostic::api_calls,
        commands::diagnostic::export_api_log,
        commands::book::search_clients,
        commands::book::client_page,
        commands::book::new_draft_for_client,
        commands::book::requote_vehicle,
        commands::book::requote_renewal,
        commands::book::copy_and_requote,
        commands::book::history,
        commands::book::renewals,
        commands::startup::first_screen_ready,
    ])
}

/// Renders the bindings exactly as they are committed.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated from the Rust commands by tauri-specta. Do not edit: run scripts/bindings.\n// @ts-nocheck"),
            path,
        )
        .map_err(|e| e.to_string())
}
