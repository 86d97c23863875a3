'use strict';
// The same query sets as run-queries.js, through the same search.js, without a browser: the
// script runs in Node on a few stand-in page elements (the form, the input, the results
// panel), reads the index from SITE_DIR's files, and each query is typed and Enter pressed as
// on /thu-tuc/. Twenty times faster than Chromium, for trying a change on thousands of queries
// (8,773 in under a minute on 2 cores, two processes); Chromium (run-queries.js,
// benches/search-real.sh) stays the measure of record, and gives the same ranks.
//
//   node benches/search-real/node-queries.js SITE_DIR CATALOG.jsonl QUERIES.tsv... \
//        [--script search.js] [--quiet] [--json OUT]
// --script runs another copy of the script (a change being tried) on the same index.

const fs = require('node:fs');
const path = require('node:path');
const { catalogNames, readQueries, scored, report, norm, TOP } = require('./score.js');

const args = process.argv.slice(2);
function option(flag, takesValue) {
  const at = args.indexOf(flag);
  if (at < 0) return null;
  return args.splice(at, takesValue ? 2 : 1)[takesValue ? 1 : 0];
}
const jsonOut = option('--json', true);
const scriptFile = option('--script', true);
const quiet = option('--quiet', false) !== null;
const anywhere = option('--anywhere', false) !== null;
const [siteDir, catalogFile, ...queryFiles] = args;
if (!queryFiles.length) {
  console.error('usage: node-queries.js SITE_DIR CATALOG.jsonl QUERIES.tsv... [--script JS] [--quiet] [--json OUT] [--anywhere]');
  process.exit(2);
}

// Just what search.js touches of the page: attributes, text, children, listeners, and the
// elements it finds in the form and in the panel it builds.
class Element {
  constructor() {
    this.attributes = {};
    this.children = [];
    this.listeners = {};
    this.found = {};
    this.text = '';
    this.hidden = false;
    this.classList = { add() {}, remove() {} };
    this.parentNode = { insertBefore() {} };
  }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  removeAttribute(name) { delete this.attributes[name]; }
  get textContent() { return this.text; }
  set textContent(value) {
    this.text = value;
    if (value === '') this.children = [];
  }
  set innerHTML(_) {}
  appendChild(child) { this.children.push(child); return child; }
  addEventListener(type, listener) { (this.listeners[type] = this.listeners[type] || []).push(listener); }
  querySelector(selector) { return this.found[selector] || (this.found[selector] = new Element()); }
  querySelectorAll(selector) {
    if (selector !== '[data-filter]') return [];
    return ['field', 'level', 'unit', 'online'].map((name) => {
      const select = new Element();
      select.setAttribute('data-filter', name);
      return select;
    });
  }
}

const page = fs.readFileSync(path.join(siteDir, 'thu-tuc', 'index.html'), 'utf8');
const form = new Element();
form.setAttribute('data-search-index', page.match(/data-search-index="([^"]+)"/)[1]);
form.action = '/thu-tuc/';
const input = form.querySelector('#q');
input.value = '';
let panel = null;
global.window = global;
global.document = {
  querySelector: (selector) => (selector === 'form[data-search-index]' ? form : null),
  createElement: () => {
    const element = new Element();
    panel = panel || element; // the first element made is the results panel
    return element;
  },
};
global.location = { pathname: '/thu-tuc/', href: 'http://localhost/thu-tuc/', search: '', hash: '' };
global.history = { state: null, replaceState() {} };
global.fetch = async (url) => {
  try {
    return new Response(fs.readFileSync(path.join(siteDir, url)), { status: 200 });
  } catch {
    return new Response('', { status: 404 });
  }
};
const assets = path.join(siteDir, 'assets');
const built = fs.readdirSync(assets).find((f) => /^search\.[0-9a-f]+\.js$/.test(f));
(0, eval)(fs.readFileSync(scriptFile || path.join(assets, built), 'utf8'));
const status = panel.querySelector('.search-status');
const list = panel.querySelector('ul');

// Types `query`, presses Enter, and waits for the status line to say the results are shown.
// With --anywhere, presses "Xem thêm kết quả" until a name `wanted` holds is listed, or to the end.
async function run(query, wanted) {
  status.textContent = '';
  input.value = query;
  input.listeners.keydown.forEach((listener) => listener({ key: 'Enter', preventDefault() {} }));
  while (panel.getAttribute('data-query') !== query || !/^(Có|Không|Gõ)/.test(status.textContent)) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  const ms = panel.getAttribute('data-ms');
  const names = list.children.slice(0, TOP).map((li) => li.children[0].textContent);
  return { names, all: anywhere ? await everyName(wanted) : null, ms: ms === null ? null : Number(ms) };
}

// The names the list holds: "Xem thêm kết quả" pressed until it hides, or until one is `wanted`.
async function everyName(wanted) {
  const more = panel.querySelector('.search-more');
  const named = (li) => wanted(li.children[0].textContent);
  let seen = 0;
  while (!more.hidden && !list.children.slice(seen).some(named)) {
    seen = list.children.length;
    more.listeners.click.forEach((listener) => listener({}));
    while (list.children.length <= seen && !more.hidden) await new Promise((resolve) => setImmediate(resolve));
  }
  return list.children.map((li) => li.children[0].textContent);
}

async function main() {
  const nameOf = catalogNames(catalogFile);
  const out = [];
  for (const file of queryFiles) {
    const runs = [];
    for (const q of readQueries(file, nameOf)) {
      const { names, all, ms } = await run(q.query, (name) => q.want.has(norm(name)));
      runs.push(scored(q, names, ms, all));
    }
    out.push({ file: path.basename(file), runs });
  }
  report(out, quiet);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(out, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
