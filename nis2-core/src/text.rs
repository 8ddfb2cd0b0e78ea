//! Bilingual text: every label and explanation the engine emits is in English and Danish.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A string that is usually static (a citation, an id) and so costs no allocation.
pub type Str = Cow<'static, str>;

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

    /// Borrow a text that lives for the whole program (embedded catalog data).
    pub fn borrowed(t: &'static Text) -> Self {
        Text {
            en: Cow::Borrowed(&t.en),
            da: Cow::Borrowed(&t.da),
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

/// A piece of prose with a stable id: an item of a list the engine explains (a power of
/// supervision, a datum to register, an adjustment of a deadline). The verdict keeps the ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable id.
    pub id: Str,
    /// What it says.
    pub text: Text,
}

impl Item {
    /// An item from a static id and text.
    pub const fn st(id: &'static str, en: &'static str, da: &'static str) -> Self {
        Item {
            id: Cow::Borrowed(id),
            text: Text::st(en, da),
        }
    }

    /// An item from a static id and a text.
    pub fn new(id: &'static str, text: Text) -> Self {
        Item {
            id: Cow::Borrowed(id),
            text,
        }
    }
}
