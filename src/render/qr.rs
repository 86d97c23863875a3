//! QR codes drawn at build time as inline SVG, so printed boards and sheets need no image files
//! and no outside service.

use qrcode::canvas::{Canvas, MaskPattern, Module};
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
    /// SVG path data of the dark modules, to stroke one module wide: a horizontal line along
    /// the middle of each run of dark modules in a row.
    pub path: String,
}

impl Qr {
    /// The code for `address`, or `None` when the text is too long for any QR version.
    pub fn new(address: &str) -> Option<Qr> {
        let (width, dark) = encode(address.as_bytes())?;
        // One stroke a run of dark modules, one module wide, along the middle of its row:
        // "M4 4.5h7m2 0h1…", each run moved to relatively from the end of the one before
        // (a third of the bytes of a filled rectangle a run).
        let mut path = String::with_capacity(width * width / 4);
        let mut at: Option<(usize, usize)> = None;
        for (y, row) in dark.chunks_exact(width).enumerate() {
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
                match at {
                    None => {
                        path.push('M');
                        push_number(&mut path, start + QUIET_ZONE);
                        path.push(' ');
                        push_number(&mut path, y + QUIET_ZONE);
                        path.push_str(".5");
                    }
                    Some((end, row)) => {
                        path.push('m');
                        if start < end {
                            path.push('-');
                        }
                        push_number(&mut path, start.abs_diff(end));
                        path.push(' ');
                        push_number(&mut path, y - row);
                    }
                }
                path.push('h');
                push_number(&mut path, x - start);
                at = Some((x, y));
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

/// One row (or column) of a code, a bit a module (bit `x` = module `x`, set = dark). 128 bits
/// hold every code up to version 27 (125 modules): an address would need about 1,000
/// characters to go past it, and [`encode`] hands such codes to the crate's own encoder.
type Row = u128;

/// The widest code [`Row`] holds.
const WIDEST: usize = Row::BITS as usize;

/// The modules of the code for `data` (row by row, `true` = dark) and its width: the same code as
/// `QrCode::with_error_correction_level(data, EcLevel::M)`, mask included. The eight masks are
/// scored here on rows of bits (the encoder's own scoring, a closure a module, was a third of a
/// build; scoring grids of booleans, still a sixth).
fn encode(data: &[u8]) -> Option<(usize, Vec<bool>)> {
    // Level M survives a smudge or a crease and keeps the code small enough to print at 3 cm.
    let level = EcLevel::M;
    let bits = qrcode::bits::encode_auto(data, level).ok()?;
    let version = bits.version();
    let width = version.width() as usize;
    if width > WIDEST {
        let code = qrcode::QrCode::with_error_correction_level(data, level).ok()?;
        return Some((width, code.to_colors().into_iter().map(|c| c == Color::Dark).collect()));
    }
    let (codewords, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, level).ok()?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&codewords, &ec);
    // The dark data modules before masking; a masked code is then a blank code with that mask
    // (its functional patterns, its format bits, the mask itself on the data modules) with
    // these modules flipped.
    let data_rows: Vec<Row> = (0..width)
        .map(|y| row_of((0..width).map(|x| canvas.get(x as i16, y as i16) == Module::Unmasked(Color::Dark))))
        .collect();
    let data_columns = transposed(&data_rows, width);
    let blanks = blanks(version, level);
    let mut best: Option<(u32, Vec<Row>)> = None;
    let mut columns = vec![0; width];
    for blank in blanks.iter() {
        let rows: Vec<Row> = blank.rows.iter().zip(&data_rows).map(|(b, d)| b ^ d).collect();
        for ((column, b), d) in columns.iter_mut().zip(&blank.columns).zip(&data_columns) {
            *column = b ^ d;
        }
        let score = penalty(&rows, &columns, width);
        // The first of equal scores wins, as in the encoder.
        if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
            best = Some((score, rows));
        }
    }
    let (_, rows) = best?;
    Some((width, rows.iter().flat_map(|row| (0..width).map(move |x| row >> x & 1 == 1)).collect()))
}

/// A row of bits from modules, first module first.
fn row_of(modules: impl Iterator<Item = bool>) -> Row {
    modules.enumerate().fold(0, |row, (x, dark)| row | (Row::from(dark) << x))
}

/// The columns of `rows`, as rows.
fn transposed(rows: &[Row], width: usize) -> Vec<Row> {
    let mut columns = vec![0; width];
    for (y, &row) in rows.iter().enumerate() {
        let mut dark = row;
        while dark != 0 {
            columns[dark.trailing_zeros() as usize] |= 1 << y;
            dark &= dark - 1;
        }
    }
    columns
}

/// A code of one version with no data, masked with one of the eight masks: rows and columns.
struct Blank {
    rows: Vec<Row>,
    columns: Vec<Row>,
}

/// The eight blank codes of `version` at `level`, in the encoder's mask order, made once per
/// version and thread (a build's addresses are mostly of one or two versions).
fn blanks(version: qrcode::Version, level: EcLevel) -> std::rc::Rc<[Blank]> {
    thread_local! {
        static MADE: std::cell::RefCell<Vec<(qrcode::Version, std::rc::Rc<[Blank]>)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    MADE.with_borrow_mut(|made| {
        if let Some((_, blanks)) = made.iter().find(|(v, _)| *v == version) {
            return blanks.clone();
        }
        let width = version.width() as usize;
        let mut canvas = Canvas::new(version, level);
        canvas.draw_all_functional_patterns();
        let blanks: std::rc::Rc<[Blank]> = MASKS
            .iter()
            .map(|&pattern| {
                let mut masked = canvas.clone();
                masked.apply_mask(pattern);
                let colors = masked.into_colors();
                let rows: Vec<Row> =
                    colors.chunks_exact(width).map(|row| row_of(row.iter().map(|&c| c == Color::Dark))).collect();
                let columns = transposed(&rows, width);
                Blank { rows, columns }
            })
            .collect();
        made.push((version, blanks.clone()));
        blanks
    })
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
/// (runs, 2×2 blocks, finder-like patterns, dark/light balance), so the same mask wins.
fn penalty(rows: &[Row], columns: &[Row], width: usize) -> u32 {
    let mut score: u32 = rows.iter().chain(columns).map(|&line| line_penalty(line, width)).sum();
    // (The encoder takes away the 720 points that the three finder patterns always score: the
    // same for every mask, so left in here.)
    let pairs: Row = Row::MAX >> (WIDEST - (width - 1));
    for (&this, &next) in rows.iter().zip(rows.iter().skip(1)) {
        // Where a module and its right neighbour, and the two below them, are all one colour.
        let blocks = !(this ^ (this >> 1)) & !(this ^ next) & !(next ^ (next >> 1)) & pairs;
        score += 3 * blocks.count_ones();
    }
    let dark: usize = rows.iter().map(|row| row.count_ones() as usize).sum();
    let ratio = dark * 200 / (width * width);
    score + ratio.abs_diff(100) as u32
}

/// One row's or column's share: runs of five or more of one colour score 3 + (length - 5);
/// each 1:1:3:1:1 finder-like pattern without four light modules on either side scores 40.
fn line_penalty(line: Row, width: usize) -> u32 {
    // Where a module is the colour of the next one: a run of n modules is n - 1 bits in a row,
    // and scores n - 2 when n ≥ 5, that is one per bit starting four in a row (n - 4 of them)
    // plus two per such group.
    let same = !(line ^ (line >> 1)) & (Row::MAX >> (WIDEST - (width - 1)));
    let four = same & (same >> 1) & (same >> 2) & (same >> 3);
    let mut score = four.count_ones() + 2 * (four & !(four << 1)).count_ones();
    if width >= 7 {
        // Dark, light, three dark, light, dark from module j.
        let starts = Row::MAX >> (WIDEST - (width - 6));
        let mut found =
            line & !(line >> 1) & (line >> 2) & (line >> 3) & (line >> 4) & !(line >> 5) & (line >> 6) & starts;
        while found != 0 {
            let j = found.trailing_zeros() as usize;
            found &= found - 1;
            let before = j.saturating_sub(4);
            let dark_before = (line >> before) & ((1 << (j - before)) - 1) != 0;
            let after = (j + 11).min(width) - (j + 7);
            let dark_after = (line >> (j + 7)) & ((1 << after) - 1) != 0;
            if !dark_before || !dark_after {
                score += 40;
            }
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::QrCode;

    /// Reads the modules back from the path, to compare with what the encoder produced: a
    /// stroke one module wide along `h` from the current point covers the modules of its row.
    fn modules(qr: &Qr) -> Vec<Vec<bool>> {
        let mut grid = vec![vec![false; qr.size]; qr.size];
        let (mut x, mut y) = (0.0f64, 0.0f64);
        let mut rest = qr.path.as_str();
        while let Some(command) = rest.chars().next() {
            let end = rest[1..].find(['M', 'm', 'h']).map_or(rest.len(), |i| i + 1);
            let numbers: Vec<f64> = rest[1..end].split(' ').map(|n| n.parse().unwrap()).collect();
            match (command, numbers.as_slice()) {
                ('M', [nx, ny]) => (x, y) = (*nx, *ny),
                ('m', [dx, dy]) => (x, y) = (x + dx, y + dy),
                ('h', [n]) => {
                    assert_eq!(y.fract(), 0.5, "a stroke along the middle of a row");
                    for cell in &mut grid[y as usize][x as usize..(x + n) as usize] {
                        assert!(!*cell, "each module drawn once");
                        *cell = true;
                    }
                    x += n;
                }
                other => panic!("unexpected {other:?}"),
            }
            rest = &rest[end..];
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
    fn the_same_code_as_the_encoder_for_many_addresses() {
        // Up to 1,300 characters: versions 2 to 30, past the widest row (the crate's encoder).
        let lengths = (0..400).map(|n| n % 90).chain([300, 600, 900, 1000, 1100, 1300]);
        for (n, extra) in lengths.enumerate() {
            let address = format!("https://dichvucong.{}.gov.vn/tt/1.{:06}/{}", n % 7, n * 7919, "x".repeat(extra));
            let (width, dark) = encode(address.as_bytes()).unwrap();
            let code = QrCode::with_error_correction_level(address.as_bytes(), EcLevel::M).unwrap();
            let theirs: Vec<bool> = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
            assert_eq!(width, code.width(), "{address}");
            assert!(dark == theirs, "{address}");
        }
    }

    /// The penalty the slow way, module by module, as the `qrcode` crate scores it.
    fn reference_penalty(dark: &[bool], width: usize) -> u32 {
        let line_penalty = |line: &[bool]| {
            let mut score = 0;
            let mut run = 1u32;
            for pair in line.windows(2) {
                if pair[0] == pair[1] {
                    run += 1;
                } else {
                    score += if run >= 5 { run - 2 } else { 0 };
                    run = 1;
                }
            }
            score += if run >= 5 { run - 2 } else { 0 };
            for (j, window) in line.windows(7).enumerate() {
                if window == [true, false, true, true, true, false, true] {
                    let dark_before = line[j.saturating_sub(4)..j].contains(&true);
                    let dark_after = line[j + 7..(j + 11).min(line.len())].contains(&true);
                    score += if !dark_before || !dark_after { 40 } else { 0 };
                }
            }
            score
        };
        let columns: Vec<Vec<bool>> = (0..width).map(|x| (0..width).map(|y| dark[y * width + x]).collect()).collect();
        let mut score: u32 = dark.chunks_exact(width).map(line_penalty).sum();
        score += columns.iter().map(|c| line_penalty(c)).sum::<u32>();
        for y in 0..width - 1 {
            for x in 0..width - 1 {
                let m = |x: usize, y: usize| dark[y * width + x];
                if m(x, y) == m(x + 1, y) && m(x, y) == m(x, y + 1) && m(x, y) == m(x + 1, y + 1) {
                    score += 3;
                }
            }
        }
        let ratio = dark.iter().filter(|&&d| d).count() * 200 / dark.len();
        score + ratio.abs_diff(100) as u32
    }

    #[test]
    fn the_bit_penalty_is_the_module_by_module_penalty_for_every_mask() {
        for n in 0..60 {
            let address = format!("https://a{}.gov.vn/thu-tuc/{}/", n, "ab-".repeat(n));
            let bits = qrcode::bits::encode_auto(address.as_bytes(), EcLevel::M).unwrap();
            let version = bits.version();
            let width = version.width() as usize;
            let (codewords, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).unwrap();
            let mut canvas = Canvas::new(version, EcLevel::M);
            canvas.draw_all_functional_patterns();
            canvas.draw_data(&codewords, &ec);
            for pattern in MASKS {
                let mut masked = canvas.clone();
                masked.apply_mask(pattern);
                let dark: Vec<bool> = masked.into_colors().into_iter().map(|c| c == Color::Dark).collect();
                let rows: Vec<Row> = dark.chunks_exact(width).map(|r| row_of(r.iter().copied())).collect();
                let columns = transposed(&rows, width);
                assert_eq!(penalty(&rows, &columns, width), reference_penalty(&dark, width), "{address} {pattern:?}");
            }
        }
    }

    #[test]
    fn same_address_same_code_and_only_path_characters() {
        let a = Qr::new("https://a.gov.vn/tt/1.004946/").unwrap();
        let b = Qr::new("https://a.gov.vn/tt/1.004946/").unwrap();
        assert_eq!(a.path, b.path);
        assert!(a.path.chars().all(|c| c.is_ascii_digit() || "Mmh .-".contains(c)));
        assert!(Qr::new(&"x".repeat(5000)).is_none());
    }
}
