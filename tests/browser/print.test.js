'use strict';
// Printing: Debian's Chromium `--headless --print-to-pdf` on notice boards and procedure sheets,
// read back with poppler (pdfinfo, pdftotext, pdftoppm) and zbarimg (zbar-tools):
//   - every board of the built site (SITE_DIR) is A4 and has every procedure of its unit, the
//     hotline and the officers; its QR codes decode to the unit page and the look-up address
//   - a commune's board prints how many procedures every commune shares and the address of
//     their shared board, which lists that many
//   - a procedure sheet is A4, has no menu, search box or footer links, and its QR code decodes
//     to the procedure's permanent link /tt/<code>/
//   - a site written here in a temporary folder (outside the project): a board of 120
//     procedures repeats its table header on every page and never splits a row; a short
//     procedure prints on exactly one page
// The PNG of every printed page is kept in tests/browser/print-screenshots/ for a human to look at.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFile, spawnSync } = require('node:child_process');
const { promisify } = require('node:util');

const { SITE_DIR, readSitemap, buildSite } = require('./lib/site.js');
const { startServer } = require('./lib/server.js');
const { launch, CHROMIUM } = require('./lib/browser.js');

const run = promisify(execFile);
const PNG_DIR = path.join(__dirname, 'print-screenshots');
const TIMEOUT = 120_000;
// A4 in PostScript points; Chromium writes 594.96 × 841.92.
const A4 = { width: 595, height: 842 };

for (const tool of ['pdfinfo', 'pdftotext', 'pdftoppm', 'zbarimg']) {
  if (spawnSync(tool, ['-v'], { stdio: 'ignore' }).error) {
    throw new Error(`${tool} not found: apt-get install poppler-utils zbar-tools`);
  }
}

/** Prints `url` to `pdf` with Chromium's own print path (CSS @page decides the paper). */
async function printToPdf(url, pdf) {
  await run(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      url,
    ],
    { timeout: 60_000 },
  );
  assert.ok(fs.existsSync(pdf), `Chromium wrote no ${pdf}`);
}

async function pdfInfo(pdf) {
  const { stdout } = await run('pdfinfo', [pdf]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)[1]);
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(stdout);
  return { pages, width: Number(w), height: Number(h) };
}

async function pdfText(pdf, page) {
  // -raw: in drawing order, so the lines of one table cell stay together.
  const args = ['-raw', ...(page ? ['-f', String(page), '-l', String(page)] : []), pdf, '-'];
  return (await run('pdftotext', args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** Renders every page at 150 dpi (kept for a human to look at) and decodes the QR codes on them. */
async function qrTexts(pdf, name) {
  fs.mkdirSync(PNG_DIR, { recursive: true });
  for (const old of fs.readdirSync(PNG_DIR).filter((f) => f.startsWith(`${name}-`))) {
    fs.rmSync(path.join(PNG_DIR, old));
  }
  await run('pdftoppm', ['-r', '150', '-png', pdf, path.join(PNG_DIR, name)]);
  const pngs = fs.readdirSync(PNG_DIR).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
  const found = [];
  for (const png of pngs) {
    // zbarimg exits 4 when an image has no code at all.
    const r = spawnSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', path.join(PNG_DIR, png)], {
      encoding: 'utf8',
    });
    found.push(...r.stdout.split('\n').filter(Boolean));
  }
  return found;
}

/** Line breaks inside table cells and wrapped lines must not matter. */
const squash = (s) => s.replace(/\s+/g, '');

function assertA4(info, what) {
  assert.ok(
    Math.abs(info.width - A4.width) <= 1 && Math.abs(info.height - A4.height) <= 1,
    `${what}: page is ${info.width} × ${info.height} pt, not A4 (${A4.width} × ${A4.height})`,
  );
}

function assertHasAll(text, needles, what) {
  const flat = squash(text);
  const missing = needles.filter((n) => !flat.includes(squash(n)));
  assert.deepEqual(missing, [], `${what}: missing from the printed text`);
}

let tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'congkhai-print-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// ------------------------------------------------------------ the built site
describe(`printing the built site in ${SITE_DIR}`, () => {
  let sitemap;
  let server;
  let browser;
  let context;
  before(async () => {
    sitemap = readSitemap(SITE_DIR);
    server = await startServer(SITE_DIR, sitemap.basePath);
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) =>
      new URL(route.request().url()).host === server.host ? route.continue() : route.abort(),
    );
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const url = (p) => server.origin + sitemap.basePath + p.slice(1);
  const baseUrl = () => {
    const xml = fs.readFileSync(path.join(SITE_DIR, 'sitemap.xml'), 'utf8');
    return /<loc>([^<]*?)\/<\/loc>/.exec(xml)[1].replace(/\/$/, '');
  };

  /** What the unit page (screen) says the board must carry. */
  async function unitFacts(unitPath) {
    const page = await context.newPage();
    try {
      await page.goto(url(unitPath));
      return await page.evaluate(() => ({
        procedures: [...document.querySelectorAll('main section[aria-labelledby="h-thu-tuc"] ul.procedures > li > a')].map((a) => a.textContent.trim()),
        officers: [...document.querySelectorAll('main ul.officers li')].map((li) => li.textContent.trim()),
        hotline: document.querySelector('main a.tel')?.textContent.trim(),
        lookup: document.querySelector('main .lookup form')?.getAttribute('action') || null,
      }));
    } finally {
      await page.close();
    }
  }

  it('the board list /niem-yet/ is in the sitemap with every unit board', () => {
    assert.ok(sitemap.paths.includes('/niem-yet/'));
    const boards = sitemap.paths.filter((p) => /^\/don-vi\/[^/]+\/niem-yet\/$/.test(p));
    const units = sitemap.paths.filter((p) => /^\/don-vi\/[^/]+\/$/.test(p));
    assert.equal(boards.length, units.length, 'one board per unit');
  });

  it('every board prints on A4 with every procedure, the hotline, the officers and QR codes that decode', { timeout: 600_000 }, async () => {
    const boards = sitemap.paths.filter((p) => /^\/don-vi\/[^/]+\/niem-yet\/$/.test(p));
    assert.ok(boards.length > 0, 'no boards in the sitemap');
    const seen = [];
    for (const board of boards) {
      const unitPath = board.replace(/niem-yet\/$/, '');
      const facts = await unitFacts(unitPath);
      const id = unitPath.split('/')[2];
      const pdf = path.join(tmp, `board-${id}.pdf`);
      await printToPdf(url(board), pdf);
      const info = await pdfInfo(pdf);
      assertA4(info, board);
      const text = await pdfText(pdf);
      const needles = [...facts.procedures, ...facts.officers];
      if (facts.hotline) needles.push(facts.hotline);
      assertHasAll(text, needles, board);
      if (facts.procedures.length) assert.match(text, /Cập nhật ngày \d\d\/\d\d\/\d{4}/, `${board}: no update date`);
      const codes = await qrTexts(pdf, `board-${id}`);
      const expected = [`${baseUrl()}${unitPath}`];
      if (facts.lookup) expected.push(facts.lookup);
      for (const e of expected) assert.ok(codes.includes(e), `${board}: QR codes decode to ${JSON.stringify(codes)}, expected ${e}`);
      seen.push(`${board}: ${info.pages} page(s), ${facts.procedures.length} procedures, QR ${codes.join(' | ')}`);
    }
    console.log(seen.join('\n'));
  });

  it('a commune board prints how many shared procedures apply and the address of the shared board, which lists them', { timeout: TIMEOUT }, async () => {
    const html = (p) => fs.readFileSync(path.join(SITE_DIR, ...p.split('/').filter(Boolean), 'index.html'), 'utf8');
    const boards = sitemap.paths.filter((p) => /^\/don-vi\/[^/]+\/niem-yet\/$/.test(p));
    const board = boards.find((p) => html(p).includes('class="board-shared"'));
    if (!board) {
      // A site where no procedure is done by every unit of a kind has no shared board.
      assert.ok(!sitemap.paths.some((p) => p.includes('/moi-')), 'a group page but no board points to it');
      return;
    }
    const [, count, name, address] = /<strong>([\d.]+) thủ tục chung của ([^<]+)<\/strong>.*?<span class="url">([^<]+)<\/span>/s.exec(html(board));
    const pdf = path.join(tmp, 'commune-board.pdf');
    await printToPdf(url(board), pdf);
    assertA4(await pdfInfo(pdf), board);
    assertHasAll(await pdfText(pdf), [`${count} thủ tục chung của ${name}`, address], board);
    const sharedPath = address.slice(baseUrl().length);
    assert.ok(sitemap.paths.includes(sharedPath), `${sharedPath} is not in the sitemap`);
    const rows = (html(sharedPath).match(/<th scope="row">/g) || []).length;
    assert.equal(rows.toLocaleString('vi-VN'), count, `${sharedPath} lists ${rows} procedures, the board says ${count}`);
    console.log(`${board}: prints "${count} thủ tục chung của ${name}" and ${address}`);
  });

  it('board text is at least 11 pt in print', { timeout: TIMEOUT }, async () => {
    const board = sitemap.paths.find((p) => /^\/don-vi\/[^/]+\/niem-yet\/$/.test(p));
    const page = await context.newPage();
    try {
      await page.emulateMedia({ media: 'print' });
      await page.goto(url(board));
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('.board *')]
          .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
          .filter((el) => el.getClientRects().length > 0)
          .map((el) => ({ text: el.textContent.trim().slice(0, 40), px: parseFloat(getComputedStyle(el).fontSize) }))
          .filter((x) => x.px < (11 * 96) / 72 - 0.01),
      );
      assert.deepEqual(small, [], `${board}: text smaller than 11 pt in print`);
    } finally {
      await page.close();
    }
  });

  it('a procedure sheet prints on A4 without menu, search or footer, with a QR code to /tt/<code>/', { timeout: TIMEOUT }, async () => {
    const procedure = sitemap.paths.find((p) => /^\/thu-tuc\/(?!a-z\/)[^/]+\/$/.test(p));
    const page = await context.newPage();
    let facts;
    try {
      await page.goto(url(procedure));
      facts = await page.evaluate(() => ({
        code: document.querySelector('.meta strong').textContent.trim(),
        papers: [...document.querySelectorAll('table.papers tbody th')].map((th) => th.textContent.trim()),
        steps: [...document.querySelectorAll('ol.steps li')].map((li) => li.textContent.trim()),
        hotline: document.querySelector('main .facts a.tel')?.textContent.trim(),
        menu: [...document.querySelectorAll('header nav a')].map((a) => a.textContent.trim()),
      }));
      // In print, nothing to click or type into is visible.
      await page.emulateMedia({ media: 'print' });
      const visible = await page.evaluate(() =>
        [...document.querySelectorAll('nav, form, input, button, .site-footer, .skip, .search')]
          .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(visible, [], `${procedure}: visible in print`);
    } finally {
      await page.close();
    }
    const pdf = path.join(tmp, 'procedure.pdf');
    await printToPdf(url(procedure), pdf);
    const info = await pdfInfo(pdf);
    assertA4(info, procedure);
    const text = await pdfText(pdf);
    assertHasAll(text, [...facts.papers, ...facts.steps, facts.hotline, facts.code].filter(Boolean), procedure);
    for (const item of facts.menu) {
      assert.ok(!text.split('\n').some((line) => line.trim() === item), `${procedure}: menu item "${item}" printed`);
    }
    assert.ok(!text.includes('Bỏ qua, đến nội dung chính'), 'skip link printed');
    assert.ok(!text.includes('Tra cứu hồ sơ'), 'look-up form printed');
    const codes = await qrTexts(pdf, 'procedure');
    assert.deepEqual(codes, [`${baseUrl()}/tt/${facts.code}/`], `${procedure}: QR codes`);
    console.log(`${procedure}: ${info.pages} page(s), QR ${codes.join(' | ')}`);
  });

  // A short procedure: at most 6 papers, 4 steps and SHORT_WORDS words on its screen page.
  const SHORT_WORDS = 1200;
  it('every short procedure (≤ 6 papers, ≤ 4 steps) prints on one A4 sheet', { timeout: 900_000 }, async () => {
    const procedures = sitemap.paths.filter((p) => /^\/thu-tuc\/(?!a-z\/)[^/]+\/$/.test(p));
    assert.ok(procedures.length > 0, 'no procedure pages in the sitemap');
    const page = await context.newPage();
    const counts = [];
    try {
      for (const procedure of procedures) {
        await page.emulateMedia({ media: 'screen' });
        await page.goto(url(procedure));
        const size = await page.evaluate(() => ({
          papers: document.querySelectorAll('table.papers tbody tr').length,
          steps: document.querySelectorAll('ol.steps > li').length,
          // Real records hold a short list of papers with pages of conditions: count the words too.
          words: document.querySelector('main').innerText.split(/\s+/).length,
        }));
        await page.emulateMedia({ media: 'print' });
        const pdf = path.join(tmp, 'sheet.pdf');
        // Playwright's page.pdf is Chromium's own print path, without a new browser per sheet.
        await page.pdf({ path: pdf, preferCSSPageSize: true });
        const info = await pdfInfo(pdf);
        assertA4(info, procedure);
        counts.push({ procedure, ...size, pages: info.pages });
      }
    } finally {
      await page.close();
    }
    const short = counts.filter((c) => c.papers <= 6 && c.steps <= 4 && c.words <= SHORT_WORDS);
    const long = short.filter((c) => c.pages > 1);
    console.log(
      `procedure sheets: ${counts.length}, short ${short.length}, on one page ${short.length - long.length}; ` +
        `pages: ${counts.map((c) => c.pages).join(' ')}; words: ${counts.map((c) => c.words).join(' ')}`,
    );
    assert.deepEqual(long, [], 'short procedures printed on more than one page');
  });
});

// ------------------------------------- a site written outside the project
describe('a site written in a temporary folder: long board, short procedure', () => {
  const BASE = 'https://xa-thu.example.gov.vn';
  const FIELDS = ['Hộ tịch', 'Chứng thực', 'Đất đai', 'Xây dựng', 'Bảo trợ xã hội', 'Văn hóa'];
  const COUNT = 120;
  let site;
  let out;
  let server;
  const pad = (n) => String(n).padStart(3, '0');
  const nameOf = (i) => `Thủ tục thử số ${pad(i)} về ${FIELDS[i % FIELDS.length].toLowerCase()} của xã`;
  const codeOf = (i) => `9.${String(100000 + i)}`;

  before(async () => {
    site = path.join(tmp, 'site');
    out = path.join(tmp, 'site-out');
    fs.mkdirSync(path.join(site, 'content'), { recursive: true });
    fs.mkdirSync(path.join(site, 'procedures'), { recursive: true });
    fs.writeFileSync(
      path.join(site, 'content', 'site.yaml'),
      `title: "Cổng thử in bảng niêm yết"\nbase_url: "${BASE}"\nhotline: "0212 3999 000"\n` +
        `lookup_url: "https://motcua.example.gov.vn/tra-cuu?ma={ma}"\n`,
    );
    fs.writeFileSync(
      path.join(site, 'content', 'units.yaml'),
      `- id: xa-thu\n  name: "UBND xã Thử"\n  kind: commune\n  address: "Thôn 2, xã Thử"\n` +
        `  hotline: "0212 3999 111"\n  hours: "Thứ Hai – Thứ Sáu: 7h00–11h30, 13h30–17h00"\n` +
        `  feedback: "Văn phòng UBND xã Thử"\n  reception:\n` +
        `    - name: "Lò Thị Tươi"\n      title: "Công chức Văn phòng – Thống kê"\n` +
        `    - name: "Hà Văn Sơn"\n      title: "Công chức Tư pháp – Hộ tịch"\n` +
        `- id: xa-nho\n  name: "UBND xã Nhỏ"\n  kind: other\n  address: "Thôn 1, xã Nhỏ"\n`,
    );
    for (let i = 1; i <= COUNT; i++) {
      fs.writeFileSync(
        path.join(site, 'procedures', `tt-${pad(i)}.yaml`),
        [
          `code: "${codeOf(i)}"`,
          `name: "${nameOf(i)}"`,
          `field: "${FIELDS[i % FIELDS.length]}"`,
          'level: commune',
          'unit: xa-thu',
          'online: ' + ['none', 'partial', 'full'][i % 3],
          'time:',
          `  statutory: "${(i % 10) + 3} ngày làm việc"`,
          i % 2 ? '  cut: "2 ngày làm việc"' : '',
          'fees:',
          `  - name: "Lệ phí"\n    amount: ${(i % 4) * 10000}`,
          'papers:',
          '  - name: "Tờ khai theo mẫu"\n    originals: 1',
          'steps:',
          '  - "Nộp hồ sơ tại Bộ phận Một cửa."',
          `updated: 2026-0${(i % 9) + 1}-1${i % 10}`,
          '',
        ].join('\n'),
      );
    }
    // One short procedure of another unit: one sheet of paper.
    fs.writeFileSync(
      path.join(site, 'procedures', 'ngan.yaml'),
      [
        'code: "9.000001"',
        'name: "Xác nhận thông tin cư trú"',
        'field: "Hộ tịch"',
        'level: commune',
        'unit: xa-nho',
        'online: full',
        'time:\n  statutory: "3 ngày làm việc"\n  cut: "trong ngày"',
        'fees:\n  - name: "Lệ phí"\n    amount: 0',
        'papers:\n  - name: "Tờ khai xác nhận thông tin cư trú"\n    originals: 1\n  - name: "Giấy ủy quyền (nếu nhờ người khác nộp)"\n    originals: 1',
        'steps:\n  - "Nộp tờ khai tại Bộ phận Một cửa hoặc trên Cổng Dịch vụ công."\n  - "Nhận kết quả trong ngày."',
        'updated: 2026-05-04',
        '',
      ].join('\n'),
    );
    buildSite(site, out);
    server = await startServer(out, '/');
  });
  after(async () => {
    await server?.close();
  });

  it(`a board of ${COUNT} procedures continues on further pages with the table header and whole rows`, { timeout: TIMEOUT }, async () => {
    const pdf = path.join(tmp, 'long-board.pdf');
    await printToPdf(`${server.origin}/don-vi/xa-thu/niem-yet/`, pdf);
    const info = await pdfInfo(pdf);
    assertA4(info, 'long board');
    assert.ok(info.pages >= 3 && info.pages <= 8, `long board: ${info.pages} pages`);
    const pages = [];
    for (let p = 1; p <= info.pages; p++) pages.push(squash(await pdfText(pdf, p)));
    pages.forEach((text, i) => {
      for (const header of ['Tênthủtục', 'Mãthủtục', 'Thờihạntheoquyđịnh', 'Phí,lệphí', 'Nộptrựctuyến']) {
        assert.ok(text.includes(header), `page ${i + 1} lacks the table header "${header}"`);
      }
    });
    // Every procedure whole on one page: its name and code on the same page.
    for (let i = 1; i <= COUNT; i++) {
      const name = squash(nameOf(i));
      const page = pages.findIndex((t) => t.includes(name));
      assert.ok(page >= 0, `procedure ${i} (${nameOf(i)}) is not printed whole on any page`);
      assert.ok(pages[page].includes(codeOf(i)), `procedure ${i}: name on page ${page + 1}, code elsewhere`);
    }
    const all = pages.join('');
    for (const t of ['0212 3999 111', 'Lò Thị Tươi', 'Công chức Tư pháp – Hộ tịch', 'Cập nhật ngày 19/09/2026']) {
      assert.ok(all.includes(squash(t)), `long board lacks ${t}`);
    }
    const codes = await qrTexts(pdf, 'long-board');
    assert.ok(codes.includes(`${BASE}/don-vi/xa-thu/`), `QR codes: ${JSON.stringify(codes)}`);
    assert.ok(codes.includes('https://motcua.example.gov.vn/tra-cuu'), `QR codes: ${JSON.stringify(codes)}`);
    console.log(`long board: ${info.pages} pages, QR ${codes.join(' | ')}`);
  });

  it('a short procedure prints on exactly one A4 page with its QR code', { timeout: TIMEOUT }, async () => {
    const pdf = path.join(tmp, 'short.pdf');
    await printToPdf(`${server.origin}/thu-tuc/xac-nhan-thong-tin-cu-tru/`, pdf);
    const info = await pdfInfo(pdf);
    assertA4(info, 'short procedure');
    assert.equal(info.pages, 1, 'short procedure: pages');
    const text = await pdfText(pdf);
    assertHasAll(text, ['Tờ khai xác nhận thông tin cư trú', 'Nhận kết quả trong ngày.', '0212 3999 000', 'Miễn phí'], 'short procedure');
    const codes = await qrTexts(pdf, 'short-procedure');
    assert.deepEqual(codes, [`${BASE}/tt/9.000001/`]);
    console.log(`short procedure: ${info.pages} page, QR ${codes.join(' | ')}`);
  });

  it('a small board fits on one page', { timeout: TIMEOUT }, async () => {
    const pdf = path.join(tmp, 'small-board.pdf');
    await printToPdf(`${server.origin}/don-vi/xa-nho/niem-yet/`, pdf);
    const info = await pdfInfo(pdf);
    assertA4(info, 'small board');
    assert.equal(info.pages, 1);
    assertHasAll(await pdfText(pdf), ['Xác nhận thông tin cư trú', '9.000001', 'Cập nhật ngày 04/05/2026'], 'small board');
  });
});
