// Nor does a String read from configuration.
use cronofy::Client;

async fn run(client: &Client, secret_from_env: String) {
    let _ = cronofy::scheduling::read_real_time_scheduling(client, &secret_from_env, "sch_1").await;
}

fn main() {}
