//! `casco`: the support command line for CascoApi. Prints the same typed shapes the app
//! decodes into, as JSON on stdout; errors go to stderr with a non-zero exit code. Control
//! characters in what it prints are escaped (see [`terminal`]), so a hostile server cannot
//! drive the terminal.
//!
//! Failures are only reported here, never recovered from, so they travel as `anyhow` errors
//! with context saying what was being done; the API's typed error stays inside them, for
//! `report` to list a `VALIDATION_ERROR` by field.

mod english;
mod terminal;

use anyhow::Context;
use casco_api::model::{PolicyRequest, QuoteRequest, VehicleSpecs};
use casco_api::{ApiError, CallOptions, CascoClient, ClientConfig, Credentials, PdfDocument};
use casco_core::api_errors::app_error;
use clap::{Parser, Subcommand};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// CascoApi support tool.
#[derive(Debug, Parser)]
#[command(
    name = "casco",
    version,
    about = "CascoApi support tool: log in, read nomenclatures, quote, issue, download PDFs"
)]
struct Cli {
    /// API base URL, e.g. http://127.0.0.1:8457 for the sandbox.
    #[arg(long, env = "CASCO_BASE_URL")]
    base_url: String,
    /// CascoApi account.
    #[arg(long, env = "CASCO_ACCOUNT")]
    account: String,
    /// CascoApi password (or set CASCO_PASSWORD to keep it out of the process list).
    #[arg(long, env = "CASCO_PASSWORD", hide_env_values = true)]
    password: String,
    /// Timeout of each call, in seconds.
    #[arg(long, default_value_t = 30)]
    timeout_secs: u64,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Log in and print the session's expiry.
    Login,
    /// List countries.
    Countries,
    /// List Romanian counties.
    Counties,
    /// List the localities of a county, by plate code (e.g. CJ).
    Localities {
        /// County plate code.
        county: String,
    },
    /// List vehicle makes.
    Makes,
    /// List the models of a make.
    Models {
        /// Make name, e.g. dacia.
        make: String,
    },
    /// Identify a vehicle from its mechanical data (JSON file, identification request shape).
    Identify {
        /// Vehicle JSON file.
        file: PathBuf,
    },
    /// Quote one insurer (JSON file, the POST /offer body).
    Quote {
        /// Quote request JSON file.
        file: PathBuf,
    },
    /// Download an offer's PDF.
    OfferPdf {
        /// Offer id.
        id: u64,
        /// Where to write the PDF.
        #[arg(long)]
        out: PathBuf,
    },
    /// Issue a policy from an offer (JSON file, the POST /policy body).
    Issue {
        /// Policy request JSON file.
        file: PathBuf,
    },
    /// Download a policy's PDF.
    PolicyPdf {
        /// Policy series.
        #[arg(long)]
        series: String,
        /// Policy number.
        #[arg(long)]
        number: String,
        /// Where to write the PDF.
        #[arg(long)]
        out: PathBuf,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}", report(&error));
            ExitCode::FAILURE
        }
    }
}

/// What stderr shows for a failure, control characters escaped: the text may hold server
/// text (an error's message) or file text (a bad field's path).
///
/// An API failure reads as the app's agents read it: the domain's message code in English,
/// one line per field message of a `VALIDATION_ERROR`, and the technical detail for support.
/// Any other failure is one line, `error: ` and its causes from the outermost context in,
/// joined by `: `.
fn report(error: &anyhow::Error) -> String {
    if let Some(api) = error.downcast_ref::<ApiError>() {
        let app = app_error(api);
        let mut text = format!("error: {}", english::render(&app.message));
        for (path, messages) in app.fields.iter().flatten() {
            for message in messages {
                text.push_str(&format!("\n  {path}: {}", english::render(message)));
            }
        }
        if !matches!(api, ApiError::Validation { .. }) {
            text.push_str(&format!("\n  detail: {api}"));
        }
        return terminal::escape_lines(&text);
    }
    let mut causes = Vec::new();
    for cause in error.chain() {
        causes.push(cause.to_string());
        // An ApiError's message already ends with its own cause (the transport error, the
        // unsafe address): going on down the chain would print that cause twice.
        if cause.is::<ApiError>() {
            break;
        }
    }
    terminal::escape_text(&format!("error: {}", causes.join(": ")))
}

async fn run(cli: Cli) -> anyhow::Result<String> {
    let mut config = ClientConfig::new(&cli.base_url)?;
    config.timeout = Duration::from_secs(cli.timeout_secs);
    let client = CascoClient::new(config, Credentials::new(cli.account, cli.password))?;
    let opts = CallOptions::default();
    // API failures go up as they are: each message already names its call, and a
    // VALIDATION_ERROR must stay an ApiError for `report` to list its fields.
    match cli.command {
        Command::Login => {
            let session = client.login(opts).await?;
            output(
                &serde_json::json!({"account": client.account(), "expiresAt": session.expires_at}),
            )
        }
        Command::Countries => output(&client.countries(opts).await?),
        Command::Counties => output(&client.counties(opts).await?),
        Command::Localities { county } => output(&localities(&client, &county, opts).await?),
        Command::Makes => output(&client.vehicle_makes(opts).await?),
        Command::Models { make } => output(&client.vehicle_models(&make, opts).await?),
        Command::Identify { file } => output(
            &client
                .identify_vehicle(&read_json::<VehicleSpecs>(&file)?, opts)
                .await?,
        ),
        Command::Quote { file } => output(
            &client
                .quote(&read_json::<QuoteRequest>(&file)?, opts)
                .await?,
        ),
        Command::Issue { file } => output(
            &client
                .issue_policy(&read_json::<PolicyRequest>(&file)?, opts)
                .await?,
        ),
        Command::OfferPdf { id, out } => save_pdf(client.offer_pdf(id, opts).await?, &out),
        Command::PolicyPdf {
            series,
            number,
            out,
        } => save_pdf(client.policy_pdf(&series, &number, opts).await?, &out),
    }
}

/// Reads a request file, naming the JSON path of a bad field.
fn read_json<T: DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(&text)).map_err(|e| {
        let at = e.path().to_string();
        anyhow::Error::new(e.into_inner()).context(format!(
            "{} is not a valid request at `{at}`",
            path.display()
        ))
    })
}

fn save_pdf(pdf: PdfDocument, out: &Path) -> anyhow::Result<String> {
    std::fs::write(out, &pdf.bytes).with_context(|| format!("cannot write {}", out.display()))?;
    output(
        &serde_json::json!({"name": pdf.name, "type": pdf.kind, "bytes": pdf.bytes.len(), "out": out}),
    )
}

/// The answer as pretty JSON for stdout, with no raw control character left in it.
fn output<T: Serialize>(value: &T) -> anyhow::Result<String> {
    let json = serde_json::to_string_pretty(value).context("cannot print the answer")?;
    Ok(terminal::escape_json(&json))
}

/// The localities of `county` (a plate code, "CJ"), whichever way the host reads the county
/// parameter: a county from the list is asked by plate code, then by SIRUTA code when that
/// comes back empty; an unknown code is asked as typed.
async fn localities(
    client: &casco_api::CascoClient,
    county: &str,
    opts: casco_api::CallOptions,
) -> Result<Vec<casco_api::model::Locality>, casco_api::ApiError> {
    let counties = client.counties(opts.clone()).await?;
    match counties
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(county.trim()))
    {
        Some(known) => {
            let first = casco_api::model::CountyParameter::PlateCode;
            Ok(client.localities_of(known, first, opts).await?.0)
        }
        None => client.localities(county, opts).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_names_each_context_and_each_cause_once() {
        let missing = Path::new("/no/such/dir/quote.json");
        let error = read_json::<QuoteRequest>(missing).unwrap_err();
        let shown = report(&error);
        assert!(
            shown.starts_with("error: cannot read /no/such/dir/quote.json: "),
            "{shown}"
        );
        assert!(!shown.contains('\n'), "{shown}");

        // An API failure: the domain's code in English, then the detail once.
        let unsafe_url = ClientConfig::new("http://example.com").unwrap_err();
        let expected = format!(
            "error: {}\n  detail: {unsafe_url}",
            english::render(&casco_core::Message::InsecureUrl)
        );
        assert_eq!(report(&anyhow::Error::new(unsafe_url)), expected);
    }

    #[test]
    fn a_report_escapes_control_characters_in_a_file_name() {
        let error = read_json::<QuoteRequest>(Path::new("/no/such/\u{1b}[2J\r.json")).unwrap_err();
        let shown = report(&error);
        assert!(shown.contains(r"/no/such/\u{1b}[2J\r.json"), "{shown}");
        assert!(!shown.chars().any(terminal::is_unsafe), "{shown:?}");
    }
}
