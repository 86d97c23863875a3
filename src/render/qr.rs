//! QR codes drawn at build time as inline SVG, so printed boards and sheets need no image files
//! and no outside service.

use qrcode::{EcLevel, QrCode};
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
        // Level M survives a smudge or a crease and keeps the code small enough to print at 3 cm.
        let code = QrCode::with_error_correction_level(address.as_bytes(), EcLevel::M).ok()?;
        let width = code.width();
        let dark: Vec<bool> = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
        let mut path = String::new();
        for y in 0..width {
            let mut x = 0;
            while x < width {
                if !dark[y * width + x] {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < width && dark[y * width + x] {
                    x += 1;
                }
                let run = x - start;
                path.push_str(&format!("M{} {}h{run}v1h-{run}z", start + QUIET_ZONE, y + QUIET_ZONE));
            }
        }
        Some(Qr { address: address.to_string(), size: width + 2 * QUIET_ZONE, path })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn same_address_same_code_and_only_path_characters() {
        let a = Qr::new("https://a.gov.vn/tt/1.004946/").unwrap();
        let b = Qr::new("https://a.gov.vn/tt/1.004946/").unwrap();
        assert_eq!(a.path, b.path);
        assert!(a.path.chars().all(|c| c.is_ascii_digit() || "Mhvz -".contains(c)));
        assert!(Qr::new(&"x".repeat(5000)).is_none());
    }
}
