// The kinds form a lattice: a credential of one kind satisfies every combination containing
// it, so code written for one kind (generic `C: UserAuth`, or `&dyn UserAuth`) calls every
// endpoint that accepts that kind, alone or with others. Credentials behind `&`, `Box` and
// `Arc` (trait objects included) are accepted as the credential itself.
use std::sync::Arc;

use cronofy::auth::{AppAuth, OrgAuth, UserAuth, UserOrAppAuth, UserOrOrgAuth};
use cronofy::availability::QueryAvailability;
use cronofy::scheduling::{CreateSchedulerRequest, CreateSchedulingRequest, QuerySchedulingRequests};
use cronofy::{cronofy_endpoint, AppCredentials, Client, OrgToken, UserToken};

#[derive(serde::Deserialize)]
pub struct Resources {}

// No Cronofy endpoint takes all three kinds; a declaration of your own may.
#[cronofy_endpoint(auth = "user" | "app" | "org", method = "GET", path = "/v1/organizational_unit_resources")]
pub async fn resources_for_anyone() -> Resources;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars")]
pub async fn calendars_of_a_user() -> Resources;

struct Bodies<'a> {
    availability: &'a QueryAvailability,
    scheduler: &'a CreateSchedulerRequest,
    scheduling: &'a CreateSchedulingRequest,
    query: &'a QuerySchedulingRequests,
}

async fn as_a_user<C: UserAuth>(client: &Client, user: &C, bodies: &Bodies<'_>) -> Result<(), cronofy::Error> {
    calendars_of_a_user(client, user).await?;
    cronofy::availability::query_availability(client, user, bodies.availability).await?;
    cronofy::scheduling::create_scheduler_request(client, user, bodies.scheduler).await?;
    cronofy::scheduling::create_scheduling_request(client, user, bodies.scheduling).await?;
    resources_for_anyone(client, user).await?;
    Ok(())
}

async fn as_the_application<C: AppAuth>(client: &Client, app: &C, bodies: &Bodies<'_>) -> Result<(), cronofy::Error> {
    cronofy::availability::query_availability(client, app, bodies.availability).await?;
    cronofy::scheduling::query_scheduling_requests(client, app, bodies.query).await?;
    resources_for_anyone(client, app).await?;
    Ok(())
}

async fn as_an_organization<C: OrgAuth>(client: &Client, org: &C, bodies: &Bodies<'_>) -> Result<(), cronofy::Error> {
    cronofy::scheduling::create_scheduler_request(client, org, bodies.scheduler).await?;
    cronofy::scheduling::query_scheduling_requests(client, org, bodies.query).await?;
    resources_for_anyone(client, org).await?;
    Ok(())
}

// The same through trait objects: upcasting `&dyn UserAuth` to `&dyn UserOrAppAuth`.
async fn as_a_user_dyn(client: &Client, user: &dyn UserAuth, bodies: &Bodies<'_>) -> Result<(), cronofy::Error> {
    calendars_of_a_user(client, user).await?;
    cronofy::availability::query_availability(client, user, bodies.availability).await?;
    cronofy::scheduling::create_scheduling_request(client, user, bodies.scheduling).await?;
    resources_for_anyone(client, user).await?;
    Ok(())
}

async fn as_an_organization_dyn(client: &Client, org: &dyn OrgAuth, bodies: &Bodies<'_>) -> Result<(), cronofy::Error> {
    cronofy::scheduling::create_scheduler_request(client, org, bodies.scheduler).await?;
    cronofy::scheduling::query_scheduling_requests(client, org, bodies.query).await?;
    resources_for_anyone(client, org).await?;
    Ok(())
}

// A combination reaches the endpoints accepting a larger one.
async fn as_a_user_or_the_application<C: UserOrAppAuth>(client: &Client, credential: &C, bodies: &Bodies<'_>) -> Result<(), cronofy::Error> {
    cronofy::availability::query_availability(client, credential, bodies.availability).await?;
    resources_for_anyone(client, credential).await?;
    Ok(())
}

async fn as_a_user_or_an_organization(client: &Client, credential: &dyn UserOrOrgAuth, bodies: &Bodies<'_>) -> Result<(), cronofy::Error> {
    cronofy::scheduling::create_scheduler_request(client, credential, bodies.scheduler).await?;
    resources_for_anyone(client, credential).await?;
    Ok(())
}

// Credentials in a `Box` or an `Arc`, shared across tasks, or lent twice.
async fn behind_pointers(client: &Client, bodies: &Bodies<'_>) -> Result<(), cronofy::Error> {
    let user = Arc::new(UserToken::new("access-token"));
    calendars_of_a_user(client, &user).await?;
    let task_user = Arc::clone(&user);
    let task_client = client.clone();
    tokio::spawn(async move { calendars_of_a_user(&task_client, &task_user).await });
    let boxed = Box::new(AppCredentials::new("client-id", "client-secret"));
    cronofy::availability::query_availability(client, &boxed, bodies.availability).await?;
    let any_user: Arc<dyn UserAuth> = user.clone();
    cronofy::scheduling::create_scheduler_request(client, &any_user, bodies.scheduler).await?;
    let any_app: Box<dyn AppAuth> = Box::new(AppCredentials::new("client-id", "client-secret"));
    resources_for_anyone(client, &any_app).await?;
    let lent: &UserToken = &user;
    calendars_of_a_user(client, &lent).await?;
    let org = OrgToken::new("org-token");
    as_an_organization(client, &Arc::new(org), bodies).await?;
    as_a_user(client, &user, bodies).await?;
    as_a_user_dyn(client, &*any_user, bodies).await?;
    Ok(())
}

// The same rules, asserted at compile time.
cronofy::assert_accepts!(resources_for_anyone: UserToken, AppCredentials, OrgToken, Arc<UserToken>, Box<dyn OrgAuth>, dyn UserAuth, dyn UserOrAppAuth);
cronofy::assert_rejects!(resources_for_anyone: cronofy::ServiceAccountToken);
cronofy::assert_accepts!(cronofy::availability::query_availability: UserToken, AppCredentials, dyn UserAuth, dyn AppAuth, &'static UserToken);
cronofy::assert_rejects!(cronofy::availability::query_availability: OrgToken, dyn OrgAuth, dyn UserOrOrgAuth, Arc<OrgToken>);

fn main() {
    let _ = (as_the_application::<AppCredentials>, as_an_organization_dyn, as_a_user_or_the_application::<UserToken>, as_a_user_or_an_organization, behind_pointers);
}
