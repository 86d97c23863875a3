'use strict';
// Browser tests of a BUILT congkhai site (env SITE_DIR, default ../../public):
//   - axe-core (WCAG 2.1 A/AA + best practices) on every page of the sitemap and 404.html
//   - full-page screenshots of each kind of page at 360 and 1280 px wide
//   - no horizontal scroll at 360 px
//   - with JavaScript disabled, each kind of page still has its h1 and content
//   - no request leaves the local server; every local resource loads; no JS errors
// Run: SITE_DIR=/path/to/site node --test   (from tests/browser)

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const axe = require('axe-core');
const { SITE_DIR, SCREENSHOT_DIR, readSitemap, pickKinds } = require('./lib/site.js');
const { startServer } = require('./lib/server.js');
const { launch, Recorder } = require('./lib/browser.js');

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const AXE_CONCURRENCY = Math.max(1, Number(process.env.AXE_CONCURRENCY) || 2);
const WIDTHS = [
  { width: 360, height: 800, mobile: true },
  { width: 1280, height: 900, mobile: false },
];
const TIMEOUT = 90_000;

let sitemap;
let sitemapError;
try {
  sitemap = readSitemap(SITE_DIR);
} catch (err) {
  sitemapError = err;
}

function clip(s, n = 300) {
  s = String(s).replace(/\s+/g, ' ').trim();
  return s.length > n ? s.slice(0, n) + '…' : s;
}

function formatViolations(pagePath, violations) {
  const lines = [`${pagePath}: ${violations.length} axe violation(s)`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help}  (${v.nodes.length} element(s))`);
    lines.push(`    ${v.helpUrl}`);
    for (const node of v.nodes.slice(0, 3)) {
      lines.push(`    - at ${node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ')}`);
      lines.push(`      ${clip(node.html, 200)}`);
      if (node.failureSummary) {
        lines.push(`      ${clip(node.failureSummary.replace(/\n\s*/g, ' / '), 300)}`);
      }
    }
    if (v.nodes.length > 3) lines.push(`    … and ${v.nodes.length - 3} more element(s)`);
  }
  return lines.join('\n');
}

describe(`built site in ${SITE_DIR}`, () => {
  if (sitemapError) {
    it('has a sitemap.xml listing its pages', () => {
      throw sitemapError;
    });
    return;
  }

  const pages = [...new Set([...sitemap.paths, '/404.html'])];
  const kinds = pickKinds(sitemap.paths);
  let server;
  let browser;
  let rec;
  // 404.html is seen the way visitors see it: served for a missing address,
  // two folders deep, with status 404 (so its links must not be relative).
  const MISSING = '/khong-co-trang-nay/kiem-thu/';
  const url = (p) => server.origin + sitemap.basePath + (p === '/404.html' ? MISSING : p).slice(1);
  const expectedStatus = (p) => (p === '/404.html' ? 404 : 200);

  before(async () => {
    server = await startServer(SITE_DIR, sitemap.basePath);
    rec = new Recorder(server.host);
    browser = await launch();
    fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Open `p` in a fresh page of `context`; asserts the HTTP status. */
  async function open(context, p, label = '') {
    const { page, where } = await rec.newPage(context);
    where.path = p === '/404.html' ? `/404.html (at ${MISSING})` : p;
    where.label = label;
    where.expectStatus = expectedStatus(p);
    const res = await page.goto(url(p), { waitUntil: 'load' });
    assert.ok(res, `${p}: no response`);
    assert.equal(res.status(), expectedStatus(p), `${p}: HTTP status ${res.status()}`);
    return page;
  }

  // ---------------------------------------------------------------- axe-core
  const axeResults = []; // { path, violations }
  describe(`axe-core ${axe.version} (${AXE_TAGS.join(', ')}) on ${pages.length} pages`, { concurrency: AXE_CONCURRENCY }, () => {
    let context;
    before(async () => {
      context = await rec.newContext(browser, { viewport: { width: 1280, height: 900 } });
    });
    after(async () => {
      await context?.close();
    });

    for (const p of pages) {
      it(`axe ${p}`, { timeout: TIMEOUT }, async () => {
        const page = await open(context, p, ' (axe)');
        try {
          await page.evaluate(axe.source);
          const result = await page.evaluate(
            (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
            AXE_TAGS,
          );
          axeResults.push({ path: p, violations: result.violations });
          assert.equal(result.violations.length, 0, formatViolations(p, result.violations));
        } finally {
          await page.close();
        }
      });
    }
  });

  describe('axe-core summary', () => {
    it(`no axe violations on any of the ${pages.length} pages`, () => {
      const byRule = new Map();
      for (const { path: p, violations } of axeResults) {
        for (const v of violations) {
          const r = byRule.get(v.id) || { v, pages: [], elements: 0 };
          r.pages.push(p);
          r.elements += v.nodes.length;
          byRule.set(v.id, r);
        }
      }
      const checked = axeResults.length;
      const lines = [`${checked}/${pages.length} pages checked; ${byRule.size} rule(s) violated:`];
      for (const [id, r] of [...byRule].sort((a, b) => b[1].pages.length - a[1].pages.length)) {
        lines.push(`  [${r.v.impact}] ${id}: ${r.v.help} — ${r.elements} element(s) on ${r.pages.length} page(s)`);
        lines.push(`    e.g. ${r.pages.slice(0, 5).join(', ')}${r.pages.length > 5 ? ', …' : ''}`);
        lines.push(`    first: ${r.v.nodes[0].target.join(' | ')}  ${clip(r.v.nodes[0].html, 160)}`);
      }
      assert.equal(checked, pages.length, `only ${checked} of ${pages.length} pages were checked by axe`);
      assert.equal(byRule.size, 0, lines.join('\n'));
    });
  });

  // ------------------------------------------------- layout and screenshots
  for (const { width, height, mobile } of WIDTHS) {
    describe(`each kind of page at ${width}×${height}: full-page screenshot${width === 360 ? ', no horizontal scroll' : ''}`, () => {
      let context;
      before(async () => {
        context = await rec.newContext(browser, {
          viewport: { width, height },
          isMobile: mobile,
          hasTouch: mobile,
          deviceScaleFactor: 1,
        });
      });
      after(async () => {
        await context?.close();
      });

      for (const k of kinds) {
        it(`${k.kind} ${k.path || '(none)'} at ${width}px`, { timeout: TIMEOUT }, async (t) => {
          if (!k.path) {
            if (!k.required) return t.skip(`the sitemap has no page of kind "${k.kind}"`);
            assert.fail(`the sitemap has no page of kind "${k.kind}"`);
          }
          const page = await open(context, k.path, ` (${width}px)`);
          try {
            await page.evaluate(() => document.fonts && document.fonts.ready.then(() => true));
            const file = path.join(SCREENSHOT_DIR, `${k.kind}-${width}.png`);
            await page.screenshot({ path: file, fullPage: true });
            assert.ok(fs.statSync(file).size > 0, `empty screenshot ${file}`);
            if (width !== 360) return;
            const m = await page.evaluate(measureOverflow, width);
            assert.ok(
              m.scrollWidth <= width + 1,
              `${k.path}: horizontal scroll at ${width}px: document is ${m.scrollWidth}px wide.\n` +
                (m.sticking.length ? `  elements reaching past the right edge:\n${m.sticking.map((s) => `    ${s}`).join('\n')}\n` : '') +
                (m.wide.length ? `  elements whose content is wider than themselves:\n${m.wide.map((s) => `    ${s}`).join('\n')}\n` : '') +
                `  screenshot: ${file}`,
            );
          } finally {
            await page.close();
          }
        });
      }
    });
  }

  // ------------------------------------------------------ without JavaScript
  describe('each kind of page with JavaScript disabled', () => {
    let context;
    before(async () => {
      context = await rec.newContext(browser, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    });
    after(async () => {
      await context?.close();
    });

    for (const k of kinds) {
      it(`${k.kind} ${k.path || '(none)'} without JavaScript: h1 and main content${k.procedure ? ', papers table' : ''}`, { timeout: TIMEOUT }, async (t) => {
        if (!k.path) {
          if (!k.required) return t.skip(`the sitemap has no page of kind "${k.kind}"`);
          assert.fail(`the sitemap has no page of kind "${k.kind}"`);
        }
        const page = await open(context, k.path, ' (no JS)');
        try {
          const h1 = page.locator('h1');
          assert.ok((await h1.count()) >= 1, `${k.path}: no <h1> without JavaScript`);
          const h1Text = (await h1.first().innerText()).trim();
          assert.ok(h1Text.length > 0, `${k.path}: the <h1> is empty without JavaScript`);
          const main = page.locator('main');
          assert.equal(await main.count(), 1, `${k.path}: expected exactly one <main>, found ${await main.count()}`);
          assert.ok(await main.isVisible(), `${k.path}: <main> is not visible without JavaScript`);
          const mainText = (await main.innerText()).trim();
          assert.ok(
            mainText.length > h1Text.length,
            `${k.path}: <main> has no content besides its heading without JavaScript: ${JSON.stringify(clip(mainText, 200))}`,
          );
          if (k.procedure) {
            const tables = await main.locator('table').evaluateAll(describeTables);
            const papers = tables.find((tb) => tb.visible && tb.rows > 0 && /hồ sơ|giấy tờ|papers/i.test(tb.label));
            assert.ok(
              papers,
              `${k.path}: no visible papers table (a <table> with rows, labelled "Thành phần hồ sơ"/"giấy tờ" by its caption, ` +
                `aria-label(ledby), or the heading before it) without JavaScript. Tables found: ${JSON.stringify(tables)}`,
            );
          }
        } finally {
          await page.close();
        }
      });
    }
  });

  // ---------------------------------------------------------------- requests
  describe('requests made by all the tests above', () => {
    it('no request leaves the site (all go to the local server; data: URLs allowed)', () => {
      assert.ok(rec.all.length > 0, 'no request was recorded at all');
      const uniq = new Map();
      for (const r of rec.foreign) if (!uniq.has(r.url)) uniq.set(r.url, r);
      assert.equal(
        uniq.size,
        0,
        `${rec.foreign.length} request(s) to ${uniq.size} outside address(es) (only ${server.host} is allowed):\n` +
          [...uniq.values()].map((r) => `  ${r.type} ${clip(r.url, 200)}  (first on ${r.at})`).join('\n'),
      );
    });

    it('every local resource a page asks for exists', () => {
      const uniq = new Map();
      for (const r of rec.broken) if (!uniq.has(r.url)) uniq.set(r.url, r);
      assert.equal(
        uniq.size,
        0,
        `${uniq.size} local resource(s) failed to load:\n` +
          [...uniq.values()].map((r) => `  ${r.why}: ${clip(r.url, 200)}  (first on ${r.at})`).join('\n'),
      );
    });

    it('no JavaScript errors', () => {
      assert.equal(
        rec.errors.length,
        0,
        `${rec.errors.length} JavaScript error(s):\n` + rec.errors.slice(0, 30).map((e) => `  ${e.at}: ${clip(e.what, 300)}`).join('\n'),
      );
    });
  });
});

// ---------------------------------------------------- run inside the page
/* global document, window, getComputedStyle */

function measureOverflow(vw) {
  // vw is the layout width asked for: a mobile page zoomed out to fit wide
  // content has a larger window.innerWidth.
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).filter(Boolean) : [];
    if (cls.length) s += '.' + cls.slice(0, 3).join('.');
    const text = (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return text ? `${s} "${text}"` : s;
  };
  const sticking = [];
  const wide = [];
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const parent = el.parentElement;
    const pr = parent ? parent.getBoundingClientRect() : null;
    if (r.right > vw + 1 && (!pr || pr.right <= vw + 1)) {
      sticking.push(`${describe(el)}: right edge at ${Math.round(r.right)}px, ${Math.round(r.width)}px wide`);
    }
    const cs = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1 && cs.overflowX === 'visible' && el.clientWidth > 0 && r.right + (el.scrollWidth - el.clientWidth) > vw + 1) {
      wide.push(`${describe(el)}: content ${el.scrollWidth}px in a box of ${el.clientWidth}px`);
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    sticking: sticking.slice(0, 8),
    wide: wide.slice(-5),
  };
}

function describeTables(tables) {
  const textOf = (el) => (el ? (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim() : '');
  return tables.map((tb) => {
    const parts = [];
    parts.push(textOf(tb.querySelector('caption')));
    parts.push(tb.getAttribute('aria-label') || '');
    for (const id of (tb.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)) {
      parts.push(textOf(document.getElementById(id)));
    }
    // The nearest heading before the table in document order.
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(
      (h) => h.compareDocumentPosition(tb) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
    if (headings.length) parts.push(textOf(headings[headings.length - 1]));
    parts.push(tb.id || '', typeof tb.className === 'string' ? tb.className : '');
    const r = tb.getBoundingClientRect();
    return {
      label: parts.filter(Boolean).join(' / '),
      rows: [...tb.querySelectorAll('tr')].filter((tr) => tr.querySelector('td')).length, // data rows
      visible: r.width > 0 && r.height > 0 && getComputedStyle(tb).visibility !== 'hidden',
    };
  });
}
/* global Node */
