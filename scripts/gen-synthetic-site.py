#!/usr/bin/env python3
"""Write a synthetic congkhai site root (see /work/shared/FORMAT.md) for scale tests.

    python3 scripts/gen-synthetic-site.py --procedures N --units U [--months M] [--seed S] OUTDIR

Writes content/site.yaml, content/units.yaml, a free page, a few form files under
content/files/, procedures/<field-slug>/<slug>.yaml and, with --months M > 0,
content/results/ket-qua-<year>.csv with M monthly periods ending 2026-06.

Standard library only. The same arguments always give byte-identical files: every
random choice comes from one seeded generator, consumed in a fixed order.

All YAML strings are written as JSON double-quoted strings (JSON is valid YAML), so
no name, note or Markdown step can be misread as a number, date, boolean or key.
Dates (`updated`, `as_of`) stay plain `YYYY-MM-DD` and amounts plain integers, as
staff write them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field as dc_field

PROVINCE = "tỉnh Mẫu"
AREA_CODE = "0212"
AS_OF = dt.date(2026, 6, 30)
UPDATED_FROM = dt.date(2025, 1, 1)
LAST_PERIOD = (2026, 6)


# ---------------------------------------------------------------------------
# Helpers


def q(text: str) -> str:
    """A YAML-safe scalar: a JSON double-quoted string."""
    return json.dumps(text, ensure_ascii=False)


def slugify(text: str) -> str:
    """FORMAT.md slug: ASCII of the name, đ→d, no diacritics, lowercase, `-` between words."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    out, dash = [], False
    for c in ascii_only.lower():
        if c.isascii() and c.isalnum():
            if dash and out:
                out.append("-")
            out.append(c)
            dash = False
        else:
            dash = True
    return "".join(out)


def weighted(rng: random.Random, pairs):
    """Pick from [(item, weight), ...]."""
    total = sum(w for _, w in pairs)
    r = rng.random() * total
    for item, w in pairs:
        r -= w
        if r < 0:
            return item
    return pairs[-1][0]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------
# Units

DEPARTMENTS = [  # (id, name); order = priority when U is small
    ("so-tu-phap", "Sở Tư pháp"),
    ("so-xay-dung", "Sở Xây dựng"),
    ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường"),
    ("so-y-te", "Sở Y tế"),
    ("so-tai-chinh", "Sở Tài chính"),
    ("so-noi-vu", "Sở Nội vụ"),
    ("so-giao-duc-dao-tao", "Sở Giáo dục và Đào tạo"),
    ("so-cong-thuong", "Sở Công Thương"),
    ("so-van-hoa-the-thao-du-lich", "Sở Văn hóa, Thể thao và Du lịch"),
    ("so-khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ"),
    ("so-dan-toc-ton-giao", "Sở Dân tộc và Tôn giáo"),
    ("so-ngoai-vu", "Sở Ngoại vụ"),
]

NAME_PARTS = [
    "Tân", "Hòa", "Phú", "An", "Bình", "Thạnh", "Long", "Mỹ", "Hưng", "Đông", "Tây",
    "Nam", "Bắc", "Xuân", "Thuận", "Phước", "Lộc", "Hiệp", "Vĩnh", "Quang", "Thanh",
    "Hà", "Sơn", "Lâm", "Trung", "Nghĩa", "Đức", "Minh", "Hải", "Thủy", "Yên", "Tiến",
    "Thắng", "Lợi", "Phong", "Cường", "Khánh", "Định", "Quý", "Châu", "Mường", "Chiềng",
    "Na", "Bản", "Pắc", "Tà", "Sùng", "Mai", "Hồng", "Kim", "Ngọc", "Lạc", "Tường",
    "Thịnh", "Vân", "Liên", "Tú", "Gia", "Cẩm", "Quỳnh",
]

STREETS = [
    "Tô Hiệu", "Trần Hưng Đạo", "Lê Lợi", "Nguyễn Trãi", "Hoàng Văn Thụ", "Chu Văn An",
    "Lê Duẩn", "Trường Chinh", "Điện Biên", "Lò Văn Giá", "Quyết Thắng", "Nguyễn Lương Bằng",
    "Hai Bà Trưng", "Lý Thường Kiệt", "Phan Đình Giót", "Võ Nguyên Giáp", "Nguyễn Du",
]

VILLAGES = [
    "Thôn {n}", "Bản {p}", "Thôn {p}", "Tổ dân phố {n}", "Khu phố {n}", "Ấp {p}",
]

SURNAMES = [
    ("Nguyễn", 30), ("Trần", 10), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Vũ", 4),
    ("Đặng", 3), ("Bùi", 3), ("Đỗ", 3), ("Hồ", 2), ("Ngô", 2), ("Dương", 2), ("Lý", 1),
    ("Lò", 2), ("Quàng", 1), ("Cầm", 1), ("Sùng", 1), ("Giàng", 1), ("Hà", 2), ("Đinh", 2),
]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim"]
MIDDLE_M = ["Văn", "Văn", "Văn", "Đức", "Minh", "Hữu", "Quang", "Xuân", "Thanh"]
GIVEN_F = ["Hoa", "Lan", "Hương", "Mai", "Thảo", "Trang", "Hằng", "Linh", "Ngọc", "Yến",
           "Phương", "Nga", "Dung", "Huyền", "Thủy", "Vân", "Oanh", "Giang", "Chi", "Nhung"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Minh", "Long", "Nam", "Hải", "Thắng", "Cường", "Sơn",
           "Quân", "Phúc", "Toàn", "Khánh", "Trung", "Hưng", "Đạt", "Việt", "Bình", "Lực"]

RECEPTION_TITLES = {
    "province": ["Chuyên viên, Văn phòng UBND tỉnh", "Phó Chánh Văn phòng UBND tỉnh"],
    "department": ["Chuyên viên, Bộ phận Một cửa", "Phó Chánh Văn phòng Sở",
                   "Chuyên viên, Văn phòng Sở"],
    "police": ["Cán bộ tiếp nhận, Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
               "Cán bộ, Phòng Cảnh sát giao thông"],
    "center": ["Viên chức, quầy tiếp nhận hồ sơ", "Phó Giám đốc Trung tâm"],
    "commune": ["Công chức Văn phòng – Thống kê", "Công chức Tư pháp – Hộ tịch",
                "Công chức Địa chính – Xây dựng", "Công chức Văn hóa – Xã hội"],
}


@dataclass
class Unit:
    id: str
    name: str
    kind: str
    parent: str | None
    address: str
    hotline: str
    email: str
    hours: str
    reception: list = dc_field(default_factory=list)
    feedback: str | None = None


def person_name(rng: random.Random) -> str:
    female = rng.random() < 0.55
    sur = weighted(rng, SURNAMES)
    mid = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    return f"{sur} {mid} {given}"


def landline(rng: random.Random) -> str:
    return f"{AREA_CODE} 3{rng.randint(800, 899)} {rng.randint(0, 999):03d}"


def mobile(rng: random.Random) -> str:
    prefix = rng.choice(["091", "094", "097", "098", "086", "088", "035", "039"])
    return f"{prefix}{rng.randint(0, 9)} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d}"


def commune_names(rng: random.Random, count: int):
    """`count` distinct (kind word, name) pairs: a few numbered wards, the rest named."""
    pairs = [(a, b) for a in NAME_PARTS for b in NAME_PARTS if a != b]
    rng.shuffle(pairs)
    seen: set[str] = set()
    out = []
    numbered_wards = min(12, max(1, count // 40)) if count >= 3 else 0
    for n in range(1, numbered_wards + 1):
        out.append(("Phường", str(n)))
        seen.add(slugify(f"Phường {n}"))
    i = 0
    round_no = 1
    while len(out) < count:
        if i == len(pairs):  # more units than pairs: reuse pairs with a number
            i, round_no = 0, round_no + 1
        a, b = pairs[i]
        i += 1
        base = f"{a} {b}" if round_no == 1 else f"{a} {b} {round_no}"
        word = "Phường" if rng.random() < 0.12 else "Xã"
        key = slugify(base)  # one place name is used once, as xã or phường
        if key in seen:
            continue
        seen.add(key)
        out.append((word, base))
    return out


def make_units(rng: random.Random, total: int) -> list[Unit]:
    n_dept = max(1, min(len(DEPARTMENTS), (total - 4) // 3))
    n_commune = total - 3 - n_dept
    communes = commune_names(rng, n_commune)
    # The provincial capital's ward, used in the addresses of provincial units.
    capital_ward = next((n for w, n in communes if w == "Phường"), "Tô Hiệu")
    street_no = iter(range(1, 10_000))

    def city_address() -> str:
        return (f"Số {next(street_no) * 2 + rng.randint(0, 1)} đường {rng.choice(STREETS)}, "
                f"phường {capital_ward}, {PROVINCE}")

    office_hours = "Thứ Hai – Thứ Sáu: 7h00–11h30, 13h30–17h00"
    units: list[Unit] = []

    def add(uid, name, kind, parent, address, hotline, hours):
        email = uid.replace("-", "") + "@example.gov.vn"
        reception = [
            {"name": person_name(rng), "title": t}
            for t in rng.sample(RECEPTION_TITLES[kind], 2)
        ]
        units.append(Unit(uid, name, kind, parent, address, hotline, email, hours, reception))

    add("ubnd-tinh", f"Ủy ban nhân dân {PROVINCE}", "province", None,
        city_address(), f"{AREA_CODE} 3850 000", office_hours)
    for i, (uid, name) in enumerate(DEPARTMENTS[:n_dept]):
        add(uid, name, "department", "ubnd-tinh", city_address(),
            f"{AREA_CODE} 38{52 + i:02d} {rng.randint(100, 999)}", office_hours)
    add("cong-an-tinh", f"Công an {PROVINCE}", "police", "ubnd-tinh", city_address(),
        f"{AREA_CODE} 3870 113", "Thứ Hai – Thứ Sáu: 7h30–11h30, 13h30–17h00; "
        "Thứ Bảy: 7h30–11h30 (cấp, đổi giấy phép lái xe)")
    add("trung-tam-phvhc", f"Trung tâm Phục vụ hành chính công {PROVINCE}", "center",
        "ubnd-tinh", city_address(), f"{AREA_CODE} 3868 686",
        "Thứ Hai – Thứ Sáu: 7h00–11h30, 13h30–17h00; Thứ Bảy: 7h30–11h30")
    for word, name in communes:
        full = f"{word} {name}"
        if word == "Phường":
            address = f"Số {rng.randint(1, 300)} đường {rng.choice(STREETS)}, phường {name}"
        else:
            village = rng.choice(VILLAGES).format(n=rng.randint(1, 15),
                                                  p=rng.choice(NAME_PARTS))
            address = f"{village}, xã {name}"
        hours = office_hours
        if rng.random() < 0.3:
            hours += "; Thứ Bảy: 7h30–11h30"
        hotline = mobile(rng) if rng.random() < 0.5 else landline(rng)
        add(slugify(full), f"{full}", "commune", "ubnd-tinh", f"{address}, {PROVINCE}",
            hotline, hours)
    for u in units:
        if u.kind == "commune" and rng.random() < 0.05:
            u.feedback = (f"Phản ánh, kiến nghị gửi Chủ tịch UBND {lower_first(u.name)}, "
                          f"{u.address}; điện thoại {u.hotline}")
    return units


def write_units(units: list[Unit]) -> str:
    lines = ["# Các cơ quan, đơn vị (dữ liệu tổng hợp, sinh tự động)", ""]
    for u in units:
        lines.append(f"- id: {q(u.id)}")
        lines.append(f"  name: {q(u.name)}")
        lines.append(f"  kind: {q(u.kind)}")
        if u.parent:
            lines.append(f"  parent: {q(u.parent)}")
        lines.append(f"  address: {q(u.address)}")
        lines.append(f"  hotline: {q(u.hotline)}")
        lines.append(f"  email: {q(u.email)}")
        lines.append(f"  hours: {q(u.hours)}")
        if u.feedback:
            lines.append(f"  feedback: {q(u.feedback)}")
        lines.append("  reception:")
        for r in u.reception:
            lines.append(f"    - name: {q(r['name'])}")
            lines.append(f"      title: {q(r['title'])}")
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Procedures: vocabulary

# Verb groups. "G": papers that are issued; "D": things that are registered;
# "X": things that are certified.
VERBS = {
    "G": [("Cấp", 10), ("Cấp lại", 5), ("Cấp đổi", 3), ("Gia hạn", 2),
          ("Điều chỉnh", 2), ("Thu hồi", 1)],
    "D": [("Đăng ký", 10), ("Đăng ký lại", 2), ("Điều chỉnh", 1)],
    "X": [("Xác nhận", 1)],
}

GENERIC_QUALIFIERS = [
    "có yếu tố nước ngoài", "cho người nước ngoài", "trong trường hợp bị mất, hư hỏng",
    "do hết hạn sử dụng", "đối với tổ chức", "đối với cá nhân", "thực hiện tại cấp xã",
    "thực hiện tại cấp tỉnh", "cho người Việt Nam định cư ở nước ngoài", "cho người dân tộc thiểu số",
    "đối với hộ gia đình", "đối với doanh nghiệp nhỏ và vừa", "cho người khuyết tật",
    "đối với trường hợp có thay đổi thông tin", "theo yêu cầu của cơ quan có thẩm quyền",
]

SCOPES = [  # a second, independent suffix: where or how the procedure is carried out
    "trên môi trường điện tử", "theo cơ chế liên thông", "theo quy trình rút gọn",
    "tại Trung tâm Phục vụ hành chính công", "tại khu vực biên giới", "tại khu công nghiệp",
    "trong thời gian thực hiện sắp xếp đơn vị hành chính", "qua dịch vụ bưu chính công ích",
]


@dataclass
class Field:
    name: str
    dept: str            # preferred department (or the police)
    commune: bool        # whether commune-level procedures exist in the field
    weight: int
    objects: list        # [(verb group, object)]
    fixed: list          # whole names
    qualifiers: list
    laws: list
    keywords: list
    results: list


FIELDS = [
    Field("Hộ tịch", "so-tu-phap", True, 10,
          [("D", "khai sinh"), ("D", "kết hôn"), ("D", "khai tử"), ("D", "nhận cha, mẹ, con"),
           ("D", "giám hộ"), ("D", "chấm dứt giám hộ"), ("D", "thay đổi, cải chính hộ tịch"),
           ("G", "bản sao trích lục hộ tịch"), ("G", "giấy xác nhận tình trạng hôn nhân"),
           ("X", "tình trạng hôn nhân")],
          ["Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
           "Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài",
           "Ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài"],
          ["có yếu tố nước ngoài", "lưu động", "kết hợp nhận cha, mẹ, con", "cho người đã có hồ sơ, giấy tờ cá nhân"],
          ["Luật Hộ tịch năm 2014", "Nghị định số 123/2015/NĐ-CP", "Thông tư số 04/2020/TT-BTP",
           "Thông tư số 85/2019/TT-BTC"],
          ["khai sinh", "làm giấy khai sinh", "đăng ký kết hôn", "trích lục", "xác nhận độc thân"],
          ["Trích lục hộ tịch", "Giấy khai sinh", "Giấy chứng nhận kết hôn", "Giấy xác nhận tình trạng hôn nhân"]),
    Field("Chứng thực", "so-tu-phap", True, 6,
          [("G", "bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực")],
          ["Chứng thực bản sao từ bản chính giấy tờ, văn bản",
           "Chứng thực chữ ký trong các giấy tờ, văn bản",
           "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
           "Chứng thực hợp đồng, giao dịch liên quan đến thực hiện quyền của người sử dụng đất",
           "Chứng thực di chúc", "Chứng thực văn bản thỏa thuận phân chia di sản",
           "Chứng thực văn bản từ chối nhận di sản", "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch",
           "Sửa lỗi sai sót trong hợp đồng, giao dịch", "Chứng thực chữ ký người dịch"],
          ["do cơ quan, tổ chức có thẩm quyền của nước ngoài cấp", "không phải là cộng tác viên dịch thuật"],
          ["Nghị định số 23/2015/NĐ-CP", "Thông tư số 01/2020/TT-BTP", "Thông tư số 226/2016/TT-BTC"],
          ["công chứng", "sao y", "chứng thực bản sao", "chứng thực chữ ký"],
          ["Bản sao có chứng thực", "Văn bản được chứng thực"]),
    Field("Lý lịch tư pháp", "so-tu-phap", False, 2,
          [("G", "phiếu lý lịch tư pháp")], [],
          ["cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
           "cho cơ quan tiến hành tố tụng", "cho cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị – xã hội",
           "qua ứng dụng VNeID"],
          ["Luật Lý lịch tư pháp năm 2009", "Nghị định số 111/2010/NĐ-CP",
           "Thông tư số 244/2016/TT-BTC"],
          ["lý lịch tư pháp", "LLTP", "phiếu số 1", "phiếu số 2"],
          ["Phiếu lý lịch tư pháp số 1", "Phiếu lý lịch tư pháp số 2"]),
    Field("Nuôi con nuôi", "so-tu-phap", True, 1,
          [("D", "việc nuôi con nuôi trong nước"), ("D", "việc nuôi con nuôi có yếu tố nước ngoài"),
           ("G", "giấy xác nhận công dân Việt Nam ở trong nước đủ điều kiện nhận trẻ em nước ngoài làm con nuôi")],
          ["Giải quyết việc người nước ngoài thường trú ở Việt Nam nhận trẻ em Việt Nam làm con nuôi"],
          ["tại khu vực biên giới"],
          ["Luật Nuôi con nuôi năm 2010", "Nghị định số 19/2011/NĐ-CP", "Nghị định số 24/2019/NĐ-CP"],
          ["con nuôi", "nhận con nuôi"],
          ["Giấy chứng nhận nuôi con nuôi", "Quyết định cho trẻ em làm con nuôi"]),
    Field("Đất đai", "so-nong-nghiep-moi-truong", True, 8,
          [("G", "giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"),
           ("D", "biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"),
           ("D", "đất đai, tài sản gắn liền với đất lần đầu"), ("X", "nguồn gốc, thời điểm sử dụng đất"),
           ("G", "bản sao giấy chứng nhận quyền sử dụng đất")],
          ["Chuyển mục đích sử dụng đất", "Giao đất, cho thuê đất không thông qua đấu giá quyền sử dụng đất",
           "Tách thửa hoặc hợp thửa đất", "Hòa giải tranh chấp đất đai",
           "Xóa đăng ký cho thuê, cho thuê lại quyền sử dụng đất", "Gia hạn sử dụng đất ngoài khu công nghệ cao",
           "Cung cấp thông tin, dữ liệu đất đai"],
          ["lần đầu", "cho hộ gia đình, cá nhân", "cho tổ chức", "do thay đổi thông tin về người được cấp",
           "do đo đạc lại", "đối với trường hợp chuyển nhượng, thừa kế, tặng cho"],
          ["Luật Đất đai năm 2024", "Nghị định số 101/2024/NĐ-CP", "Nghị định số 102/2024/NĐ-CP",
           "Nghị định số 151/2025/NĐ-CP"],
          ["sổ đỏ", "sổ hồng", "bìa đỏ", "sang tên", "tách thửa", "GCN"],
          ["Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
           "Quyết định giao đất, cho thuê đất", "Biên bản hòa giải"]),
    Field("Xây dựng", "so-xay-dung", True, 6,
          [("G", "giấy phép xây dựng"), ("G", "giấy phép xây dựng có thời hạn"),
           ("G", "chứng chỉ hành nghề hoạt động xây dựng"), ("G", "chứng chỉ năng lực hoạt động xây dựng"),
           ("G", "giấy phép di dời công trình")],
          ["Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng", "Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở",
           "Kiểm tra công tác nghiệm thu hoàn thành công trình"],
          ["đối với công trình cấp I, cấp II", "đối với nhà ở riêng lẻ", "đối với công trình tín ngưỡng, tôn giáo",
           "sửa chữa, cải tạo công trình", "hạng II, hạng III", "theo tuyến"],
          ["Luật Xây dựng năm 2014", "Luật số 62/2020/QH14", "Nghị định số 175/2024/NĐ-CP",
           "Thông tư số 38/2022/TT-BTC"],
          ["giấy phép xây nhà", "xin phép xây dựng", "GPXD"],
          ["Giấy phép xây dựng", "Chứng chỉ hành nghề hoạt động xây dựng", "Văn bản thông báo kết quả thẩm định"]),
    Field("Đường bộ", "cong-an-tinh", False, 5,
          [("G", "giấy phép lái xe"), ("G", "giấy phép lái xe quốc tế"), ("G", "giấy phép liên vận"),
           ("G", "phù hiệu xe kinh doanh vận tải"), ("G", "giấy phép kinh doanh vận tải bằng xe ô tô"),
           ("G", "giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn"), ("D", "xe máy chuyên dùng")],
          ["Sát hạch cấp giấy phép lái xe", "Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng đường bộ"],
          ["hạng A1, A, B", "hạng C1, C, D, E", "do ngành Giao thông vận tải cấp", "cho xe ô tô của Việt Nam",
           "trong trường hợp bị mất"],
          ["Luật Trật tự, an toàn giao thông đường bộ năm 2024", "Luật Đường bộ năm 2024",
           "Thông tư số 35/2024/TT-BCA", "Thông tư số 37/2023/TT-BTC"],
          ["bằng lái", "GPLX", "đổi bằng lái", "bằng lái xe máy", "bằng lái ô tô"],
          ["Giấy phép lái xe", "Giấy phép liên vận", "Phù hiệu"]),
    Field("Đăng ký, quản lý cư trú", "cong-an-tinh", False, 4,
          [("D", "thường trú"), ("D", "tạm trú"), ("X", "thông tin về cư trú")],
          ["Khai báo tạm vắng", "Xóa đăng ký thường trú", "Xóa đăng ký tạm trú", "Gia hạn tạm trú",
           "Thông báo lưu trú", "Tách hộ"],
          ["cho người chưa thành niên", "tại nơi ở hợp pháp do thuê, mượn, ở nhờ", "qua Cổng Dịch vụ công"],
          ["Luật Cư trú năm 2020", "Nghị định số 154/2024/NĐ-CP", "Thông tư số 55/2021/TT-BCA",
           "Thông tư số 75/2022/TT-BTC"],
          ["hộ khẩu", "KT3", "tạm trú", "nhập hộ khẩu", "VNeID"],
          ["Thông báo kết quả giải quyết", "Giấy xác nhận thông tin về cư trú"]),
    Field("Thành lập và hoạt động doanh nghiệp", "so-tai-chinh", False, 5,
          [("D", "thành lập doanh nghiệp tư nhân"), ("D", "thành lập công ty trách nhiệm hữu hạn một thành viên"),
           ("D", "thành lập công ty cổ phần"), ("D", "thay đổi nội dung đăng ký doanh nghiệp"),
           ("D", "hoạt động chi nhánh, văn phòng đại diện, địa điểm kinh doanh"),
           ("G", "giấy chứng nhận đăng ký doanh nghiệp")],
          ["Thông báo tạm ngừng kinh doanh", "Giải thể doanh nghiệp", "Chuyển đổi công ty trách nhiệm hữu hạn thành công ty cổ phần"],
          ["trong trường hợp chuyển nhượng phần vốn góp", "đối với doanh nghiệp xã hội", "thay đổi người đại diện theo pháp luật"],
          ["Luật Doanh nghiệp năm 2020", "Nghị định số 168/2025/NĐ-CP", "Thông tư số 47/2019/TT-BTC"],
          ["mở công ty", "thành lập công ty", "giấy phép kinh doanh", "ĐKKD"],
          ["Giấy chứng nhận đăng ký doanh nghiệp", "Giấy xác nhận về việc thay đổi nội dung đăng ký doanh nghiệp"]),
    Field("Thành lập và hoạt động của hộ kinh doanh", "so-tai-chinh", True, 3,
          [("D", "thành lập hộ kinh doanh"), ("D", "thay đổi nội dung đăng ký hộ kinh doanh"),
           ("G", "giấy chứng nhận đăng ký hộ kinh doanh")],
          ["Tạm ngừng hoạt động hộ kinh doanh", "Chấm dứt hoạt động hộ kinh doanh"],
          ["trong trường hợp bị mất, cháy, rách, nát"],
          ["Luật Doanh nghiệp năm 2020", "Nghị định số 168/2025/NĐ-CP"],
          ["hộ kinh doanh cá thể", "giấy phép kinh doanh hộ"],
          ["Giấy chứng nhận đăng ký hộ kinh doanh"]),
    Field("Bảo trợ xã hội", "so-y-te", True, 4,
          [("G", "giấy xác nhận khuyết tật"), ("X", "hộ nghèo, hộ cận nghèo phát sinh trong năm")],
          ["Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở",
           "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng",
           "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
           "Xác định, xác định lại mức độ khuyết tật và cấp giấy xác nhận khuyết tật",
           "Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội"],
          ["cho người cao tuổi", "cho trẻ em mồ côi", "đối với người khuyết tật đặc biệt nặng"],
          ["Nghị định số 20/2021/NĐ-CP", "Nghị định số 76/2024/NĐ-CP", "Luật Người khuyết tật năm 2010"],
          ["trợ cấp", "bảo trợ", "khuyết tật", "người cao tuổi"],
          ["Quyết định trợ cấp xã hội", "Giấy xác nhận khuyết tật"]),
    Field("Người có công", "so-noi-vu", True, 2,
          [("G", "giấy chứng nhận thân nhân liệt sĩ"), ("G", "bằng Tổ quốc ghi công"),
           ("X", "thông tin về nơi liệt sĩ hy sinh")],
          ["Giải quyết chế độ trợ cấp ưu đãi đối với thân nhân liệt sĩ",
           "Cấp trích lục hoặc sao hồ sơ người có công với cách mạng",
           "Hỗ trợ người có công đi làm phương tiện, thiết bị phục hồi chức năng"],
          ["đối với người hoạt động kháng chiến bị nhiễm chất độc hóa học"],
          ["Pháp lệnh Ưu đãi người có công với cách mạng năm 2020", "Nghị định số 131/2021/NĐ-CP"],
          ["thương binh", "liệt sĩ", "chính sách"],
          ["Quyết định trợ cấp", "Giấy chứng nhận"]),
    Field("Lao động", "so-noi-vu", False, 2,
          [("G", "giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam"),
           ("G", "giấy phép hoạt động cho thuê lại lao động"),
           ("X", "người lao động nước ngoài không thuộc diện cấp giấy phép lao động")],
          ["Đăng ký nội quy lao động", "Đăng ký hợp đồng nhận lao động thực tập"],
          [],
          ["Bộ luật Lao động năm 2019", "Nghị định số 152/2020/NĐ-CP", "Nghị định số 70/2023/NĐ-CP"],
          ["work permit", "giấy phép lao động"],
          ["Giấy phép lao động", "Văn bản xác nhận"]),
    Field("Giáo dục và Đào tạo", "so-giao-duc-dao-tao", True, 3,
          [("G", "bản sao văn bằng, chứng chỉ từ sổ gốc"), ("G", "giấy phép hoạt động giáo dục"),
           ("D", "hoạt động giáo dục nghề nghiệp")],
          ["Chỉnh sửa nội dung văn bằng, chứng chỉ",
           "Công nhận văn bằng tốt nghiệp do cơ sở giáo dục nước ngoài cấp",
           "Chuyển trường đối với học sinh trung học cơ sở", "Thành lập trường mầm non tư thục",
           "Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động giáo dục", "Xét, duyệt chính sách hỗ trợ đối với học sinh bán trú"],
          ["đối với trung tâm ngoại ngữ, tin học", "đối với cơ sở giáo dục mầm non"],
          ["Luật Giáo dục năm 2019", "Thông tư số 21/2019/TT-BGDĐT", "Nghị định số 125/2024/NĐ-CP"],
          ["bằng tốt nghiệp", "văn bằng", "chuyển trường"],
          ["Bản sao văn bằng", "Quyết định", "Giấy phép hoạt động giáo dục"]),
    Field("Khám bệnh, chữa bệnh", "so-y-te", False, 3,
          [("G", "giấy phép hành nghề khám bệnh, chữa bệnh"),
           ("G", "giấy phép hoạt động đối với phòng khám đa khoa"),
           ("G", "giấy phép hoạt động đối với phòng khám chuyên khoa"), ("D", "hành nghề khám bệnh, chữa bệnh")],
          ["Công bố cơ sở đủ điều kiện thực hiện khám sức khỏe"],
          ["đối với chức danh bác sỹ", "đối với chức danh điều dưỡng", "đối với phòng chẩn trị y học cổ truyền"],
          ["Luật Khám bệnh, chữa bệnh năm 2023", "Nghị định số 96/2023/NĐ-CP", "Thông tư số 59/2023/TT-BTC"],
          ["chứng chỉ hành nghề y", "phòng khám"],
          ["Giấy phép hành nghề", "Giấy phép hoạt động"]),
    Field("Dược phẩm", "so-y-te", False, 2,
          [("G", "chứng chỉ hành nghề dược"), ("G", "giấy chứng nhận đủ điều kiện kinh doanh dược"),
           ("G", "giấy xác nhận nội dung quảng cáo thuốc")],
          ["Công bố cơ sở kinh doanh có tổ chức kệ thuốc"],
          ["theo hình thức thi", "đối với nhà thuốc", "đối với quầy thuốc"],
          ["Luật Dược năm 2016", "Luật số 44/2024/QH15", "Nghị định số 54/2017/NĐ-CP"],
          ["nhà thuốc", "quầy thuốc", "CCHN dược"],
          ["Chứng chỉ hành nghề dược", "Giấy chứng nhận đủ điều kiện kinh doanh dược"]),
    Field("An toàn thực phẩm", "so-y-te", True, 3,
          [("G", "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"),
           ("X", "kiến thức về an toàn thực phẩm")],
          ["Đăng ký bản công bố sản phẩm", "Tiếp nhận bản tự công bố sản phẩm"],
          ["đối với cơ sở sản xuất thực phẩm", "đối với cơ sở kinh doanh dịch vụ ăn uống"],
          ["Luật An toàn thực phẩm năm 2010", "Nghị định số 15/2018/NĐ-CP", "Thông tư số 67/2021/TT-BTC"],
          ["ATTP", "vệ sinh thực phẩm", "quán ăn"],
          ["Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"]),
    Field("Lưu thông hàng hóa trong nước", "so-cong-thuong", True, 3,
          [("G", "giấy phép bán lẻ sản phẩm thuốc lá"), ("G", "giấy phép bán buôn rượu"),
           ("G", "giấy phép bán lẻ rượu"), ("G", "giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh"),
           ("G", "giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai")],
          ["Thông báo thực hiện khuyến mại"],
          ["trên địa bàn tỉnh", "do thay đổi địa điểm kinh doanh"],
          ["Luật Thương mại năm 2005", "Nghị định số 105/2017/NĐ-CP", "Nghị định số 67/2013/NĐ-CP"],
          ["bán rượu", "bán thuốc lá", "gas"],
          ["Giấy phép", "Giấy chứng nhận đủ điều kiện"]),
    Field("Môi trường", "so-nong-nghiep-moi-truong", True, 2,
          [("G", "giấy phép môi trường"), ("D", "môi trường")],
          ["Thẩm định báo cáo đánh giá tác động môi trường", "Vận hành thử nghiệm các công trình xử lý chất thải"],
          ["cấp tỉnh", "đối với cơ sở đang hoạt động"],
          ["Luật Bảo vệ môi trường năm 2020", "Nghị định số 08/2022/NĐ-CP", "Nghị định số 05/2025/NĐ-CP"],
          ["ĐTM", "đánh giá tác động môi trường"],
          ["Giấy phép môi trường", "Quyết định phê duyệt kết quả thẩm định"]),
    Field("Tài nguyên nước", "so-nong-nghiep-moi-truong", False, 1,
          [("G", "giấy phép khai thác nước dưới đất"), ("G", "giấy phép khai thác, sử dụng nước mặt"),
           ("G", "giấy phép thăm dò nước dưới đất"), ("D", "khai thác nước dưới đất")],
          [],
          ["với quy mô dưới 3.000 m³/ngày đêm"],
          ["Luật Tài nguyên nước năm 2023", "Nghị định số 54/2024/NĐ-CP"],
          ["giếng khoan", "khai thác nước"],
          ["Giấy phép tài nguyên nước"]),
    Field("Văn hóa", "so-van-hoa-the-thao-du-lich", True, 2,
          [("G", "giấy phép tổ chức lễ hội"),
           ("G", "giấy chứng nhận đủ điều kiện kinh doanh dịch vụ karaoke"), ("D", "tổ chức lễ hội")],
          ["Thông báo tổ chức lễ hội cấp xã", "Xét tặng danh hiệu Gia đình văn hóa",
           "Công nhận câu lạc bộ thể thao cơ sở"],
          ["hằng năm", "có yếu tố nước ngoài"],
          ["Nghị định số 110/2018/NĐ-CP", "Luật Di sản văn hóa năm 2024", "Nghị định số 54/2019/NĐ-CP"],
          ["karaoke", "lễ hội"],
          ["Giấy phép", "Văn bản chấp thuận", "Quyết định công nhận"]),
    Field("Thi đua, khen thưởng", "so-noi-vu", True, 2,
          [],
          ["Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Tặng danh hiệu Chiến sĩ thi đua cơ sở",
           "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã", "Tặng danh hiệu Lao động tiên tiến",
           "Tặng Cờ thi đua của Ủy ban nhân dân tỉnh", "Khen thưởng theo công trạng và thành tích đạt được"],
          ["theo đợt, chuyên đề", "đột xuất"],
          ["Luật Thi đua, khen thưởng năm 2022", "Nghị định số 98/2023/NĐ-CP"],
          ["bằng khen", "giấy khen"],
          ["Quyết định khen thưởng"]),
    Field("Thú y", "so-nong-nghiep-moi-truong", False, 1,
          [("G", "giấy chứng nhận kiểm dịch động vật vận chuyển ra khỏi địa bàn cấp tỉnh"),
           ("G", "chứng chỉ hành nghề thú y"),
           ("G", "giấy chứng nhận cơ sở an toàn dịch bệnh động vật")],
          [],
          ["đối với động vật thủy sản"],
          ["Luật Thú y năm 2015", "Thông tư số 25/2016/TT-BNNPTNT"],
          ["kiểm dịch", "thú y"],
          ["Giấy chứng nhận kiểm dịch", "Chứng chỉ hành nghề thú y"]),
]

APPLICANTS = [
    "Công dân Việt Nam", "Công dân Việt Nam, người nước ngoài cư trú tại Việt Nam",
    "Tổ chức, cá nhân", "Hộ gia đình, cá nhân", "Doanh nghiệp, hợp tác xã",
    "Cá nhân, tổ chức trong nước và nước ngoài",
]

COMMON_PAPERS = [
    "Bản sao giấy tờ chứng minh nhân thân (thẻ Căn cước, hộ chiếu) trong trường hợp không khai thác được trên Cơ sở dữ liệu quốc gia về dân cư",
    "Ảnh màu cỡ 3 x 4 cm, chụp không quá 6 tháng",
    "Văn bản ủy quyền (nếu nộp hồ sơ thay)",
    "Biên lai nộp phí, lệ phí (nếu nộp qua bưu chính)",
    "Bản chính giấy tờ đã được cấp (đối với trường hợp cấp đổi, cấp lại)",
]

FIELD_PAPERS = {  # papers that belong to one field; the rest come from COMMON_PAPERS
    "Hộ tịch": ["Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận về việc sinh",
                "Giấy báo tử hoặc giấy tờ thay thế giấy báo tử",
                "Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài",
                "Văn bản đồng ý của người được giám hộ"],
    "Đất đai": ["Giấy tờ chứng minh quyền sử dụng đất", "Mảnh trích đo địa chính thửa đất",
                "Hợp đồng, văn bản về chuyển nhượng, tặng cho, thừa kế quyền sử dụng đất",
                "Tờ khai lệ phí trước bạ"],
    "Xây dựng": ["Bản vẽ thiết kế xây dựng, bản vẽ mặt bằng vị trí công trình",
                 "Giấy tờ chứng minh quyền sử dụng đất",
                 "Bản kê khai kinh nghiệm công việc chuyên môn", "Văn bằng chuyên môn"],
    "Đường bộ": ["Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp",
                 "Giấy phép lái xe đang sử dụng", "Giấy đăng ký xe",
                 "Hợp đồng thuê phương tiện (nếu phương tiện không thuộc sở hữu)"],
    "Thành lập và hoạt động doanh nghiệp": ["Điều lệ công ty", "Danh sách thành viên, cổ đông sáng lập",
                                            "Giấy đề nghị đăng ký doanh nghiệp"],
    "Khám bệnh, chữa bệnh": ["Văn bằng chuyên môn", "Giấy chứng nhận đủ sức khỏe để hành nghề",
                             "Danh sách nhân sự và thiết bị y tế"],
    "Dược phẩm": ["Văn bằng chuyên môn về dược", "Giấy xác nhận thời gian thực hành chuyên môn"],
    "Bảo trợ xã hội": ["Tờ khai thông tin của người khuyết tật",
                       "Giấy xác nhận khuyết tật (nếu có)", "Biên bản họp Hội đồng xét duyệt"],
    "Môi trường": ["Báo cáo đề xuất cấp giấy phép môi trường",
                   "Báo cáo đánh giá tác động môi trường"],
}

PAPER_NOTES = [
    "Bản chính hoặc bản sao có chứng thực", "Xuất trình bản chính để đối chiếu",
    "Nộp bản điện tử khi nộp trực tuyến", "Không yêu cầu nếu đã có trên Cơ sở dữ liệu quốc gia về dân cư",
]

TIME_NOTES = [
    "Hồ sơ nhận sau 15 giờ trả vào ngày làm việc tiếp theo",
    "Kể từ ngày nhận đủ hồ sơ hợp lệ",
    "Trường hợp cần xác minh thì kéo dài thêm không quá 05 ngày làm việc",
    "Không kể thời gian niêm yết, lấy ý kiến",
]

FEE_NOTES = [
    "Theo Nghị quyết của Hội đồng nhân dân tỉnh; miễn cho hộ nghèo, người có công",
    "Mức thu theo giá trị hợp đồng, giao dịch",
    "Nộp trực tuyến được giảm 50% theo quy định",
    "Theo diện tích xây dựng: 75.000 đồng/giấy phép đối với nhà ở riêng lẻ",
    "Miễn lệ phí đối với trẻ em, người cao tuổi, người khuyết tật",
]

AMOUNTS = [2_000, 8_000, 10_000, 15_000, 20_000, 30_000, 50_000, 75_000, 100_000, 135_000,
           150_000, 200_000, 300_000, 500_000, 1_000_000, 1_500_000, 3_000_000]

REQUIREMENTS = [
    "Người đề nghị phải có đủ **năng lực hành vi dân sự**.",
    "Giấy tờ còn thời hạn sử dụng hoặc quá hạn không quá 3 tháng.",
    "Đáp ứng các điều kiện sau:\n\n- Có địa điểm, cơ sở vật chất phù hợp;\n- Có nhân lực đáp ứng yêu cầu chuyên môn.",
    "Thửa đất không có tranh chấp, không bị kê biên để bảo đảm thi hành án.",
    "Chỉ áp dụng với trường hợp **chưa đăng ký** tại cơ quan khác.",
]


# ---------------------------------------------------------------------------
# Procedures: generation


@dataclass
class Procedure:
    code: str
    name: str
    field: Field
    text: str = ""
    slug: str = ""


def make_codes(rng: random.Random, n: int) -> list[str]:
    """n distinct national-style codes: "1.00xxxx", "2.00xxxx", a few with a suffix."""
    width = 9_999 if n <= 14_000 else 99_999
    pool_1 = rng.sample(range(1, width + 1), min(n, width))
    pool_2 = rng.sample(range(1, width + 1), min(n, width))
    pool_3 = rng.sample(range(1, width + 1), min(n, width))
    codes = []
    i1 = i2 = i3 = 0
    for _ in range(n):
        r = rng.random()
        if r < 0.62 and i1 < len(pool_1) or i2 >= len(pool_2) and i3 >= len(pool_3):
            prefix, num = 1, pool_1[i1]
            i1 += 1
        elif r < 0.95 and i2 < len(pool_2) or i3 >= len(pool_3):
            prefix, num = 2, pool_2[i2]
            i2 += 1
        else:
            prefix, num = 3, pool_3[i3]
            i3 += 1
        code = f"{prefix}.{num:06d}"
        if rng.random() < 0.03:
            code += ".000.00.00.H53"
        codes.append(code)
    return codes


def duration_text(rng: random.Random, kind: str, n: int) -> str:
    english = rng.random() < 0.1 and n >= 2
    if kind == "same":
        return "same day" if rng.random() < 0.1 else "trong ngày"
    num = f"{n:02d}" if n < 10 and rng.random() < 0.25 and not english else str(n)
    if kind == "wd":
        return f"{num} working days" if english else f"{num} ngày làm việc"
    if kind == "d":
        return f"{num} days" if english else f"{num} ngày"
    return f"{num} hours" if english else f"{num} giờ"


def make_time(rng: random.Random):
    kind = weighted(rng, [("wd", 65), ("d", 15), ("h", 8), ("same", 12)])
    n = {
        "wd": lambda: rng.choice([1, 2, 3, 3, 5, 5, 5, 7, 10, 10, 12, 15, 15, 20, 30, 45]),
        "d": lambda: rng.choice([3, 5, 7, 10, 15, 20, 30, 45, 60]),
        "h": lambda: rng.choice([2, 4, 8, 12, 24, 48]),
        "same": lambda: 0,
    }[kind]()
    statutory = duration_text(rng, kind, n)
    cut = None
    if kind != "same" and n >= 2 and rng.random() < 0.35:
        if kind == "wd" and rng.random() < 0.2:
            cut = duration_text(rng, "same", 0)  # counts as 1 working day
        else:
            m = max(1, min(n - 1, round(n * rng.uniform(0.4, 0.85))))
            cut = duration_text(rng, kind, m)
    note = rng.choice(TIME_NOTES) if rng.random() < 0.15 else None
    return statutory, cut, note


def make_name(rng: random.Random, f: Field) -> tuple[str, str | None]:
    """(name, object) — the object is None for fixed whole names."""
    # Fields made of fixed names (Chứng thực) mostly use them; verb fields mostly don't.
    fixed_share = len(f.fixed) / (len(f.fixed) + 2 * len(f.objects)) if f.fixed else 0
    if f.fixed and rng.random() < fixed_share:
        name, obj = rng.choice(f.fixed), None
    else:
        group, obj = rng.choice(f.objects)
        verb = weighted(rng, VERBS[group])
        name = f"{verb} {obj}"
    if rng.random() < 0.45:
        quals = f.qualifiers if f.qualifiers and rng.random() < 0.6 else GENERIC_QUALIFIERS
        name = f"{name} {rng.choice(quals)}"
    if rng.random() < 0.2:
        name = f"{name} {rng.choice(SCOPES)}"
    return name, obj


def pick_field(rng: random.Random) -> Field:
    return weighted(rng, [(f, f.weight) for f in FIELDS])


class UnitIndex:
    def __init__(self, units: list[Unit]):
        self.by_id = {u.id: u for u in units}
        self.departments = [u for u in units if u.kind == "department"]
        self.communes = [u for u in units if u.kind == "commune"]
        self.police = next(u for u in units if u.kind == "police")
        self.center = next(u for u in units if u.kind == "center")

    def owner(self, f: Field) -> Unit:
        if f.dept in self.by_id:
            return self.by_id[f.dept]
        # Department not generated (few units): a stable stand-in.
        return self.departments[sum(map(ord, f.dept)) % len(self.departments)]


def fees_block(rng: random.Random, name: str) -> list[str]:
    lines = ["fees:"]
    r = rng.random()
    if r < 0.4:
        lines += [f"  - name: {q('Lệ phí ' + lower_first(name))}", "    amount: 0"]
        if rng.random() < 0.3:
            lines.append(f"    note: {q('Không thu phí, lệ phí')}")
    elif r < 0.85:
        lines += [f"  - name: {q('Lệ phí ' + lower_first(name))}",
                  f"    kind: {q('lệ phí')}",
                  f"    amount: {rng.choice(AMOUNTS)}"]
        if rng.random() < 0.25:
            amount_online = rng.choice(AMOUNTS[:8])
            lines.append(f"    note: {q(f'Nộp trực tuyến: {amount_online:,} đồng'.replace(',', '.'))}")
        if rng.random() < 0.3:
            lines += [f"  - name: {q('Phí thẩm định hồ sơ')}",
                      f"    kind: {q('phí')}",
                      f"    amount: {rng.choice(AMOUNTS)}"]
    else:
        lines += [f"  - name: {q('Phí, lệ phí')}", f"    note: {q(rng.choice(FEE_NOTES))}"]
    return lines


def papers_block(rng: random.Random, name: str, f: Field, forms: dict) -> list[str]:
    lines = ["papers:"]
    count = rng.randint(2, 6)
    first = f"{'Tờ khai' if rng.random() < 0.5 else 'Đơn đề nghị'} {lower_first(name)} theo mẫu"
    pool = FIELD_PAPERS.get(f.name, []) + COMMON_PAPERS
    chosen = [first] + rng.sample(pool, min(len(pool), count - 1))
    for i, paper in enumerate(chosen):
        originals, copies = weighted(rng, [((1, 0), 6), ((0, 1), 3), ((1, 1), 1), ((2, 0), 1),
                                           ((0, 2), 1)])
        lines.append(f"  - name: {q(paper)}")
        lines.append(f"    originals: {originals}")
        lines.append(f"    copies: {copies}")
        if i > 0 and rng.random() < 0.2:
            lines.append(f"    note: {q(rng.choice(PAPER_NOTES))}")
        if i == 0 and rng.random() < 0.12:
            lines.append(f"    form: {q(forms[f.name])}")
    return lines


def steps_block(rng: random.Random, unit_phrase: str, online: str) -> list[str]:
    submit = f"Nộp hồ sơ tại **Bộ phận Một cửa** của {unit_phrase}"
    if online != "none":
        submit += " hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia"
    steps = [submit + "."]
    pool = [
        "Cán bộ tiếp nhận kiểm tra hồ sơ:\n\n"
        "- Hồ sơ đầy đủ, hợp lệ: cấp giấy tiếp nhận và hẹn ngày trả kết quả;\n"
        "- Hồ sơ chưa đầy đủ: hướng dẫn bổ sung **một lần** bằng văn bản.",
        "Cơ quan có thẩm quyền thẩm định hồ sơ và giải quyết trong thời hạn quy định; "
        "trường hợp từ chối phải trả lời **bằng văn bản** và nêu rõ lý do.",
        "Nộp phí, lệ phí (nếu có) bằng tiền mặt, chuyển khoản hoặc *thanh toán trực tuyến*.",
        "Lấy ý kiến các cơ quan liên quan (nếu cần).",
    ]
    steps += rng.sample(pool, rng.randint(0, 3))
    steps.append("Nhận kết quả tại nơi nộp hồ sơ hoặc qua **bưu chính công ích**.")
    return ["steps:"] + [f"  - {q(s)}" for s in steps]


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def procedure_yaml(rng: random.Random, p: Procedure, obj: str | None, ux: UnitIndex,
                   forms: dict) -> str:
    f = p.field
    lines = [f"code: {q(p.code)}", f"name: {q(p.name)}"]
    if rng.random() < 0.25:
        kws = rng.sample(f.keywords, min(len(f.keywords), rng.randint(1, 3)))
        lines.append("keywords: [" + ", ".join(q(k) for k in kws) + "]")
    lines.append(f"field: {q(f.name)}")

    # Who handles it.
    r = rng.random()
    units_for_phrase: list[Unit]
    if f.commune and r < 0.10 / max(0.01, sum(x.weight for x in FIELDS if x.commune)
                                    / sum(x.weight for x in FIELDS)):
        level = "commune"
        who = ["units:", f"  kind: {q('commune')}"]
        if rng.random() < 0.2:
            who.append(f"  parent: {q('ubnd-tinh')}")
        unit_phrase = "Ủy ban nhân dân cấp xã"
        submit_unit = None
    elif r > 0.94:
        level = "province"
        first = ux.owner(f)
        others = [u for u in ux.departments + [ux.police, ux.center] if u.id != first.id]
        chosen = [first] + rng.sample(others, min(len(others), rng.randint(1, 2)))
        who = ["units: [" + ", ".join(q(u.id) for u in chosen) + "]"]
        unit_phrase = first.name
        submit_unit = ux.center
    else:
        level = weighted(rng, [("province", 60), ("commune", 25 if f.commune else 0),
                               ("central", 15)])
        if level == "commune":
            unit = rng.choice(ux.communes)
        elif rng.random() < 0.05:
            unit = ux.center
        else:
            unit = ux.owner(f)
        who = [f"unit: {q(unit.id)}"]
        unit_phrase = unit.name
        submit_unit = ux.center if level != "commune" else None
    lines.append(f"level: {q(level)}")
    lines += who
    if submit_unit is not None and rng.random() < 0.2:
        lines.append(f"submit_at: {q(f'{submit_unit.name}, {lower_first(submit_unit.address)}')}")

    online = weighted(rng, [("full", 35), ("partial", 35), ("none", 30)])
    if online != "none":
        lines.append(f"online_url: {q('https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=' + p.code)}")
    lines.append(f"applicants: {q(rng.choice(APPLICANTS))}")
    channels = ["in_person"]
    if online != "none":
        channels.append("online")
    if rng.random() < 0.6:
        channels.append("postal")
    lines.append("channels: [" + ", ".join(q(c) for c in channels) + "]")
    lines.append(f"online: {q(online)}")

    statutory, cut, note = make_time(rng)
    lines += ["time:", f"  statutory: {q(statutory)}"]
    if cut:
        lines.append(f"  cut: {q(cut)}")
    if note:
        lines.append(f"  note: {q(note)}")

    lines += fees_block(rng, p.name)
    if rng.random() < 0.15:
        lines.append("sets: 2")
    lines += papers_block(rng, p.name, f, forms)
    lines += steps_block(rng, unit_phrase, online)
    if rng.random() < 0.3:
        lines.append(f"requirements: {q(rng.choice(REQUIREMENTS))}")
    if obj is not None and p.name.startswith(("Cấp", "Gia hạn", "Điều chỉnh")):
        result = upper_first(obj)
    else:
        result = rng.choice(f.results)
    lines.append(f"result: {q(result)}")
    laws = rng.sample(f.laws, rng.randint(1, min(3, len(f.laws))))
    lines.append("legal_basis:")
    lines += [f"  - {q(x)}" for x in laws]
    if rng.random() < 0.1:
        lines.append(f"hotline: {q(landline(rng))}")
    lines.append(f"updated: {random_date(rng, UPDATED_FROM, AS_OF).isoformat()}")
    return "\n".join(lines) + "\n"


def assign_slugs(procs: list[Procedure]) -> None:
    """FORMAT.md: names giving the same slug both get `-<code>` (dots as dashes)."""
    counts: dict[str, int] = {}
    for p in procs:
        base = slugify(p.name)
        counts[base] = counts.get(base, 0) + 1
    for p in procs:
        base = slugify(p.name)
        p.slug = base if counts[base] == 1 else f"{base}-{p.code.replace('.', '-').lower()}"


# ---------------------------------------------------------------------------
# Results


RESULT_COLUMNS = [
    ("period", "Kỳ"), ("unit", "Đơn vị"), ("carried_over", "Kỳ trước chuyển qua"),
    ("received_online", "Tiếp nhận trực tuyến"), ("received_direct", "Tiếp nhận trực tiếp"),
    ("received_postal", "Tiếp nhận qua bưu chính"), ("resolved_early", "Giải quyết trước hạn"),
    ("resolved_on_time", "Giải quyết đúng hạn"), ("resolved_late", "Giải quyết quá hạn"),
    ("pending_in_time", "Đang giải quyết trong hạn"),
    ("pending_overdue", "Đang giải quyết quá hạn"), ("withdrawn", "Rút hoặc trả lại hồ sơ"),
    ("fee_payable", "Hồ sơ phải nộp phí"), ("paid_online", "Thanh toán trực tuyến"),
    ("digitized", "Số hóa"), ("surveyed", "Lượt đánh giá"), ("satisfied", "Hài lòng"),
]

MONTHLY_VOLUME = {  # dossiers received per month, (low, high)
    "province": (40, 200), "department": (300, 4_000), "police": (2_000, 9_000),
    "center": (3_000, 12_000), "commune": (60, 1_200),
}


def months_back(count: int) -> list[tuple[int, int]]:
    y, m = LAST_PERIOD
    out = []
    for _ in range(count):
        out.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def make_results(rng: random.Random, units: list[Unit], months: int) -> dict[int, list[dict]]:
    periods = months_back(months)
    profile = {}
    for u in units:
        lo, hi = MONTHLY_VOLUME[u.kind]
        profile[u.id] = {
            "volume": rng.randint(lo, hi),
            "online0": rng.uniform(0.2, 0.7),
            "late": rng.uniform(0.0, 0.03) if rng.random() < 0.9 else rng.uniform(0.05, 0.15),
            "early": rng.uniform(0.5, 0.9),
            "pending": rng.uniform(0.08, 0.25),
            "survey": rng.random() < 0.8,
            "pending_left": None,
        }
    by_year: dict[int, list[dict]] = {}
    for idx, (y, m) in enumerate(periods):
        progress = idx / max(1, len(periods) - 1)
        season = 1.0 + 0.15 * (1 if m in (3, 4, 10, 11) else -1 if m in (1, 2) else 0)
        for u in units:
            pr = profile[u.id]
            received = max(1, round(pr["volume"] * season * rng.uniform(0.8, 1.2)))
            online_share = min(0.98, pr["online0"] + 0.3 * progress + rng.uniform(-0.05, 0.05))
            postal = round(received * rng.uniform(0.0, 0.04))
            online = round((received - postal) * online_share)
            direct = received - postal - online
            carried = (pr["pending_left"] if pr["pending_left"] is not None
                       else round(received * pr["pending"]))
            available = carried + received
            withdrawn = round(available * rng.uniform(0.0, 0.02))
            pending = round((available - withdrawn) * pr["pending"] * rng.uniform(0.8, 1.2))
            resolved = available - withdrawn - pending
            late = round(resolved * pr["late"] * rng.uniform(0.5, 1.5))
            in_time = resolved - late
            early = round(in_time * pr["early"])
            overdue = round(pending * rng.uniform(0.0, 0.1))
            fee_payable = round(received * rng.uniform(0.3, 0.7))
            paid_online = round(fee_payable * min(1.0, 0.2 + 0.5 * progress + rng.uniform(0, 0.2)))
            digitized = round(received * min(1.0, 0.4 + 0.5 * progress + rng.uniform(0, 0.1)))
            row = {
                "period": f"{y}-{m:02d}", "unit": u.id, "carried_over": carried,
                "received_online": online, "received_direct": direct, "received_postal": postal,
                "resolved_early": early, "resolved_on_time": in_time - early,
                "resolved_late": late, "pending_in_time": pending - overdue,
                "pending_overdue": overdue, "withdrawn": withdrawn,
                "fee_payable": fee_payable, "paid_online": paid_online, "digitized": digitized,
                "surveyed": "", "satisfied": "",
            }
            if pr["survey"]:
                surveyed = round(resolved * rng.uniform(0.05, 0.4))
                row["surveyed"] = surveyed
                row["satisfied"] = round(surveyed * rng.uniform(0.9, 1.0))
            pr["pending_left"] = pending
            by_year.setdefault(y, []).append(row)
    return by_year


def vi_count(value) -> str:
    """Counts as a Vietnamese Excel export writes them: 60.615."""
    if value == "":
        return ""
    return f"{value:,}".replace(",", ".")


def results_csv(rows: list[dict], vietnamese: bool) -> str:
    """English headers, comma; or (vietnamese) titles, semicolon, BOM, 60.615 counts."""
    sep = ";" if vietnamese else ","
    head = [title if vietnamese else col for col, title in RESULT_COLUMNS]
    out = [sep.join(head)]
    for row in rows:
        cells = []
        for col, _ in RESULT_COLUMNS:
            v = row[col]
            cells.append(vi_count(v) if vietnamese and isinstance(v, int) else str(v))
        out.append(sep.join(cells))
    text = "\r\n".join(out) + "\r\n" if vietnamese else "\n".join(out) + "\n"
    return ("\ufeff" + text) if vietnamese else text


# ---------------------------------------------------------------------------
# Site


def site_yaml() -> str:
    fields = ", ".join(q(f.name) for f in FIELDS)
    return f"""# Cài đặt chung (dữ liệu tổng hợp, sinh tự động)
title: {q(f"Cổng công khai thủ tục hành chính {PROVINCE} (dữ liệu thử)")}
base_url: {q("https://congkhai.example.gov.vn")}
organization: {q(f"UBND {PROVINCE}")}
hotline: {q(f"{AREA_CODE} 3850 000")}
feedback: {q("Phòng Kiểm soát thủ tục hành chính, Văn phòng UBND tỉnh, số 1 đường Tô Hiệu; email kstthc@example.gov.vn")}
as_of: {AS_OF.isoformat()}
fields: [{fields}]
thresholds:
  warn_late_rate: 5
  serious_late_rate: 10
targets:
  on_time_rate: 95
  online_share: 90
  online_payment_share: 50
  satisfaction: 95
lookup_url: {q("https://motcua.example.gov.vn/tra-cuu?ma={ma}")}
"""


ABOUT_PAGE = """---
title: "Giới thiệu"
---

Trang này công khai **dữ liệu thử** do `scripts/gen-synthetic-site.py` sinh ra, dùng để
đo tốc độ và kiểm tra giao diện với số lượng lớn thủ tục và đơn vị.

- Thủ tục: tên, thành phần hồ sơ, thời hạn, phí, lệ phí;
- Đơn vị: địa chỉ, giờ làm việc, đường dây nóng, cán bộ tiếp nhận.
"""

# A minimal, valid one-page PDF: a stand-in for the forms staff attach.
MINI_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def write(path: str, text: str | bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    with open(path, "wb") as fh:
        fh.write(data)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--procedures", type=int, required=True, metavar="N")
    ap.add_argument("--units", type=int, required=True, metavar="U")
    ap.add_argument("--months", type=int, default=0, metavar="M",
                    help="monthly result periods ending 2026-06 (default 0: no results)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--results-style", choices=["mixed", "plain"], default="mixed",
                    help="mixed: the oldest year's file as a Vietnamese Excel export "
                         "(titles, ';', BOM, CRLF, 60.615); plain: all English/comma")
    ap.add_argument("--force", action="store_true",
                    help="replace content/ and procedures/ if OUTDIR already has them")
    ap.add_argument("outdir", metavar="OUTDIR")
    args = ap.parse_args(argv)
    if args.procedures < 1:
        ap.error("--procedures must be at least 1")
    if args.units < 5:
        ap.error("--units must be at least 5 (province, department, police, center, commune)")
    if args.months < 0:
        ap.error("--months must be 0 or more")

    out = args.outdir
    for sub in ("content", "procedures"):
        path = os.path.join(out, sub)
        if os.path.exists(path):
            if not args.force:
                print(f"error: {path} exists; use --force to replace it", file=sys.stderr)
                return 2
            shutil.rmtree(path)

    # Separate streams so that changing one part (e.g. --months) leaves the others alone.
    unit_rng = random.Random(f"units:{args.seed}")
    proc_rng = random.Random(f"procedures:{args.seed}")
    result_rng = random.Random(f"results:{args.seed}")

    units = make_units(unit_rng, args.units)
    ux = UnitIndex(units)
    write(os.path.join(out, "content", "site.yaml"), site_yaml())
    write(os.path.join(out, "content", "units.yaml"), write_units(units))
    write(os.path.join(out, "content", "gioi-thieu.md"), ABOUT_PAGE)

    forms = {}
    for f in FIELDS:
        rel = f"mau/{slugify(f.name)}/don-de-nghi.pdf"
        forms[f.name] = rel
        write(os.path.join(out, "content", "files", *rel.split("/")), MINI_PDF)

    codes = make_codes(proc_rng, args.procedures)
    procs, objects = [], []
    for code in codes:
        f = pick_field(proc_rng)
        name, obj = make_name(proc_rng, f)
        procs.append(Procedure(code, name, f))
        objects.append(obj)
    for p, obj in zip(procs, objects):
        p.text = procedure_yaml(proc_rng, p, obj, ux, forms)
    assign_slugs(procs)
    for p in procs:
        # File names are free; keep them within the usual 255-byte limit.
        stem = p.slug if len(p.slug) <= 200 else p.code.replace(".", "-").lower()
        write(os.path.join(out, "procedures", slugify(p.field.name), stem + ".yaml"), p.text)

    n_results = 0
    if args.months > 0:
        by_year = make_results(result_rng, units, args.months)
        oldest = min(by_year)
        for year, rows in sorted(by_year.items()):
            vietnamese = args.results_style == "mixed" and year == oldest and len(by_year) > 1
            write(os.path.join(out, "content", "results", f"ket-qua-{year}.csv"),
                  results_csv(rows, vietnamese))
            n_results += len(rows)

    collided = sum(1 for p in procs if p.slug != slugify(p.name))
    print(f"{len(procs)} procedures ({len({p.name for p in procs})} distinct names, "
          f"{collided} with the code appended to the slug), {len(units)} units, "
          f"{n_results} result rows over {args.months} months -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
