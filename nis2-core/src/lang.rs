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

    /// A number written in digits (`1.4`, `6851.8635`, a range `0.42–0.45`) as this language
    /// writes it: the same digits, with a decimal comma in Danish (`1,4`). Nothing is rounded
    /// or grouped, so a figure keeps every digit it was written with.
    pub fn number(self, x: impl std::fmt::Display) -> String {
        match self {
            Lang::En => x.to_string(),
            Lang::Da => dk(x),
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

/// [`Lang::number`] in Danish: the digits of `x` with a decimal comma.
pub(crate) fn dk(x: impl std::fmt::Display) -> String {
    let s = x.to_string();
    if s.contains('.') {
        s.replace('.', ",")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_numbers_take_a_decimal_comma_and_keep_every_digit() {
        assert_eq!(Lang::En.number(1.4), "1.4");
        assert_eq!(Lang::Da.number(1.4), "1,4");
        assert_eq!(Lang::Da.number(7_000_000), "7000000");
        assert_eq!(Lang::Da.number("0.42–0.45"), "0,42–0,45");
        assert_eq!(
            Lang::Da.number(crate::float_text::Plain(50_000_000.000_000_01)),
            "50000000,00000001"
        );
        assert_eq!(dk(500_000.000_000_000_06), "500000,00000000006");
    }
}
