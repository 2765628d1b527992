//! `delegate_store!`: the `TokenStore` methods a test store does not change, handed to the
//! store it wraps. Included with `#[macro_use] #[path = "support/delegate_store.rs"] mod ...;`.

/// Implements each listed `TokenStore` method by calling it on `self.$inner`, inside an
/// `impl TokenStore for ...` block: `delegate_store!(memory => save, acquire_lease);`.
macro_rules! delegate_store {
    ($inner:ident => $($method:ident),+ $(,)?) => {
        $( delegate_store!(@one $inner $method); )+
    };
    (@one $inner:ident load) => {
        async fn load(
            &self,
        ) -> Result<Option<cronofy::oauth::StoredTokens>, cronofy::oauth::TokenStoreError> {
            self.$inner.load().await
        }
    };
    (@one $inner:ident save) => {
        async fn save(
            &self,
            tokens: &cronofy::oauth::TokenSet,
            condition: cronofy::oauth::SaveCondition,
        ) -> Result<cronofy::oauth::SaveOutcome, cronofy::oauth::TokenStoreError> {
            self.$inner.save(tokens, condition).await
        }
    };
    (@one $inner:ident acquire_lease) => {
        async fn acquire_lease(
            &self,
            lease: &cronofy::oauth::Lease,
            duration: std::time::Duration,
        ) -> Result<bool, cronofy::oauth::TokenStoreError> {
            self.$inner.acquire_lease(lease, duration).await
        }
    };
    (@one $inner:ident renew_lease) => {
        async fn renew_lease(
            &self,
            lease: &cronofy::oauth::Lease,
            duration: std::time::Duration,
        ) -> Result<bool, cronofy::oauth::TokenStoreError> {
            self.$inner.renew_lease(lease, duration).await
        }
    };
    (@one $inner:ident release_lease) => {
        async fn release_lease(
            &self,
            lease: &cronofy::oauth::Lease,
        ) -> Result<(), cronofy::oauth::TokenStoreError> {
            self.$inner.release_lease(lease).await
        }
    };
    (@one $inner:ident record_id) => {
        fn record_id(&self) -> Option<String> {
            self.$inner.record_id()
        }
    };
    (@one $inner:ident reauthorization_required) => {
        async fn reauthorization_required(
            &self,
            rejected: Option<cronofy::oauth::TokenVersion>,
        ) -> Result<(), cronofy::oauth::TokenStoreError> {
            self.$inner.reauthorization_required(rejected).await
        }
    };
}
