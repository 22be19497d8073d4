//! `onespan-sign-emulator [--port N] [--api-key K] [--client-id I --client-secret S] [--token-ttl-secs T]
//! [--retry-deliveries true|false]`
//!
//! Prints one JSON line with the base URL, the credentials and the sender, then serves until
//! SIGINT or SIGTERM (Ctrl-C, `docker stop`, a test harness), stops and exits 0. The Python and
//! Node packages run the same emulator as `python -m onespan_sign.emulator` and `npx
//! onespan-sign-emulator`, with the same flags and the same line.

use onespan_sign_emulator::{Emulator, EmulatorOptions};
use std::time::Duration;

fn usage() -> ! {
    eprintln!(
        "usage: onespan-sign-emulator [--port N] [--api-key K] [--client-id I] \
         [--client-secret S] [--token-ttl-secs T] [--retry-deliveries true|false]"
    );
    std::process::exit(2)
}

fn parse_args() -> EmulatorOptions {
    let mut opts = EmulatorOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let Some(value) = args.next() else { usage() };
        match flag.as_str() {
            "--port" => opts.port = value.parse().unwrap_or_else(|_| usage()),
            "--api-key" => opts.api_key = Some(value),
            "--client-id" => opts.client_id = Some(value),
            "--client-secret" => opts.client_secret = Some(value),
            "--token-ttl-secs" => {
                opts.token_ttl = Some(Duration::from_secs(
                    value.parse().unwrap_or_else(|_| usage()),
                ))
            }
            "--retry-deliveries" => {
                opts.retry_deliveries = value.parse().unwrap_or_else(|_| usage())
            }
            _ => usage(),
        }
    }
    opts
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let opts = parse_args();
    let emu = Emulator::start_with(opts).await?;
    // Listening before the line is printed, so a harness may stop it as soon as it reads it.
    let stop = StopSignals::listen()?;
    // The emulator's credentials are test values for loopback use: printing them is the point.
    println!(
        "{}",
        serde_json::json!({
            "baseUrl": emu.base_url(),
            "apiKey": emu.api_key(),
            "clientId": emu.client_id(),
            "clientSecret": emu.client_secret(),
            "oauthClientId": emu.oauth_client_id(),
            "oauthClientSecret": emu.oauth_client_secret(),
            "oauthTokenUrl": emu.oauth_token_url(),
            "senderId": emu.sender_id(),
            "senderEmail": emu.sender_email(),
        })
    );
    stop.wait().await?;
    emu.stop().await;
    Ok(())
}

/// SIGINT and SIGTERM, handled from `listen()` on.
#[cfg(unix)]
struct StopSignals(tokio::signal::unix::Signal, tokio::signal::unix::Signal);

#[cfg(unix)]
impl StopSignals {
    fn listen() -> std::io::Result<Self> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(StopSignals(
            signal(SignalKind::interrupt())?,
            signal(SignalKind::terminate())?,
        ))
    }

    /// Whichever comes first.
    async fn wait(mut self) -> std::io::Result<()> {
        tokio::select! {
            _ = self.0.recv() => {}
            _ = self.1.recv() => {}
        }
        Ok(())
    }
}

/// Ctrl-C, where there are no Unix signals.
#[cfg(not(unix))]
struct StopSignals;

#[cfg(not(unix))]
impl StopSignals {
    fn listen() -> std::io::Result<Self> {
        Ok(StopSignals)
    }

    async fn wait(self) -> std::io::Result<()> {
        tokio::signal::ctrl_c().await
    }
}
