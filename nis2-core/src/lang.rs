//! The one language type of every surface: `lang` is `en` or `da` wherever a request, a render
//! or a command takes a language.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::Text;

/// A language of the engine's texts and views.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Danish (dansk).
    Da,
}

impl Lang {
    /// Every language, as written in `lang`.
    pub const NAMES: &'static [&'static str] = &["en", "da"];

    /// Pick the text in this language.
    pub fn pick(self, t: &Text) -> &str {
        match self {
            Lang::En => &t.en,
            Lang::Da => &t.da,
        }
    }

    /// Pick one of two static strings.
    pub fn w(self, en: &'static str, da: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Da => da,
        }
    }

    /// The code as written in `lang` (`en`, `da`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Da => "da",
        }
    }

    /// Read a language code given as an argument (not in a document): `path` names the argument.
    pub fn parse(code: &str, path: &str) -> crate::Result<Lang> {
        match code {
            "en" => Ok(Lang::En),
            "da" => Ok(Lang::Da),
            other => Err(crate::Error::unknown_choice(
                path,
                "language",
                other,
                Self::NAMES,
            )),
        }
    }
}
