#!/usr/bin/env python3
"""Write dialect.tsv: the queries of dev.tsv … heldout8.tsv spelt as a citizen who writes by ear.

    python3 benches/search-real/gen-dialect.py > benches/search-real/dialect.tsv

Vietnamese is written as it sounds, and the sounds differ by region. In one word of each
query, chosen at random (random.seed(11)), one swap that spelling by ear makes:
- initial l ↔ n (much of the North: "nàm" for "làm");
- initial s ↔ x, ch ↔ tr, d ↔ gi, r → d or gi (most of the country merges these);
- final n ↔ ng, t ↔ c (the South and Centre: "việc" for "việt", "lan" for "lang");
- the hỏi and ngã tones swapped, when the query has diacritics (the South and Centre).
Only words of three letters or more; same expected codes. Standard library only.
"""

import pathlib
import random
import re
import unicodedata

HOI, NGA = "\u0309", "\u0303"


def swaps(word, accented):
    """Every spelling-by-ear variant of one lowercase NFC word."""
    out = []
    for a, b in (("ch", "tr"), ("tr", "ch"), ("gi", "d"), ("l", "n"), ("n", "l"), ("s", "x"),
                 ("x", "s"), ("d", "gi"), ("r", "d"), ("r", "gi")):
        # "ng", "nh" and "gh" are initials of their own; "gi" before a vowel only.
        if word.startswith(a) and not (a == "n" and word[1:2] in ("g", "h")) and not (
            a == "d" and word.startswith("đ")
        ):
            out.append(b + word[len(a):])
    for a, b in (("ng", "n"), ("n", "ng"), ("t", "c"), ("c", "t")):
        # Not "nh" or "ch" endings, which are finals of their own.
        if word.endswith(a) and not word.endswith("nh") and not word.endswith("ch") and not (
            a == "n" and word.endswith("ng")
        ):
            out.append(word[: -len(a)] + b)
    if accented:
        nfd = unicodedata.normalize("NFD", word)
        if HOI in nfd or NGA in nfd:
            out.append(unicodedata.normalize("NFC", nfd.replace(HOI, "\0").replace(NGA, HOI).replace("\0", NGA)))
    return [v for v in out if v != word]


def main():
    here = pathlib.Path(__file__).parent
    names = ["dev.tsv", "heldout.tsv"] + [f"heldout{i}.tsv" for i in range(2, 9)]
    rng = random.Random(11)
    print("# Spelt by ear (30/11/2026): each query of dev.tsv … heldout8.tsv with one word spelt as a"
          " region says it (l/n, s/x, ch/tr, d/gi/r, final n/ng and t/c, hỏi/ngã), chosen at random"
          " (benches/search-real/gen-dialect.py, random.seed(11)); same expected codes.")
    for name in names:
        for line in (here / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            query, codes = line.split("\t")[:2]
            text = unicodedata.normalize("NFC", query)
            accented = any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text)) or "đ" in text.lower()
            spans = [m for m in re.finditer(r"\w+", text) if len(m.group()) >= 3 and not m.group().isdigit()]
            choices = [(m, v) for m in spans for v in swaps(m.group().lower(), accented)]
            if not choices:
                continue
            m, variant = rng.choice(choices)
            print(f"{text[: m.start()]}{variant}{text[m.end():]}\t{codes}")


if __name__ == "__main__":
    main()
