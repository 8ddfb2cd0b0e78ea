//! The words of a view, from the label catalog.

use serde_json::Value;

use crate::error::Result;
use crate::labels::LabelCatalog;
use crate::lang::Lang;

/// The label catalog in one language.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    lab: &'static LabelCatalog,
    /// The language.
    pub lang: Lang,
}

/// The fields whose strings are codes of the engine (enum values, finding codes, threat
/// categories): a code there without a word in the catalog shows as its raw key
/// (`value.<code>`), which the tests catch. Strings of any other field (ids, names, a user's
/// own level or source ids) show as written unless the catalog has a word for them.
pub(crate) const CODE_FIELDS: &[&str] = &[
    "affects",
    "aggregation",
    "approves",
    "band",
    "basis",
    "carries",
    "category",
    "ceiling",
    "class",
    "classes",
    "classification",
    "clauses_missing",
    "clauses_present",
    "clauses_required",
    "code",
    "confidence",
    "criticality_customers",
    "criticality_society",
    "detail",
    "direct_status",
    "domain",
    "due_from",
    "effort_from",
    "encoding",
    "exports",
    "format",
    "formula",
    "in_force_status",
    "in_scope",
    "item_status",
    "jurisdiction",
    "kind",
    "lang",
    "membership",
    "method",
    "min_confidence",
    "next_deadline",
    "original_relationship",
    "outcome",
    "possible_classes",
    "possible_size_classes",
    "provenance",
    "regime",
    "relationship",
    "role",
    "rule_group",
    "severity",
    "significant",
    "size_class",
    "stage",
    "status",
    "supervision",
    "threat_category",
    "transposition",
    "transposition_status",
    "treatment",
    "weight_from",
];

/// Whether a string is a code (an enum value like `depends_on_member_state`) rather than a
/// name or an id.
pub(crate) fn is_code(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl Words {
    /// The words of a language.
    pub fn new(lang: Lang) -> Result<Self> {
        Ok(Words {
            lab: crate::labels::catalog()?,
            lang,
        })
    }

    /// A label by key; the key itself when there is none.
    pub fn key(&self, key: &str) -> String {
        self.lab.word(key, self.lang).to_owned()
    }

    /// The heading of a field (`field.<name>`).
    pub fn field(&self, name: &str) -> String {
        self.key(&format!("field.{name}"))
    }

    /// A heading (`heading.<id>`).
    pub fn heading(&self, id: &str) -> String {
        self.key(&format!("heading.{id}"))
    }

    /// A word (`word.<id>`).
    pub fn word(&self, id: &str) -> String {
        self.key(&format!("word.{id}"))
    }

    /// The title of an operation (`op.<id>`).
    pub fn op(&self, id: &str) -> String {
        self.key(&format!("op.{id}"))
    }

    /// The word for a string in a field: `value.<field>.<code>`, else `value.<code>` (not for
    /// `id`: an id shows as written); without a word, a code of a code field ([`CODE_FIELDS`])
    /// shows as its raw key `value.<code>` (a test fails on it) and anything else (an id, a
    /// name) as written.
    pub fn value(&self, field: &str, code: &str) -> String {
        let specific = format!("value.{field}.{code}");
        if let Some(t) = self.lab.get(&specific) {
            return self.lang.pick(t).to_owned();
        }
        let generic = format!("value.{code}");
        if field != "id" {
            if let Some(t) = self.lab.get(&generic) {
                return self.lang.pick(t).to_owned();
            }
        }
        if is_code(code) && CODE_FIELDS.contains(&field) {
            generic
        } else {
            self.prose(code)
        }
    }

    /// A string as written, or in a Danish view the Danish of a string of the reference data
    /// (a data set's provenance and reference notes: [`crate::translations`]).
    pub fn prose(&self, s: &str) -> String {
        match self.lang {
            Lang::Da => crate::translations::danish(s).unwrap_or(s).to_owned(),
            Lang::En => s.to_owned(),
        }
    }

    /// A citation in this language (`Art. 3(2)` → `art. 3, stk. 2`).
    pub fn cite(&self, c: &str) -> String {
        crate::cite::cite(c, self.lang)
    }

    /// A bilingual text in this language.
    pub fn text(&self, v: &Value) -> Option<String> {
        let code = self.lang.code();
        v.get(code).and_then(Value::as_str).map(str::to_owned)
    }

    /// Any scalar of a field as a cell: codes as words, numbers as written (with a decimal
    /// comma in Danish), booleans as yes/no, texts in this language.
    pub fn cell(&self, field: &str, v: &Value) -> String {
        match v {
            Value::Null => String::new(),
            Value::Bool(b) => self.word(if *b { "yes" } else { "no" }),
            Value::Number(n) => self.lang.number(number(n)),
            Value::String(s) if field == "legal_definition" => {
                crate::cite::definition(s, self.lang)
            }
            Value::String(s)
                if CITATION_FIELDS.contains(&field)
                    || field.contains("citation")
                    || crate::cite::looks_like(s) =>
            {
                // Reference prose can open like a citation (`Directive (EU) 2022/2555, Annex
                // I point 5 …`): its Danish, where the data has one, is the whole string's.
                match self.lang {
                    Lang::Da => {
                        crate::translations::danish(s).map_or_else(|| self.cite(s), str::to_owned)
                    }
                    Lang::En => self.cite(s),
                }
            }
            Value::String(s) => self.value(field, s),
            Value::Object(_) if crate::api::strip::is_text(v) => self.text(v).unwrap_or_default(),
            Value::Array(items) => items
                .iter()
                .map(|i| self.cell(field, i))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            Value::Object(_) => String::new(),
        }
    }
}

/// The fields that hold citations (shown in the reader's language).
const CITATION_FIELDS: &[&str] = &["citation", "citations", "legal_basis", "source_citation"];

/// A number as written: integers without a fraction, others as JSON writes them.
pub fn number(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        _ => n.to_string(),
    }
}
