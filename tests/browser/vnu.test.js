'use strict';
// The Nu HTML Checker (vnu.jar from npm "vnu-jar", run with Debian's Java) on
// every HTML file of the built site (env SITE_DIR): no errors allowed.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { fileURLToPath } = require('node:url');

const { SITE_DIR } = require('./lib/site.js');

const VNU_JAR = require.resolve('vnu-jar/build/dist/vnu.jar');
const JAVA = process.env.JAVA || 'java';

function htmlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(p));
    else if (/\.html?$/i.test(entry.name)) out.push(p);
  }
  return out;
}

function rel(url) {
  try {
    return path.relative(SITE_DIR, fileURLToPath(url.replace(/^file:(?!\/\/)/, 'file://')));
  } catch {
    return url;
  }
}

describe(`Nu HTML checker on ${SITE_DIR}`, () => {
  it('every HTML file is valid (vnu --errors-only)', { timeout: 600_000 }, () => {
    assert.ok(fs.existsSync(SITE_DIR), `${SITE_DIR} does not exist: build the site first`);
    const files = htmlFiles(SITE_DIR);
    assert.ok(files.length > 0, `no .html files in ${SITE_DIR}`);

    const args = ['-jar', VNU_JAR, '--errors-only', '--format', 'json', '--skip-non-html', SITE_DIR];
    const run = spawnSync(JAVA, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.error) {
      throw new Error(
        `could not run ${JAVA} (${run.error.message}): install Java, e.g. apt-get install default-jre-headless`,
      );
    }
    // vnu writes its JSON report to stderr.
    const raw = (run.stderr || '').trim() || (run.stdout || '').trim();
    let report;
    try {
      report = JSON.parse(raw);
    } catch {
      throw new Error(`vnu exited ${run.status} without a JSON report:\n${raw.slice(0, 4000)}`);
    }
    const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');

    const lines = [`${errors.length} HTML error(s) in ${new Set(errors.map((e) => e.url)).size} of ${files.length} file(s):`];
    const byMessage = new Map();
    for (const e of errors) {
      const where = `${rel(e.url || '?')}:${e.firstLine ?? e.lastLine ?? '?'}:${e.firstColumn ?? e.lastColumn ?? '?'}`;
      lines.push(`  ${where}: ${e.message}`);
      if (e.extract) lines.push(`      ${JSON.stringify(e.extract)}`);
      byMessage.set(e.message, (byMessage.get(e.message) || 0) + 1);
    }
    if (errors.length) {
      lines.push('by message:');
      for (const [m, n] of [...byMessage].sort((a, b) => b[1] - a[1])) lines.push(`  ${n}× ${m}`);
    }
    assert.equal(errors.length, 0, lines.join('\n'));
    assert.equal(run.status, 0, `vnu exited ${run.status}:\n${raw.slice(0, 4000)}`);
  });
});
