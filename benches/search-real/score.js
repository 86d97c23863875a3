'use strict';
// What run-queries.js (Chromium) and node-queries.js (Node) share: reading query sets, scoring
// where the expected procedure lands, and the report.
// A query file: `query<TAB>code|code…` per line, `#` comments; the expected procedure is any
// whose name equals a listed code's name (the catalog repeats some names under other codes).

const fs = require('node:fs');
const zlib = require('node:zlib');

const TOP = 10;
const norm = (s) => s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function catalogNames(catalogFile) {
  const nameOf = new Map();
  for (const line of fs.readFileSync(catalogFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line);
    nameOf.set(row.code.trim(), norm(row.name));
  }
  return nameOf;
}

// A sealed set is kept gzipped (benches/search-real/sealed/): read it the same way.
function readQueries(file, nameOf) {
  const bytes = fs.readFileSync(file);
  return (file.endsWith('.gz') ? zlib.gunzipSync(bytes) : bytes)
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [query, codes] = l.split('\t');
      const want = codes.split('|').map((c) => {
        if (!nameOf.has(c.trim())) throw new Error(`${file}: no code ${c} in the catalog`);
        return nameOf.get(c.trim());
      });
      return { query, codes, want: new Set(want) };
    });
}

// One run: the first names shown for a query, scored; with `all`, every name the list holds
// ("Xem thêm kết quả" pressed to the end), whether the procedure is anywhere in it.
function scored(q, names, ms, all) {
  const rank = names.findIndex((n) => q.want.has(norm(n))) + 1;
  const run = { query: q.query, codes: q.codes, rank, ms, top: names.slice(0, 3) };
  if (all) run.listed = all.some((n) => q.want.has(norm(n)));
  return run;
}

function counts(runs) {
  return {
    n: runs.length,
    first: runs.filter((r) => r.rank === 1).length,
    top5: runs.filter((r) => r.rank >= 1 && r.rank <= 5).length,
    absent: runs.filter((r) => r.rank === 0).length,
    nowhere: runs.some((r) => 'listed' in r) ? runs.filter((r) => r.listed === false).length : null,
  };
}

// Per set: first / top 5 / absent, the ranking time, and every query whose procedure was not
// first (`quiet`: the counts only); then the total over all sets.
function report(out, quiet) {
  const listed = (nowhere) => (nowhere === null ? '' : `, nowhere in the whole list: ${nowhere}`);
  const pct = (k, n) => `${((100 * k) / n).toFixed(1)}%`;
  const cut = (s) => (s && s.length > 90 ? s.slice(0, 89) + '…' : s || '—');
  for (const { file, runs } of out) {
    const { n, first, top5, absent, nowhere } = counts(runs);
    console.log(`\n== ${file}: ${n} queries`);
    console.log(`first ${first}/${n} (${pct(first, n)})  top-5 ${top5}/${n} (${pct(top5, n)})  absent from top ${TOP}: ${absent}${listed(nowhere)}`);
    const times = runs.map((r) => r.ms).filter((m) => m !== null).sort((a, b) => a - b);
    if (times.length) {
      console.log(`ranking time in the page: median ${times[times.length >> 1]} ms, max ${times[times.length - 1]} ms`);
    }
    if (quiet) continue;
    const worst = runs.filter((r) => r.rank !== 1).sort((a, b) => (b.rank || 99) - (a.rank || 99));
    for (const r of worst) {
      console.log(`  ${r.rank ? '#' + r.rank : 'absent'}\t${r.query}\t(${r.codes})\tfirst: ${cut(r.top[0])}`);
    }
  }
  if (out.length > 1) {
    const { n, first, top5, absent, nowhere } = counts(out.flatMap((s) => s.runs));
    console.log(`\n== all ${out.length} sets: ${n} queries\nfirst ${first} (${pct(first, n)})  top-5 ${top5} (${pct(top5, n)})  absent from top ${TOP}: ${absent}${listed(nowhere)}`);
  }
}

module.exports = { TOP, catalogNames, readQueries, scored, report, norm };
