//! `casco`: the support command line for CascoApi. Prints the same typed shapes the app
//! decodes into, as JSON on stdout; errors go to stderr with a non-zero exit code. Control
//! characters in what it prints are escaped (see [`terminal`]), so a hostile server cannot
//! drive the terminal.

mod terminal;

use casco_api::model::{PolicyRequest, QuoteRequest, VehicleSpecs};
use casco_api::{ApiError, CallOptions, CascoClient, ClientConfig, Credentials, PdfDocument};
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

/// A CLI failure: what to print on stderr, control characters already escaped.
struct Failure(String);

impl Failure {
    /// A one-line failure. `text` may hold server text (an error's message) or file text
    /// (a bad field's path), so its control characters are escaped.
    fn new(text: impl AsRef<str>) -> Failure {
        Failure(terminal::escape_text(text.as_ref()))
    }
}

impl From<ApiError> for Failure {
    fn from(error: ApiError) -> Failure {
        let ApiError::Validation { fields, .. } = &error else {
            return Failure::new(format!("error: {error}"));
        };
        // One line per field message, so agents can read long rejections; the line breaks
        // are ours, anything inside a path or message is escaped.
        let mut text = "error: the request was rejected (VALIDATION_ERROR):".to_owned();
        for (path, messages) in fields {
            for message in messages {
                text.push_str(&format!(
                    "\n  {}: {}",
                    terminal::escape_text(path),
                    terminal::escape_text(message)
                ));
            }
        }
        Failure(text)
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(Failure(message)) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<String, Failure> {
    let mut config = ClientConfig::new(&cli.base_url)?;
    config.timeout = Duration::from_secs(cli.timeout_secs);
    let client = CascoClient::new(config, Credentials::new(cli.account, cli.password))?;
    let opts = CallOptions::default();
    match cli.command {
        Command::Login => {
            let session = client.login(opts).await?;
            output(
                &serde_json::json!({"account": client.account(), "expiresAt": session.expires_at}),
            )
        }
        Command::Countries => output(&client.countries(opts).await?),
        Command::Counties => output(&client.counties(opts).await?),
        Command::Localities { county } => output(&client.localities(&county, opts).await?),
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
fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::new(format!("error: cannot read {}: {e}", path.display())))?;
    serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(&text)).map_err(|e| {
        Failure::new(format!(
            "error: {} is not a valid request at `{}`: {}",
            path.display(),
            e.path(),
            e.inner()
        ))
    })
}

fn save_pdf(pdf: PdfDocument, out: &Path) -> Result<String, Failure> {
    std::fs::write(out, &pdf.bytes)
        .map_err(|e| Failure::new(format!("error: cannot write {}: {e}", out.display())))?;
    output(
        &serde_json::json!({"name": pdf.name, "type": pdf.kind, "bytes": pdf.bytes.len(), "out": out}),
    )
}

/// The answer as pretty JSON for stdout, with no raw control character left in it.
fn output<T: Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|json| terminal::escape_json(&json))
        .map_err(|e| Failure::new(format!("error: cannot print the answer: {e}")))
}
