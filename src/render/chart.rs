//! Inline SVG charts drawn at build time: no chart library reaches the browser. Both charts plot
//! the late share (resolved late / resolved) against the site's warning and serious lines.

use std::fmt::Write as _;

use crate::text::escape_markup;

/// How a late share stands against the thresholds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Standing {
    Fine,
    Warn,
    Serious,
}

impl Standing {
    fn colour(self) -> &'static str {
        match self {
            Standing::Fine => "#1d6b35",
            Standing::Warn => "#8a4b00",
            Standing::Serious => "#b42318",
        }
    }
}

/// The site's `thresholds`, in percent of resolved dossiers.
#[derive(Clone, Copy, Default)]
pub struct Limits {
    pub warn: Option<f64>,
    pub serious: Option<f64>,
}

impl Limits {
    /// The top of the scale: the highest share or a margin above the serious line.
    fn top(self, highest: f64) -> f64 {
        let line = self.serious.or(self.warn).unwrap_or(0.0);
        (highest * 1.08).max(line * 1.3).max(2.0)
    }

    fn lines(self) -> impl Iterator<Item = (f64, Standing)> {
        self.warn.map(|v| (v, Standing::Warn)).into_iter().chain(self.serious.map(|v| (v, Standing::Serious)))
    }
}

/// One period of a unit: its late share and that share as shown (`10,53%`).
pub struct PeriodShare {
    pub label: String,
    pub share: f64,
    pub caption: String,
    pub standing: Standing,
}

/// One unit in the ranking.
pub struct UnitShare {
    pub name: String,
    pub share: f64,
    pub caption: String,
    pub standing: Standing,
    /// The supervisors' word for a flagged unit, e.g. "phải kiểm điểm trách nhiệm".
    pub verdict: Option<String>,
}

fn open(svg: &mut String, id: &str, class: &str, width: f64, height: f64, title: &str, description: &str) {
    let _ = write!(
        svg,
        r#"<svg class="{class}" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape_markup(title),
        escape_markup(description)
    );
}

fn limit_label(value: f64) -> String {
    crate::render::format::percent_short(value)
}

/// Columns of a unit's late share per period (oldest first), with the threshold lines across.
/// One period still gets its column. `id` makes the title and description ids unique.
pub fn late_share_columns(id: &str, title: &str, description: &str, periods: &[PeriodShare], limits: Limits) -> String {
    const HEIGHT: f64 = 200.0;
    const TOP: f64 = 24.0;
    const BOTTOM: f64 = 30.0;
    const LEFT: f64 = 8.0;
    const LABELS: f64 = 34.0;
    let step = 42.0;
    let width = (LEFT + step * periods.len().max(1) as f64 + LABELS).max(150.0);
    let plot_right = width - LABELS;
    let plot = HEIGHT - TOP - BOTTOM;
    let highest = periods.iter().map(|p| p.share).fold(0.0, f64::max);
    let top = limits.top(highest);
    let base = TOP + plot;
    let y = |share: f64| base - share / top * plot;
    let mut svg = String::new();
    open(&mut svg, id, "chart", width, HEIGHT, title, description);
    let _ = write!(svg, r##"<line x1="{LEFT}" x2="{plot_right:.1}" y1="{base:.1}" y2="{base:.1}" stroke="#4a4f57"/>"##);
    for (i, period) in periods.iter().enumerate() {
        let x = LEFT + step * i as f64 + 8.0;
        let w = step - 16.0;
        let bar_top = y(period.share);
        if period.share > 0.0 {
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{bar_top:.1}" width="{w:.1}" height="{:.1}" fill="{}"/>"#,
                (base - bar_top).max(1.5),
                period.standing.colour()
            );
        }
        let centre = x + w / 2.0;
        let _ = write!(
            svg,
            r##"<text x="{centre:.1}" y="{:.1}" text-anchor="middle" font-size="10" font-weight="700" fill="#1a1a1a">{}</text>"##,
            bar_top.min(base) - 5.0,
            escape_markup(&period.caption)
        );
        let _ = write!(
            svg,
            r##"<text x="{centre:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="#1a1a1a">{}</text>"##,
            base + 16.0,
            escape_markup(&period.label)
        );
    }
    for (value, standing) in limits.lines() {
        let at = y(value);
        let (colour, label, label_x, label_y) = (standing.colour(), limit_label(value), plot_right + 3.0, at + 4.0);
        let _ = write!(
            svg,
            r#"<line x1="{LEFT}" x2="{plot_right:.1}" y1="{at:.1}" y2="{at:.1}" stroke="{colour}" stroke-width="1.5" stroke-dasharray="5 3"/><text x="{label_x:.1}" y="{label_y:.1}" font-size="11" fill="{colour}">{label}</text>"#
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Splits a name into lines of at most `max` characters, at spaces.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// Horizontal bars of units by late share, worst first as given, each with its name above the
/// bar, the share beside it and the verdict below; the threshold lines run down the whole chart.
/// Drawn 360 units wide so that on a phone the text is shown at about its own size.
pub fn late_share_ranking(id: &str, title: &str, description: &str, units: &[UnitShare], limits: Limits) -> String {
    const WIDTH: f64 = 360.0;
    const LEFT: f64 = 2.0;
    const VALUE: f64 = 62.0;
    const HEAD: f64 = 20.0;
    const LINE: f64 = 16.0;
    const BAR: f64 = 14.0;
    const GAP: f64 = 10.0;
    let plot = WIDTH - LEFT - VALUE;
    let highest = units.iter().map(|u| u.share).fold(0.0, f64::max);
    let top = limits.top(highest);
    let x = |share: f64| LEFT + share / top * plot;
    let mut body = String::new();
    let mut y = HEAD;
    for unit in units {
        for line in wrap(&unit.name, 50) {
            y += LINE;
            let _ = write!(
                body,
                r##"<text x="{LEFT}" y="{:.1}" font-size="13" font-weight="600" fill="#1a1a1a">{}</text>"##,
                y - 4.0,
                escape_markup(&line)
            );
        }
        let end = x(unit.share);
        if unit.share > 0.0 {
            let _ = write!(
                body,
                r#"<rect x="{LEFT}" y="{y:.1}" width="{:.1}" height="{BAR}" fill="{}"/>"#,
                (end - LEFT).max(1.5),
                unit.standing.colour()
            );
        }
        let _ = write!(
            body,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" font-weight="700" fill="#1a1a1a">{}</text>"##,
            end.max(LEFT + 1.5) + 4.0,
            y + BAR - 2.5,
            escape_markup(&unit.caption)
        );
        y += BAR;
        if let Some(verdict) = &unit.verdict {
            y += LINE;
            let colour = if unit.standing == Standing::Serious { "#8f1a12" } else { "#7a4200" };
            let _ = write!(
                body,
                r#"<text x="{LEFT}" y="{:.1}" font-size="12" fill="{colour}">{}</text>"#,
                y - 4.0,
                escape_markup(verdict)
            );
        }
        y += GAP;
    }
    let height = y.max(HEAD + 10.0);
    let mut svg = String::new();
    open(&mut svg, id, "chart ranking", WIDTH, height, title, description);
    svg.push_str(&body);
    for (value, standing) in limits.lines() {
        let at = x(value);
        let (colour, label, from, to) = (standing.colour(), limit_label(value), HEAD - 4.0, height - GAP / 2.0);
        let _ = write!(
            svg,
            r#"<line x1="{at:.1}" x2="{at:.1}" y1="{from:.1}" y2="{to:.1}" stroke="{colour}" stroke-width="1.5" stroke-dasharray="5 3"/><text x="{at:.1}" y="12" text-anchor="middle" font-size="11" font-weight="700" fill="{colour}">{label}</text>"#
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits { warn: Some(5.0), serious: Some(10.0) };

    #[test]
    fn one_period_still_gets_a_column_and_both_threshold_lines() {
        let periods =
            vec![PeriodShare { label: "2025".into(), share: 4.0, caption: "4,00%".into(), standing: Standing::Fine }];
        let svg = late_share_columns("c1", "Tỷ lệ <trễ hạn>", "mô tả", &periods, LIMITS);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(r#"aria-labelledby="c1-t c1-d""#));
        assert!(svg.contains("Tỷ lệ &lt;trễ hạn&gt;"));
        assert_eq!(svg.matches("<rect").count(), 1);
        assert_eq!(svg.matches("stroke-dasharray").count(), 2, "warning and serious lines");
        assert!(svg.contains(">5%<") && svg.contains(">10%<") && svg.contains(">4,00%<"));
    }

    #[test]
    fn ranking_keeps_the_order_given_and_names_the_verdict() {
        let unit = |name: &str, share: f64, standing, verdict: Option<&str>| UnitShare {
            name: name.into(),
            share,
            caption: crate::render::format::rate(share),
            standing,
            verdict: verdict.map(String::from),
        };
        let units = vec![
            unit("UBND xã A", 13.9, Standing::Serious, Some("phải kiểm điểm trách nhiệm")),
            unit("UBND xã B", 6.0, Standing::Warn, Some("bị phê bình, cần chấn chỉnh")),
            unit("Sở Xây dựng", 0.0, Standing::Fine, None),
        ];
        let svg = late_share_ranking("r", "Xếp hạng", "mô tả", &units, LIMITS);
        let (a, b, c) = (svg.find("xã A").unwrap(), svg.find("xã B").unwrap(), svg.find("Sở Xây").unwrap());
        assert!(a < b && b < c, "worst first, as given");
        assert_eq!(svg.matches("<rect").count(), 2, "no bar for 0%");
        assert!(svg.contains("#b42318") && svg.contains("#8a4b00"));
        assert!(svg.contains("phải kiểm điểm trách nhiệm") && svg.contains("bị phê bình"));
        assert_eq!(svg.matches("stroke-dasharray").count(), 2);
    }

    #[test]
    fn long_names_wrap_at_spaces() {
        let lines = wrap("Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng và các chi nhánh trực thuộc", 50);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.chars().count() <= 50));
    }
}
