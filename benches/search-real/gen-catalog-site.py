#!/usr/bin/env python3
"""Write a congkhai site root whose procedures are the national catalog's real names.

    python3 benches/search-real/gen-catalog-site.py CATALOG.jsonl OUTDIR

One procedure a catalog line: its real `code` and `name` (whitespace runs made one space),
its first category as the field, who may apply (`formalityTargetType` as `applicants`), one
unit, a fixed time and date. No keywords, papers or result: search sees only what the
national catalog says, so the benchmark measures the ranking and the built-in everyday
words, not words a province added. Standard library only; the same catalog always gives the
same files.
"""

import json
import pathlib
import re
import sys
import unicodedata


def q(text):
    return json.dumps(text, ensure_ascii=False)


def slug(text):
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"[^a-z0-9]+", "-", "".join(c for c in text if not unicodedata.combining(c)).lower()).strip("-")


def main():
    catalog, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    (out / "content").mkdir(parents=True, exist_ok=True)
    (out / "procedures").mkdir(parents=True, exist_ok=True)
    (out / "content" / "site.yaml").write_text(
        'title: "Thủ tục hành chính toàn quốc (thử tìm kiếm)"\n'
        'base_url: "https://congkhai.example.gov.vn"\n'
        'hotline: "0212 3850 000"\n',
        encoding="utf-8",
    )
    (out / "content" / "units.yaml").write_text(
        '- id: trung-tam\n  name: "Trung tâm Phục vụ hành chính công"\n  kind: center\n'
        '  address: "Số 1 đường Mẫu"\n',
        encoding="utf-8",
    )
    seen = set()
    # Fields that differ only in punctuation or case ("Thi đua - khen thưởng") are one field:
    # the first spelling met is kept, as the build requires.
    spelling = {}
    for n, line in enumerate(catalog.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        row = json.loads(line)
        code, name = row["code"].strip(), re.sub(r"\s+", " ", row["name"]).strip()
        # A few portal codes carry words ("1.014955-Xoa"), which FORMAT.md does not allow.
        if code in seen or not name or not re.fullmatch(r"[0-9.]+", code):
            continue
        seen.add(code)
        field = re.sub(r"\s+", " ", (row.get("categories") or ["Khác"])[0]).strip() or "Khác"
        field = spelling.setdefault(slug(field), field)
        # Who may apply, as the portal lists it ("Công dân Việt Nam, Doanh nghiệp"): what
        # `congkhai import dvc` writes from a record's `subjectTypesDetails`.
        who = ", ".join(t.strip() for t in row.get("formalityTargetType") or [] if t.strip())
        applicants = f"applicants: {q(who)}\n" if who else ""
        (out / "procedures" / f"p{n:05d}.yaml").write_text(
            f"code: {q(code)}\nname: {q(name)}\nfield: {q(field)}\nlevel: province\n{applicants}"
            f'unit: trung-tam\ntime:\n  statutory: "5 ngày làm việc"\nupdated: 2026-06-30\n',
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
