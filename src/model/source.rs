//! The source files exactly as staff write them (FORMAT.md), with Vietnamese descriptions for
//! the JSON Schema. Loading turns these into the model types; nothing else reads them.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::yaml::Located;

/// Cài đặt chung của trang (content/site.yaml).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "content/site.yaml")]
pub struct SiteSource {
    /// Tên trang, hiện trên mọi trang. Bắt buộc.
    pub title: String,
    /// Địa chỉ gốc của trang, ví dụ "https://congkhai.example.gov.vn"; dùng cho mã QR, sơ đồ trang, nguồn tin. Bắt buộc.
    #[schemars(with = "String")]
    pub base_url: Located<String>,
    /// Cơ quan chủ quản, ví dụ "UBND tỉnh Lâm Đồng".
    #[serde(default)]
    pub organization: Option<String>,
    /// Đường dây nóng chung, dùng khi thủ tục và đơn vị không có số riêng.
    #[serde(default)]
    pub hotline: Option<String>,
    /// Nơi tiếp nhận phản ánh, kiến nghị (địa chỉ, email).
    #[serde(default)]
    pub feedback: Option<String>,
    /// Thông tin tính đến ngày (YYYY-MM-DD).
    #[serde(default)]
    #[schemars(with = "Option<String>", regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub as_of: Option<Located<String>>,
    /// Danh sách lĩnh vực cố định; nếu có, lĩnh vực của mỗi thủ tục phải nằm trong danh sách này.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub fields: Option<Vec<Located<String>>>,
    /// Ngưỡng cảnh báo tỷ lệ trễ hạn (phần trăm số hồ sơ đã giải quyết).
    #[serde(default)]
    pub thresholds: Option<Thresholds>,
    /// Chỉ tiêu (phần trăm), hiện bên cạnh số liệu thực tế.
    #[serde(default)]
    pub targets: Option<Targets>,
    /// Địa chỉ tra cứu hồ sơ, có `{ma}` ở vị trí mã hồ sơ, ví dụ "https://motcua.example.gov.vn/tra-cuu?ma={ma}".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub lookup_url: Option<Located<String>>,
    /// Tên giao diện trong thư mục themes/; mặc định "default" (giao diện có sẵn).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub theme: Option<Located<String>>,
}

/// Ngưỡng tỷ lệ trễ hạn, phần trăm.
#[derive(Debug, Clone, Deserialize, JsonSchema, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Tỷ lệ trễ hạn từ mức này trở lên thì bị nhắc nhở (ví dụ 5).
    pub warn_late_rate: Option<f64>,
    /// Tỷ lệ trễ hạn từ mức này trở lên thì bị phê bình nghiêm khắc (ví dụ 10).
    pub serious_late_rate: Option<f64>,
}

/// Chỉ tiêu phần trăm.
#[derive(Debug, Clone, Deserialize, JsonSchema, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// Chỉ tiêu tỷ lệ giải quyết đúng hạn (%).
    pub on_time_rate: Option<f64>,
    /// Chỉ tiêu tỷ lệ hồ sơ trực tuyến (%).
    pub online_share: Option<f64>,
    /// Chỉ tiêu tỷ lệ thanh toán trực tuyến (%).
    pub online_payment_share: Option<f64>,
    /// Chỉ tiêu mức độ hài lòng (%).
    pub satisfaction: Option<f64>,
}

/// Một cơ quan, đơn vị (một mục trong content/units.yaml).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitSource {
    /// Mã đơn vị: chữ thường không dấu, số và dấu gạch ngang, ví dụ "so-xay-dung". Duy nhất. Bắt buộc.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Located<String>,
    /// Tên đơn vị, ví dụ "Sở Xây dựng". Bắt buộc.
    pub name: String,
    /// Loại đơn vị.
    pub kind: UnitKind,
    /// Mã của đơn vị cấp trên (một `id` khác trong tệp này).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub parent: Option<Located<String>>,
    /// Địa chỉ trụ sở / bộ phận một cửa.
    #[serde(default)]
    pub address: Option<String>,
    /// Đường dây nóng của đơn vị.
    #[serde(default)]
    pub hotline: Option<String>,
    /// Thư điện tử.
    #[serde(default)]
    pub email: Option<String>,
    /// Giờ làm việc, ví dụ "Thứ Hai – Thứ Sáu: 7h00–11h30, 13h30–17h00".
    #[serde(default)]
    pub hours: Option<String>,
    /// Nơi tiếp nhận phản ánh, kiến nghị của đơn vị (thay cho cài đặt chung).
    #[serde(default)]
    pub feedback: Option<String>,
    /// Địa chỉ tra cứu hồ sơ riêng của đơn vị, có `{ma}`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub lookup_url: Option<Located<String>>,
    /// Cán bộ tiếp nhận hồ sơ, niêm yết công khai tại bộ phận một cửa.
    #[serde(default)]
    pub reception: Vec<Officer>,
}

/// Loại đơn vị.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// UBND tỉnh
    Province,
    /// Sở, ban, ngành
    Department,
    /// Công an
    Police,
    /// Trung tâm phục vụ hành chính công
    Center,
    /// Huyện (dữ liệu lịch sử, đến 30/6/2025)
    District,
    /// Xã, phường, đặc khu
    Commune,
    /// Khác
    Other,
}

/// Một cán bộ tiếp nhận.
#[derive(Debug, Clone, Deserialize, JsonSchema, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Officer {
    /// Họ và tên.
    pub name: String,
    /// Chức danh, ví dụ "Chuyên viên, Bộ phận Một cửa".
    #[serde(default)]
    pub title: Option<String>,
}

/// Một thủ tục hành chính (một tệp trong procedures/).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "procedures/**/*.yaml")]
pub struct ProcedureSource {
    /// Mã thủ tục quốc gia, VIẾT TRONG NGOẶC KÉP, ví dụ "1.002804". Duy nhất. Bắt buộc.
    #[schemars(with = "String", regex(pattern = r"^[0-9]+(\.[0-9]+)*(\.[A-Za-z0-9]+)*$"))]
    pub code: Located<String>,
    /// Tên thủ tục. Bắt buộc.
    pub name: String,
    /// Địa chỉ ngắn riêng (không dấu, gạch ngang), thay cho địa chỉ tạo từ tên.
    #[serde(default)]
    #[schemars(with = "Option<String>", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub slug: Option<Located<String>>,
    /// Từ khóa khác người dân hay dùng để tìm, ví dụ ["đổi bằng lái", "GPLX"].
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Lĩnh vực, ví dụ "Hộ tịch". Bắt buộc.
    #[schemars(with = "String")]
    pub field: Located<String>,
    /// Cấp thực hiện: một cấp, ví dụ province, hoặc danh sách, ví dụ [province, commune].
    #[schemars(with = "OneOrManySchema<Level>")]
    pub level: OneOrMany<Level>,
    /// Mã đơn vị tiếp nhận và giải quyết (một `id` trong units.yaml). Dùng `unit` hoặc `units`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub unit: Option<Located<String>>,
    /// Nhiều đơn vị: danh sách mã, ví dụ [so-xay-dung, cong-an-tinh], hoặc mọi đơn vị một loại: { kind: commune }.
    #[serde(default)]
    #[schemars(with = "Option<UnitsSchema>")]
    pub units: Option<Located<UnitsSource>>,
    /// Nơi nộp hồ sơ; mặc định là địa chỉ của đơn vị.
    #[serde(default)]
    pub submit_at: Option<String>,
    /// Địa chỉ thực hiện trực tuyến (Cổng Dịch vụ công).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub online_url: Option<Located<String>>,
    /// Đối tượng thực hiện.
    #[serde(default)]
    pub applicants: Option<String>,
    /// Cách thức thực hiện: in_person (trực tiếp), online (trực tuyến), postal (bưu chính công ích).
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Mức dịch vụ công trực tuyến: none (không), partial (một phần), full (toàn trình).
    #[serde(default)]
    pub online: Option<Online>,
    /// Thời hạn giải quyết. Bắt buộc.
    #[schemars(with = "TimeSource")]
    pub time: Located<TimeSource>,
    /// Phí, lệ phí. Không có khóa này nghĩa là chưa có thông tin (trang ghi "Chưa có thông tin về phí, lệ phí"); miễn phí viết `amount: 0`.
    #[serde(default)]
    pub fees: Vec<FeeSource>,
    /// Số lượng hồ sơ (bộ); mặc định 1.
    #[serde(default)]
    pub sets: Option<u32>,
    /// Thành phần hồ sơ: danh sách giấy tờ (khi có `cases`: giấy tờ chung cho mọi trường hợp), hoặc `none` khi không cần giấy tờ nào.
    #[serde(default)]
    #[schemars(with = "Option<PapersSchema>")]
    pub papers: Option<PapersSource>,
    /// Các trường hợp, khi giấy tờ, thời hạn hoặc phí tùy hoàn cảnh người nộp; tên mỗi trường hợp không trùng nhau.
    #[serde(default)]
    pub cases: Vec<CaseSource>,
    /// Trình tự thực hiện, mỗi bước một mục (Markdown).
    #[serde(default)]
    pub steps: Vec<String>,
    /// Yêu cầu, điều kiện (Markdown).
    #[serde(default)]
    pub requirements: Option<String>,
    /// Kết quả thực hiện: một chuỗi hoặc danh sách, ví dụ ["Giấy phép xây dựng", "Bản vẽ có đóng dấu"].
    #[serde(default)]
    #[schemars(with = "Option<OneOrManySchema<String>>")]
    pub result: Option<OneOrMany<String>>,
    /// Căn cứ pháp lý.
    #[serde(default)]
    pub legal_basis: Vec<String>,
    /// Đường dây nóng riêng; nếu không có, dùng số của đơn vị, rồi của trang.
    #[serde(default)]
    pub hotline: Option<String>,
    /// Ngày cập nhật gần nhất (YYYY-MM-DD). Bắt buộc.
    #[schemars(with = "String", regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub updated: Located<String>,
    /// Phi địa giới hành chính: nộp được tại bất kỳ nơi tiếp nhận nào cùng cấp (true/false).
    #[serde(default)]
    pub anywhere: Option<bool>,
    /// Cách nhận kết quả: in_person (tại nơi nộp), postal (qua bưu chính), online (trực tuyến).
    #[serde(default)]
    pub result_delivery: Vec<Channel>,
    /// Cơ quan phối hợp: mã đơn vị trong units.yaml hoặc tên cơ quan, ví dụ ["Sở Tài chính", so-xay-dung].
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub coordinating: Vec<Located<String>>,
    /// Quyết định công bố thủ tục: { decision: "2298/QĐ-UBND", date: 2026-04-25, by: "UBND tỉnh …" }.
    #[serde(default)]
    pub published: Option<PublishedSource>,
}

/// Quyết định công bố thủ tục.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedSource {
    /// Số quyết định, ví dụ "2298/QĐ-UBND". Bắt buộc.
    pub decision: String,
    /// Ngày ký quyết định (YYYY-MM-DD).
    #[serde(default)]
    #[schemars(with = "Option<String>", regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: Option<Located<String>>,
    /// Cơ quan ban hành, ví dụ "UBND tỉnh Lâm Đồng".
    #[serde(default)]
    pub by: Option<String>,
}

/// Một trường hợp: giấy tờ riêng, và nếu khác, thời hạn và phí riêng.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseSource {
    /// Tên trường hợp, ví dụ "Đối với nhà ở riêng lẻ tại đô thị". Bắt buộc, không trùng trong một thủ tục.
    #[schemars(with = "String")]
    pub name: Located<String>,
    /// Thời hạn riêng của trường hợp này (thay cho thời hạn chung).
    #[serde(default)]
    #[schemars(with = "Option<TimeSource>")]
    pub time: Option<Located<TimeSource>>,
    /// Phí, lệ phí riêng của trường hợp này (thay cho phí chung).
    #[serde(default)]
    pub fees: Option<Vec<FeeSource>>,
    /// Giấy tờ riêng của trường hợp này, hiện sau giấy tờ chung.
    #[serde(default)]
    pub papers: Vec<PaperSource>,
}

/// One value or a list of values, as written.
#[derive(Debug, Clone)]
pub struct OneOrMany<T>(pub Vec<T>);

/// Only describes a one-or-many key for the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum OneOrManySchema<T> {
    One(T),
    Many(Vec<T>),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::IntoDeserializer;
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("one value or a list of values")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(OneOrMany(items))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map(|t| OneOrMany(vec![t]))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map(|t| OneOrMany(vec![t]))
            }
        }
        deserializer.deserialize_any(Visitor(std::marker::PhantomData))
    }
}

/// `papers:` as written: a list, or `none` when no paper is needed.
#[derive(Debug)]
pub enum PapersSource {
    List(Vec<PaperSource>),
    None,
}

/// Only describes `papers:` for the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum PapersSchema {
    /// Danh sách giấy tờ.
    List(Vec<PaperSource>),
    /// `none`: không cần giấy tờ nào.
    None(NoneWord),
}

/// Chữ `none`: thủ tục không yêu cầu giấy tờ nào.
#[derive(JsonSchema)]
#[allow(dead_code)]
pub enum NoneWord {
    #[serde(rename = "none")]
    None,
}

impl<'de> Deserialize<'de> for PapersSource {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = PapersSource;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of papers or `none`")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(PapersSource::List(items))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v.trim() == "none" {
                    Ok(PapersSource::None)
                } else {
                    Err(E::custom(format!(
                        "`papers: {v}`: papers là danh sách giấy tờ (mỗi mục `- name: …`), hoặc `papers: none` khi không cần giấy tờ nào"
                    )))
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `units:` as written: a list of ids or `{ kind: …, parent: … }`.
#[derive(Debug)]
pub enum UnitsSource {
    List(Vec<Located<String>>),
    Kind(KindSelector),
}

/// Mọi đơn vị của một loại.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindSelector {
    /// Loại đơn vị, ví dụ commune.
    pub kind: UnitKind,
    /// Chỉ các đơn vị có đơn vị cấp trên này.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub parent: Option<Located<String>>,
}

/// Only describes `units:` for the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum UnitsSchema {
    /// Danh sách mã đơn vị.
    List(Vec<String>),
    /// Mọi đơn vị một loại.
    Kind(KindSelector),
}

impl<'de> Deserialize<'de> for UnitsSource {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UnitsVisitor;
        impl<'de> serde::de::Visitor<'de> for UnitsVisitor {
            type Value = UnitsSource;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of unit ids or a map with `kind`")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element()? {
                    ids.push(id);
                }
                Ok(UnitsSource::List(ids))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                KindSelector::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(UnitsSource::Kind)
            }
        }
        deserializer.deserialize_any(UnitsVisitor)
    }
}

/// Cấp thực hiện.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Trung ương
    Central,
    /// Tỉnh
    Province,
    /// Huyện (trước 1/7/2025)
    District,
    /// Xã
    Commune,
}

/// Cách thức nộp hồ sơ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Trực tiếp
    InPerson,
    /// Trực tuyến
    Online,
    /// Bưu chính công ích
    Postal,
}

/// Mức dịch vụ công trực tuyến.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, serde::Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Online {
    /// Không có dịch vụ trực tuyến
    #[default]
    None,
    /// Một phần
    Partial,
    /// Toàn trình
    Full,
}

/// Thời hạn giải quyết: `statutory` (một khoảng thời gian) hoặc `text` (khi thời hạn không phải một khoảng thời gian).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeSource {
    /// Thời hạn theo quy định: "N ngày làm việc", "N ngày", "N giờ", "N tháng" (số có thể lẻ: "7,5 ngày làm việc") hoặc "trong ngày".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub statutory: Option<Located<String>>,
    /// Thời hạn ghi bằng lời, thay cho `statutory`, khi không phải một khoảng thời gian, ví dụ "Ngay sau khi nhận đủ hồ sơ".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub text: Option<Located<String>>,
    /// Thời hạn khác khi nộp trực tuyến, ví dụ "10 ngày".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub online: Option<Located<String>>,
    /// Thời hạn đơn vị cam kết (đã cắt giảm), cùng cách viết; không dài hơn thời hạn quy định.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub cut: Option<Located<String>>,
    /// Ghi chú điều kiện, ví dụ "Hồ sơ nhận sau 15 giờ trả vào ngày làm việc tiếp theo".
    #[serde(default)]
    pub note: Option<String>,
}

/// Một khoản phí, lệ phí.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeSource {
    /// Tên khoản phí.
    pub name: String,
    /// Loại: "phí", "lệ phí" hoặc "giá".
    #[serde(default)]
    pub kind: Option<FeeKind>,
    /// Số tiền, số nguyên không dấu chấm (135000), theo `currency` (mặc định đồng). 0 là miễn phí. Có thể bỏ trống khi `note` mô tả mức thu.
    #[serde(default)]
    pub amount: Option<u64>,
    /// Đơn vị tiền: VND (mặc định) hoặc USD.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// Chỉ áp dụng cho một cách nộp: in_person, online hoặc postal.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// Ghi chú, ví dụ "Nộp trực tuyến: 115.000 đồng".
    #[serde(default)]
    pub note: Option<String>,
}

/// Loại khoản thu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
pub enum FeeKind {
    /// Phí
    #[serde(rename = "phí")]
    Phi,
    /// Lệ phí
    #[serde(rename = "lệ phí")]
    LePhi,
    /// Giá (giá dịch vụ)
    #[serde(rename = "giá")]
    Gia,
}

/// Đơn vị tiền.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, serde::Serialize, Default)]
pub enum Currency {
    /// Đồng Việt Nam
    #[default]
    #[serde(rename = "VND")]
    Vnd,
    /// Đô la Mỹ
    #[serde(rename = "USD")]
    Usd,
}

/// Một thành phần hồ sơ.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperSource {
    /// Tên giấy tờ.
    pub name: String,
    /// Số bản chính. `originals: 0` cùng `copies: 0`: dòng ghi chú giữa các giấy tờ, không phải giấy tờ phải mang.
    #[serde(default)]
    pub originals: Option<u32>,
    /// Số bản sao.
    #[serde(default)]
    pub copies: Option<u32>,
    /// Ghi chú.
    #[serde(default)]
    pub note: Option<String>,
    /// Mẫu đơn, tờ khai: đường dẫn một tệp trong content/files/, ví dụ "mau/don-doi-gplx.pdf", hoặc địa chỉ https://.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub form: Option<Located<String>>,
    /// true: giấy tờ xuất trình khi nộp (cho cán bộ xem), không nộp lại.
    #[serde(default)]
    pub present: Option<bool>,
    /// Các phần của giấy tờ này, ví dụ các bản vẽ trong một bộ hồ sơ thiết kế.
    #[serde(default)]
    pub parts: Vec<String>,
}

/// Đầu trang của một trang Markdown (content/*.md).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageSource {
    /// Tiêu đề trang. Bắt buộc.
    pub title: String,
    /// Mô tả ngắn (thẻ description).
    #[serde(default)]
    pub description: Option<String>,
    /// Hiện liên kết trong trình đơn chính.
    #[serde(default)]
    pub menu: Option<bool>,
    /// Thứ tự trong trình đơn (nhỏ trước).
    #[serde(default)]
    pub weight: Option<i32>,
}
