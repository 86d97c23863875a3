'use strict';
// Search on a BUILT site (env SITE_DIR), in headless Chromium at 360 px:
//   - unaccented, all-capital and abbreviated queries typed into the box find their procedure
//   - the combobox works with the keyboard (arrows, Enter, Escape) and announces the count
//   - /thu-tuc/?q=… runs the search on load
//   - no request leaves the local server
//   - with JavaScript off, submitting the form lands on /thu-tuc/, which says typing needs it
//   - a name saying a variant not asked for ("cấp đặc biệt", "cấp lại") gives way to the plain one
//   - filler words do not stop a search; a slip of the keyboard or of the ear is mended and
//     said; a query that matches nothing, or nothing closely, shows the nearest and says so
//   - every other page has a small search box in its header that leads to /thu-tuc/?q=…
// The expectations name procedures of the example site (the repository's root).

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { SITE_DIR, SCREENSHOT_DIR, readSitemap, buildSite } = require('./lib/site.js');
const { startServer } = require('./lib/server.js');
const { launch, Recorder } = require('./lib/browser.js');

const VIEWPORT = { width: 360, height: 800 };
const TIMEOUT = 60_000;

// query → a procedure that must be among the visible results.
const QUERIES = [
  ['dang ky khai sinh', 'Đăng ký khai sinh'],
  ['doi giay phep lai xe', 'Đổi giấy phép lái xe'],
  ['GPLX', 'Đổi giấy phép lái xe'],
  ['DOI BANG LAI', 'Đổi giấy phép lái xe'],
  ['Đăng ký khai sinh', 'Đăng ký khai sinh'],
  ['dang ky khai sinh cho be', 'Đăng ký khai sinh'],
  ['lam giay khai sinh o dau', 'Đăng ký khai sinh'],
  // A typed word that is a property every JavaScript object inherits is only a word.
  ['dang ky khai sinh constructor', 'Đăng ký khai sinh'],
];

// The names of the visible results.
async function results(page) {
  await page.waitForSelector('#q-ket-qua li[role="option"]', { state: 'visible', timeout: 10_000 });
  return page.$$eval('#q-ket-qua li[role="option"]', (items) =>
    items.filter((li) => li.offsetParent !== null).map((li) => li.querySelector('.r-name').textContent),
  );
}

// The visible results of a query searched with Enter on the list page, once found.
async function resultsFor(page, query) {
  await page.fill('#q', query);
  await page.press('#q', 'Enter');
  await page.waitForFunction((q) => document.querySelector('.search-results')?.dataset.query === q && /^Có/.test(document.querySelector('.search-status').textContent), query);
  return results(page);
}

// The first result of such a query.
async function firstFor(page, query) {
  return (await resultsFor(page, query))[0];
}

let sitemap;
try {
  sitemap = readSitemap(SITE_DIR);
} catch (err) {
  sitemap = { error: err };
}

describe(`search on ${SITE_DIR}`, { timeout: TIMEOUT * 4 }, () => {
  if (sitemap.error) {
    it('has a built site', () => {
      throw sitemap.error;
    });
    return;
  }
  let server;
  let browser;
  let rec;
  const url = (p) => server.origin + sitemap.basePath + p.slice(1);

  before(async () => {
    server = await startServer(SITE_DIR, sitemap.basePath);
    rec = new Recorder(server.host);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(p, options = {}) {
    const context = await rec.newContext(browser, { viewport: VIEWPORT, isMobile: true, hasTouch: true, ...options });
    const { page, where } = await rec.newPage(context);
    where.path = p;
    await page.goto(url(p), { waitUntil: 'load' });
    return { context, page };
  }

  for (const [query, expected] of QUERIES) {
    it(`typing "${query}" on the home page shows "${expected}"`, { timeout: TIMEOUT }, async () => {
      const { context, page } = await open('/');
      await page.click('#q');
      await page.keyboard.type(query, { delay: 30 });
      await page.waitForFunction(
        (want) => [...document.querySelectorAll('#q-ket-qua .r-name')].some((n) => n.textContent === want),
        expected,
        { timeout: 10_000 },
      );
      const names = await results(page);
      assert.ok(names.includes(expected), `"${query}" → ${JSON.stringify(names)}`);
      const status = await page.textContent('.search-status');
      assert.match(status, /^Có \d+ kết quả/);
      if (query.startsWith('dang ky khai sinh')) {
        assert.equal(names[0], expected, 'the procedure named exactly so comes first');
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'search-360.png'), fullPage: false });
      }
      await context.close();
    });
  }

  it('the combobox works with the keyboard', { timeout: TIMEOUT }, async () => {
    const { context, page } = await open('/thu-tuc/');
    const input = page.locator('#q');
    assert.equal(await input.getAttribute('role'), 'combobox');
    await input.focus();
    await page.keyboard.type('khai sinh', { delay: 20 });
    await results(page);
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('ArrowDown');
    const first = await input.getAttribute('aria-activedescendant');
    assert.ok(first, 'ArrowDown makes an option active');
    assert.equal(await page.getAttribute(`#${first}`, 'aria-selected'), 'true');
    await page.keyboard.press('ArrowDown');
    const second = await input.getAttribute('aria-activedescendant');
    assert.notEqual(second, first);
    await page.keyboard.press('ArrowUp');
    assert.equal(await input.getAttribute('aria-activedescendant'), first);
    // The address carries the query, so the search can be shared.
    assert.match(new URL(page.url()).search, /q=khai\+sinh/);
    await page.keyboard.press('Escape');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await input.getAttribute('aria-activedescendant'), null);
    await page.keyboard.press('ArrowDown');
    const target = await page.getAttribute(`#${await input.getAttribute('aria-activedescendant')}`, 'data-url');
    await Promise.all([page.waitForURL((u) => u.pathname === target), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('h1'), /khai sinh/i);
    await context.close();
  });

  it('/thu-tuc/?q=… runs the search on load, filters narrow it', { timeout: TIMEOUT }, async () => {
    const { context, page } = await open('/thu-tuc/?q=dang+ky');
    assert.equal(await page.inputValue('#q'), 'dang ky');
    const all = await page.waitForFunction(() => {
      const m = /^Có (\d+)/.exec(document.querySelector('.search-status')?.textContent || '');
      return m && Number(m[1]);
    });
    const count = await all.jsonValue();
    assert.ok(count > 1);
    await page.click('.search-filters summary');
    await page.waitForSelector('select[data-filter="field"] option:nth-child(2)', { state: 'attached' });
    await page.selectOption('select[data-filter="field"]', { label: 'Hộ tịch' });
    await page.waitForFunction(
      (before) => {
        const m = /^Có (\d+)/.exec(document.querySelector('.search-status')?.textContent || '');
        return m && Number(m[1]) < before;
      },
      count,
    );
    assert.match(new URL(page.url()).search, /linh-vuc=/);
    await context.close();
  });

  it('a slip of the keyboard is mended, and the status line says how it was read', { timeout: TIMEOUT }, async () => {
    const { context, page } = await open('/thu-tuc/');
    for (const [query, expected, said] of [
      ['dang ky khai sin cho be', 'Đăng ký khai sinh', '“sin” là “sinh”'],
      ['doi giay phep lia xe', 'Đổi giấy phép lái xe', '“lia” là “lai”'],
      // A slip that leaves another real word, which stands next to neither neighbour.
      ['cap gia phep xay dung', 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ', '“gia” là “giay”'],
      // Typed in Telex with the keyboard's Vietnamese input off.
      ['ddawng kys khai sinh', 'Đăng ký khai sinh', '“ddawng” là “dang”'],
      // Spelt by ear: a real word read otherwise to make an everyday phrase, its tone kept
      // ("nàm giấy khai sinh" as the North says it); a word no name holds, by its sound.
      ['nàm giấy khai sinh cho con', 'Đăng ký khai sinh', '“nàm” là “làm”'],
      ['giấy phép nái xe', 'Cấp giấy phép lái xe', '“nái” là “lái”'],
      // A real word the everyday list knows and no name here holds is no slip ("tuổi" is not
      // "thôi"), nor is it said to be.
      ['con mười bốn tuổi làm căn cước', 'Cấp đổi thẻ căn cước (thực hiện tại cấp tỉnh)', null],
      // A slip of an abbreviation only the everyday list holds: no name here says "gplx".
      ['doi gplc', 'Đổi giấy phép lái xe', '“gplc” là “gplx”'],
      // Two words run together, cut where they stand side by side in names.
      ['dangky khaisinh', 'Đăng ký khai sinh', '“dangky” là “dang ky”, “khaisinh” là “khai sinh”'],
      // … or an indexed word and an abbreviation only the everyday list holds, that make an
      // everyday phrase.
      ['doigplx', 'Đổi giấy phép lái xe', '“doigplx” là “doi gplx”'],
    ]) {
      await page.fill('#q', query);
      await page.press('#q', 'Enter');
      await page.waitForFunction((q) => document.querySelector('.search-results')?.dataset.query === q && /^(Có|Không có thủ tục nào khớp hẳn)/.test(document.querySelector('.search-status').textContent), query);
      assert.equal((await results(page))[0], expected, query);
      const status = await page.textContent('.search-status');
      assert.ok(said ? status.includes('Đã đọc ' + said) : !status.includes('Đã đọc'), status);
    }
    await context.close();
  });

  it('a name that says a variant the query did not ask for gives way to the plain one', { timeout: TIMEOUT }, async () => {
    const { context, page } = await open('/thu-tuc/');
    // Without the rule, the shorter "… cấp đặc biệt, cấp I, cấp II" comes first.
    for (const [query, expected] of [
      ['giay phep xay dung', 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ'],
      ['giay phep xay dung cap dac biet', 'Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II'],
    ]) {
      assert.equal(await firstFor(page, query), expected, query);
    }
    await context.close();
  });

  it('the paper one has copied or certified is not what is asked', { timeout: TIMEOUT }, async () => {
    const { context, page } = await open('/thu-tuc/');
    // Without the rule, "Đăng ký kết hôn" and "Đăng ký khai sinh" come first.
    const copy = 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận';
    for (const [query, expected] of [
      ['sao y giấy đăng ký kết hôn', copy],
      ['cong chung giay khai sinh o dau', copy],
      // A paper one writes and signs oneself is what is certified.
      ['chứng thực chữ ký giấy ủy quyền', 'Chứng thực chữ ký trong giấy tờ, văn bản (áp dụng cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu không thể ký, không thể điểm chỉ được)'],
    ]) {
      assert.equal(await firstFor(page, query), expected, query);
    }
    await context.close();
  });

  it('what a kinsman who died left is inherited, not a death to register', { timeout: TIMEOUT }, async () => {
    const { context, page } = await open('/thu-tuc/');
    // Without the rule, "Đăng ký khai tử" or "Đăng ký lại khai tử" comes first.
    for (const query of [
      'ba mat de lai dat, anh em muon dung ten',
      'ông bà mất để lại đất, con cháu muốn đứng tên',
      'me chet de lai can nha, cac con muon dung ten',
    ]) {
      assert.match(await firstFor(page, query), /^Đăng ký biến động quyền sử dụng đất/, query);
    }
    await context.close();
  });

  it('a query that matches nothing says so and offers the nearest procedures', { timeout: TIMEOUT }, async () => {
    const { context, page } = await open('/thu-tuc/');
    await page.fill('#q', 'khai sinnh');
    await page.press('#q', 'Enter');
    await page.waitForFunction(() => /^(Có|Không)/.test(document.querySelector('.search-status')?.textContent || ''));
    // A typo still finds by the words it shares.
    assert.ok((await results(page)).includes('Đăng ký khai sinh'));
    await page.fill('#q', 'qxzqv');
    await page.press('#q', 'Enter');
    await page.waitForFunction(() => /^Không có thủ tục nào khớp/.test(document.querySelector('.search-status')?.textContent || ''));
    // A procedure the site does not have: the names shown meet a word or two by chance, and
    // the status line says they are only the nearest, not matches.
    for (const [query, close] of [['rut bhxh mot lan', false], ['the bhyt', false], ['dang ky khai sinh cho be', true]]) {
      await page.fill('#q', query);
      await page.press('#q', 'Enter');
      await page.waitForFunction((q) => document.querySelector('.search-results')?.dataset.query === q && /^(Có|Không)/.test(document.querySelector('.search-status').textContent), query);
      const status = await page.textContent('.search-status');
      assert.equal(status.startsWith('Không có thủ tục nào khớp hẳn với “' + query + '”. Có '), !close, status);
      assert.ok((await results(page)).length > 0, query);
    }
    await context.close();
  });

  it('every other page has a header search box that fits 360 px and leads to the search', { timeout: TIMEOUT }, async () => {
    const procedure = sitemap.paths.find((p) => /^\/thu-tuc\/[^/]+\/$/.test(p));
    const { context, page } = await open(procedure);
    const box = page.locator('.header-search input');
    assert.equal(await box.count(), 1);
    const { width, right } = await box.evaluate((el) => ({ width: el.getBoundingClientRect().width, right: el.getBoundingClientRect().right }));
    assert.ok(width >= 120 && right <= 360, `header box ${width} px wide, ends at ${right}`);
    const button = await page.locator('.header-search button').boundingBox();
    assert.ok(button.height >= 44, 'the button is a 44 px tap target');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'no sideways scrolling');
    await box.fill('doi bang lai');
    await Promise.all([page.waitForURL(/\/thu-tuc\/\?q=/), box.press('Enter')]);
    assert.ok((await results(page)).includes('Đổi giấy phép lái xe'));
    await context.close();
  });

  it('the index comes packed; a browser that cannot unpack reads the plain files, ranks the same', { timeout: TIMEOUT }, async () => {
    const queries = ['lam can cuoc', 'doi bang lai', 'dang ky khai sinh cho be'];
    const ranked = [];
    for (const unpacks of [true, false]) {
      const context = await rec.newContext(browser, { viewport: VIEWPORT, isMobile: true, hasTouch: true });
      if (!unpacks) await context.addInitScript(() => { delete window.DecompressionStream; });
      const { page, where } = await rec.newPage(context);
      where.path = '/thu-tuc/';
      const index = [];
      page.on('request', (r) => { if (/\/tim-kiem\//.test(r.url())) index.push(new URL(r.url()).pathname); });
      await page.goto(url('/thu-tuc/'), { waitUntil: 'load' });
      const lists = [];
      for (const query of queries) {
        await page.fill('#q', query);
        await page.press('#q', 'Enter');
        await page.waitForFunction((q) => document.querySelector('.search-results')?.dataset.query === q && /^(Có|Không)/.test(document.querySelector('.search-status').textContent), query);
        lists.push(await results(page));
      }
      ranked.push(lists);
      assert.ok(index.length > 3, `index files read: ${index.join(' ')}`);
      assert.equal(index.filter((p) => /\/tim-kiem\/z\//.test(p)).length, unpacks ? index.length : 0, index.join(' '));
      await context.close();
    }
    assert.ok(ranked[0].every((list) => list.length > 0));
    assert.deepEqual(ranked[1], ranked[0]);
  });

  it('no request leaves the local server, nothing fails', () => {
    assert.deepEqual(rec.foreign, [], 'requests to other hosts');
    assert.deepEqual(rec.broken, [], 'failed local requests');
    assert.deepEqual(rec.errors, [], 'JavaScript errors');
    assert.ok(rec.all.some((r) => /\/tim-kiem\//.test(r.url)), 'the index was read from /tim-kiem/');
  });

  it('with JavaScript off, the form leads to /thu-tuc/', { timeout: TIMEOUT }, async () => {
    const { context, page } = await open('/', { javaScriptEnabled: false });
    await page.fill('#q', 'dang ky khai sinh');
    await Promise.all([page.waitForURL(/\/thu-tuc\/\?q=/), page.press('#q', 'Enter')]);
    const here = new URL(page.url());
    assert.equal(here.pathname, sitemap.basePath + 'thu-tuc/');
    assert.equal(here.searchParams.get('q'), 'dang ky khai sinh');
    assert.ok((await page.$$('a[href*="/linh-vuc/"]')).length > 0, 'the list page links its fields');
    assert.match(await page.textContent('.search-note'), /cần bật JavaScript/);
    assert.ok(await page.isVisible('.search-note'), 'the note is visible');
    await context.close();
  });
});

// Twenty-seven real names of the national catalog (tests/sites/search-as-typed, written by
// benches/search-real/gen-catalog-site.py): ten say "Đăng ký tài sản gắn liền với thửa đất …",
// what the everyday "nhà mới xây" means, and one is the house number asked for; three are of
// social work practice, three of monthly allowances, three of residence and a tax cut, and two
// are the ID card for under and over 14. Built here with the binary the tests compiled.
describe('a fixture of real catalog names', { timeout: TIMEOUT * 2 }, () => {
  let out, server, browser;

  before(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'congkhai-as-typed-'));
    buildSite(path.join(__dirname, '..', 'sites', 'search-as-typed'), out);
    server = await startServer(out, '/');
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  // The fixture's /thu-tuc/ on a phone, its JavaScript errors recorded.
  async function listPage() {
    const rec = new Recorder(server.host);
    const context = await rec.newContext(browser, { viewport: VIEWPORT, isMobile: true, hasTouch: true });
    const { page } = await rec.newPage(context);
    await page.goto(server.origin + '/thu-tuc/', { waitUntil: 'load' });
    return { rec, context, page };
  }

  it('the name the words typed meet best is on the first page, when an everyday phrase reads them otherwise', { timeout: TIMEOUT }, async () => {
    const { rec, context, page } = await listPage();
    const names = await resultsFor(page, 'nhà mới xây chưa có số nhà');
    // Without it, the ten names of the everyday reading fill the page.
    assert.equal(names.length, 10);
    assert.ok(names.includes('Cấp mới/cấp lại Giấy chứng nhận số nhà'), JSON.stringify(names));
    // The everyday reading still comes first.
    assert.match(names[0], /^Đăng ký tài sản gắn liền với thửa đất/);
    assert.deepEqual(rec.errors, [], 'JavaScript errors');
    await context.close();
  });

  it('a name that lists the plain action with its variants ("Cấp, cấp lại …") is the plain procedure', { timeout: TIMEOUT }, async () => {
    const { rec, context, page } = await listPage();
    // Not the one for foreigners, nor taken for a re-issue only.
    for (const query of ['hanh nghe cong tac xa hoi', 'hành nghề công tác xã hội']) {
      const names = await resultsFor(page, query);
      assert.equal(names[0], 'Cấp, cấp lại giấy chứng nhận đăng ký hành nghề công tác xã hội', `${query}: ${JSON.stringify(names)}`);
    }
    // Asked for foreigners, theirs comes first.
    const abroad = await resultsFor(page, 'người nước ngoài hành nghề công tác xã hội');
    assert.match(abroad[0], /^Đăng ký hành nghề công tác xã hội tại Việt Nam đối với người nước ngoài/, JSON.stringify(abroad));
    assert.deepEqual(rec.errors, [], 'JavaScript errors');
    await context.close();
  });

  it('the pairs of a long official wording count no more than twice the words typed', { timeout: TIMEOUT }, async () => {
    const { rec, context, page } = await listPage();
    // "cắt trợ cấp" reads as the social allowance's long wording ("thực hiện, điều chỉnh, thôi
    // hưởng trợ cấp xã hội hàng tháng"), whose many pairs side by side outweighed "nghệ nhân".
    for (const query of ['nghe nhan mat, cat tro cap', 'nghệ nhân mất, cắt trợ cấp']) {
      const names = await resultsFor(page, query);
      assert.match(names[0], /^Thủ tục thôi hưởng trợ cấp sinh hoạt hàng tháng, bảo hiểm y tế đối với Nghệ nhân/, `${query}: ${JSON.stringify(names)}`);
    }
    // Asked without the artisan, the social allowance stays first.
    const plain = await resultsFor(page, 'cắt trợ cấp hàng tháng');
    assert.match(plain[0], /^Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng/, JSON.stringify(plain));
    assert.deepEqual(rec.errors, [], 'JavaScript errors');
    await context.close();
  });

  it('names that meet less of the query follow the results behind "Xem thêm kết quả", as partial matches', { timeout: TIMEOUT }, async () => {
    const { rec, context, page } = await listPage();
    // One name meets "nhà bị cháy" (as "hoả hoạn"); others meet less: only "nhà", or a part of
    // what the list reads it as ("trợ giúp xã hội khẩn cấp").
    const first = await resultsFor(page, 'nhà bị cháy');
    assert.deepEqual(first, ['Giảm thuế thu nhập cá nhân đối với cá nhân, hộ kinh doanh, cá nhân kinh doanh gặp khó khăn do thiên tai, hoả hoạn, do bị tai nạn; mắc bệnh hiểm nghèo']);
    const status = await page.textContent('.search-status');
    const m = status.match(/^Có 1 kết quả và (\d+) thủ tục khớp một phần, đang hiện 1\.$/);
    assert.ok(m, status);
    assert.ok(await page.isVisible('.search-more'), 'the button to see the nearest');
    await page.click('.search-more');
    // The next page: ten more, the nearest.
    await page.waitForFunction((n) => document.querySelectorAll('#q-ket-qua li[role="option"]').length === n, Math.min(1 + Number(m[1]), 11));
    const more = await results(page);
    assert.equal(more[0], first[0], 'the result stays first');
    assert.ok(!more.slice(1).includes(first[0]), JSON.stringify(more));
    assert.deepEqual(rec.errors, [], 'JavaScript errors');
    await context.close();
  });

  it('a name for other ages than the one asked gives way to the one for that age, and one for children only to its twin when none is named', { timeout: TIMEOUT }, async () => {
    const { rec, context, page } = await listPage();
    for (const [query, expected] of [
      ['lam cccd cho con 15 tuoi', 'Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên'],
      ['làm căn cước cho bà nội 80 tuổi', 'Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên'],
      ['lam cccd cho be 6 tuoi', 'Cấp thẻ căn cước cho người dưới 14 tuổi'],
      // An age said in words is read as its digits.
      ['căn cước cho con mười lăm tuổi', 'Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên'],
      // No age said and no child named: most who ask, ask for themselves; a child named, the
      // name for children stays first.
      ['lam can cuoc', 'Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên'],
      ['làm căn cước cho bé', 'Cấp thẻ căn cước cho người dưới 14 tuổi'],
    ]) {
      assert.equal((await resultsFor(page, query))[0], expected, query);
    }
    assert.deepEqual(rec.errors, [], 'JavaScript errors');
    await context.close();
  });

  it('a name that meets only what the query is for is still in the list, after the rest', { timeout: TIMEOUT }, async () => {
    const { rec, context, page } = await listPage();
    // "… để đăng ký tạm trú": a purpose, which no name the story's words meet says; no name
    // matches closely, a full page shows, and "Đăng ký tạm trú" is listed further on.
    const query = 'con đi học xa thuê phòng gần trường để đăng ký tạm trú';
    await page.fill('#q', query);
    await page.press('#q', 'Enter');
    await page.waitForFunction((q) => document.querySelector('.search-results')?.dataset.query === q && /^Không có thủ tục nào khớp hẳn/.test(document.querySelector('.search-status').textContent), query);
    const status = await page.textContent('.search-status');
    const m = status.match(/Có (\d+) thủ tục khớp một phần, đang hiện (\d+)\.$/);
    assert.ok(m && Number(m[2]) === Math.min(10, Number(m[1])), status);
    while (await page.isVisible('.search-more')) {
      const before = (await results(page)).length;
      await page.click('.search-more');
      await page.waitForFunction((n) => document.querySelectorAll('#q-ket-qua li[role="option"]').length > n, before);
    }
    const all = await results(page);
    assert.equal(all.length, Number(m[1]), 'every name listed');
    assert.ok(all.includes('Đăng ký tạm trú'), JSON.stringify(all));
    assert.deepEqual(rec.errors, [], 'JavaScript errors');
    await context.close();
  });
});
