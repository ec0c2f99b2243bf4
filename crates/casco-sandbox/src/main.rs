//! `casco-sandbox [--port N] [--config FILE]`: serves the sandbox on 127.0.0.1 until Ctrl-C.

use casco_sandbox::SandboxConfig;
use std::net::SocketAddr;
use std::process::ExitCode;

const USAGE: &str = "usage: casco-sandbox [--port N] [--config FILE.json]\n\
    Serves a CascoApi sandbox on 127.0.0.1 (default port 8457). Demo account: demo / demo.";

fn parse_args() -> Result<(u16, SandboxConfig), String> {
    let mut port = 8457;
    let mut config = SandboxConfig::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let value = args.next().ok_or("--port needs a number")?;
                port = value
                    .parse()
                    .map_err(|_| format!("--port: not a port number: {value}"))?;
            }
            "--config" => {
                let path = args.next().ok_or("--config needs a file")?;
                config = SandboxConfig::from_file(std::path::Path::new(&path))?;
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok((port, config))
}

#[tokio::main]
async fn main() -> ExitCode {
    let (port, config) = match parse_args() {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    // Loopback only: the sandbox has demo credentials and must not be reachable from the network.
    let handle =
        match casco_sandbox::start_on(config, SocketAddr::from(([127, 0, 0, 1], port))).await {
            Ok(handle) => handle,
            Err(e) => {
                eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
                return ExitCode::FAILURE;
            }
        };
    let account = handle
        .config()
        .accounts
        .first()
        .map(|a| a.account.clone())
        .unwrap_or_default();
    println!(
        "CascoApi sandbox on {} (account {account}); Ctrl-C stops it",
        handle.base_url()
    );
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("cannot wait for Ctrl-C: {e}");
    }
    handle.stop().await;
    ExitCode::SUCCESS
}
