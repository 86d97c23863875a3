//! The procedure page as a citizen reads it, on the built example site (the repository itself):
//! the fee or where it is set, a usable place to file, one labelled contact block, who needs the
//! procedure and when not, papers one line each. Assertions are on the page's text, in order.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn build(root: &Path) -> PathBuf {
    let dir = tempfile::tempdir().expect("temp dir").keep();
    let out = dir.join("public");
    let result = Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .args(["build", "--root", root.to_str().expect("utf-8 path"), "--out", out.to_str().expect("utf-8 path")])
        .env("NO_COLOR", "1")
        .output()
        .expect("run congkhai");
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    out
}

/// The example site, built once for this file's tests.
fn site() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| build(Path::new(env!("CARGO_MANIFEST_DIR"))))
}

/// tests/sites/v3-real: five real records of the national portal (1.009122, 1.115403, 2.000527,
/// 1.115547, 1.010040) written in format v3 by hand, texts copied from the records.
fn real() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| build(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/v3-real")))
}

fn html(path: &str) -> String {
    read(site(), path)
}

fn read(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path).join("index.html")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The page of a procedure of the real-records fixture, by its code.
fn real_page(code: &str) -> String {
    let permalink = read(real(), &format!("tt/{code}"));
    let start = permalink.find("/thu-tuc/").expect("the permalink names the page");
    let slug: String = permalink[start + "/thu-tuc/".len()..].chars().take_while(|c| *c != '/').collect();
    read(real(), &format!("thu-tuc/{slug}"))
}

/// The text of some HTML: tags dropped (block tags count as a space), entities of the escaper
/// undone, spaces collapsed.
fn text(html: &str) -> String {
    const BLOCKS: [&str; 18] = [
        "p", "li", "div", "dt", "dd", "h1", "h2", "h3", "h4", "tr", "td", "th", "br", "section", "ul", "ol", "table",
        "caption",
    ];
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else { break };
        let name: String = rest[open + 1..open + close]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if BLOCKS.contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
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
    // The link goes to the list of communes on the page of what every commune does.
    assert!(facts.contains("/don-vi/moi-xa-phuong/#h-don-vi"), "{facts}");
    let group = html("don-vi/moi-xa-phuong");
    assert!(group.contains("id=h-don-vi") || group.contains("id=\"h-don-vi\""));
    assert!(text(section(&group, "h-don-vi")).contains("UBND phường Phan Thiết"));
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

#[test]
fn each_case_has_its_time_and_fee_in_the_key_facts_and_its_papers_under_its_heading() {
    let page = real_page("1.009122");
    let facts = text(section(&page, "h-tom-tat"));
    in_order(
        &facts,
        &[
            "10–15 ngày",
            "Đối với nhà ở riêng lẻ tại đô thị: 10 ngày",
            "Đối với công trình: 15 ngày",
            "Đối với trường hợp sửa chữa, cải tạo: 15 ngày",
            "Đối với nhà ở riêng lẻ tại đô thị:",
            "Phí cấp giấy phép xây dựng: 50.000 đ",
            "Đối với công trình:",
            "Phí cấp giấy phép xây dựng: 100.000 đ",
        ],
        "key facts",
    );
    assert!(page.contains("href=#truong-hop-1") || page.contains("href=\"#truong-hop-1\""));
    let papers = text(&page[page.find("id=\"h-ho-so\"").expect("papers")..]);
    in_order(
        &papers,
        &[
            "Giấy tờ chung cho mọi trường hợp",
            "1. Đơn đề nghị cấp giấy phép xây dựng có thời hạn theo mẫu;",
            "Trường hợp 1: Đối với nhà ở riêng lẻ tại đô thị",
            "Thời hạn: 10 ngày · Phí, lệ phí: 50.000 đ",
            "2. Bản sao được công chứng hoặc chứng thực",
            "1 bản sao",
            "3. Bản sao hoặc tệp tin chứa bản chụp chính hai bộ bản vẽ thiết kế, mỗi bộ gồm:",
            "- Bản vẽ mặt bằng công trình trên lô đất tỷ lệ 1/50 - 1/500",
            "2 bản chính, 2 bản sao",
            "Trường hợp 2: Đối với công trình",
            "- Bản vẽ mặt bằng vị trí công trình trên lô đất tỷ lệ 1/100 - 1/500",
            "Trường hợp 3: Đối với trường hợp sửa chữa, cải tạo",
            "3. Bản sao hoặc tệp tin chứa bản chụp chính bản vẽ hiện trạng",
        ],
        "papers by case",
    );
    // Each case is a section a link can open: #truong-hop-2.
    let case2 = section(&page, "truong-hop-2");
    assert!(text(case2).contains("Bản vẽ các mặt bằng, các mặt đứng"), "{case2}");
    assert!(!text(case2).contains("Bản vẽ hiện trạng"), "case 3's paper under case 2");
}

#[test]
fn several_times_by_case_and_a_note_line_among_papers() {
    let page = real_page("1.010040");
    let facts = text(section(&page, "h-tom-tat"));
    in_order(
        &facts,
        &[
            "5–30 ngày làm việc",
            "Công dân đã có thông tin trong Cơ sở dữ liệu quốc gia về dân cư: 5 ngày làm việc",
            "Công dân chưa có thông tin trong Cơ sở dữ liệu quốc gia về dân cư: 30 ngày làm việc",
            "Chưa có thông tin về phí, lệ phí",
        ],
        "times",
    );
    assert!(!facts.contains("Miễn phí"));
    let papers = text(section(&page, "h-ho-so"));
    // A 0/0 line is a note, not a paper to bring; "(nếu có)" is under "Có thể cần thêm".
    in_order(
        &papers,
        &["Tờ khai thay đổi thông tin cư trú", "Có thể cần thêm", "Giấy tờ, tài liệu khác (nếu có).", "* Lưu ý:"],
        "papers",
    );
    assert!(page.contains("class=paper-note-line") || page.contains("class=\"paper-note-line\""));
}

#[test]
fn usd_fees_read_in_usd_and_papers_to_show_stand_apart() {
    let residence = text(section(&real_page("1.115403"), "h-tom-tat"));
    in_order(&residence, &["2 tháng", "Lệ phí cấp thẻ thường trú: 100 USD"], "USD");
    assert!(!residence.contains("100 đ"), "{residence}");
    let death = real_page("2.000527");
    let facts = text(section(&death, "h-tom-tat"));
    assert!(facts.contains("Đăng ký khai tử: 5 USD"), "{facts}");
    let papers = text(section(&death, "h-ho-so"));
    in_order(
        &papers,
        &[
            "Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử",
            "Tờ khai đăng ký khai tử",
            "Mang theo để xuất trình (không nộp)",
            "- Giấy tờ chứng minh nơi cư trú cuối cùng của người chết",
            "- Hộ chiếu hoặc giấy tờ có giá trị thay thế hộ chiếu",
            "Có thể cần thêm",
            "Văn bản ủy quyền theo quy định của pháp luật trong trường hợp ủy quyền",
        ],
        "hand in, show, maybe",
    );
    assert!(text(&death).contains("Công bố tại Quyết định số 2401/QĐ-BNG ngày 03/07/2026 của Bộ Ngoại giao"));
}

#[test]
fn unknown_fee_and_papers_are_never_free_or_none() {
    let page = real_page("1.115547");
    let words = text(&page);
    assert!(words.contains("Chưa có thông tin về phí, lệ phí"), "{words}");
    assert!(words.contains("Chưa có thông tin về thành phần hồ sơ"), "{words}");
    assert!(!words.contains("Miễn phí") && !words.contains("Không yêu cầu giấy tờ"), "{words}");
    in_order(
        &words,
        &["Cấp tỉnh, Cấp xã", "Nộp ở bất kỳ nơi tiếp nhận nào cùng cấp", "Thành phần hồ sơ"],
        "levels, anywhere",
    );
    in_order(
        &words,
        &["Kết quả", "Giấy chứng nhận.", "Nhận kết quả: trực tiếp, bưu chính công ích, trực tuyến"],
        "result",
    );
}

#[test]
fn boards_lists_and_open_data_carry_each_case_not_only_the_first() {
    // Every commune does it: on the shared board, which each commune's board points to.
    let board = text(&read(real(), "don-vi/moi-xa-phuong/niem-yet"));
    in_order(
        &board,
        &[
            "Cấp giấy phép xây dựng có thời hạn",
            "10–15 ngày",
            "Đối với nhà ở riêng lẻ tại đô thị: 10 ngày",
            "Đối với công trình: 15 ngày",
            "50.000 – 100.000 đ",
            "Đối với nhà ở riêng lẻ tại đô thị: 50.000 đ",
            "Đối với công trình: 100.000 đ",
        ],
        "board",
    );
    let list = text(&read(real(), "don-vi/moi-xa-phuong"));
    assert!(list.contains("Tùy trường hợp: Đối với nhà ở riêng lẻ tại đô thị: 10 ngày, 50.000 đ"), "{list}");
    let data = std::fs::read_to_string(real().join("du-lieu/thu-tuc.json")).expect("thu-tuc.json");
    let procedures: serde_json::Value = serde_json::from_str(&data).expect("JSON");
    let permit = procedures.as_array().expect("a list").iter().find(|p| p["code"] == "1.009122").expect("1.009122");
    let cases = permit["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 3);
    assert_eq!(cases[0]["time"]["statutory"], "10 ngày");
    assert_eq!(cases[0]["fees"][0]["amount"], 50000);
    assert_eq!(cases[1]["time"]["statutory"], "15 ngày");
    assert_eq!(cases[1]["fees"][0]["amount"], 100000);
    let usd = procedures.as_array().expect("a list").iter().find(|p| p["code"] == "2.000527").expect("2.000527");
    assert_eq!((usd["fees"][0]["amount"].as_u64(), usd["fees"][0]["currency"].as_str()), (Some(5), Some("USD")));
    let csv = std::fs::read_to_string(real().join("du-lieu/thu-tuc.csv")).expect("thu-tuc.csv");
    assert!(csv.contains("Đối với nhà ở riêng lẻ tại đô thị: 10 ngày | Đối với công trình: 15 ngày"), "{csv}");
    // JSON-LD: every amount, each case's own.
    let page = real_page("1.009122");
    assert!(page.contains("\"price\":50000") && page.contains("\"price\":100000"), "offers");
}
