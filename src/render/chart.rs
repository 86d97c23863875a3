//! Inline SVG charts drawn at build time: no chart library reaches the browser.

use std::fmt::Write as _;

use crate::text::escape_markup;

/// One bar: dossiers resolved early or on time, and late, in one period.
pub struct Bar {
    pub label: String,
    pub in_time: u64,
    pub late: u64,
    /// Shown above the bar, e.g. `98,80%`.
    pub caption: String,
}

/// Stacked bars of in-time (green) and late (red) dossiers per period, with the on-time rate
/// above each bar. `id` makes the title and description ids unique on the page.
pub fn on_time_bars(id: &str, title: &str, description: &str, bars: &[Bar]) -> String {
    const HEIGHT: f64 = 220.0;
    const TOP: f64 = 28.0;
    const BOTTOM: f64 = 36.0;
    const LEFT: f64 = 8.0;
    let step = 46.0;
    let width = LEFT * 2.0 + step * bars.len().max(1) as f64;
    let plot = HEIGHT - TOP - BOTTOM;
    let max = bars.iter().map(|b| b.in_time + b.late).max().unwrap_or(0).max(1) as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {width:.0} {HEIGHT:.0}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape_markup(title),
        escape_markup(description)
    );
    let base = TOP + plot;
    let _ =
        write!(svg, r##"<line x1="{LEFT}" x2="{:.1}" y1="{base:.1}" y2="{base:.1}" stroke="#4a4f57"/>"##, width - LEFT);
    for (i, bar) in bars.iter().enumerate() {
        let x = LEFT + step * i as f64 + 8.0;
        let w = step - 16.0;
        let in_time_h = bar.in_time as f64 / max * plot;
        let late_h = bar.late as f64 / max * plot;
        let late_top = base - in_time_h - late_h;
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{:.1}" width="{w:.1}" height="{in_time_h:.1}" fill="#1d6b35"/>"##,
            base - in_time_h
        );
        if bar.late > 0 {
            let _ = write!(
                svg,
                r##"<rect x="{x:.1}" y="{late_top:.1}" width="{w:.1}" height="{:.1}" fill="#b42318"/>"##,
                late_h.max(1.5)
            );
        }
        let centre = x + w / 2.0;
        let _ = write!(
            svg,
            r##"<text x="{centre:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="#1a1a1a">{}</text>"##,
            (late_top - 5.0).min(base - 5.0),
            escape_markup(&bar.caption)
        );
        let _ = write!(
            svg,
            r##"<text x="{centre:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="#1a1a1a">{}</text>"##,
            base + 16.0,
            escape_markup(&bar.label)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bar_per_period_with_accessible_names() {
        let bars = vec![
            Bar { label: "T1/26".into(), in_time: 90, late: 10, caption: "90,00%".into() },
            Bar { label: "T2/26".into(), in_time: 100, late: 0, caption: "100,00%".into() },
        ];
        let svg = on_time_bars("c1", "Tỷ lệ <đúng hạn>", "mô tả", &bars);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(r#"aria-labelledby="c1-t c1-d""#));
        assert!(svg.contains("Tỷ lệ &lt;đúng hạn&gt;"));
        assert_eq!(svg.matches("fill=\"#1d6b35\"").count(), 2);
        assert_eq!(svg.matches("fill=\"#b42318\"").count(), 1, "no red bar when none late");
        assert!(svg.contains("T2/26"));
    }
}
