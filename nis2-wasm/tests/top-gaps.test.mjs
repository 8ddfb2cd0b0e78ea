// The same assessment, rendered through every surface — the CLI's table, the Python notebook
// view, WebAssembly `render` and the Markdown and HTML reports — lists the same top gaps in the
// same order, in English and in Danish: presentation is the core's, once.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { nis2, cli, repoDir } from './helpers.mjs';

const EXAMPLE = join(repoDir, 'examples', 'msp-assessment.json');
const doc = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
const python = join(repoDir, '.venv', 'bin', 'python');

const HEADINGS = { en: 'Top gaps', da: 'Største mangler' };
const ID = /\b(?:NIS2|CIR-2690|ISO27001|DMAERKET|DKPROG):[A-Za-z0-9.]+/g;

/** The requirement ids of the top-gaps table in a rendering, in order. */
function topGaps(text, lang) {
  const heading = HEADINGS[lang];
  const at = text.indexOf(heading);
  assert.ok(at >= 0, `no "${heading}" section`);
  const rest = text.slice(at + heading.length);
  // The section ends at the next section: a heading of the next table or block.
  const ends = [
    rest.search(/\n\s*\n[^\s|]/), // text and Markdown: a blank line, then a new block
    rest.indexOf('</table>'), // HTML: the end of the table
  ].filter((i) => i > 0);
  const section = rest.slice(0, Math.min(...ends));
  const ids = [];
  for (const line of section.split(/\n|<\/tr>/)) {
    const m = line.match(ID);
    if (m) ids.push(m[0]);
  }
  return ids;
}

/** The plan's items by rank, as many as `top_gaps` says: what every surface must list. */
function expected() {
  const full = nis2.assessment({ op: 'evaluate', assessment: doc });
  return [...full.plan.items]
    .sort((a, b) => a.rank - b.rank)
    .slice(0, full.top_gaps)
    .map((i) => i.requirement);
}

for (const lang of ['en', 'da']) {
  test(`top gaps agree on every surface (${lang})`, () => {
    const want = expected();
    assert.ok(want.length >= 5, 'the example has top gaps');
    const full = nis2.assessment({ op: 'evaluate', assessment: doc });
    const renderings = {
      'wasm render (table)': nis2.render(full, { format: 'table', lang }),
      'wasm render (html)': nis2.render(full, { format: 'html', lang }),
      'report (md)': nis2.assessment({ op: 'report', assessment: doc, format: 'md', lang }).content,
      'report (html)': nis2.assessment({ op: 'report', assessment: doc, format: 'html', lang }).content,
    };
    if (cli) {
      const r = spawnSync(cli, ['assess', EXAMPLE, '--format', 'table', '--lang', lang], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      });
      assert.equal(r.status, 0, r.stderr);
      renderings['CLI table'] = r.stdout;
    }
    if (existsSync(python)) {
      const script = [
        'import sys, pathlib, nis2',
        'r = nis2.assess(pathlib.Path(sys.argv[1]))',
        `sys.stdout.write(r._repr_html_() if sys.argv[2] == "en" else r.render("html", lang=sys.argv[2]))`,
      ].join('\n');
      const r = spawnSync(python, ['-c', script, EXAMPLE, lang], { encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.status === 0) renderings['Python notebook view'] = r.stdout;
      else assert.fail(`python: ${r.stderr}`);
    }
    for (const [surface, text] of Object.entries(renderings)) {
      assert.deepEqual(topGaps(text, lang), want, `${surface} (${lang})`);
    }
  });
}
