'use strict';
// Runs citizen queries through the site's REAL search (themes/default/static/search.js as
// built into SITE_DIR) in headless Chromium, and scores where the expected procedure lands.
// Run by benches/search-real.sh; prints a report on stdout, JSON of every run to argv[4].
//
//   node benches/search-real/run-queries.js SITE_DIR CATALOG.jsonl QUERIES.tsv... [--json OUT]
// A query file as score.js reads it.

const fs = require('node:fs');
const path = require('node:path');

const lib = path.join(__dirname, '..', '..', 'tests', 'browser', 'lib');
const { startServer } = require(path.join(lib, 'server.js'));
const { launch, Recorder } = require(path.join(lib, 'browser.js'));
const { TOP, catalogNames, readQueries, scored, report } = require('./score.js');

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonOut = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : null;
const [siteDir, catalogFile, ...queryFiles] = args;

const nameOf = catalogNames(catalogFile);

async function main() {
  const sets = queryFiles.map((f) => ({ file: f, queries: readQueries(f, nameOf) }));
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
        runs.push(scored(q, names, ms));
      }
      out.push({ file: path.basename(set.file), runs });
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  if (rec.foreign.length) console.log(`requests outside the site: ${rec.foreign.length}`);
  report(out, false);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(out, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
