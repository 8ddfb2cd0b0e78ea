//! The questionnaire workbook (`rust_xlsxwriter`): an instructions sheet, the questionnaire
//! (grey columns describe the requirement, white ones are the answers; drop-down lists for
//! status, maturity and source; whole-number checks for weight and effort; a frozen header
//! with an autofilter), the hidden lists behind the drop-downs, and the hidden sheet `nis2`
//! that keeps the assessment the answers go back into. Deterministic: the document
//! properties are fixed and dated with the assessment date.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, Format,
    FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use crate::error::{Error, Result};
use crate::lang::Lang;

use super::model::Scale;
use super::questionnaire::{
    level_text, TemplateRow, CELL_CHARS, COLUMNS, MARKER, SHEET_INSTRUCTIONS, SHEET_LISTS,
    SHEET_META, SHEET_QUESTIONS, STATUSES, VERSION,
};
use super::Run;

fn xerr(e: XlsxError) -> Error {
    Error::Data {
        file: "<xlsx>".to_owned(),
        message: e.to_string(),
    }
}

/// The last row a drop-down covers (rows added below the template keep their lists).
const LAST_ROW: u32 = 1_048_575;

fn col16(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn row32(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

/// Build the workbook.
pub(crate) fn workbook(
    run: &Run<'_>,
    scale: &Scale,
    rows: &[TemplateRow],
    lang: Lang,
) -> Result<Vec<u8>> {
    let doc = run.doc;
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title(format!(
            "{}: {}",
            lang.w("NIS2 questionnaire", "NIS2-spørgeskema"),
            doc.name
        ))
        .set_author("nis2")
        .set_company(doc.organisation.clone().unwrap_or_default())
        .set_creation_datetime(&super::xlsx::creation_date(&doc.assessment_date, "$")?);
    wb.set_properties(&props);
    instructions(wb.add_worksheet(), run, scale, rows.len(), lang)?;
    questions(wb.add_worksheet(), doc, scale, rows, lang)?;
    lists(wb.add_worksheet(), doc, scale, lang)?;
    meta(wb.add_worksheet(), doc, lang)?;
    wb.save_to_buffer().map_err(xerr)
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0x00DD_E6F0))
        .set_border_bottom(FormatBorder::Thin)
}

/// The instructions sheet: what to do, the statuses and the maturity scale.
fn instructions(
    ws: &mut Worksheet,
    run: &Run<'_>,
    scale: &Scale,
    rows: usize,
    lang: Lang,
) -> Result<()> {
    let doc = run.doc;
    ws.set_name(lang.w(SHEET_INSTRUCTIONS.0, SHEET_INSTRUCTIONS.1))
        .map_err(xerr)?;
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    ws.set_column_width(0, 26).map_err(xerr)?;
    ws.set_column_width(1, 90).map_err(xerr)?;
    ws.write_string_with_format(
        0,
        0,
        lang.w("NIS2 questionnaire", "NIS2-spørgeskema"),
        &title,
    )
    .map_err(xerr)?;
    let facts = [
        (lang.w("Assessment", "Vurdering"), doc.name.clone()),
        (
            lang.w("Organisation", "Organisation"),
            doc.organisation.clone().unwrap_or_default(),
        ),
        (
            lang.w("Assessment date", "Vurderingsdato"),
            doc.assessment_date.clone(),
        ),
        (
            lang.w("Maturity scale", "Modenhedsskala"),
            format!("{} ({})", lang.pick(&scale.name), scale.id),
        ),
        (
            lang.w("Rows", "Rækker"),
            format!(
                "{rows} ({} {})",
                run.set.requirements.len(),
                lang.w("in the requirement set", "i kravsættet")
            ),
        ),
    ];
    let mut r = 2u32;
    for (k, v) in facts {
        ws.write_string_with_format(r, 0, k, &bold).map_err(xerr)?;
        ws.write_string(r, 1, v).map_err(xerr)?;
        r += 1;
    }
    r += 1;
    ws.write_string_with_format(
        r,
        0,
        lang.w("How to fill it in", "Sådan udfylder du det"),
        &bold,
    )
    .map_err(xerr)?;
    r += 1;
    for (i, line) in steps(lang, scale).iter().enumerate() {
        ws.write_string(r, 0, format!("{}.", i + 1)).map_err(xerr)?;
        ws.write_string_with_format(r, 1, line, &wrap)
            .map_err(xerr)?;
        r += 1;
    }
    r += 1;
    ws.write_string_with_format(r, 0, lang.w("Status", "Status"), &bold)
        .map_err(xerr)?;
    r += 1;
    for s in STATUSES {
        ws.write_string(r, 0, lang.pick(&s.text())).map_err(xerr)?;
        ws.write_string_with_format(r, 1, status_meaning(s, lang), &wrap)
            .map_err(xerr)?;
        r += 1;
    }
    r += 1;
    ws.write_string_with_format(r, 0, lang.w("Maturity levels", "Modenhedsniveauer"), &bold)
        .map_err(xerr)?;
    r += 1;
    for l in &scale.levels {
        ws.write_string(r, 0, level_text(l.value, scale, lang))
            .map_err(xerr)?;
        let mut text = lang.pick(&l.implementation).to_owned();
        if let Some(d) = &l.documentation {
            text.push_str(&format!(
                " {}: {}",
                lang.w("Documentation", "Dokumentation"),
                lang.pick(d)
            ));
        }
        ws.write_string_with_format(r, 1, text, &wrap)
            .map_err(xerr)?;
        r += 1;
    }
    Ok(())
}

fn steps(lang: Lang, scale: &Scale) -> Vec<String> {
    let target = level_text(scale.default_target, scale, lang);
    match lang {
        Lang::En => vec![
            format!("Answer on the sheet \u{201c}{}\u{201d}, one row per requirement. The grey columns describe the requirement (its id, citation, why it applies, and the ISO/IEC 27001 controls and D-mærket criteria that may serve as evidence); the white columns are your answers.", SHEET_QUESTIONS.0),
            "Status: choose from the list. Leave it empty for a requirement you have not assessed. \u{201c}Not applicable\u{201d} needs a justification.".to_owned(),
            format!("Maturity: choose a level of the scale below, for the implementation and for the documentation. Give a target maturity only where it differs from the default ({target})."),
            "Weight: a whole number from 1 to 100 (default 1). Effort to close the gap: 1 (days) to 5 (more than a quarter).".to_owned(),
            "Evidence: one reference per line (document names, ticket ids, URLs). Due date: YYYY-MM-DD. Source: the id of a source of the assessment, where the answer comes from one.".to_owned(),
            format!("Rows may be sorted, filtered and reordered: they are matched by requirement id. A deleted row leaves the result as it was; a row whose answers are all emptied removes the result. Do not rename the sheets, and keep the hidden sheet \u{201c}{SHEET_META}\u{201d}: it holds the assessment the answers go back into."),
            "Read it back with `nis2 assess import FILLED.xlsx` (Python: nis2.questionnaire_import). Every bad cell is reported with its sheet, row and column and the values accepted; nothing is imported until all are right.".to_owned(),
        ],
        Lang::Da => vec![
            format!("Svar på arket \u{201c}{}\u{201d}, én række pr. krav. De grå kolonner beskriver kravet (id, henvisning, hvorfor det gælder, og de ISO/IEC 27001-kontroller og D-mærket-kriterier, der kan tjene som dokumentation); de hvide kolonner er jeres svar.", SHEET_QUESTIONS.1),
            "Status: vælg fra listen. Lad feltet stå tomt for et krav, I ikke har vurderet. \u{201c}Ikke relevant\u{201d} kræver en begrundelse.".to_owned(),
            format!("Modenhed: vælg et niveau på skalaen nedenfor, for implementeringen og for dokumentationen. Angiv kun en målmodenhed, hvor den afviger fra standarden ({target})."),
            "Vægt: et helt tal fra 1 til 100 (standard 1). Indsats for at lukke hullet: 1 (dage) til 5 (mere end et kvartal).".to_owned(),
            "Dokumentation: én reference pr. linje (dokumentnavne, sagsnumre, URL'er). Frist: ÅÅÅÅ-MM-DD. Kilde: id'et på en af vurderingens kilder, hvis svaret kommer fra en.".to_owned(),
            format!("Rækkerne må sorteres, filtreres og flyttes: de matches på krav-id. En slettet række lader resultatet være som det var; en række, hvor alle svar er tømt, fjerner resultatet. Omdøb ikke arkene, og behold det skjulte ark \u{201c}{SHEET_META}\u{201d}: det rummer den vurdering, svarene indlæses i."),
            "Indlæs det igen med `nis2 assess import UDFYLDT.xlsx` (Python: nis2.questionnaire_import). Hver fejl i en celle meldes med ark, række og kolonne og de tilladte værdier; intet indlæses, før alt er rigtigt.".to_owned(),
        ],
    }
}

fn status_meaning(s: super::model::Status, lang: Lang) -> &'static str {
    use super::model::Status as S;
    match s {
        S::NotAssessed => lang.w(
            "Not assessed yet: scored from worst case to best case.",
            "Ikke vurderet endnu: scores fra værste til bedste tilfælde.",
        ),
        S::NotApplicable => lang.w(
            "Does not apply; give the justification. Left out of the scores.",
            "Gælder ikke; angiv begrundelsen. Indgår ikke i scorerne.",
        ),
        S::NotImplemented => lang.w("Not implemented.", "Ikke implementeret."),
        S::PartiallyImplemented => lang.w("Partially implemented.", "Delvist implementeret."),
        S::LargelyImplemented => lang.w("Largely implemented.", "Stort set implementeret."),
        S::FullyImplemented | S::Invalid => lang.w("Fully implemented.", "Fuldt implementeret."),
    }
}

/// The questionnaire sheet.
fn questions(
    ws: &mut Worksheet,
    doc: &super::model::AssessmentDocument,
    scale: &Scale,
    rows: &[TemplateRow],
    lang: Lang,
) -> Result<()> {
    ws.set_name(lang.w(SHEET_QUESTIONS.0, SHEET_QUESTIONS.1))
        .map_err(xerr)?;
    let head = header_format();
    let info = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0x00F2_F2F2));
    let answer = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let number = Format::new()
        .set_align(FormatAlign::Top)
        .set_num_format("0");
    let text = Format::new()
        .set_align(FormatAlign::Top)
        .set_num_format("@");
    for (c, col) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, col16(c), lang.w(col.en, col.da), &head)
            .map_err(xerr)?;
        let fmt = match col.field {
            "due_date" => &text,
            "weight" | "effort" => &number,
            _ if col.editable => &answer,
            _ => &info,
        };
        ws.set_column_width(col16(c), col.width).map_err(xerr)?;
        ws.set_column_format(col16(c), fmt).map_err(xerr)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = row32(i + 1);
        for (c, v) in row.info.iter().chain(row.answers.iter()).enumerate() {
            if v.is_empty() {
                continue;
            }
            let field = COLUMNS.get(c).map_or("", |x| x.field);
            let fmt = if c < 6 { &info } else { &answer };
            match (field, v.parse::<f64>()) {
                ("weight" | "effort", Ok(x)) => {
                    ws.write_number_with_format(r, col16(c), x, &number)
                }
                ("due_date", _) => ws.write_string_with_format(r, col16(c), v, &text),
                _ => ws.write_string_with_format(r, col16(c), v, fmt),
            }
            .map_err(xerr)?;
        }
    }
    ws.set_freeze_panes(1, 1).map_err(xerr)?;
    ws.autofilter(0, 0, row32(rows.len()), col16(COLUMNS.len() - 1))
        .map_err(xerr)?;
    validations(ws, doc, scale, lang)
}

fn index_of(field: &str) -> u16 {
    col16(COLUMNS.iter().position(|c| c.field == field).unwrap_or(0))
}

/// The drop-down lists and number checks of the answer columns.
fn validations(
    ws: &mut Worksheet,
    doc: &super::model::AssessmentDocument,
    scale: &Scale,
    lang: Lang,
) -> Result<()> {
    let lists = lang.w(SHEET_LISTS.0, SHEET_LISTS.1);
    let list = |col: char, n: usize, title: &str, message: &str| -> Result<DataValidation> {
        DataValidation::new()
            .allow_list_formula(Formula::new(format!(
                "='{lists}'!${col}$2:${col}${}",
                n + 1
            )))
            .set_error_title(title)
            .and_then(|d| d.set_error_message(message))
            .map(|d| d.set_error_style(DataValidationErrorStyle::Stop))
            .map_err(xerr)
    };
    let status = list(
        'A',
        STATUSES.len(),
        lang.w("Status", "Status"),
        lang.w(
            "Choose a status from the list.",
            "Vælg en status fra listen.",
        ),
    )?;
    ws.add_data_validation(1, index_of("status"), LAST_ROW, index_of("status"), &status)
        .map_err(xerr)?;
    let levels = list(
        'B',
        scale.levels.len(),
        lang.w("Maturity", "Modenhed"),
        lang.w(
            "Choose a level of the scale from the list.",
            "Vælg et niveau på skalaen fra listen.",
        ),
    )?;
    for f in [
        "implementation_maturity",
        "documentation_maturity",
        "target_maturity",
    ] {
        ws.add_data_validation(1, index_of(f), LAST_ROW, index_of(f), &levels)
            .map_err(xerr)?;
    }
    let sources = doc.sources.as_ref().map_or(0, Vec::len);
    if sources > 0 {
        let v = list(
            'C',
            sources,
            lang.w("Source", "Kilde"),
            lang.w(
                "Choose a source of the assessment.",
                "Vælg en af vurderingens kilder.",
            ),
        )?;
        ws.add_data_validation(1, index_of("source"), LAST_ROW, index_of("source"), &v)
            .map_err(xerr)?;
    }
    for (f, max) in [("weight", 100), ("effort", 5)] {
        let v = DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(1, max))
            .set_error_message(format!(
                "{} 1-{max}",
                lang.w("A whole number from", "Et helt tal fra")
            ))
            .map_err(xerr)?;
        ws.add_data_validation(1, index_of(f), LAST_ROW, index_of(f), &v)
            .map_err(xerr)?;
    }
    Ok(())
}

/// The lists behind the drop-downs (hidden).
fn lists(
    ws: &mut Worksheet,
    doc: &super::model::AssessmentDocument,
    scale: &Scale,
    lang: Lang,
) -> Result<()> {
    ws.set_name(lang.w(SHEET_LISTS.0, SHEET_LISTS.1))
        .map_err(xerr)?;
    let head = header_format();
    let headers = [
        lang.w("Status", "Status"),
        lang.w("Maturity", "Modenhed"),
        lang.w("Source", "Kilde"),
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, col16(c), *h, &head)
            .map_err(xerr)?;
        ws.set_column_width(col16(c), 28).map_err(xerr)?;
    }
    for (i, s) in STATUSES.iter().enumerate() {
        ws.write_string(row32(i + 1), 0, lang.pick(&s.text()))
            .map_err(xerr)?;
    }
    for (i, l) in scale.levels.iter().enumerate() {
        ws.write_string(row32(i + 1), 1, level_text(l.value, scale, lang))
            .map_err(xerr)?;
    }
    for (i, s) in doc.sources.iter().flatten().enumerate() {
        ws.write_string(row32(i + 1), 2, &s.id).map_err(xerr)?;
    }
    ws.set_hidden(true);
    Ok(())
}

/// The hidden sheet `nis2`: the marker and version, the language, and the assessment in parts
/// of at most [`CELL_CHARS`] characters.
fn meta(ws: &mut Worksheet, doc: &super::model::AssessmentDocument, lang: Lang) -> Result<()> {
    ws.set_name(SHEET_META).map_err(xerr)?;
    ws.write_string(0, 0, MARKER).map_err(xerr)?;
    ws.write_string(0, 1, VERSION).map_err(xerr)?;
    ws.write_string(1, 0, "lang").map_err(xerr)?;
    ws.write_string(
        1,
        1,
        match lang {
            Lang::En => "en",
            Lang::Da => "da",
        },
    )
    .map_err(xerr)?;
    let json = crate::json::to_string(doc)?;
    let mut r = 2u32;
    let mut part = String::new();
    let mut count = 0usize;
    for ch in json.chars() {
        part.push(ch);
        count += 1;
        if count >= CELL_CHARS {
            count = 0;
            ws.write_string(r, 0, "document").map_err(xerr)?;
            ws.write_string(r, 1, std::mem::take(&mut part))
                .map_err(xerr)?;
            r += 1;
        }
    }
    if !part.is_empty() {
        ws.write_string(r, 0, "document").map_err(xerr)?;
        ws.write_string(r, 1, part).map_err(xerr)?;
    }
    ws.set_hidden(true);
    Ok(())
}
