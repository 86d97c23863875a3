//! The `congkhai` command: parse arguments, call the library, print diagnostics, set the exit code.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use congkhai::diagnostics::{Diagnostic, Diagnostics, Severity};
use congkhai::render::format;

/// congkhai — tạo trang công khai thủ tục hành chính và kết quả giải quyết hồ sơ từ tệp YAML/CSV.
#[derive(Parser)]
#[command(name = "congkhai", version, about, long_about = None, disable_help_subcommand = true)]
#[command(help_template = "{about}\n\nCách dùng: {usage}\n\nLệnh:\n{subcommands}\n\nTùy chọn:\n{options}\n")]
#[command(disable_help_flag = true, disable_version_flag = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// In trợ giúp (help)
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// In phiên bản (version)
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// Kiểm tra và tạo trang (build): ghi vào thư mục kết quả, mặc định <root>/public
    Build {
        /// Thư mục gốc của trang, chứa content/ và procedures/ (site root)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Thư mục kết quả (output); mặc định <root>/public
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Chỉ kiểm tra dữ liệu, không ghi gì (check)
    Check {
        /// Thư mục gốc của trang (site root)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
    /// Tạo trang rồi xem thử trên máy này tại http://127.0.0.1:PORT (serve)
    Serve {
        /// Thư mục gốc của trang (site root)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Cổng (port)
        #[arg(long, default_value_t = 8080, value_name = "N")]
        port: u16,
        /// Thư mục kết quả (output); mặc định <root>/public
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// In JSON Schema của một loại tệp nguồn (site, units, procedure, page) cho trình soạn thảo
    Schema {
        /// Loại tệp: site | units | procedure | page; bỏ trống để in tất cả
        #[arg(value_name = "LOẠI")]
        name: Option<String>,
    },
}

fn main() -> ExitCode {
    // Vietnamese headings for every subcommand's help, not only the top level's.
    let command = Cli::command()
        .mut_subcommands(|sub| sub.help_template("{about}\n\nCách dùng: {usage}\n\nTùy chọn:\n{options}\n"));
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match cli.command {
        Command::Check { root } => match check(&root) {
            Some(_) => {
                eprintln!("Dữ liệu hợp lệ.");
                ExitCode::SUCCESS
            }
            None => ExitCode::FAILURE,
        },
        Command::Build { root, out } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            if build(&root, &out).is_some() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Command::Serve { root, port, out } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let Some(root_path) = build(&root, &out) else { return ExitCode::FAILURE };
            let result = congkhai::serve::serve(&out, port, &root_path, |address| {
                eprintln!("Đang phục vụ tại {address} (Ctrl+C để dừng)");
            });
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(problem) => {
                    print_diagnostics(&root, vec![problem]);
                    ExitCode::FAILURE
                }
            }
        }
        Command::Schema { name } => schema(name.as_deref()),
    }
}

/// Loads and checks, printing every diagnostic; the site comes back when it may be built.
fn check(root: &Path) -> Option<(congkhai::Site, congkhai::Links)> {
    let (site, diagnostics) = congkhai::load_and_check(root);
    let summary = diagnostics.summary();
    let has_errors = diagnostics.has_errors();
    let is_empty = diagnostics.is_empty();
    print_diagnostics(root, diagnostics.sorted());
    if !is_empty {
        eprintln!("{}: {summary}", if has_errors { "Không tạo được trang" } else { "Kết quả kiểm tra" });
    }
    site
}

/// Builds; on success returns the site's path prefix (from `base_url`) for the preview server.
fn build(root: &Path, out: &Path) -> Option<String> {
    let started = Instant::now();
    let (site, links) = check(root)?;
    match congkhai::build(&site, &links, out) {
        Ok(report) => {
            let seconds = started.elapsed().as_secs_f64();
            let seconds = format!("{seconds:.2}").replace('.', ",");
            eprintln!(
                "Đã tạo {} trang trong {seconds} s ({} thủ tục, {} đơn vị) → {}",
                format::number(report.pages as u64),
                format::number(report.procedures as u64),
                format::number(report.units as u64),
                out.display()
            );
            Some(congkhai::pages::root_path(&site.config.base_url))
        }
        Err(problems) => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.extend(problems);
            let summary = diagnostics.summary();
            print_diagnostics(root, diagnostics.sorted());
            eprintln!("Không tạo được trang: {summary}; thư mục kết quả cũ được giữ nguyên.");
            None
        }
    }
}

fn print_diagnostics(root: &Path, diagnostics: Vec<Diagnostic>) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    for diagnostic in diagnostics {
        let source =
            std::fs::read(&diagnostic.place.file).ok().map(|b| String::from_utf8_lossy(&b).replace("\r\n", "\n"));
        let mut text = diagnostic.render(&root, source.as_deref());
        if !root.is_absolute() || diagnostic.place.file.is_relative() {
            text = text.replace(&format!("{}/", root.display()), "");
        }
        if color {
            let (label, paint) = match diagnostic.severity {
                Severity::Error => ("lỗi", "\x1b[1;31m"),
                Severity::Warning => ("cảnh báo", "\x1b[1;33m"),
            };
            text = text.replacen(label, &format!("{paint}{label}\x1b[0m"), 1);
        }
        eprintln!("{text}");
    }
}

fn schema(name: Option<&str>) -> ExitCode {
    let Some(name) = name else {
        // Every schema in one JSON object, keyed by file kind.
        let all: serde_json::Map<String, serde_json::Value> = congkhai::schema::NAMES
            .iter()
            .filter_map(|n| Some((n.to_string(), serde_json::from_str(&congkhai::schema::schema_json(n)?).ok()?)))
            .collect();
        println!("{}", serde_json::to_string_pretty(&all).unwrap_or_default());
        return ExitCode::SUCCESS;
    };
    match congkhai::schema::schema_json(name) {
        Some(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!(
                "lỗi: không có loại tệp `{name}`\n  = gợi ý: chọn một trong: {}",
                congkhai::schema::NAMES.join(", ")
            );
            ExitCode::FAILURE
        }
    }
}
