'use strict';
// Debian's Chromium driven by playwright-core (no browser download), with
// every request recorded: requests that would leave 127.0.0.1:<port> are
// recorded and aborted, so a test never waits on the (closed) network.

const fs = require('node:fs');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's Chromium (apt-get install chromium) ` +
        'or set CHROMIUM_PATH.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * Records what every page of every context asks for.
 *   foreign: requests to anything but the local server (data:/blob: are fine)
 *   broken:  local sub-resources that failed or answered >= 400
 *   errors:  uncaught JavaScript errors and console errors
 */
class Recorder {
  constructor(host) {
    this.host = host;
    this.all = [];
    this.foreign = [];
    this.broken = [];
    this.errors = [];
  }

  isLocal(url) {
    if (/^(data|blob|about):/.test(url)) return true;
    try {
      const u = new URL(url);
      return (u.protocol === 'http:' || u.protocol === 'ws:') && u.host === this.host;
    } catch {
      return false;
    }
  }

  async newContext(browser, options = {}) {
    const context = await browser.newContext({ locale: 'vi-VN', ...options });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (this.isLocal(url)) return route.continue();
      return route.abort('blockedbyclient');
    });
    return context;
  }

  /** A page whose records are labelled with `where.path` (set before goto). */
  async newPage(context) {
    const page = await context.newPage();
    const where = { path: '(no page yet)', label: '' };
    page.on('request', (req) => {
      const url = req.url();
      const at = `${where.path}${where.label}`;
      this.all.push({ url, at });
      if (!this.isLocal(url)) this.foreign.push({ url, at, type: req.resourceType() });
    });
    page.on('requestfailed', (req) => {
      const url = req.url();
      if (!this.isLocal(url)) return; // already counted as foreign
      this.broken.push({ url, at: `${where.path}${where.label}`, why: req.failure()?.errorText });
    });
    page.on('response', (res) => {
      const req = res.request();
      if (res.status() < 400 || !this.isLocal(req.url())) return;
      // The 404 page itself is meant to answer 404.
      if (req.isNavigationRequest() && where.expectStatus === res.status()) return;
      this.broken.push({ url: req.url(), at: `${where.path}${where.label}`, why: `HTTP ${res.status()}` });
    });
    page.on('pageerror', (err) => {
      this.errors.push({ at: `${where.path}${where.label}`, what: `uncaught: ${err.message}` });
    });
    page.on('console', (msg) => {
      // "Failed to load resource" is already in `broken` or `foreign`.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
        this.errors.push({ at: `${where.path}${where.label}`, what: `console.error: ${msg.text()}` });
      }
    });
    return { page, where };
  }
}

module.exports = { launch, Recorder, CHROMIUM, ARGS };
