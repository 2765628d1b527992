//! Cronofy's data centers. Each is a separate instance: tokens and ids belong to one of them.

use std::fmt;
use std::str::FromStr;

/// A Cronofy data center, with its API host and its app host (where users authorize).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum DataCenter {
    /// United States (the default): `api.cronofy.com`.
    #[default]
    Us,
    /// Australia: `api-au.cronofy.com`.
    Au,
    /// Canada: `api-ca.cronofy.com`.
    Ca,
    /// Germany: `api-de.cronofy.com`.
    De,
    /// Singapore: `api-sg.cronofy.com`.
    Sg,
    /// United Kingdom: `api-uk.cronofy.com`.
    Uk,
}

impl DataCenter {
    /// Every data center, in the order Cronofy lists them.
    pub const ALL: [DataCenter; 6] = [
        DataCenter::Us,
        DataCenter::Au,
        DataCenter::Ca,
        DataCenter::De,
        DataCenter::Sg,
        DataCenter::Uk,
    ];

    /// The short id: `us`, `au`, `ca`, `de`, `sg` or `uk`.
    pub const fn id(self) -> &'static str {
        match self {
            DataCenter::Us => "us",
            DataCenter::Au => "au",
            DataCenter::Ca => "ca",
            DataCenter::De => "de",
            DataCenter::Sg => "sg",
            DataCenter::Uk => "uk",
        }
    }

    /// The host API requests go to, e.g. `api-uk.cronofy.com`.
    pub const fn api_host(self) -> &'static str {
        match self {
            DataCenter::Us => "api.cronofy.com",
            DataCenter::Au => "api-au.cronofy.com",
            DataCenter::Ca => "api-ca.cronofy.com",
            DataCenter::De => "api-de.cronofy.com",
            DataCenter::Sg => "api-sg.cronofy.com",
            DataCenter::Uk => "api-uk.cronofy.com",
        }
    }

    /// The host of the OAuth pages users are sent to, e.g. `app-uk.cronofy.com`.
    pub const fn app_host(self) -> &'static str {
        match self {
            DataCenter::Us => "app.cronofy.com",
            DataCenter::Au => "app-au.cronofy.com",
            DataCenter::Ca => "app-ca.cronofy.com",
            DataCenter::De => "app-de.cronofy.com",
            DataCenter::Sg => "app-sg.cronofy.com",
            DataCenter::Uk => "app-uk.cronofy.com",
        }
    }
}

impl fmt::Display for DataCenter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A data center id that is not one of `us`, `au`, `ca`, `de`, `sg`, `uk`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown Cronofy data center `{0}`: expected one of us, au, ca, de, sg, uk")]
pub struct UnknownDataCenter(pub String);

impl FromStr for DataCenter {
    type Err = UnknownDataCenter;

    /// Parses a data center id, ignoring case and surrounding spaces (`"UK"`, `" de "`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let id = s.trim();
        DataCenter::ALL
            .into_iter()
            .find(|dc| dc.id().eq_ignore_ascii_case(id))
            .ok_or_else(|| UnknownDataCenter(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_follow_cronofy_naming() {
        for dc in DataCenter::ALL {
            let expected_api = if dc == DataCenter::Us {
                "api.cronofy.com".to_owned()
            } else {
                format!("api-{}.cronofy.com", dc.id())
            };
            assert_eq!(dc.api_host(), expected_api);
            assert_eq!(dc.app_host(), expected_api.replacen("api", "app", 1));
        }
    }

    #[test]
    fn parses_ids_case_insensitively_and_rejects_others() {
        assert_eq!("UK".parse::<DataCenter>(), Ok(DataCenter::Uk));
        assert_eq!(" de ".parse::<DataCenter>(), Ok(DataCenter::De));
        let err = "eu".parse::<DataCenter>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown Cronofy data center `eu`: expected one of us, au, ca, de, sg, uk"
        );
    }
}
