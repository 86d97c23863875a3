'use strict';
// Runs citizen queries through the site's REAL search (themes/default/static/search.js as
// built into SITE_DIR) in headless Chromium, and scores where the expected procedure lands.
// Run by benches/search-real.sh; prints a report on stdout, JSON of every run to argv[4].
//
//   node benches/search-real/run-queries.js SITE_DIR CATALOG.jsonl QUERIES.tsv... [--json OUT]
// A query file: `query<TAB>code|code…` per line, `#` comments; the expected procedure is any
// whose name equals a listed code's name (the catalog repeats some names under other codes).

const fs = require('node:fs');
const path = require('node:path');

const lib = path.join(__dirname, '..', '..', 'tests', 'browser', 'lib');
const { startServer } = require(path.join(lib, 'server.js'));
const { launch, Recorder } = require(path.join(lib, 'browser.js'));

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonOut = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : null;
const [siteDir, catalogFile, ...queryFiles] = args;
const TOP = 10;

const norm = (s) => s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const nameOf = new Map();
for (const line of fs.readFileSync(catalogFile, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const row = JSON.parse(line);
  nameOf.set(row.code.trim(), norm(row.name));
}

function readQueries(file) {
  return fs
    .readFileSync(file, 'utf8')
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

async function main() {
  const sets = queryFiles.map((f) => ({ file: f, queries: readQueries(f) }));
  const server = await startServer(siteDir, '/');
  const rec = new Recorder(server.host);
  const browser = await launch();
  const out = [];
  try {
    const context = await rec.newContext(browser, { viewport: { width: 1000, height: 800 } });
    const { page } = await rec.newPage(context);
    await page.goto(`${server.origin}/thu-tuc/`, { waitUntil: 'load' });
    for (const set of sets) {
      const runs = [];
      for (const q of set.queries) {
        await page.evaluate(() => {
          document.querySelector('.search-status').textContent = '';
        });
        await page.fill('#q', q.query);
        await page.press('#q', 'Enter');
        await page.waitForFunction(
          (want) => {
            const s = document.querySelector('.search-status')?.textContent || '';
            const panel = document.querySelector('.search-results');
            const done = panel && panel.dataset.query !== undefined ? panel.dataset.query === want : true;
            return done && /^(Có|Không|Gõ)/.test(s);
          },
          q.query,
          { timeout: 30_000 },
        );
        const { names, ms } = await page.evaluate((top) => {
          const panel = document.querySelector('.search-results');
          return {
            names: [...document.querySelectorAll('#q-ket-qua .r-name')].slice(0, top).map((e) => e.textContent),
            ms: panel.dataset.ms === undefined ? null : Number(panel.dataset.ms),
          };
        }, TOP);
        const rank = names.findIndex((n) => q.want.has(norm(n))) + 1;
        runs.push({ query: q.query, codes: q.codes, rank, ms, top: names.slice(0, 3) });
      }
      out.push({ file: path.basename(set.file), runs });
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  if (rec.foreign.length) console.log(`requests outside the site: ${rec.foreign.length}`);
  for (const { file, runs } of out) {
    const n = runs.length;
    const cut = (s) => (s && s.length > 90 ? s.slice(0, 89) + "…" : s || "—");
    const first = runs.filter((r) => r.rank === 1).length;
    const top5 = runs.filter((r) => r.rank >= 1 && r.rank <= 5).length;
    const absent = runs.filter((r) => r.rank === 0).length;
    const pct = (k) => `${((100 * k) / n).toFixed(1)}%`;
    const times = runs.map((r) => r.ms).filter((m) => m !== null).sort((a, b) => a - b);
    console.log(`\n== ${file}: ${n} queries`);
    console.log(`first ${first}/${n} (${pct(first)})  top-5 ${top5}/${n} (${pct(top5)})  absent from top ${TOP}: ${absent}`);
    if (times.length) {
      console.log(`ranking time in the page: median ${times[times.length >> 1]} ms, max ${times[times.length - 1]} ms`);
    }
    const worst = runs.filter((r) => r.rank !== 1).sort((a, b) => (b.rank || 99) - (a.rank || 99));
    for (const r of worst) {
      console.log(`  ${r.rank ? '#' + r.rank : 'absent'}\t${r.query}\t(${r.codes})\tfirst: ${cut(r.top[0])}`);
    }
  }
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(out, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
