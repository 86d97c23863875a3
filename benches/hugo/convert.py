#!/usr/bin/env python3
"""Turn a congkhai site root into a Hugo 0.111 site, for benches/compare-hugo.sh.

    python3 benches/hugo/convert.py SITE_ROOT HUGO_SITE [--front-matter yaml|json]

Hugo 0.111 has no content adapters, so this does what a Hugo user would do once with a
script: one content page per procedure (front matter = the procedure's YAML, plus a few
derived keys), one content page per unit, the site settings as a data file, the result
CSVs as assets that the templates read with `transform.Unmarshal`, the free Markdown
pages as they are and content/files/** as static files under /tep/. The skeleton beside
this script (config.toml, layouts/) is copied in. Its time is NOT part of Hugo's build
time in the benchmark; compare-hugo.sh reports it on its own line.

Derived keys in a procedure's front matter (Hugo can't branch on "a string or a list or
a map" cheaply in `where`, so the converter normalises `unit`/`units`):
  unit_ids      list of unit ids for `unit: x` or `units: [x, y]`
  units_kind    for `units: {kind: commune}` (and units_parent for `parent:`)
  linh-vuc      [field], the taxonomy that gives /linh-vuc/<field>/ pages
  title, date, aliases (/tt/<code>/, like congkhai's short links), url
Python standard library plus PyYAML (C loader when present).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

HERE = os.path.dirname(os.path.abspath(__file__))


def dump(front: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(front, ensure_ascii=False, default=str, indent=1) + "\n"
    return "---\n" + yaml.dump(front, Dumper=Dumper, allow_unicode=True, sort_keys=False) + "---\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("out")
    ap.add_argument("--front-matter", choices=["yaml", "json"], default="yaml")
    ap.add_argument("--units-taxonomy", action="store_true",
                    help="variant: units as a Hugo taxonomy `don-vi` (a procedure of a kind of "
                         "unit lists every such unit's id), unit pages as its term pages; "
                         "the templates then use .Pages instead of `where`")
    args = ap.parse_args()
    start = time.perf_counter()
    site, out, fmt = args.site, args.out, args.front_matter

    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    with open(os.path.join(HERE, "config.toml"), encoding="utf-8") as f:
        config = f.read()
    if args.units_taxonomy:
        config = config.replace('field = "linh-vuc"', 'field = "linh-vuc"\n  unit = "don-vi"')
    with open(os.path.join(out, "config.toml"), "w", encoding="utf-8") as f:
        f.write(config)
    shutil.copytree(os.path.join(HERE, "layouts"), os.path.join(out, "layouts"))
    shutil.copytree(os.path.join(HERE, "data"), os.path.join(out, "data"))
    for d in ("content/thu-tuc", "content/don-vi", "assets/ket-qua", "static"):
        os.makedirs(os.path.join(out, d), exist_ok=True)

    # Site settings -> data/site.yaml (templates read site.Data.site).
    shutil.copy(os.path.join(site, "content/site.yaml"), os.path.join(out, "data/site.yaml"))

    # Section pages (their templates do the work; the files only give titles).
    sections = [("thu-tuc", "Thủ tục hành chính"), ("don-vi", "Cơ quan, đơn vị")]
    for section, title in sections:
        with open(os.path.join(out, "content", section, "_index.md"), "w", encoding="utf-8") as f:
            f.write(dump({"title": title}, fmt))

    # Units -> content/don-vi/<id>.md
    with open(os.path.join(site, "content/units.yaml"), encoding="utf-8-sig") as f:
        units = yaml.load(f, Loader=Loader)
    for weight, u in enumerate(units, 1):
        front = {"title": u["name"], "weight": weight, **u}
        if args.units_taxonomy:  # a term page: content/don-vi/<id>/_index.md
            path = os.path.join(out, "content/don-vi", u["id"], "_index.md")
            os.makedirs(os.path.dirname(path))
        else:
            path = os.path.join(out, "content/don-vi", u["id"] + ".md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(dump(front, fmt))

    # Procedures -> content/thu-tuc/<file stem>.md (the generator names files by slug).
    seen: set[str] = set()
    n = 0
    for dirpath, _dirs, files in os.walk(os.path.join(site, "procedures")):
        for name in sorted(files):
            if not name.endswith(".yaml"):
                continue
            with open(os.path.join(dirpath, name), encoding="utf-8-sig") as f:
                p = yaml.load(f, Loader=Loader)
            slug = p.get("slug") or name[: -len(".yaml")]
            if slug in seen:
                slug = f"{slug}-{p['code'].replace('.', '-')}"
            seen.add(slug)
            front = {
                "title": p["name"],
                "date": p["updated"],
                "url": f"/thu-tuc/{slug}/",
                "aliases": [f"/tt/{p['code']}/"],
                "linh-vuc": [p["field"]],
            }
            ref = p.get("units", p.get("unit"))
            if isinstance(ref, dict):
                front["units_kind"] = ref["kind"]
                if ref.get("parent"):
                    front["units_parent"] = ref["parent"]
            else:
                front["unit_ids"] = [ref] if isinstance(ref, str) else list(ref)
            if args.units_taxonomy:
                if isinstance(ref, dict):
                    front["don-vi"] = [u["id"] for u in units if u.get("kind") == ref["kind"]
                                       and (not ref.get("parent") or u.get("parent") == ref["parent"])]
                else:
                    front["don-vi"] = front["unit_ids"]
            front.update(p)
            with open(os.path.join(out, "content/thu-tuc", slug + ".md"), "w", encoding="utf-8") as f:
                f.write(dump(front, fmt))
            n += 1

    # Result CSVs -> assets/ket-qua/ (read with resources.Match + transform.Unmarshal).
    results = os.path.join(site, "content/results")
    if os.path.isdir(results):
        for name in sorted(os.listdir(results)):
            if name.endswith(".csv"):
                shutil.copy(os.path.join(results, name), os.path.join(out, "assets/ket-qua", name))

    # Free Markdown pages and attached files.
    for name in sorted(os.listdir(os.path.join(site, "content"))):
        if name.endswith(".md"):
            shutil.copy(os.path.join(site, "content", name), os.path.join(out, "content", name))
    files = os.path.join(site, "content/files")
    if os.path.isdir(files):
        shutil.copytree(files, os.path.join(out, "static/tep"))

    variant = ", units as a taxonomy" if args.units_taxonomy else ""
    print(f"convert.py: {n} procedures, {len(units)} units -> {out} "
          f"({fmt} front matter{variant}, {time.perf_counter() - start:.2f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
