//! QR codes drawn at build time as inline SVG, so printed boards and sheets need no image files
//! and no outside service.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};
use serde::Serialize;

/// White border around the code, in modules: the QR standard asks for four.
const QUIET_ZONE: usize = 4;

/// A QR code ready for the `qr.html` partial: the address it holds and the SVG path that draws it.
#[derive(Debug, Clone, Serialize)]
pub struct Qr {
    /// What a phone reads from the code (shown next to it as text too).
    pub address: String,
    /// Width and height of the SVG view box, quiet zone included, in modules.
    pub size: usize,
    /// SVG path data of the dark modules, one `M x y h n v 1 h -n z` per horizontal run.
    pub path: String,
}

impl Qr {
    /// The code for `address`, or `None` when the text is too long for any QR version.
    pub fn new(address: &str) -> Option<Qr> {
        let (width, dark) = encode(address.as_bytes())?;
        let mut path = String::with_capacity(width * width / 2);
        for y in 0..width {
            let row = &dark[y * width..(y + 1) * width];
            let mut x = 0;
            while x < width {
                if !row[x] {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < width && row[x] {
                    x += 1;
                }
                // "M{x} {y}h{run}v1h-{run}z", digits pushed by hand: `write!` was a quarter of
                // the time of a code.
                let run = x - start;
                path.push('M');
                push_number(&mut path, start + QUIET_ZONE);
                path.push(' ');
                push_number(&mut path, y + QUIET_ZONE);
                path.push('h');
                push_number(&mut path, run);
                path.push_str("v1h-");
                push_number(&mut path, run);
                path.push('z');
            }
        }
        Some(Qr { address: address.to_string(), size: width + 2 * QUIET_ZONE, path })
    }
}

/// `n` in decimal.
fn push_number(out: &mut String, n: usize) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// The modules of the code for `data` (row by row, `true` = dark) and its width: the same code
/// as `QrCode::with_error_correction_level(data, EcLevel::M)`, mask included, with the eight
/// masks scored here on a plain grid (the encoder's own scoring was a third of a build).
fn encode(data: &[u8]) -> Option<(usize, Vec<bool>)> {
    // Level M survives a smudge or a crease and keeps the code small enough to print at 3 cm.
    let level = EcLevel::M;
    let bits = qrcode::bits::encode_auto(data, level).ok()?;
    let version = bits.version();
    let (codewords, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, level).ok()?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&codewords, &ec);
    let width = version.width() as usize;
    let mut best: Option<(u32, Vec<bool>)> = None;
    for pattern in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(pattern);
        let dark: Vec<bool> = masked.into_colors().into_iter().map(|c| c == Color::Dark).collect();
        let score = penalty(&dark, width);
        // The first of equal scores wins, as in the encoder.
        if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
            best = Some((score, dark));
        }
    }
    best.map(|(_, dark)| (width, dark))
}

/// The eight masks of a (non-micro) QR code, in the encoder's order.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The QR standard's penalty of a masked code, computed exactly as the `qrcode` crate does
/// (runs, 2×2 blocks, finder-like patterns, dark/light balance), so the same mask wins. Rows
/// and columns are read as plain slices (the columns from a transposed copy): a closure per
/// module made this most of the time of a code.
fn penalty(dark: &[bool], width: usize) -> u32 {
    let mut columns = vec![false; dark.len()];
    for (y, row) in dark.chunks_exact(width).enumerate() {
        for (x, &module) in row.iter().enumerate() {
            columns[x * width + y] = module;
        }
    }
    let mut score: u32 = dark.chunks_exact(width).chain(columns.chunks_exact(width)).map(line_penalty).sum();
    // (The encoder takes away the 720 points that the three finder patterns always score: the
    // same for every mask, so left in here.)
    for (row, next) in dark.chunks_exact(width).zip(dark.chunks_exact(width).skip(1)) {
        for x in 0..width - 1 {
            let this = row[x];
            if this == row[x + 1] && this == next[x] && this == next[x + 1] {
                score += 3;
            }
        }
    }
    let ratio = dark.iter().filter(|&&d| d).count() * 200 / dark.len();
    score + ratio.abs_diff(100) as u32
}

/// One row's or column's share: runs of five or more of one colour score 3 + (length - 5);
/// each 1:1:3:1:1 finder-like pattern without four light modules on either side scores 40.
fn line_penalty(line: &[bool]) -> u32 {
    let mut score = 0;
    let mut run = 1u32;
    for pair in line.windows(2) {
        if pair[0] == pair[1] {
            run += 1;
        } else {
            if run >= 5 {
                score += run - 2;
            }
            run = 1;
        }
    }
    if run >= 5 {
        score += run - 2;
    }
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    for (j, window) in line.windows(7).enumerate() {
        if window != PATTERN {
            continue;
        }
        let dark_before = line[j.saturating_sub(4)..j].contains(&true);
        let dark_after = line[j + 7..(j + 11).min(line.len())].contains(&true);
        if !dark_before || !dark_after {
            score += 40;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::QrCode;

    /// Reads the modules back from the path, to compare with what the encoder produced.
    fn modules(qr: &Qr) -> Vec<Vec<bool>> {
        let mut grid = vec![vec![false; qr.size]; qr.size];
        for run in qr.path.split('M').filter(|s| !s.is_empty()) {
            let (xy, rest) = run.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let n: usize = rest.split_once('v').unwrap().0.parse().unwrap();
            for cell in &mut grid[y][x..x + n] {
                *cell = true;
            }
        }
        grid
    }

    #[test]
    fn the_path_draws_exactly_the_encoded_modules_inside_a_quiet_zone() {
        let address = "https://congkhai.example.gov.vn/don-vi/so-xay-dung/";
        let qr = Qr::new(address).unwrap();
        let code = QrCode::with_error_correction_level(address.as_bytes(), EcLevel::M).unwrap();
        let width = code.width();
        assert_eq!(qr.size, width + 8);
        assert_eq!(qr.address, address);
        let grid = modules(&qr);
        for (y, row) in grid.iter().enumerate() {
            for (x, &dark) in row.iter().enumerate() {
                let inside = (4..4 + width).contains(&x) && (4..4 + width).contains(&y);
                let expected = inside && code[(x - 4, y - 4)] == qrcode::Color::Dark;
                assert_eq!(dark, expected, "module ({x}, {y})");
            }
        }
        // The three finder patterns: a dark 7×7 ring at the corners.
        assert!(grid[4][4..11].iter().all(|&d| d));
        assert!(grid[4 + width - 1][4..11].iter().all(|&d| d));
    }

    #[test]
    fn the_same_mask_as_the_encoder_for_many_addresses() {
        for n in 0..400 {
            let address = format!("https://dichvucong.{}.gov.vn/tt/1.{:06}/{}", n % 7, n * 7919, "x".repeat(n % 90));
            let ours = encode(address.as_bytes()).unwrap();
            let code = QrCode::with_error_correction_level(address.as_bytes(), EcLevel::M).unwrap();
            let theirs: Vec<bool> = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
            assert_eq!(ours.0, code.width(), "{address}");
            assert!(ours.1 == theirs, "{address}");
        }
    }

    #[test]
    fn same_address_same_code_and_only_path_characters() {
        let a = Qr::new("https://a.gov.vn/tt/1.004946/").unwrap();
        let b = Qr::new("https://a.gov.vn/tt/1.004946/").unwrap();
        assert_eq!(a.path, b.path);
        assert!(a.path.chars().all(|c| c.is_ascii_digit() || "Mhvz -".contains(c)));
        assert!(Qr::new(&"x".repeat(5000)).is_none());
    }
}
