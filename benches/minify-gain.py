#!/usr/bin/env python3
"""What minify-html (the settings congkhai used until 28/11/2026) would save on a built site,
before and after gzip -6, and its time per page. Prints figures only.

    python3 -m pip install --target /tmp/minify-py minify-html==0.18.1
    PYTHONPATH=/tmp/minify-py python3 benches/minify-gain.py PUBLIC_DIR
"""
import gzip, os, sys, time
import minify_html
root = sys.argv[1]
raw = mini = graw = gmini = 0
spent = 0.0
n = 0
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".html"):
            continue
        b = open(os.path.join(d, f), "rb").read()
        t = time.perf_counter()
        m = minify_html.minify(b.decode(), keep_closing_tags=True, keep_html_and_head_opening_tags=True,
                               minify_css=True, minify_js=False, minify_doctype=False).encode()
        spent += time.perf_counter() - t
        raw += len(b); mini += len(m)
        graw += len(gzip.compress(b, 6)); gmini += len(gzip.compress(m, 6))
        n += 1
print(f"{n} pages: raw {raw} B, minified {mini} B ({100*(raw-mini)/raw:.1f}% less); "
      f"gzip -6: {graw} B vs {gmini} B ({100*(graw-gmini)/graw:.1f}% less, {(graw-gmini)/n:.0f} B a page); "
      f"minify time {spent:.2f} s single-threaded ({1000*spent/n:.2f} ms a page)")
