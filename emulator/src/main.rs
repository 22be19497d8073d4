//! `onespan-sign-emulator [--port N] [--api-key K] [--client-id I --client-secret S] [--token-ttl-secs T]`
//!
//! Prints one JSON line with the base URL and credentials, then serves until interrupted.

use onespan_sign_emulator::{Emulator, EmulatorOptions};
use std::time::Duration;

fn usage() -> ! {
    eprintln!(
        "usage: onespan-sign-emulator [--port N] [--api-key K] [--client-id I] \
         [--client-secret S] [--token-ttl-secs T]"
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
            _ => usage(),
        }
    }
    opts
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let opts = parse_args();
    let emu = Emulator::start_with(opts).await?;
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
    tokio::signal::ctrl_c().await?;
    emu.stop().await;
    Ok(())
}
