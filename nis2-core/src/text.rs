//! Bilingual text: every label and explanation the engine emits is in English and Danish.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A text in English and Danish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: Cow<'static, str>,
    /// Danish (dansk).
    pub da: Cow<'static, str>,
}

impl Text {
    /// Build a text from its two languages.
    pub fn new(en: impl Into<String>, da: impl Into<String>) -> Self {
        Text {
            en: Cow::Owned(en.into()),
            da: Cow::Owned(da.into()),
        }
    }

    /// A text from two static strings (no allocation).
    pub const fn st(en: &'static str, da: &'static str) -> Self {
        Text {
            en: Cow::Borrowed(en),
            da: Cow::Borrowed(da),
        }
    }
}
