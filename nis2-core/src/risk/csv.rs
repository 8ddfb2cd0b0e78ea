//! The register as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted where needed),
//! one row per scenario in register order, with the assessed levels.

use super::assess::{Assessment, StageRisk};
use super::catalog;
use super::heatmap::Lang;
use super::register::{Property, Register};
use crate::error::Result;

/// The header row.
pub const COLUMNS: &[&str] = &[
    "scenario_id",
    "title",
    "asset_id",
    "asset_name",
    "asset_kind",
    "domain",
    "services",
    "threat_id",
    "threat_name",
    "threat_category",
    "vulnerability_id",
    "inherent_likelihood",
    "inherent_c",
    "inherent_i",
    "inherent_a",
    "inherent_level",
    "current_likelihood",
    "current_c",
    "current_i",
    "current_a",
    "current_level",
    "residual_likelihood",
    "residual_c",
    "residual_i",
    "residual_a",
    "residual_level",
    "treatment",
    "controls",
    "owner",
    "review_date",
    "above_appetite",
];

/// Quote a field when it needs it. A field that a spreadsheet would read as a formula (starting
/// with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'` (OWASP CSV injection).
fn field(out: &mut String, v: &str) {
    let guarded;
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{v}");
        guarded.as_str()
    } else {
        v
    };
    if v.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(v);
    }
}

fn push_stage(cols: &mut Vec<String>, s: &StageRisk<'_>) {
    cols.push(s.likelihood.to_string());
    for p in Property::ALL {
        cols.push(
            s.properties
                .get(p)
                .map(|x| x.impact.to_string())
                .unwrap_or_default(),
        );
    }
    cols.push(s.level.to_string());
}

fn json_name<T: serde::Serialize>(v: &T) -> String {
    match crate::json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The CSV of a register and its assessment.
pub fn render(reg: &Register, a: &Assessment<'_>, lang: Lang) -> Result<String> {
    let threats = catalog::threats()?;
    let mut out = String::with_capacity(256 + reg.scenarios.len() * 256);
    for (k, c) in COLUMNS.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str(c);
    }
    out.push_str("\r\n");
    let assets: std::collections::HashMap<&str, &super::register::Asset> =
        reg.assets.iter().map(|x| (x.id.as_str(), x)).collect();
    for (s, r) in reg.scenarios.iter().zip(&a.scenarios) {
        let asset = assets.get(s.asset.as_str());
        let threat_name = match threats.threat(&s.threat) {
            Some(t) => lang.pick(&t.name).to_owned(),
            None => reg
                .threats
                .iter()
                .find(|t| t.id == s.threat)
                .map(|t| t.name.clone())
                .unwrap_or_default(),
        };
        let mut cols: Vec<String> = vec![
            s.id.clone(),
            s.title.clone(),
            s.asset.clone(),
            asset.map(|x| x.name.clone()).unwrap_or_default(),
            asset.map(|x| json_name(&x.kind)).unwrap_or_default(),
            asset.map(|x| json_name(&x.domain)).unwrap_or_default(),
            asset.map(|x| x.services.join(";")).unwrap_or_default(),
            s.threat.clone(),
            threat_name,
            r.threat_category.to_string(),
            s.vulnerability.clone().unwrap_or_default(),
        ];
        push_stage(&mut cols, &r.inherent);
        push_stage(&mut cols, &r.current);
        push_stage(&mut cols, &r.residual);
        cols.push(r.treatment.as_ref().map(json_name).unwrap_or_default());
        cols.push(
            s.treatment
                .as_ref()
                .map(|t| t.controls.join(";"))
                .unwrap_or_default(),
        );
        cols.push(s.owner.clone().unwrap_or_default());
        cols.push(s.review_date.clone().unwrap_or_default());
        cols.push(match r.above_appetite {
            Some(true) => "yes".to_owned(),
            Some(false) => "no".to_owned(),
            None => String::new(),
        });
        for (k, c) in cols.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            field(&mut out, c);
        }
        out.push_str("\r\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_injection_guard() {
        let mut s = String::new();
        field(&mut s, "a,b");
        s.push('|');
        field(&mut s, "say \"hi\"");
        s.push('|');
        field(&mut s, "=SUM(A1)");
        s.push('|');
        field(&mut s, "plain");
        assert_eq!(s, "\"a,b\"|\"say \"\"hi\"\"\"|'=SUM(A1)|plain");
    }
}
