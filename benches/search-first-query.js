'use strict';
// Measures a first search query in headless Chromium, for congkhai's search and, when the
// site also has a /pagefind/ folder, for Pagefind: bytes and requests the query needs (fresh
// browser cache each time), and recall (the procedure the query was taken from among the
// top 10 results). Run by benches/search.sh; prints JSON on stdout.
//
//   node benches/search-first-query.js SITE_DIR QUERIES.json
// QUERIES.json: [{ "query": "dang ky khai sinh", "name": "Đăng ký khai sinh" }, …]

const fs = require('node:fs');
const path = require('node:path');

const lib = path.join(__dirname, '..', 'tests', 'browser', 'lib');
const { startServer } = require(path.join(lib, 'server.js'));
const { launch, Recorder } = require(path.join(lib, 'browser.js'));

const [siteDir, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const TOP = 10;

// Each engine: which responses belong to it, and how to run one query on an open page.
const ENGINES = {
  congkhai: {
    mine: (url) => /\/tim-kiem\/|\/assets\/search\.[0-9a-f]+\.js$/.test(url),
    async run(page, query) {
      await page.fill('#q', query);
      await page.waitForFunction(
        () => /^(Có|Không|Gõ)/.test(document.querySelector('.search-status')?.textContent || ''),
        null,
        { timeout: 30_000 },
      );
      return page.$$eval('#q-ket-qua .r-name', (els, top) => els.slice(0, top).map((e) => e.textContent), TOP);
    },
  },
  pagefind: {
    mine: (url) => /\/pagefind\//.test(url),
    async run(page, query) {
      return page.evaluate(
        async ({ query, top }) => {
          const pagefind = await import('/pagefind/pagefind.js');
          await pagefind.init();
          const search = await pagefind.search(query);
          const data = await Promise.all(search.results.slice(0, top).map((r) => r.data()));
          return data.map((d) => d.meta.title);
        },
        { query, top: TOP },
      );
    },
  },
};

async function main() {
  const server = await startServer(siteDir, '/');
  const rec = new Recorder(server.host);
  const browser = await launch();
  const engines = Object.keys(ENGINES).filter((e) => e !== 'pagefind' || fs.existsSync(path.join(siteDir, 'pagefind')));
  const report = {};
  try {
    for (const name of engines) {
      const engine = ENGINES[name];
      const runs = [];
      for (const { query, name: want } of queries) {
        // A fresh context: nothing cached, as for a visitor's first query.
        const context = await rec.newContext(browser, { viewport: { width: 360, height: 800 } });
        const { page } = await rec.newPage(context);
        const responses = [];
        page.on('response', (res) => {
          if (engine.mine(res.url())) responses.push(res);
        });
        await page.goto(`${server.origin}/thu-tuc/`, { waitUntil: 'load' });
        const started = Date.now();
        const names = await engine.run(page, query);
        const ms = Date.now() - started;
        let bytes = 0;
        const files = [];
        for (const res of responses) {
          const size = (await res.body()).length;
          bytes += size;
          files.push(`${res.url().split('/').pop()} ${size}`);
        }
        const run = { query, want, hit: names.includes(want), requests: responses.length, bytes, ms };
        // DETAIL=1: every file the query read, with its size, to see where the bytes go.
        if (process.env.DETAIL) run.files = files;
        runs.push(run);
        await context.close();
      }
      const sum = (k) => runs.reduce((a, r) => a + r[k], 0);
      report[name] = {
        queries: runs.length,
        recall: runs.filter((r) => r.hit).length / runs.length,
        first_query: runs[0],
        mean_bytes: Math.round(sum('bytes') / runs.length),
        max_bytes: Math.max(...runs.map((r) => r.bytes)),
        mean_requests: sum('requests') / runs.length,
        max_requests: Math.max(...runs.map((r) => r.requests)),
        mean_ms: Math.round(sum('ms') / runs.length),
        misses: runs.filter((r) => !r.hit).map((r) => r.query),
      };
      if (process.env.DETAIL) report[name].runs = runs;
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (rec.foreign.length) report.foreign_requests = rec.foreign.map((f) => f.url);
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
