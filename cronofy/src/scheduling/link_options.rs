//! What every scheduling link Cronofy hosts is configured with: where the invitee is sent
//! afterwards, which calendars get the event, how times are shown, who is told. Shared by
//! real-time scheduling and real-time sequencing, with one set of setters.

use serde::Serialize;

use crate::oauth::Scope;
use crate::time::Minutes;

/// The options of a link; each is left out of the body until set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct LinkOptions {
    pub(crate) oauth: LinkOAuth,
    pub(crate) target_calendars: Vec<TargetCalendar>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tzid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) formatting: Option<Formatting>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) callback_urls: Option<CallbackUrls>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) redirect_urls: Option<RedirectUrls>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) minimum_notice: Option<Minutes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) event_creation: Option<EventCreation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) selection_mode: Option<SelectionMode>,
}

impl LinkOptions {
    pub(crate) fn new(redirect_uri: String, target_calendars: Vec<TargetCalendar>) -> Self {
        LinkOptions {
            oauth: LinkOAuth::new(redirect_uri),
            target_calendars,
            tzid: None,
            formatting: None,
            callback_urls: None,
            redirect_urls: None,
            minimum_notice: None,
            event_creation: None,
            selection_mode: None,
        }
    }
}

/// Where the invitee is sent afterwards (`oauth.redirect_uri`), with the scopes to ask for if
/// they connect their own calendar, and a value passed back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct LinkOAuth {
    redirect_uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) state: Option<String>,
}

impl LinkOAuth {
    pub(crate) fn new(redirect_uri: String) -> Self {
        LinkOAuth {
            redirect_uri,
            scope: None,
            state: None,
        }
    }

    pub(crate) fn set_scope(&mut self, scope: impl IntoIterator<Item = Scope>) {
        let scopes: Vec<Scope> = scope.into_iter().collect();
        self.scope = Some(crate::oauth::join_scopes(&scopes));
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Formatting {
    pub(crate) hour_format: HourFormat,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub(crate) struct CallbackUrls {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) completed_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) no_times_suitable_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) no_times_displayed_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub(crate) struct RedirectUrls {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) completed_url: Option<String>,
}

/// A calendar the chosen event is written to: whose (`sub`) and which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetCalendar {
    /// The account's `sub`.
    pub sub: String,
    /// The calendar's id.
    pub calendar_id: String,
}

impl TargetCalendar {
    /// Calendar `calendar_id` of the account `sub`.
    pub fn new(sub: impl Into<String>, calendar_id: impl Into<String>) -> Self {
        TargetCalendar {
            sub: sub.into(),
            calendar_id: calendar_id.into(),
        }
    }
}

cronofy_core::open_enum! {
    /// How times are shown to the invitee.
    pub enum HourFormat {
        /// `h`: 12-hour clock (2:30pm).
        TwelveHour = "h",
        /// `H`: 24-hour clock (14:30).
        TwentyFourHour = "H",
    }
}

cronofy_core::open_enum! {
    /// How many events a link with several target calendars creates.
    pub enum EventCreation {
        /// `default`: one event per target calendar.
        PerCalendar = "default",
        /// `single`: one event, with the others' owners invited.
        Single = "single",
    }
}

cronofy_core::open_enum! {
    /// How the invitee's choice is taken.
    pub enum SelectionMode {
        /// `no_confirm`: picking a time books it, without a confirmation step.
        NoConfirm = "no_confirm",
    }
}

/// Gives a link body type holding `link: LinkOptions` the setters of its options.
macro_rules! link_option_setters {
    ($type:ident) => {
        impl $type {
            /// Scopes to ask the invitee for, if they connect their own calendar
            /// (`oauth.scope`).
            pub fn scope(mut self, scope: impl IntoIterator<Item = $crate::oauth::Scope>) -> Self {
                self.link.oauth.set_scope(scope);
                self
            }

            /// A value passed back on the redirect (`oauth.state`).
            pub fn state(mut self, state: impl Into<String>) -> Self {
                self.link.oauth.state = Some(state.into());
                self
            }

            /// The time zone (IANA id) times are shown in to the invitee.
            pub fn tzid(mut self, tzid: impl Into<String>) -> Self {
                self.link.tzid = Some(tzid.into());
                self
            }

            /// A 12-hour or 24-hour clock on the page (`formatting.hour_format`).
            pub fn hour_format(mut self, format: $crate::scheduling::HourFormat) -> Self {
                self.link.formatting = Some($crate::scheduling::link_options::Formatting {
                    hour_format: format,
                });
                self
            }

            /// Where Cronofy posts a notification once a time has been chosen
            /// (`callback_urls.completed_url`; the older top-level `callback_url` means the
            /// same).
            pub fn completed_callback_url(mut self, url: impl Into<String>) -> Self {
                self.link
                    .callback_urls
                    .get_or_insert_with(Default::default)
                    .completed_url = Some(url.into());
                self
            }

            /// Where Cronofy posts a notification when the invitee finds no suitable time
            /// (`callback_urls.no_times_suitable_url`).
            pub fn no_times_suitable_callback_url(mut self, url: impl Into<String>) -> Self {
                self.link
                    .callback_urls
                    .get_or_insert_with(Default::default)
                    .no_times_suitable_url = Some(url.into());
                self
            }

            /// Where Cronofy posts a notification when there were no times to show
            /// (`callback_urls.no_times_displayed_url`).
            pub fn no_times_displayed_callback_url(mut self, url: impl Into<String>) -> Self {
                self.link
                    .callback_urls
                    .get_or_insert_with(Default::default)
                    .no_times_displayed_url = Some(url.into());
                self
            }

            /// Where the invitee's browser goes once a time has been chosen
            /// (`redirect_urls.completed_url`; Cronofy adds a `token` parameter).
            pub fn completed_redirect_url(mut self, url: impl Into<String>) -> Self {
                self.link
                    .redirect_urls
                    .get_or_insert_with(Default::default)
                    .completed_url = Some(url.into());
                self
            }

            /// Times sooner than this from now are not offered.
            pub fn minimum_notice(mut self, notice: $crate::time::Minutes) -> Self {
                self.link.minimum_notice = Some(notice);
                self
            }

            /// One event per target calendar, or one shared event.
            pub fn event_creation(mut self, creation: $crate::scheduling::EventCreation) -> Self {
                self.link.event_creation = Some(creation);
                self
            }

            /// How the invitee's choice is taken, e.g. without a confirmation step.
            pub fn selection_mode(mut self, mode: $crate::scheduling::SelectionMode) -> Self {
                self.link.selection_mode = Some(mode);
                self
            }
        }
    };
}
pub(crate) use link_option_setters;
