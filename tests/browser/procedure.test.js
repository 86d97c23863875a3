'use strict';
// A procedure page with cases (real records of the national portal, tests/sites/v3-real) on a
// 360 px phone with JavaScript off, and printed:
//   - nothing wider than the screen; the key facts give each case's time and fee, each linking
//     to the case's own section (#truong-hop-N), which holds that case's papers
//   - axe-core finds nothing (WCAG 2.1 A/AA and best practices)
//   - the printed sheet is A4 and carries every case heading, its papers and its time
// The screenshot is kept in tests/browser/screenshots/ for a human to look at.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const axe = require('axe-core');

const { startServer } = require('./lib/server.js');
const { launch } = require('./lib/browser.js');
const { buildSite } = require('./lib/site.js');

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const SHOTS = path.join(__dirname, 'screenshots');
const TIMEOUT = 120_000;
const CASES = ['Đối với nhà ở riêng lẻ tại đô thị', 'Đối với công trình', 'Đối với trường hợp sửa chữa, cải tạo'];

describe('a procedure with cases (1.009122) at 360 px and in print', () => {
  let tmp;
  let server;
  let browser;
  let pagePath;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'congkhai-cases-'));
    const out = path.join(tmp, 'out');
    buildSite(path.join(ROOT, 'tests', 'sites', 'v3-real'), out);
    const permalink = fs.readFileSync(path.join(out, 'tt', '1.009122', 'index.html'), 'utf8');
    pagePath = /\/thu-tuc\/[^/"' ]+\//.exec(permalink)[0];
    server = await startServer(out, '/');
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reads at 360 px without JavaScript: each case in the key facts links to its papers', { timeout: TIMEOUT }, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(server.origin + pagePath);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `page is ${width} px wide at 360 px`);
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, 'procedure-cases-360.png'), fullPage: true });
      const facts = await page.locator('.facts').innerText();
      for (const name of CASES) assert.ok(facts.includes(name), `key facts lack case "${name}"`);
      assert.match(facts, /10–15 ngày/);
      assert.match(facts, /50\.000 đ/);
      assert.match(facts, /100\.000 đ/);
      // Following the second case's link lands on its section, with its own papers.
      await page.locator('.facts a[href="#truong-hop-2"]').first().click();
      assert.ok(page.url().endsWith('#truong-hop-2'));
      const section = page.locator('#truong-hop-2');
      assert.ok(await section.isVisible());
      const text = await section.innerText();
      assert.match(text, /Trường hợp 2: Đối với công trình/);
      assert.match(text, /Bản vẽ các mặt bằng, các mặt đứng và mặt cắt chủ yếu/);
      assert.ok(!text.includes('bản vẽ hiện trạng'), "case 3's paper inside case 2");
      const top = await section.evaluate((el) => el.getBoundingClientRect().top);
      assert.ok(top >= -2 && top < 200, `#truong-hop-2 is not scrolled into view (top ${top})`);
    } finally {
      await context.close();
    }
  });

  it('axe-core finds no violation on the page with cases', { timeout: TIMEOUT }, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    try {
      await page.goto(server.origin + pagePath);
      await page.evaluate(axe.source);
      const violations = await page.evaluate(() =>
        window.axe
          .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
          .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)),
      );
      assert.deepEqual(violations, []);
    } finally {
      await context.close();
    }
  });

  it('prints on A4 with every case heading, its papers and its time', { timeout: TIMEOUT }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const pdf = path.join(tmp, 'cases.pdf');
    try {
      await page.goto(server.origin + pagePath);
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: pdf, preferCSSPageSize: true });
    } finally {
      await context.close();
    }
    const { stdout: info } = await run('pdfinfo', [pdf]);
    const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
    assert.ok(Math.abs(Number(w) - 595) <= 1 && Math.abs(Number(h) - 842) <= 1, `page is ${w} × ${h} pt, not A4`);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
    const text = (await run('pdftotext', ['-raw', pdf, '-'])).stdout.replace(/\s+/g, ' ');
    let at = 0;
    for (const [i, name] of CASES.entries()) {
      const heading = `Trường hợp ${i + 1}: ${name}`;
      const found = text.indexOf(heading, at);
      assert.ok(found >= 0, `printed sheet lacks "${heading}" after the previous case`);
      at = found + heading.length;
    }
    for (const needle of ['10 ngày', '15 ngày', '50.000 đ', '100.000 đ', 'mỗi bộ gồm', 'Đơn đề nghị cấp giấy phép xây dựng có thời hạn']) {
      assert.ok(text.includes(needle), `printed sheet lacks "${needle}"`);
    }
    console.log(`procedure with 3 cases: ${pages} printed page(s)`);
  });
});
