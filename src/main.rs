//! The `congkhai` command: parse arguments, call the library, print diagnostics, set the exit code.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// mimalloc: a build allocates and frees millions of small strings from two threads; glibc's
/// malloc spent 13 % of a 10,000-procedure build, mimalloc about a seventh less CPU in all.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use congkhai::diagnostics::{Diagnostic, Diagnostics, WarningMode};
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
        /// Cảnh báo: none (không hiện), summary (chỉ đếm theo tệp), grouped (gộp cảnh báo giống nhau), all (hiện hết)
        #[arg(long, value_enum, default_value = "grouped", value_name = "CÁCH", hide_possible_values = true)]
        warnings: Warnings,
    },
    /// Chỉ kiểm tra dữ liệu, không ghi gì (check)
    Check {
        /// Thư mục gốc của trang (site root)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Cảnh báo: none (không hiện), summary (chỉ đếm theo tệp), grouped (gộp cảnh báo giống nhau), all (hiện hết)
        #[arg(long, value_enum, default_value = "grouped", value_name = "CÁCH", hide_possible_values = true)]
        warnings: Warnings,
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
        /// Ghi lại các tệp <root>/.schema/*.json mà các tệp YAML trỏ tới (sau khi nâng cấp congkhai)
        #[arg(long)]
        write: bool,
        /// Thư mục gốc của trang, dùng với --write (site root)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
    /// Tạo tệp mới có sẵn ghi chú: trang mới, thủ tục, đơn vị (new)
    #[command(subcommand)]
    New(NewCommand),
    /// Nhập danh sách thủ tục từ bảng tính .xlsx hoặc .csv (import)
    #[command(subcommand)]
    Import(ImportCommand),
}

/// `--warnings`: how much of the warnings to show.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Warnings {
    None,
    Summary,
    Grouped,
    All,
}

impl From<Warnings> for WarningMode {
    fn from(w: Warnings) -> Self {
        match w {
            Warnings::None => WarningMode::None,
            Warnings::Summary => WarningMode::Summary,
            Warnings::Grouped => WarningMode::Grouped,
            Warnings::All => WarningMode::All,
        }
    }
}

#[derive(Subcommand)]
enum NewCommand {
    /// Tạo một trang mới trong thư mục DIR, tạo được ngay không cần sửa
    Site {
        /// Thư mục của trang mới
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Thêm một tệp thủ tục vào procedures/<lĩnh-vực>/
    Procedure {
        /// Mã đơn vị thực hiện (id trong content/units.yaml)
        #[arg(long, value_name = "ID")]
        unit: String,
        /// Tên thủ tục
        #[arg(long, value_name = "TÊN")]
        name: String,
        /// Lĩnh vực, ví dụ "Hộ tịch"
        #[arg(long, value_name = "LĨNH VỰC")]
        field: Option<String>,
        /// Mã thủ tục quốc gia; bỏ trống thì đặt mã tạm 0.000001 để sửa sau
        #[arg(long, value_name = "MÃ")]
        code: Option<String>,
        /// Thư mục gốc của trang (site root)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
    /// Thêm một đơn vị vào cuối content/units.yaml
    Unit {
        /// Mã đơn vị: chữ thường không dấu, nối bằng `-`, ví dụ so-tu-phap
        #[arg(long, value_name = "ID")]
        id: String,
        /// Tên đơn vị
        #[arg(long, value_name = "TÊN")]
        name: String,
        /// Loại: province | department | police | center | district | commune | other
        #[arg(long, value_name = "LOẠI")]
        kind: String,
        /// Mã đơn vị cấp trên
        #[arg(long, value_name = "ID")]
        parent: Option<String>,
        /// Thư mục gốc của trang (site root)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Danh mục thủ tục tỉnh công bố (.xlsx hoặc .csv): mỗi thủ tục thành một tệp procedures/<lĩnh-vực>/<tên>.yaml
    #[command(name = "thu-tuc")]
    ThuTuc {
        /// Tệp .xlsx hoặc .csv; cột tìm theo tiêu đề: STT, Mã TTHC, Tên thủ tục hành chính, Lĩnh vực, Thời hạn giải quyết, Địa điểm thực hiện, Phí, lệ phí, Căn cứ pháp lý, Cơ quan thực hiện
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Đơn vị thực hiện các thủ tục không phải cấp xã (id trong content/units.yaml); thủ tục cấp xã giao cho mọi xã, phường
        #[arg(long, value_name = "ID")]
        unit: Option<String>,
        /// Thư mục gốc của trang (site root)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Ghi đè tệp đã có
        #[arg(long)]
        force: bool,
    },
    /// Bản ghi thủ tục của Cổng Dịch vụ công quốc gia (JSON: một tệp, một thư mục, hoặc JSON Lines) thành tệp procedures/<lĩnh-vực>/<tên>.yaml
    Dvc {
        /// Tệp .json, .jsonl hoặc thư mục chứa chúng
        #[arg(value_name = "ĐƯỜNG-DẪN", required = true)]
        paths: Vec<PathBuf>,
        /// Thư mục gốc của trang (site root)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    let command = vietnamese_help(Cli::command(), true);
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match cli.command {
        Command::Check { root, warnings } => match check(&root, warnings.into()) {
            Some(_) => {
                eprintln!("Dữ liệu hợp lệ.");
                ExitCode::SUCCESS
            }
            None => ExitCode::FAILURE,
        },
        Command::Build { root, out, warnings } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            if build(&root, &out, warnings.into()).is_some() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Command::Serve { root, port, out } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let result = congkhai::serve::serve(&root, &out, port, |address| {
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
        Command::Schema { name, write, root } => {
            if write {
                return finish(
                    &root,
                    congkhai::scaffold::write_schemas(&root).map(|files| {
                        for file in files {
                            eprintln!("Đã ghi {}", file.display());
                        }
                    }),
                );
            }
            schema(name.as_deref())
        }
        Command::New(what) => new(what),
        Command::Import(ImportCommand::ThuTuc { file, unit, root, force }) => {
            import(&root, &file, unit.as_deref(), force)
        }
        Command::Import(ImportCommand::Dvc { paths, root }) => import_dvc(&root, &paths),
    }
}

/// Vietnamese headings for every command's help, at every depth: its subcommands listed,
/// defaults written in Vietnamese.
fn vietnamese_help(command: clap::Command, top: bool) -> clap::Command {
    let mut command = command
        .subcommand_value_name("LỆNH")
        .subcommand_help_heading("Lệnh")
        .mut_args(|arg| {
            let defaults: Vec<String> =
                arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
            if defaults.is_empty() || arg.is_hide_default_value_set() {
                return arg;
            }
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            arg.hide_default_value(true).help(format!("{help} [mặc định: {}]", defaults.join(", ")))
        })
        .mut_subcommands(|sub| vietnamese_help(sub, false));
    if !top {
        let mut template = String::from("{about}\n\nCách dùng: {usage}\n\n");
        if command.has_subcommands() {
            template.push_str("Lệnh:\n{subcommands}\n\n");
        }
        if command.get_positionals().next().is_some() {
            template.push_str("Tham số:\n{positionals}\n\n");
        }
        template.push_str("Tùy chọn:\n{options}\n");
        command = command.help_template(template);
    }
    command
}

/// Loads and checks, printing every diagnostic; the site comes back when it may be built.
fn check(root: &Path, warnings: WarningMode) -> Option<(congkhai::Site, congkhai::Links)> {
    let (site, diagnostics) = congkhai::load_and_check(root, None);
    let summary = diagnostics.summary();
    let has_errors = diagnostics.has_errors();
    let is_empty = diagnostics.is_empty();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", congkhai::diagnostics::report(root, &diagnostics.sorted(), warnings, color));
    if !is_empty {
        eprintln!("{}: {summary}", if has_errors { "Không tạo được trang" } else { "Kết quả kiểm tra" });
    }
    site
}

/// Builds; on success returns the site's path prefix (from `base_url`) for the preview server.
fn build(root: &Path, out: &Path, warnings: WarningMode) -> Option<String> {
    let started = Instant::now();
    let Some((site, links)) = check(root, warnings) else {
        if out.exists() {
            eprintln!("Thư mục kết quả cũ {} được giữ nguyên.", out.display());
        }
        return None;
    };
    let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} Đang tạo trang… {pos} tệp ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    let result = congkhai::build_with_progress(&site, &links, out, &|written| bar.set_position(written));
    bar.finish_and_clear();
    match result {
        Ok(report) => {
            let seconds = started.elapsed().as_secs_f64();
            let seconds = format!("{seconds:.2}").replace('.', ",");
            let written = match report.written {
                0 => "không có tệp nào thay đổi".to_string(),
                n => format!("ghi {} tệp mới hoặc đã đổi", format::number(n)),
            };
            eprintln!(
                "Đã tạo {} trang trong {seconds} s ({} thủ tục, {} đơn vị; {written}) → {}",
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
    eprint!("{}", congkhai::diagnostics::render_list(root, &diagnostics, color));
}

/// Prints the problem of a command that stops at the first one; the exit code.
fn finish(root: &Path, result: Result<(), Diagnostic>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            print_diagnostics(root, vec![problem]);
            ExitCode::FAILURE
        }
    }
}

fn new(what: NewCommand) -> ExitCode {
    use congkhai::scaffold;
    match what {
        NewCommand::Site { dir } => finish(
            &dir,
            scaffold::new_site(&dir).map(|_| {
                eprintln!("Đã tạo trang mới trong {}.", dir.display());
                eprintln!("Tiếp theo: sửa content/site.yaml và content/units.yaml, rồi chạy");
                eprintln!("  congkhai serve --root {}", dir.display());
            }),
        ),
        NewCommand::Procedure { unit, name, field, code, root } => {
            let request =
                scaffold::NewProcedure { unit: &unit, name: &name, field: field.as_deref(), code: code.as_deref() };
            finish(
                &root,
                scaffold::new_procedure(&root, &request).map(|(path, code)| {
                    eprintln!("Đã tạo {}", path.display());
                    if code.starts_with("0.") {
                        eprintln!("Mã tạm `{code}`: hãy thay bằng mã thủ tục quốc gia và sửa các dòng có \"SỬA\".");
                    }
                }),
            )
        }
        NewCommand::Unit { id, name, kind, parent, root } => {
            let Ok(kind_value) = serde_json::from_value(serde_json::Value::String(kind.clone())) else {
                eprintln!(
                    "lỗi: loại đơn vị `{kind}` không có\n  = gợi ý: chọn một trong: province, department, police, center, district, commune, other"
                );
                return ExitCode::FAILURE;
            };
            let request = scaffold::NewUnit { id: &id, name: &name, kind: kind_value, parent: parent.as_deref() };
            finish(
                &root,
                scaffold::new_unit(&root, &request)
                    .map(|path| eprintln!("Đã thêm đơn vị `{id}` vào {}", path.display())),
            )
        }
    }
}

fn import(root: &Path, file: &Path, unit: Option<&str>, force: bool) -> ExitCode {
    let imported = match congkhai::import::import_procedures_for(root, file, unit, force) {
        Ok(imported) => imported,
        Err(problem) => return finish(root, Err(problem)),
    };
    let shown = |path: &Path| path.strip_prefix(root).unwrap_or(path).display().to_string();
    // One line per file for a short list; a long one is counted, so errors stay on screen.
    const LISTED: usize = 30;
    for (row, path) in imported.written.iter().take(LISTED) {
        eprintln!("dòng {row}: đã ghi {}", shown(path));
    }
    if imported.written.len() > LISTED {
        eprintln!("… và {} tệp khác trong procedures/", imported.written.len() - LISTED);
    }
    for (row, path) in imported.skipped.iter().take(LISTED) {
        eprintln!("dòng {row}: bỏ qua, tệp {} đã có (dùng --force để ghi đè)", shown(path));
    }
    if imported.skipped.len() > LISTED {
        eprintln!("… và bỏ qua {} tệp đã có khác (dùng --force để ghi đè)", imported.skipped.len() - LISTED);
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", congkhai::diagnostics::report(Path::new("."), &imported.problems, WarningMode::Grouped, color));
    if !imported.not_carried.is_empty() {
        eprintln!("Chưa mang sang được:");
        for (what, count) in &imported.not_carried {
            eprintln!("  {count} × {what}");
        }
    }
    eprintln!(
        "Đã nhập {} thủ tục, bỏ qua {} tệp đã có, {} dòng không đọc được.",
        imported.written.len(),
        imported.skipped.len(),
        imported.problems.len()
    );
    if !imported.written.is_empty() {
        eprintln!("Tiếp theo: bổ sung các dòng có \"SỬA\" rồi chạy `congkhai check`.");
    }
    if imported.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn import_dvc(root: &Path, paths: &[PathBuf]) -> ExitCode {
    let report = match congkhai::dvc::import_dvc(root, paths) {
        Ok(report) => report,
        Err(problem) => return finish(root, Err(problem)),
    };
    let shown = |path: &Path| path.strip_prefix(root).unwrap_or(path).display().to_string();
    for (code, path, changes) in &report.written {
        if changes.is_empty() {
            eprintln!("{code}: đã ghi {}", shown(path));
        } else {
            eprintln!("{code}: đã cập nhật {} (thay đổi: {})", shown(path), changes.join(", "));
        }
    }
    for (id, name) in &report.units_created {
        eprintln!("đã thêm đơn vị `{id}` ({name}) vào content/units.yaml: kiểm tra loại, địa chỉ, đường dây nóng");
    }
    print_diagnostics(Path::new("."), report.problems.clone());
    eprintln!(
        "Đã đọc {} bản ghi: ghi {} tệp, {} tệp không đổi, {} bản ghi không nhập được, thêm {} đơn vị.",
        report.records,
        report.written.len(),
        report.unchanged.len(),
        report.problems.len(),
        report.units_created.len()
    );
    if !report.losses.is_empty() {
        eprintln!("Thông tin không mang sang được (số lần):");
        for (kind, n) in &report.losses {
            eprintln!("  {n:>5}  {kind}");
        }
    }
    if report.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
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
