//! The procedure page as a citizen reads it, on the built example site (the repository itself):
//! the fee or where it is set, a usable place to file, one labelled contact block, who needs the
//! procedure and when not, papers one line each. Assertions are on the page's text, in order.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The example site, built once for this file's tests.
fn site() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir").keep();
        let out = dir.join("public");
        let root = env!("CARGO_MANIFEST_DIR");
        let result = Command::new(env!("CARGO_BIN_EXE_congkhai"))
            .args(["build", "--root", root, "--out", out.to_str().expect("utf-8 path")])
            .env("NO_COLOR", "1")
            .output()
            .expect("run congkhai");
        assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
        out
    })
}

fn html(path: &str) -> String {
    std::fs::read_to_string(site().join(path).join("index.html")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text of some HTML: tags dropped, entities of the escaper undone, spaces collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", "\"").replace("&#x2F;", "/");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of the page between the start of the element with `id` and the next `</section>`.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("id={id}")).or_else(|| html.find(&format!("id=\"{id}\""))).unwrap_or_else(|| {
        panic!("no element with id {id}");
    });
    let end = html[start..].find("</section>").map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// Asserts that `needles` occur in `haystack` in this order.
fn in_order(haystack: &str, needles: &[&str], what: &str) {
    let mut at = 0;
    for needle in needles {
        match haystack[at..].find(needle) {
            Some(i) => at += i + needle.len(),
            None => panic!("{what}: {needle:?} not found after position {at} in\n{haystack}"),
        }
    }
}

#[test]
fn a_fee_set_elsewhere_says_where_and_links_to_the_fee_section() {
    let page = html("thu-tuc/cap-giay-chung-nhan-lan-dau-ho-gia-dinh-ca-nhan");
    let facts = section(&page, "h-tom-tat");
    let words = text(facts);
    assert!(words.contains("Mức thu theo Nghị quyết của HĐND tỉnh Lâm Đồng"), "{words}");
    assert!(words.contains("Hỏi Bộ phận Một cửa nơi nộp hồ sơ để biết số tiền cụ thể"), "{words}");
    assert!(facts.contains("href=#h-phi") || facts.contains("href=\"#h-phi\""), "{facts}");
    assert!(page.contains("id=h-phi") || page.contains("id=\"h-phi\""));
    assert!(!page.contains("Xem chi tiết"), "an unlinked 'Xem chi tiết' is back");
}

#[test]
fn the_fee_and_its_cheaper_online_amount_stand_in_the_key_facts() {
    let facts = text(section(&html("thu-tuc/doi-giay-phep-lai-xe"), "h-tom-tat"));
    in_order(
        &facts,
        &["Phí, lệ phí", "Lệ phí cấp giấy phép lái xe: 135.000 đ", "Nộp hồ sơ trực tuyến: 115.000 đồng"],
        "fee",
    );
}

#[test]
fn where_to_file_links_the_service_centre_which_lists_what_it_receives() {
    let page = html("thu-tuc/doi-giay-phep-lai-xe");
    let facts = section(&page, "h-tom-tat");
    assert!(facts.contains("/don-vi/trung-tam-phvhcc/"), "{facts}");
    assert!(facts.contains("https://www.openstreetmap.org/search?query="), "no map link: {facts}");
    in_order(
        &text(facts),
        &[
            "Nơi nộp hồ sơ",
            "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng",
            "Số 2 Trần Hưng Đạo",
            "xem bản đồ",
            "Thứ Hai – Thứ Sáu",
        ],
        "where to file",
    );
    let centre = html("don-vi/trung-tam-phvhcc");
    in_order(&text(section(&centre, "h-tiep-nhan")), &["Thủ tục nộp hồ sơ tại đây", "Đổi giấy phép lái xe"], "centre");
}

#[test]
fn a_commune_procedure_says_the_commune_where_you_live_and_links_the_list() {
    let facts = section(&html("thu-tuc/dang-ky-khai-sinh"), "h-tom-tat").to_string();
    assert!(text(&facts).contains("UBND xã, phường nơi bạn cư trú"), "{facts}");
    assert!(facts.contains("/don-vi/#nhom-commune"), "{facts}");
    let units = html("don-vi");
    assert!(units.contains("id=nhom-commune") || units.contains("id=\"nhom-commune\""));
}

#[test]
fn one_contact_block_labels_every_number() {
    let facts = text(section(&html("thu-tuc/doi-giay-phep-lai-xe"), "h-tom-tat"));
    in_order(
        &facts,
        &[
            "Liên hệ",
            "Hỏi về thủ tục này: 0263 382 0698",
            "Công an tỉnh Lâm Đồng: 0263 382 2690",
            "Phản ánh, kiến nghị: 0263 382 2000",
            "Phòng Kiểm soát thủ tục hành chính",
        ],
        "contact",
    );
}

#[test]
fn papers_read_one_line_each_with_conditional_ones_apart_and_forms_with_type_and_size() {
    let page = html("thu-tuc/dang-ky-khai-sinh");
    let papers = text(section(&page, "h-ho-so"));
    assert!(!papers.contains("Bản chính:") && !papers.contains("Bản sao:"), "{papers}");
    in_order(
        &papers,
        &["Tờ khai đăng ký khai sinh theo mẫu", "1 bản chính", "Có thể cần thêm", "Văn bản ủy quyền", "1 bản chính"],
        "papers",
    );
    // The power of attorney is not among the papers everyone brings.
    let (everyone, _) = papers.split_once("Có thể cần thêm").expect("a 'Có thể cần thêm' part");
    assert!(!everyone.contains("Văn bản ủy quyền"), "{everyone}");
    let size = std::fs::metadata(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/files/mau/to-khai-dang-ky-khai-sinh.txt"),
    )
    .expect("the example form")
    .len();
    assert!(
        papers.contains(&format!("Tải mẫu Tờ khai đăng ký khai sinh theo mẫu (văn bản, {} KB)", size.div_ceil(1024))),
        "{papers}"
    );
}

#[test]
fn who_needs_it_and_when_not_comes_right_after_the_key_facts() {
    let page = html("thu-tuc/cap-giay-phep-xay-dung-moi-cap-iii-iv-nha-o-rieng-le");
    let words = text(&page);
    in_order(
        &words,
        &[
            "Thông tin chính",
            "Ai cần làm, khi nào không cần",
            "Ai cần làm: Hộ gia đình, cá nhân",
            "Khi nào không cần: Nhà ở riêng lẻ ở nông thôn",
            "Thành phần hồ sơ",
        ],
        "who",
    );
}

#[test]
fn look_alike_procedures_are_cross_linked() {
    let page = html("thu-tuc/doi-giay-phep-lai-xe");
    let who = section(&page, "h-ai-can");
    assert!(text(who).contains("Thủ tục liên quan: "), "{who}");
    assert!(who.contains("/thu-tuc/cap-lai-giay-phep-lai-xe/"), "{who}");
    let back = html("thu-tuc/cap-lai-giay-phep-lai-xe");
    assert!(section(&back, "h-ai-can").contains("/thu-tuc/doi-giay-phep-lai-xe/"));
}
