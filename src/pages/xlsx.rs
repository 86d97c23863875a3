//! Spreadsheets a citizen can open: `/du-lieu/thu-tuc.xlsx` and `/du-lieu/ket-qua.xlsx`, with
//! Vietnamese headers, unit names, numbers as numbers and rates as percentages. The workbook's
//! creation time is the site's `as_of` date (or the newest `updated`), so builds are identical.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::procedure::fee_summary;
use super::{Ctx, Output};
use crate::diagnostics::{Diagnostic, Place};
use crate::model::Date;
use crate::model::results::Counts;

/// What one column holds, and how wide it is (in Excel's character units).
struct Column {
    title: &'static str,
    width: f64,
}

const fn col(title: &'static str, width: f64) -> Column {
    Column { title, width }
}

const PROCEDURE_COLUMNS: [Column; 11] = [
    col("Mã thủ tục", 12.0),
    col("Tên thủ tục", 60.0),
    col("Lĩnh vực", 24.0),
    col("Cấp thực hiện", 14.0),
    col("Cơ quan thực hiện", 40.0),
    col("Thời hạn theo quy định", 22.0),
    col("Thời hạn cắt giảm", 18.0),
    col("Phí, lệ phí", 22.0),
    col("Nộp trực tuyến", 16.0),
    col("Ngày cập nhật", 14.0),
    col("Địa chỉ trang", 50.0),
];

/// Counts in FORMAT.md's order (Vietnamese titles as there), then the totals.
type CountColumn = (&'static str, fn(&Counts) -> Option<u64>);
type RateColumn = (&'static str, fn(&Counts) -> Option<f64>);

const COUNT_COLUMNS: [CountColumn; 18] = [
    ("Kỳ trước chuyển qua", |c| c.carried_over),
    ("Tiếp nhận trực tuyến", |c| c.received_online),
    ("Tiếp nhận trực tiếp", |c| c.received_direct),
    ("Tiếp nhận qua bưu chính", |c| c.received_postal),
    ("Tiếp nhận trong kỳ", |c| c.received_total()),
    ("Giải quyết trước hạn", |c| c.resolved_early),
    ("Giải quyết đúng hạn", |c| c.resolved_on_time),
    ("Giải quyết trước và đúng hạn", |c| c.in_time()),
    ("Giải quyết quá hạn", |c| c.resolved_late),
    ("Đã giải quyết", |c| c.resolved()),
    ("Đang giải quyết trong hạn", |c| c.pending_in_time),
    ("Đang giải quyết quá hạn", |c| c.pending_overdue),
    ("Rút hoặc trả lại hồ sơ", |c| c.withdrawn),
    ("Hồ sơ phải nộp phí", |c| c.fee_payable),
    ("Thanh toán trực tuyến", |c| c.paid_online),
    ("Số hóa", |c| c.digitized),
    ("Lượt đánh giá", |c| c.surveyed),
    ("Hài lòng", |c| c.satisfied),
];

const RATE_COLUMNS: [RateColumn; 7] = [
    ("Tỷ lệ đúng hạn", |c| c.on_time_rate()),
    ("Tỷ lệ trước hạn", |c| c.early_rate()),
    ("Tỷ lệ trễ hạn", |c| c.late_rate()),
    ("Tỷ lệ hồ sơ trực tuyến", |c| c.online_share()),
    ("Tỷ lệ thanh toán trực tuyến", |c| c.online_payment_share()),
    ("Tỷ lệ số hóa", |c| c.digitization_share()),
    ("Mức độ hài lòng", |c| c.satisfaction()),
];

fn failed(file: &str, e: XlsxError) -> Diagnostic {
    Diagnostic::error(Place::file(format!("du-lieu/{file}")), format!("không tạo được bảng tính: {e}"))
}

/// The fixed creation date: `as_of`, else the newest `updated`, else 1 January 2000.
fn creation_date(ctx: &Ctx) -> Date {
    ctx.site.config.as_of.or_else(|| ctx.site.procedures.iter().map(|p| p.updated).max()).unwrap_or(Date {
        year: 2000,
        month: 1,
        day: 1,
    })
}

fn excel_date(date: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(date.year, date.month, date.day)
}

fn new_workbook(ctx: &Ctx, title: &str) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let created = excel_date(creation_date(ctx))?;
    let properties = DocProperties::new()
        .set_title(title)
        .set_author(ctx.site.config.organization.as_deref().unwrap_or(&ctx.site.config.title))
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    Ok(workbook)
}

/// Bold, wrapped header row with the given widths, frozen so it stays in view while scrolling.
fn header(sheet: &mut Worksheet, titles: &[(&str, f64)]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top).set_background_color(0xF4F5F7);
    for (i, (title, width)) in titles.iter().enumerate() {
        let column = i as u16;
        sheet.write_string_with_format(0, column, *title, &bold)?;
        sheet.set_column_width(column, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, 0, titles.len().saturating_sub(1) as u16)?;
    Ok(())
}

fn procedures_workbook(ctx: &Ctx) -> Result<Vec<u8>, XlsxError> {
    let site = ctx.site;
    let links = ctx.links;
    let mut workbook = new_workbook(ctx, "Danh mục thủ tục hành chính")?;
    let sheet = workbook.add_worksheet();
    sheet.set_name("Thủ tục")?;
    let titles: Vec<(&str, f64)> = PROCEDURE_COLUMNS.iter().map(|c| (c.title, c.width)).collect();
    header(sheet, &titles)?;
    let date = Format::new().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Left);
    for (i, &p) in links.by_name.iter().enumerate() {
        let procedure = &site.procedures[p];
        let row = i as u32 + 1;
        let units = super::procedure::units_summary(ctx, p);
        let texts = [
            procedure.code.value.clone(),
            procedure.name.clone(),
            procedure.field.value.clone(),
            procedure.level.label().to_string(),
            units,
            procedure.time.statutory.to_string(),
            procedure.time.cut.map(|c| c.to_string()).unwrap_or_default(),
            fee_summary(procedure),
            procedure.online.label().to_string(),
        ];
        for (column, text) in texts.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(row, column as u16, text)?;
            }
        }
        sheet.write_date_with_format(row, 9, &excel_date(procedure.updated)?, &date)?;
        sheet.write_url(row, 10, ctx.absolute(&format!("/thu-tuc/{}/", links.slugs[p])).as_str())?;
    }
    workbook.save_to_buffer()
}

fn results_workbook(ctx: &Ctx) -> Result<Vec<u8>, XlsxError> {
    let site = ctx.site;
    let mut workbook = new_workbook(ctx, "Kết quả giải quyết hồ sơ")?;
    let sheet = workbook.add_worksheet();
    sheet.set_name("Kết quả")?;
    let mut titles: Vec<(&str, f64)> =
        vec![("Kỳ", 14.0), ("Đơn vị", 36.0), ("Mã thủ tục", 12.0), ("Tên thủ tục", 40.0)];
    titles.extend(COUNT_COLUMNS.iter().map(|(t, _)| (*t, 13.0)));
    titles.extend(RATE_COLUMNS.iter().map(|(t, _)| (*t, 13.0)));
    titles.push(("Ghi chú", 50.0));
    header(sheet, &titles)?;
    let whole = Format::new().set_num_format("#,##0");
    let percent = Format::new().set_num_format("0.00%");
    for (i, checked) in ctx.links.results.iter().enumerate() {
        let source = &site.results[checked.row];
        let row = i as u32 + 1;
        sheet.write_string(row, 0, source.period.label())?;
        sheet.write_string(row, 1, &site.units[checked.unit].name)?;
        if let Some(p) = checked.procedure {
            sheet.write_string(row, 2, &site.procedures[p].code.value)?;
            sheet.write_string(row, 3, &site.procedures[p].name)?;
        }
        let mut column = 4u16;
        for (_, get) in COUNT_COLUMNS {
            if let Some(value) = get(&source.counts) {
                sheet.write_number_with_format(row, column, value as f64, &whole)?;
            }
            column += 1;
        }
        for (_, get) in RATE_COLUMNS {
            if let Some(value) = get(&source.counts) {
                sheet.write_number_with_format(row, column, value / 100.0, &percent)?;
            }
            column += 1;
        }
        if let Some(note) = checked.mismatch_note(source.period) {
            sheet.write_string(row, column, note)?;
        }
    }
    workbook.save_to_buffer()
}

/// `/du-lieu/thu-tuc.xlsx`.
pub fn procedures_spreadsheet(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    let bytes = procedures_workbook(ctx).map_err(|e| failed("thu-tuc.xlsx", e))?;
    Ok(vec![Output { path: "du-lieu/thu-tuc.xlsx".into(), bytes }])
}

/// `/du-lieu/ket-qua.xlsx`.
pub fn results_spreadsheet(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    let bytes = results_workbook(ctx).map_err(|e| failed("ket-qua.xlsx", e))?;
    Ok(vec![Output { path: "du-lieu/ket-qua.xlsx".into(), bytes }])
}
