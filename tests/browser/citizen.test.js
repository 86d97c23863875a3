'use strict';
// What a citizen sees on a 360 px phone (SITE_DIR, the built example site):
//   - /ket-qua/: the ranked chart of units by late share (worst first, both threshold lines,
//     the verdict under a flagged name), also without JavaScript; the results table keeps the
//     unit's name, verdict and late share in view at 360 px, its first column sticks while the
//     figures scroll, and the first tap on a figure sorts worst first
//   - a unit page plots the late share with threshold lines; a lone period still gets a chart
//   - a shorter header, 44 px tap targets for the menu and the hotline, the Ctrl + P advice on
//     boards only on wide screens, no staff guide in citizens' footers (it is on /don-vi/)
//   - /du-lieu/ offers the spreadsheets first
//   - printed, the results table has every column and every unit on A4, with no scrollbar
// Screenshots go to tests/browser/screenshots/citizen-*.png for a human to look at.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');

const { SITE_DIR, SCREENSHOT_DIR, readSitemap } = require('./lib/site.js');
const { startServer } = require('./lib/server.js');
const { launch } = require('./lib/browser.js');

const run = promisify(execFile);
const TIMEOUT = 90_000;
const PHONE = { width: 360, height: 800 };

describe(`citizens on a phone, ${SITE_DIR}`, () => {
  let sitemap;
  let server;
  let browser;
  let phone;
  let noJs;
  let tmp;
  before(async () => {
    sitemap = readSitemap(SITE_DIR);
    server = await startServer(SITE_DIR, sitemap.basePath);
    browser = await launch();
    const only = async (ctx) => {
      await ctx.route('**/*', (route) =>
        new URL(route.request().url()).host === server.host ? route.continue() : route.abort(),
      );
      return ctx;
    };
    phone = await only(await browser.newContext({ viewport: PHONE, locale: 'vi-VN' }));
    noJs = await only(await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: 'vi-VN' }));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'congkhai-citizen-'));
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });
  const url = (p) => server.origin + sitemap.basePath + p.slice(1);
  const has = (p) => sitemap.paths.includes(p);
  async function open(context, p) {
    const page = await context.newPage();
    const response = await page.goto(url(p), { waitUntil: 'load' });
    assert.equal(response.status(), 200, `${p}: status ${response.status()}`);
    return page;
  }
  const shot = (page, name) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `citizen-${name}.png`), fullPage: true });

  /** Units in the ranked chart (top to bottom) and in the table with their late shares. */
  async function rankingAndTable(page) {
    return page.evaluate(() => {
      const svg = document.querySelector('svg.ranking');
      const names = svg
        ? [...svg.querySelectorAll('text[font-weight="600"]')].map((t) => t.textContent.trim())
        : [];
      const table = document.querySelector('table.results');
      const rows = [...table.tBodies[0].rows].map((tr) => ({
        name: tr.querySelector('th a').textContent.trim(),
        late: tr.children[1].getAttribute('data-value'),
      }));
      return { names, rows, lines: svg ? svg.querySelectorAll('line[stroke-dasharray]').length : 0 };
    });
  }

  it('/ket-qua/: a ranked chart of units by late share, worst first, with both threshold lines', { timeout: TIMEOUT }, async () => {
    const page = await open(phone, '/ket-qua/');
    try {
      await shot(page, 'ket-qua-360');
      const { names, rows, lines } = await rankingAndTable(page);
      assert.ok(names.length >= 2, `chart names: ${JSON.stringify(names)}`);
      assert.equal(lines, 2, 'the warning (5%) and serious (10%) lines');
      const ranked = rows
        .filter((r) => r.late !== null)
        .sort((a, b) => Number(b.late) - Number(a.late) || a.name.localeCompare(b.name));
      // A long name is drawn on two lines: compare by the start of each name.
      assert.ok(ranked[0].name.startsWith(names[0]), `worst first: ${names[0]} vs ${ranked[0].name}`);
      const box = await page.locator('svg.ranking').boundingBox();
      assert.ok(box.width <= PHONE.width && box.x >= 0, `chart fits the phone: ${JSON.stringify(box)}`);
      // Text in the chart is shown at a readable size (at least 11 px on screen).
      const smallest = await page.evaluate(() =>
        Math.min(...[...document.querySelectorAll('svg.ranking text')].map((t) => t.getBoundingClientRect().height)),
      );
      assert.ok(smallest >= 11, `smallest chart text ${smallest}px high`);
      const verdict = await page.evaluate(() =>
        [...document.querySelectorAll('svg.ranking text')].some((t) => /kiểm điểm|phê bình/.test(t.textContent)),
      );
      assert.ok(verdict, 'a flagged unit has its verdict in the chart');
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= PHONE.width, `page scrolls sideways: ${scroll}px`);
    } finally {
      await page.close();
    }
  });

  it('/ket-qua/ without JavaScript: the chart and the table are there', { timeout: TIMEOUT }, async () => {
    const page = await open(noJs, '/ket-qua/');
    try {
      const { names, rows } = await rankingAndTable(page);
      assert.ok(names.length >= 2 && rows.length >= 2, `${names.length} in chart, ${rows.length} in table`);
      assert.ok((await page.locator('svg.ranking rect').count()) >= 1);
    } finally {
      await page.close();
    }
  });

  it('results table at 360 px: name, verdict and late share in view; the name column sticks', { timeout: TIMEOUT }, async () => {
    const page = await open(phone, '/ket-qua/');
    try {
      const seen = await page.evaluate(() => {
        const region = document.querySelector('.table-scroll');
        region.scrollIntoView();
        const visible = region.getBoundingClientRect();
        const inside = (el) => {
          const r = el.getBoundingClientRect();
          return r.left >= visible.left - 1 && r.right <= visible.right + 1;
        };
        const flagged = document.querySelector('table.results tbody tr.flag-serious, table.results tbody tr.flag-warn');
        const row = flagged || document.querySelector('table.results tbody tr');
        return {
          name: inside(row.querySelector('th')),
          verdict: flagged ? inside(flagged.querySelector('.flag')) : true,
          late: inside(row.children[1]),
          lateHeader: document.querySelector('table.results thead th:nth-child(2)').textContent.trim(),
        };
      });
      assert.equal(seen.lateHeader, 'Tỷ lệ trễ hạn', 'the late share is the second column');
      assert.deepEqual({ name: seen.name, verdict: seen.verdict, late: seen.late }, { name: true, verdict: true, late: true });
      const stuck = await page.evaluate(() => {
        const region = document.querySelector('.table-scroll');
        region.scrollLeft = region.scrollWidth;
        const th = document.querySelector('table.results tbody th');
        const r = th.getBoundingClientRect();
        const at = document.elementFromPoint(r.left + 10, r.top + r.height / 2);
        return { left: r.left, regionLeft: region.getBoundingClientRect().left, scrolled: region.scrollLeft, hit: th.contains(at) };
      });
      assert.ok(stuck.scrolled > 0, 'the table scrolls sideways at 360 px');
      assert.ok(Math.abs(stuck.left - stuck.regionLeft) <= 1 && stuck.hit, `name column after scrolling: ${JSON.stringify(stuck)}`);
      await page.locator('.table-scroll').screenshot({ path: path.join(SCREENSHOT_DIR, 'citizen-ket-qua-table-scrolled-360.png') });
    } finally {
      await page.close();
    }
  });

  it('the first tap on a figure sorts worst first', { timeout: TIMEOUT }, async () => {
    const page = await open(phone, '/ket-qua/');
    try {
      const column = async (n) =>
        page.evaluate(
          (i) => [...document.querySelector('table.results').tBodies[0].rows].map((tr) => tr.children[i].getAttribute('data-value')).filter((v) => v !== null).map(Number),
          n,
        );
      await page.locator('table.results thead th:nth-child(2) button').click();
      const late = await column(1);
      assert.deepEqual(late, [...late].sort((a, b) => b - a), 'late share: highest first');
      assert.equal(await page.locator('table.results thead th:nth-child(2)').getAttribute('aria-sort'), 'descending');
      const onTime = await page.locator('table.results thead th', { hasText: 'Tỷ lệ đúng hạn' });
      await onTime.locator('button').click();
      const index = await onTime.evaluate((th) => th.cellIndex);
      const rates = await column(index);
      assert.deepEqual(rates, [...rates].sort((a, b) => a - b), 'on-time rate: lowest first');
      await page.locator('table.results thead th:nth-child(2) button').click();
      await page.locator('table.results thead th:nth-child(2) button').click();
      const again = await column(1);
      assert.deepEqual(again, [...again].sort((a, b) => a - b), 'a second tap reverses');
    } finally {
      await page.close();
    }
  });

  it('a unit page plots the late share with threshold lines; a lone period gets its chart', { timeout: TIMEOUT }, async (t) => {
    const unit = '/don-vi/huyen-lam-ha/';
    if (!has(unit)) return t.skip(`no ${unit} in this site`);
    const page = await open(phone, unit);
    try {
      await shot(page, 'don-vi-360');
      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('.chart-box svg.chart')].map((svg) => ({
          title: svg.querySelector('title').textContent,
          columns: svg.querySelectorAll('rect').length,
          lines: svg.querySelectorAll('line[stroke-dasharray]').length,
          width: svg.getBoundingClientRect().width,
        })),
      );
      assert.ok(charts.length >= 2, JSON.stringify(charts));
      for (const c of charts) {
        assert.match(c.title, /trễ hạn/);
        assert.equal(c.lines, 2, `${c.title}: threshold lines`);
        assert.ok(c.width <= PHONE.width, `${c.title}: ${c.width}px wide`);
      }
      assert.ok(charts.some((c) => /theo năm/.test(c.title) && c.columns === 1), 'the one year of 2022 gets a chart');
    } finally {
      await page.close();
    }
  });

  it('header: shorter on phones, menu and hotline tap targets of 44 px, no staff guide in the footer', { timeout: TIMEOUT }, async () => {
    const page = await open(phone, '/ket-qua/');
    try {
      const header = await page.locator('.site-header').boundingBox();
      assert.ok(header.height <= 100, `header ${header.height}px high at 360 px`);
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('.site-header nav a, .site-footer a[href^="tel:"]')]
          .map((a) => ({ text: a.textContent.trim(), h: a.getBoundingClientRect().height }))
          .filter((a) => a.h < 44),
      );
      assert.deepEqual(small, [], 'links under 44 px high');
      const footerGuide = await page.locator('.site-footer a[href*="huong-dan"]').count();
      assert.equal(footerGuide, 0, 'the staff guide is not in citizens\' footer');
    } finally {
      await page.close();
    }
    if (has('/huong-dan/')) {
      const units = await open(phone, '/don-vi/');
      try {
        assert.equal(await units.locator('.staff-links a[href$="/huong-dan/"]').count(), 1, '/don-vi/ links the staff guide');
      } finally {
        await units.close();
      }
    }
  });

  it('the Ctrl + P advice on boards shows only where printing is likely', { timeout: TIMEOUT }, async (t) => {
    const board = sitemap.paths.find((p) => /^\/don-vi\/[^/]+\/niem-yet\/$/.test(p));
    if (!board) return t.skip('no board');
    const page = await open(phone, board);
    try {
      assert.equal(await page.locator('.print-advice').isVisible(), false, 'hidden at 360 px');
      await page.setViewportSize({ width: 1280, height: 900 });
      assert.equal(await page.locator('.print-advice').isVisible(), true, 'shown at 1280 px');
    } finally {
      await page.close();
    }
  });

  it('/du-lieu/: the spreadsheets come first, machine files under a heading for developers', { timeout: TIMEOUT }, async () => {
    const page = await open(phone, '/du-lieu/');
    try {
      const headings = await page.locator('main h2').allInnerTexts();
      assert.equal(headings[0], 'Tải bảng tính (Excel)');
      assert.ok(headings.includes('Dành cho lập trình viên'), JSON.stringify(headings));
      for (const file of ['thu-tuc.xlsx', 'ket-qua.xlsx']) {
        const link = page.locator(`a[href$="/du-lieu/${file}"]`);
        assert.equal(await link.count(), 1, file);
        const response = await page.request.get(url(`/du-lieu/${file}`));
        assert.equal(response.status(), 200, file);
        assert.equal((await response.body()).subarray(0, 2).toString(), 'PK', `${file} is a zip (xlsx)`);
      }
    } finally {
      await page.close();
    }
  });

  it('printed, the results table has every column and unit on A4 and no scrollbar', { timeout: TIMEOUT }, async () => {
    const page = await open(phone, '/ket-qua/');
    try {
      const expected = await page.evaluate(() => ({
        headers: [...document.querySelectorAll('table.results thead th')].map((th) => th.textContent.trim()),
        units: [...document.querySelectorAll('table.results tbody th a')].map((a) => a.textContent.trim()),
      }));
      // A4 width less the 13 mm margins, at 96 px per inch.
      await page.setViewportSize({ width: Math.floor(((210 - 26) / 25.4) * 96), height: 1000 });
      await page.emulateMedia({ media: 'print' });
      const box = await page.evaluate(() => {
        const region = document.querySelector('.table-scroll');
        const table = region.querySelector('table');
        return { region: region.clientWidth, table: table.scrollWidth, overflow: getComputedStyle(region).overflowX };
      });
      assert.ok(box.table <= box.region + 1, `table ${box.table}px wide in ${box.region}px`);
      assert.equal(box.overflow, 'visible', 'no scrollbar on paper');
      const pdf = path.join(tmp, 'ket-qua.pdf');
      await page.pdf({ path: pdf, preferCSSPageSize: true });
      const { stdout: info } = await run('pdfinfo', [pdf]);
      const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
      assert.ok(Math.abs(w - 595) <= 1 && Math.abs(h - 842) <= 1, `page ${w} × ${h} pt`);
      const text = (await run('pdftotext', ['-raw', pdf, '-'])).stdout.replace(/\s+/g, '');
      const missing = [...expected.headers, ...expected.units].filter((s) => !text.includes(s.replace(/\s+/g, '')));
      assert.deepEqual(missing, [], 'printed text lacks');
      fs.copyFileSync(pdf, path.join(SCREENSHOT_DIR, 'citizen-ket-qua-print.pdf'));
    } finally {
      await page.close();
    }
  });
});
