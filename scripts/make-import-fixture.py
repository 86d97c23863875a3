#!/usr/bin/env python3
"""Writes tests/fixtures/thu-tuc.xlsx and thu-tuc.csv: a procedure list as provinces publish it
(a title row, then one row per procedure), with some rows that `congkhai import` must refuse.
Needs openpyxl (pip install openpyxl). The generated files are committed."""
import csv
from pathlib import Path

from openpyxl import Workbook

HEADER = ["STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện",
          "Thời hạn giải quyết", "Phí, lệ phí", "Cơ quan thực hiện"]
ROWS = [
    [1, "1.004946", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Xây dựng", "Cấp Tỉnh",
     "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ", "75.000 đồng", "Sở Xây dựng tỉnh Mẫu"],
    [2, "2.000986", "Đăng ký thường trú", "Đăng ký, quản lý cư trú", "Cấp Xã",
     "07 ngày làm việc", "Không", "xa-a"],
    [3, "1.001022", "Đăng ký kết hôn", "Hộ tịch", "Cấp Xã", "Trong ngày",
     "Miễn lệ phí; cấp bản sao trích lục: 8.000 đồng/bản", "UBND xã A; UBND xã B"],
    [4, "1,004", "Thủ tục có mã sai", "Hộ tịch", "Cấp Xã", "5 ngày làm việc", "0", "xa-a"],
    [5, "1.000105", "Thủ tục có đơn vị viết sai", "Xây dựng", "Tỉnh", "5 ngày làm việc", "0",
     "Sở Xây dựg tỉnh Mẫu"],
    [6, "1.000106", "Thủ tục có thời hạn lạ", "Hộ tịch", "Xã", "Theo thỏa thuận", "", "xa-a"],
    [7, "1.002804", "Cấp đổi giấy phép lái xe", "Đường bộ", "Cấp Tỉnh", "5 ngày làm việc",
     "135000", "so-xay-dung"],
]


def main():
    out = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
    out.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh mục"
    sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH TỈNH MẪU"])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    book.save(out / "thu-tuc.xlsx")
    # As Excel saves "CSV UTF-8": a BOM, semicolons, CRLF.
    with open(out / "thu-tuc.csv", "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(ROWS)


if __name__ == "__main__":
    main()
