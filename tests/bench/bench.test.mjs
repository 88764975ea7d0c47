// Checks of the benchmark's own pieces (no browser): `node --test tests/bench/`.
// Not part of `cargo xtask test` (which runs tests/e2e/ only).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDataset, staticTableHtml, withoutScripts } from './datasets.mjs';
import { combineRuns, evaluateTargets, markdown, spliceResults, stats, BEGIN, END } from './report.mjs';
import { summarizeTrace } from './profile.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const base = JSON.parse(readFileSync(path.join(ROOT, 'data', 'kezuohou.json'), 'utf8'));

function refsOf(rule) {
  return Object.entries(rule)
    .filter(([k]) => k !== 'kind')
    // Ids are strings or lists of them; a reference range's `reference` is data, not an id.
    .flatMap(([, v]) => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []));
}

test('a generated dataset has exactly n figures, unique ids and only known references', () => {
  for (const n of [base.figures.length, 100, 1000]) {
    const d = generateDataset(base, n);
    assert.equal(d.figures.length, n);
    const ids = [...d.figures, ...d.derived].map((x) => x.id);
    assert.equal(new Set(ids).size, ids.length, 'figure and derived ids are unique');
    assert.equal(new Set(d.relations.map((r) => r.id)).size, d.relations.length);
    const known = new Set(ids);
    for (const m of d.derived) for (const i of m.inputs) assert.ok(known.has(i), `${m.id} input ${i}`);
    for (const r of d.relations) for (const i of refsOf(r.rule)) assert.ok(known.has(i), `${r.id} names ${i}`);
    for (const f of d.figures) if (f.repeats) assert.ok(known.has(f.repeats));
    for (const f of d.figures.filter((x) => x.unit === '%')) assert.ok(f.value >= 0 && f.value <= 100);
    // The shipped figures are kept as they are.
    assert.deepEqual(d.figures.slice(0, base.figures.length), base.figures);
    assert.equal(d.paragraphs, base.paragraphs);
    assert.equal(d.channels, base.channels);
  }
});

test('derived metrics and relations grow in the shipped proportion', () => {
  const d = generateDataset(base, 2800);
  const expected = (k) => Math.round((2800 * k) / base.figures.length);
  assert.ok(Math.abs(d.derived.length - expected(base.derived.length)) <= 1, `${d.derived.length}`);
  assert.ok(Math.abs(d.relations.length - expected(base.relations.length)) <= 1, `${d.relations.length}`);
});

test('generation is deterministic', () => {
  assert.equal(JSON.stringify(generateDataset(base, 300)), JSON.stringify(generateDataset(base, 300)));
});

test('the static page holds every figure in a table and no script', () => {
  const html = staticTableHtml(base, { cssHref: '/style.css' });
  assert.equal((html.match(/<tr data-figure=/g) ?? []).length, base.figures.length);
  assert.ok(!/<script/i.test(html));
  assert.match(html, /<link rel="stylesheet" href="\/style.css" \/>/);
});

test('the no-script twin keeps the page and drops every script and module preload', () => {
  const page =
    '<head><script type="module" src="/boot.js" integrity="x"></script><link rel="modulepreload" href="/app.js">' +
    '<link rel="stylesheet" href="/s.css"></head><body><div id="app"><h1>T</h1><img src="charts/a.svg"></div>' +
    '<script>inline()</script></body>';
  const bare = withoutScripts(page);
  assert.ok(!/<script|modulepreload/.test(bare), bare);
  assert.ok(bare.includes('<link rel="stylesheet" href="/s.css">') && bare.includes('<h1>T</h1><img src="charts/a.svg">'), bare);
});

test('stats give median, quartiles and p95', () => {
  const s = stats([5, 1, 4, 2, 3, null, NaN]);
  assert.equal(s.n, 5);
  assert.equal(s.median, 3);
  assert.equal(s.min, 1);
  assert.equal(s.max, 5);
  assert.equal(s.p25, 2);
  assert.ok(Math.abs(s.p95 - 4.8) < 1e-9);
  assert.equal(stats([]).median, null);
});

test('targets pass, miss with a margin, or say they were not measured', () => {
  const targets = evaluateTargets({
    size: { total_gzip_bytes: 250_000 },
    coldLoad: { firstRender: { median: 70 }, fcp: { median: 80 } },
    static: { complete: { median: 60 }, fcp: { median: 60 } },
    bare: { complete: { median: 68 }, fcp: { median: 60 } },
    ratio: { firstRenderOverStatic: 70 / 60, fcpOverStaticFcp: 80 / 60, firstRenderOverBare: 70 / 68, fcpOverBareFcp: 80 / 60 },
    interactions: { lang: { frame: { median: 20, p95: 30, n: 20 } } },
    datasets: [{ figures: 100_000, bytes: 9e7, load: { outcome: 'refused', errors: ['too_large'] } }],
    lighthouse: { median: { performance: 0.9, accessibility: 1, 'best-practices': 1 } },
  });
  const by = (start) => targets.find((t) => t.name.startsWith(start));
  assert.equal(by('total gzipped').pass, false);
  assert.match(by('total gzipped').margin, /missed by 50.0 KB/);
  assert.equal(by('first complete render').pass, true);
  assert.equal(by('first contentful paint').pass, false);
  assert.match(by('first contentful paint').margin, /missed by 0\.13×/);
  assert.equal(by('first complete render ÷ the same page without script').pass, true);
  assert.match(by('first complete render ÷ the same page without script').note, /70\.0 ms vs 68\.0 ms/);
  assert.equal(by('first contentful paint ÷ the same page without script').pass, false);
  assert.equal(by('language switch (#ctl-lang), median').pass, false);
  assert.equal(by('unit switch (#ctl-area), median').pass, null);
  assert.match(by('language switch (#ctl-lang), p95 at').note, /refused \(too_large\)/);
  assert.equal(by('Lighthouse performance').pass, false);
  assert.equal(by('Lighthouse accessibility').pass, true);
});

test('the results section is replaced between its markers, other text kept', () => {
  const doc = `# B\n\nintro\n\n${BEGIN}\nold\n${END}\n\nafter\n`;
  const out = spliceResults(doc, 'new table');
  assert.match(out, /intro/);
  assert.match(out, /after/);
  assert.match(out, /new table/);
  assert.doesNotMatch(out, /old/);
  assert.match(spliceResults('# B\n', 'x'), /## Results/);
});

test('a trace is summarised by module, function and browser work', () => {
  const trace = {
    traceEvents: [
      { ph: 'M', name: 'thread_name', pid: 1, tid: 2, args: { name: 'CrRendererMain' } },
      { ph: 'P', name: 'Profile', pid: 1, tid: 2, id: '0x1', ts: 0, args: { data: { startTime: 0 } } },
      {
        ph: 'P',
        name: 'ProfileChunk',
        pid: 1,
        tid: 2,
        id: '0x1',
        ts: 0,
        args: {
          data: {
            cpuProfile: {
              nodes: [
                { id: 1, callFrame: { functionName: '(root)' } },
                { id: 2, parent: 1, callFrame: { functionName: 'case_explorer::model::Model::from_json::h0123456789abcdef', url: 'wasm://wasm/x' } },
                { id: 3, parent: 2, callFrame: { functionName: 'memcpy', url: 'wasm://wasm/x' } },
                { id: 4, parent: 1, callFrame: { functionName: '(idle)' } },
              ],
              samples: [3, 3, 4, 2],
            },
            timeDeltas: [0, 1000, 1000, 1000],
          },
        },
      },
      { ph: 'X', name: 'Layout', pid: 1, tid: 2, ts: 0, dur: 3000 },
      { ph: 'X', name: 'wasm.CompileLazy', cat: 'v8.wasm', pid: 1, tid: 5, ts: 0, dur: 2000 },
    ],
  };
  const s = summarizeTrace(JSON.stringify(trace));
  assert.equal(s.categories[0].name.startsWith('memory allocation'), true, JSON.stringify(s.categories));
  assert.equal(s.topEvents[0].name, 'Layout');
  assert.equal(s.wasmCompileMs, 2);
  assert.ok(s.topInclusive.some((f) => f.name === 'case_explorer::model::Model::from_json'));
});

test('the longest task per view at the size limit is a target, worst view named', () => {
  const views = {
    timeline: { openLongestTask: { median: 120, n: 3 }, langLongestTask: { median: 250, n: 3 } },
    trail: { openLongestTask: { median: 180, n: 3 }, langLongestTask: { median: 0, n: 3 } },
  };
  const targets = evaluateTargets({ datasets: [{ figures: 116_900, atLimit: true, viewTasks: { rounds: 3, views } }] });
  const open = targets.find((t) => t.name.startsWith('longest main-thread task, opening a view'));
  assert.equal(open.pass, true);
  assert.match(open.name, /116,900 figures \(median of 3\)/);
  assert.match(open.note, /worst: trail/);
  const lang = targets.find((t) => t.name.startsWith('longest main-thread task, language switch'));
  assert.equal(lang.pass, false);
  assert.match(lang.note, /worst: timeline/);
  const none = evaluateTargets({ datasets: [] }).find((t) => t.name.startsWith('longest main-thread task, opening'));
  assert.equal(none.pass, null);
});

test('several runs combine into medians of the runs, with each run kept for the spread', () => {
  const run = (render, p95, extra) => ({
    coldLoad: { firstRender: stats([render - 5, render, render + 5]), interactiveBy: 'x' },
    ratio: { firstRenderOverStatic: render / 50 },
    datasets: [{ figures: 100_000, load: { outcome: 'loaded', frameMs: render * 10 }, interactions: { sort: { frame: { ...stats([10, 20]), p95: p95 }, samplesMs: [p95] } } }],
    errors: extra,
  });
  const r = combineRuns([run(100, 60, ['a']), run(120, 70, ['a', 'b']), run(300, 90, [])]);
  assert.equal(r.coldLoad.firstRender.median, 120, 'median of the runs, not of the pooled samples');
  assert.equal(r.coldLoad.firstRender.n, 9);
  assert.equal(r.coldLoad.firstRender.min, 95);
  assert.equal(r.coldLoad.firstRender.max, 305);
  assert.deepEqual(r.coldLoad.firstRender.runs.map((x) => x.median), [100, 120, 300]);
  assert.equal(r.ratio.firstRenderOverStatic, 120 / 50);
  assert.equal(r.coldLoad.interactiveBy, 'x');
  assert.deepEqual(r.errors, ['a', 'b']);
  const sort = r.datasets[0].interactions.sort;
  assert.equal(sort.frame.p95, 70);
  assert.deepEqual(sort.samplesMs, [60, 70, 90]);
  assert.equal(r.datasets[0].load.frameMs, 1200);
  // The target reads the combined p95 and names each run's.
  const t = evaluateTargets(r).find((x) => x.name.startsWith('table sort (value column), p95 at'));
  assert.equal(t.pass, false);
  assert.equal(t.measured, '70.0 ms');
  assert.match(t.note, /runs: 60\.0 ms \/ 70\.0 ms \/ 90\.0 ms/);
  const md = markdown({ ...r, meta: { runs: 3 } });
  assert.match(md, /median of the 3 runs/);
  assert.match(md, /\| table sort \(value column\), p95 at 100,000 figures \| 70\.0 ms \| 60\.0 ms \/ 70\.0 ms \/ 90\.0 ms \| 30\.0 ms \|/);
  assert.deepEqual(combineRuns([{ a: 1 }]), { a: 1 });
});

test("the drafter's scores from extract_score get a table of their own", () => {
  const extract = {
    megabyte_bytes: 1048576,
    texts: [{ name: 'watershed_en', expected: 31, drafted: 32, found: 30, precision: 30 / 32, recall: 30 / 31, draft_ms: 0.42, megabyte_ms: 180.4, megabyte_figures: 19251 }],
  };
  const md = markdown({ meta: {}, targets: [], extract });
  assert.match(md, /### Drafter: precision and recall/);
  assert.match(md, /\| `watershed_en` \| 31 \| 32 \| 30 \| 0\.938 \| 0\.968 \| – \| 0\.4 ms \| 180 ms \(19,251 figures\) \|/);
  const labelled = { ...extract, texts: [{ ...extract.texts[0], lang: 'en', labels_expected: 13, labels_good: 12, label_share: 12 / 13 }] };
  assert.match(markdown({ meta: {}, targets: [], extract: labelled }), /\| 0\.968 \| 0\.92 \(12\/13\) \| 0\.4 ms/);
  assert.doesNotMatch(markdown({ meta: {}, targets: [] }), /### Drafter/);
});

test('the drafter on held-out real texts gets its own table, with the pooled scores', () => {
  const extract = {
    megabyte_bytes: 1048576,
    texts: [],
    real_cases: [
      { name: 'kezuohou', tuned_on: true, reported: 20, drafted: 20, found: 20, precision: 1, quoted_precision: 1, recall: 1, draft_ms: 0.9 },
      { name: 'niger-fmnr', tuned_on: false, reported: 6, drafted: 4, found: 1, precision: 0.25, quoted_precision: 1 / 3, recall: 1 / 6, draft_ms: 0.3 },
    ],
    pooled: [
      { name: 'tuning test texts', expected: 133, drafted: 133, found: 132, precision: 132 / 133, quoted_precision: null, recall: 132 / 133 },
      { name: 'real texts of data/cases/ (held out)', expected: 44, drafted: 39, found: 28, precision: 28 / 39, quoted_precision: 28 / 38, recall: 28 / 44 },
    ],
  };
  const md = markdown({ meta: {}, targets: [], extract });
  assert.match(md, /### Drafter: precision and recall on held-out real texts/);
  assert.match(md, /\| `niger-fmnr` \| no \| 6 \| 4 \| 1 \| 0\.250 \| 0\.333 \| 0\.167 \| 0\.3 ms \|/);
  assert.match(md, /\| tuning test texts \| 133 \| 133 \| 132 \| 0\.992 \| – \| 0\.992 \|/);
  assert.match(md, /\| real texts of data\/cases\/ \(held out\) \| 44 \| 39 \| 28 \| 0\.718 \| 0\.737 \| 0\.636 \|/);
  assert.doesNotMatch(markdown({ meta: {}, targets: [], extract: { ...extract, real_cases: undefined } }), /held-out real texts/);
});
