'use strict';
// Which built site to test, and which of its pages: the sitemap's pages plus
// /404.html, and one page of each kind for screenshots and layout checks.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const SITE_DIR = path.resolve(
  process.env.SITE_DIR || path.join(__dirname, '..', '..', '..', 'public'),
);
const SCREENSHOT_DIR = path.join(__dirname, '..', 'screenshots');

// First path segments the generator reserves (shared/FORMAT.md, "Addresses").
const RESERVED = new Set([
  'thu-tuc', 'linh-vuc', 'tt', 'don-vi', 'niem-yet', 'ket-qua', 'du-lieu',
  'thay-doi.xml', 'tim-kiem', 'tep', '404.html', 'sitemap.xml', 'robots.txt',
]);

function decodeXml(s) {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

function locs(xml) {
  return [...xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)].map((m) => decodeXml(m[1]));
}

/**
 * Read SITE_DIR/sitemap.xml (following a sitemap index to local files) and
 * return { basePath, paths } where basePath is the base_url's path ("/" or
 * "/sub/") and paths are site-relative ("/", "/thu-tuc/", ...), in sitemap
 * order, deduplicated.
 */
function readSitemap(siteDir = SITE_DIR) {
  const file = path.join(siteDir, 'sitemap.xml');
  if (!fs.existsSync(file)) {
    throw new Error(
      `${file} does not exist. Build the site first, e.g.\n` +
        '  cargo run --release -- build --root . --out target/site\n' +
        'and point SITE_DIR at the output folder.',
    );
  }
  const xml = fs.readFileSync(file, 'utf8');
  let urls = locs(xml);
  if (/<sitemapindex[\s>]/.test(xml)) {
    // Child sitemaps: read them from the built folder by their path.
    const children = urls;
    urls = [];
    for (const child of children) {
      const p = new URL(child).pathname;
      const candidates = [p, p.replace(/^\/[^/]+/, '')].map((c) => path.join(siteDir, c));
      const local = candidates.find((c) => fs.existsSync(c));
      if (!local) throw new Error(`sitemap index names ${child}, not found in ${siteDir}`);
      urls.push(...locs(fs.readFileSync(local, 'utf8')));
    }
  }
  if (urls.length === 0) throw new Error(`${file} lists no <loc> URLs`);
  const pathnames = urls.map((u) => {
    try {
      return new URL(u).pathname;
    } catch {
      throw new Error(`${file}: <loc>${u}</loc> is not an absolute URL`);
    }
  });
  // The home page's path is the base path when every other page is under it.
  const shortest = [...pathnames].sort((a, b) => a.length - b.length)[0];
  const basePath =
    shortest.endsWith('/') && pathnames.every((p) => p.startsWith(shortest)) ? shortest : '/';
  const paths = [...new Set(pathnames.map((p) => '/' + p.slice(basePath.length)))];
  return { basePath, paths };
}

function firstMatch(paths, re) {
  return paths.find((p) => re.test(p));
}

/**
 * One page of each kind. `required` kinds must exist in the sitemap;
 * optional ones are skipped when the site has none.
 */
function pickKinds(paths) {
  const kinds = [
    { kind: 'home', path: paths.includes('/') ? '/' : undefined, required: true },
    { kind: 'thu-tuc-index', path: paths.includes('/thu-tuc/') ? '/thu-tuc/' : undefined, required: true },
    { kind: 'linh-vuc', path: firstMatch(paths, /^\/linh-vuc\/[^/]+\/$/), required: true },
    { kind: 'thu-tuc-a-z', path: firstMatch(paths, /^\/thu-tuc\/a-z\/[^/]+\/$/), required: false },
    { kind: 'thu-tuc', path: firstMatch(paths, /^\/thu-tuc\/(?!a-z\/)[^/]+\/$/), required: true, procedure: true },
    { kind: 'don-vi-index', path: paths.includes('/don-vi/') ? '/don-vi/' : undefined, required: true },
    { kind: 'don-vi', path: firstMatch(paths, /^\/don-vi\/[^/]+\/$/), required: true },
    {
      kind: 'page',
      path: paths.find((p) => p !== '/' && !RESERVED.has(p.split('/')[1])),
      required: false,
    },
    { kind: '404', path: '/404.html', required: true, status: 404 },
  ];
  return kinds;
}

/**
 * Build the site root `root` into `out` with the binary the tests compiled: env CONGKHAI, else
 * target/debug/congkhai, else target/release/congkhai.
 */
function buildSite(root, out) {
  const repo = path.join(__dirname, '..', '..', '..');
  const bin = [process.env.CONGKHAI, path.join(repo, 'target/debug/congkhai'), path.join(repo, 'target/release/congkhai')]
    .filter(Boolean)
    .find((b) => fs.existsSync(b));
  if (!bin) throw new Error('no congkhai binary: run cargo build first (or set CONGKHAI)');
  const built = spawnSync(bin, ['build', '--root', root, '--out', out], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`building ${root} failed:\n${built.stderr}`);
}

module.exports = { SITE_DIR, SCREENSHOT_DIR, RESERVED, readSitemap, pickKinds, buildSite };
