//! `cargo run --example quickstart`: runs against the fake Cronofy, or against real Cronofy when
//! `CRONOFY_CLIENT_ID` and `CRONOFY_CLIENT_SECRET` (and a token or code) are set; see
//! `cronofy_examples::environment` for the variables, and
//! `cronofy_examples::flows::quickstart` for what it does.

use cronofy_examples::{Environment, Failure, Log, flows};

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let env = Environment::from_env().await?;
    let mut log = Log::printing();
    flows::quickstart::run(&env, &mut log).await?;
    Ok(())
}
