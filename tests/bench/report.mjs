// Pure helpers of the benchmark: statistics, the targets with pass/miss and margin, and the
// Markdown written into BENCHMARKS.md (and printed). No browser, no file system.

export const TARGETS = {
  gzipBytes: 200_000,
  /** Issue 12: first complete render and first contentful paint within 1.2× the static page. */
  renderOverStatic: 1.2,
  fcpOverStatic: 1.2,
  interactionMedianMs: 16,
  /** Issue 12: 100 ms with a third to spare on a busy 2-core machine. */
  interactionP95Ms: 67,
  p95AtFigures: 100_000,
  /** Issue 14: no main-thread task over this when opening a view, at the size limit. */
  viewTaskMs: 200,
  lighthouse: { performance: 0.98, accessibility: 1, 'best-practices': 1 },
};

export const INTERACTIONS = [
  ['lang', 'language switch (#ctl-lang)'],
  ['area', 'unit switch (#ctl-area)'],
  ['sort', 'table sort (value column)'],
  ['search', 'search keystroke (#flt-search)'],
  ['select', 'select a figure (card → #detail-title)'],
  ['whatif', 'what-if keystroke (guards input → payroll over the years)'],
  ['compare', 'comparison: concept switch (#cmp-concept, the six site cases)'],
];

/** Sorted copy of the finite numbers in `xs`. */
function sorted(xs) {
  return xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
}

/** Linear-interpolated quantile q (0..1) of sorted values. */
function quantile(s, q) {
  if (s.length === 0) return null;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** n, median, p25, p75, p95, min, max of the numbers in xs (nulls when empty). */
export function stats(xs) {
  const s = sorted(xs);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    p25: quantile(s, 0.25),
    p75: quantile(s, 0.75),
    p95: quantile(s, 0.95),
    min: s.length ? s[0] : null,
    max: s.length ? s[s.length - 1] : null,
  };
}

export function ms(x, digits = 1) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x >= 10_000) return `${(x / 1000).toFixed(1)} s`;
  return `${x.toFixed(x >= 100 ? 0 : digits)} ms`;
}

export function bytes(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x >= 1_000_000) return `${(x / 1_000_000).toFixed(2)} MB`;
  if (x >= 10_000) return `${(x / 1000).toFixed(1)} KB`;
  return `${x} B`;
}

export function int(x) {
  return x === null || x === undefined ? '—' : Math.round(x).toLocaleString('en-US');
}

function ratio(x) {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(1)}×`;
}

/** A ratio near 1, to two decimals. */
function ratio2(x) {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}×`;
}

/**
 * Several runs' stats of one measure as one: the median of the runs' medians (and of their
 * quartiles and p95s), the extremes of all, n summed, and each run's median and p95 kept in
 * `runs` for the spread.
 */
export function combineStats(list) {
  const ok = list.filter((s) => s && s.n);
  if (!ok.length) return list.find((s) => s) ?? stats([]);
  const mid = (k) => stats(ok.map((s) => s[k])).median;
  return {
    n: ok.reduce((a, s) => a + s.n, 0),
    median: mid('median'),
    p25: mid('p25'),
    p75: mid('p75'),
    p95: mid('p95'),
    min: Math.min(...ok.map((s) => s.min)),
    max: Math.max(...ok.map((s) => s.max)),
    runs: ok.map((s) => ({ median: s.median, p95: s.p95, n: s.n })),
  };
}

const isStats = (x) => x !== null && typeof x === 'object' && !Array.isArray(x) && 'median' in x && 'p95' in x && 'n' in x;

/** The same field of several runs as one value (see combineRuns). */
function mergeValues(values) {
  const present = values.filter((v) => v !== undefined && v !== null);
  if (!present.length) return values[0];
  const first = present[0];
  if (isStats(first)) return combineStats(present.filter(isStats));
  if (typeof first === 'number') return stats(present).median;
  if (Array.isArray(first)) {
    const arrays = present.filter(Array.isArray);
    if (arrays.every((a) => a.every((x) => typeof x === 'number'))) return arrays.flat();
    if (arrays.every((a) => a.every((x) => typeof x === 'string'))) return [...new Set(arrays.flat())];
    const len = Math.max(...arrays.map((a) => a.length));
    return Array.from({ length: len }, (_, i) => mergeValues(arrays.map((a) => a[i])));
  }
  if (typeof first === 'object') {
    const objects = present.filter((o) => typeof o === 'object' && !Array.isArray(o));
    const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    return Object.fromEntries(keys.map((k) => [k, mergeValues(objects.map((o) => o[k]))]));
  }
  return first;
}

/**
 * The results of several runs of the browser measurements as one results object of the same
 * shape: every stats object becomes the median of the runs (combineStats), every other number
 * the median of the runs' numbers (ratios, bytes, a load's time), sample lists are pooled, lists
 * of text are united, anything else is the first run's. Lists of objects (the datasets) are
 * combined element by element.
 */
export function combineRuns(runs) {
  if (runs.length <= 1) return runs[0] ?? {};
  return mergeValues(runs);
}

/** One run's headline numbers (kept in bench.json as `perRun`). */
export function runSummary(r) {
  const big = (r.datasets ?? []).find((d) => d.figures === TARGETS.p95AtFigures);
  return {
    firstRender: r.coldLoad?.firstRender?.median ?? null,
    fcp: r.coldLoad?.fcp?.median ?? null,
    interactive: r.coldLoad?.interactive?.median ?? null,
    staticComplete: r.static?.complete?.median ?? null,
    staticFcp: r.static?.fcp?.median ?? null,
    bareComplete: r.bare?.complete?.median ?? null,
    bareFcp: r.bare?.fcp?.median ?? null,
    ratio: r.ratio ?? null,
    p95At100k: Object.fromEntries(INTERACTIONS.map(([k]) => [k, big?.interactions?.[k]?.frame?.p95 ?? null])),
  };
}

/** "55.1 / 60.2 / 58.0 ms": each run's value of a combined stats object (`key`: median or p95). */
export function perRun(s, key = 'median', format = ms) {
  if (!s?.runs || s.runs.length < 2) return '';
  return `runs: ${s.runs.map((x) => format(x[key])).join(' / ')}`;
}

/** Median (spread p25–p75, min–max) of a stats object, in ms. */
export function spread(s) {
  if (!s || !s.n) return '—';
  return `${ms(s.median)} (IQR ${ms(s.p25)}–${ms(s.p75)}, range ${ms(s.min)}–${ms(s.max)}, n=${s.n})`;
}

/**
 * One target: { name, target, measured, pass (true/false/null = not measured), margin, note }.
 * `higherIsBetter` flips the comparison.
 */
function target(name, limitText, measured, limit, { higherIsBetter = false, format = (x) => String(x), note = '' } = {}) {
  if (measured === null || measured === undefined || !Number.isFinite(measured)) {
    return { name, target: limitText, measured: '—', pass: null, margin: 'not measured', note };
  }
  const pass = higherIsBetter ? measured >= limit : measured <= limit;
  const diff = Math.abs(measured - limit);
  const pct = limit !== 0 ? ` (${((diff / limit) * 100).toFixed(0)}%)` : '';
  let margin;
  if (diff === 0) margin = 'exactly at the target';
  else margin = pass ? `${format(diff)}${pct} to spare` : `missed by ${format(diff)}${pct}`;
  return { name, target: limitText, measured: format(measured), pass, margin, note };
}

/** Every target of issue 7 against the results. */
export function evaluateTargets(r) {
  const out = [];
  out.push(
    target('total gzipped transfer (every file of the build, gzip -9)', `≤ ${bytes(TARGETS.gzipBytes)}`, r.size?.total_gzip_bytes, TARGETS.gzipBytes, {
      format: bytes,
      note: r.transfer?.browserBytes ? `the browser received ${bytes(r.transfer.browserBytes)} per cold load, headers included` : '',
    }),
  );
  out.push(
    target(
      'first complete render ÷ static lower bound (shipped data)',
      `≤ ${TARGETS.renderOverStatic}×`,
      r.ratio?.firstRenderOverStatic,
      TARGETS.renderOverStatic,
      {
        format: ratio2,
        note: r.coldLoad?.firstRender?.median
          ? `${ms(r.coldLoad.firstRender.median)} vs ${ms(r.static?.complete?.median)} (the static table's last row in the DOM)`
          : '',
      },
    ),
  );
  out.push(
    target('first contentful paint ÷ the static page\'s (shipped data)', `≤ ${TARGETS.fcpOverStatic}×`, r.ratio?.fcpOverStaticFcp, TARGETS.fcpOverStatic, {
      format: ratio2,
      note: r.coldLoad?.fcp?.median ? `${ms(r.coldLoad.fcp.median)} vs ${ms(r.static?.fcp?.median)}` : '',
    }),
  );
  // The same comparison against the app's own prerendered page with its scripts taken out: the
  // lower bound of painting this page's HTML, so what remains is what the wasm costs.
  out.push(
    target('first complete render ÷ the same page without script (shipped data)', `≤ ${TARGETS.renderOverStatic}×`, r.ratio?.firstRenderOverBare, TARGETS.renderOverStatic, {
      format: ratio2,
      note: r.bare?.complete?.median ? `${ms(r.coldLoad?.firstRender?.median)} vs ${ms(r.bare.complete.median)}` : '',
    }),
  );
  out.push(
    target('first contentful paint ÷ the same page without script (shipped data)', `≤ ${TARGETS.fcpOverStatic}×`, r.ratio?.fcpOverBareFcp, TARGETS.fcpOverStatic, {
      format: ratio2,
      note: r.bare?.fcp?.median ? `${ms(r.coldLoad?.fcp?.median)} vs ${ms(r.bare.fcp.median)}` : '',
    }),
  );
  for (const [kind, label] of INTERACTIONS) {
    const s = r.interactions?.[kind]?.frame;
    out.push(
      target(`${label}, median (shipped data)`, `≤ ${TARGETS.interactionMedianMs} ms`, s?.median, TARGETS.interactionMedianMs, {
        format: ms,
        note: r.interactions?.[kind]?.error ?? '',
      }),
    );
  }
  const big = (r.datasets ?? []).find((d) => d.figures === TARGETS.p95AtFigures);
  for (const [kind, label] of INTERACTIONS) {
    const s = big?.interactions?.[kind]?.frame;
    let note = '';
    if (!big) note = 'dataset not generated';
    else if (big.load?.outcome && big.load.outcome !== 'loaded')
      note = `the ${int(TARGETS.p95AtFigures)}-figure dataset (${bytes(big.bytes)}) was ${big.load.outcome}${big.load.errors?.length ? ` (${big.load.errors.join(', ')})` : ''}`;
    else if (big.interactions?.[kind]?.error) note = big.interactions[kind].error;
    else note = perRun(s, 'p95');
    out.push(
      target(`${label}, p95 at ${int(TARGETS.p95AtFigures)} figures`, `≤ ${TARGETS.interactionP95Ms} ms`, s?.p95, TARGETS.interactionP95Ms, {
        format: ms,
        note,
      }),
    );
  }
  const limitSet = (r.datasets ?? []).find((d) => d.atLimit && d.viewTasks) ?? (r.datasets ?? []).find((d) => d.viewTasks);
  const worst = (key) => {
    const views = Object.entries(limitSet?.viewTasks?.views ?? {}).filter(([, x]) => x[key]?.n);
    if (!views.length) return [null, ''];
    const [name, x] = views.reduce((a, b) => (b[1][key].median > a[1][key].median ? b : a));
    return [x[key].median, `worst: ${name}`];
  };
  for (const [key, what] of [
    ['openLongestTask', 'opening a view'],
    ['langLongestTask', 'language switch in a view'],
  ]) {
    const [measured, note] = worst(key);
    out.push(
      target(
        `longest main-thread task, ${what}, at ${limitSet ? int(limitSet.figures) : 'the limit of'} figures (median of ${limitSet?.viewTasks?.rounds ?? 3})`,
        `≤ ${TARGETS.viewTaskMs} ms`,
        measured,
        TARGETS.viewTaskMs,
        { format: ms, note: limitSet ? note : 'not measured (no dataset at the size limit loaded)' },
      ),
    );
  }
  for (const [key, limit] of Object.entries(TARGETS.lighthouse)) {
    const lh = r.lighthouse;
    out.push(
      target(`Lighthouse ${key} (mobile)`, `≥ ${limit.toFixed(2)}`, lh?.median?.[key], limit, {
        higherIsBetter: true,
        format: (x) => x.toFixed(2),
        note: lh?.error ? `Lighthouse could not run: ${lh.error}` : '',
      }),
    );
  }
  return out;
}

function table(header, rows) {
  const line = (cells) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const mark = (pass) => (pass === null ? 'not measured' : pass ? 'pass' : '**MISS**');

/** The results section of BENCHMARKS.md (Markdown). */
export function markdown(r) {
  const parts = [];
  const m = r.meta ?? {};
  parts.push(
    `Run of ${m.date ?? '?'} on ${m.cpus ?? '?'} × ${m.cpuModel ?? '?'} (${m.memGiB ?? '?'} GiB), ${m.chromium ?? 'Chromium'}, Node ${m.node ?? '?'}, ` +
      `commit ${m.commit ?? '?'}; ${m.quick ? '`--quick`' : 'full run'}, ${m.durationSec ? `${Math.round(m.durationSec)} s` : ''} for the browser part; ` +
      `load average (1 min) ${m.loadAverageAtStart?.[0] ?? '?'} at the start, ${m.loadAverageAtEnd?.[0] ?? '?'} at the end (2 cores, shared with other builds). ` +
      `Loads: ${r.coldLoad?.firstRender?.n ?? 0} cold app loads and ${r.static?.complete?.n ?? 0} static ones; interactions: ${m.reps ?? '?'} measured repetitions each (after ${m.warmup ?? 0} unmeasured)` +
      (m.runs > 1
        ? `, in each of ${m.runs} runs (a fresh browser each). Every figure below is the median of the ${m.runs} runs' values (a p95 is the median of the runs' p95s; min–max are over all samples); Lighthouse, the draft review, the dataset at the size limit and the profile ran once.`
        : '; one run.'),
  );

  parts.push('\n### Targets\n');
  parts.push(
    table(
      ['target', 'limit', 'measured', 'result', 'margin', 'note'],
      evaluateTargets(r).map((t) => [t.name, t.target, t.measured, mark(t.pass), t.margin, t.note]),
    ),
  );

  if (r.size?.files) {
    parts.push('\n### Assets (release build)\n');
    const rows = r.size.files.map((f) => [`\`${f.path}\``, int(f.raw_bytes), int(f.gzip_bytes)]);
    rows.push(['**total**', `**${int(r.size.total_raw_bytes)}**`, `**${int(r.size.total_gzip_bytes)}**`]);
    parts.push(table(['file', 'raw bytes', 'gzip -9 bytes'], rows));
    if (r.transfer) {
      parts.push(
        `\nWhat the browser transferred per cold load (gzip from the bench server, headers included, Resource Timing): ${int(r.transfer.browserBytes)} bytes; ` +
          `bodies sent by the server: ${int(r.transfer.serverBytes)} bytes.`,
      );
    }
  }

  const pb = r.presentationBounds;
  if (pb && !pb.error) {
    parts.push('\n### A presentation at its bounds (issue 24)\n');
    parts.push(
      `A valid dataset whose presentation asks for all the page may draw: ${int(pb.charts)} charts of ${int(pb.panels)} panels of ${int(pb.perPanel)} figures (${int(pb.bars)} bars) and ${int(pb.headlines)} headline cards, ${bytes(pb.bytes)}, chosen in the file input. ` +
        `From the input's change to the overview complete and its frame: ${ms(pb.load?.frameMs, 0)} (${pb.load?.outcome}); longest main-thread task after the change: ${pb.tasks?.longestTaskMs ? ms(pb.tasks.longestTaskMs, 0) : 'none over 50 ms'}. ` +
        'Past the bounds a dataset is refused with the paths of what is too many (before, 10,000 one-figure charts never finished drawing).\n',
    );
  }

  const sr = r.storeAndReopen;
  if (sr && !sr.error) {
    parts.push('\n### Storing and reopening 100 MB (issue 22 part 1)\n');
    parts.push(
      `A generated dataset of ${int(sr.figures)} figures, ${bytes(sr.bytes)}, chosen in the file input: shown after ${ms(sr.loadFrameMs, 0)}, its text kept in IndexedDB ${ms(sr.storedMs, 0)} after the choice (longest main-thread task meanwhile ${ms(sr.storeLongestTaskMs, 0)}). ` +
        `Reloading its address: shown and live ${ms(sr.reopenMs, 0)} after navigation start; longest main-thread task ${ms(sr.reopenLongestTaskMs, 0)} (${int(sr.reopenLongTasks)} tasks over 50 ms). ` +
        `Reading the text out of IndexedDB took ${ms(sr.reopenReadMs, 0)} (asynchronous); parsing and checking it, one task on the main thread as at a first load, ${ms(sr.reopenOpenMs, 0)}.\n`,
    );
  }

  if (r.extract?.texts) {
    parts.push('\n### Drafter: precision and recall on our own test texts (native, release build)\n');
    parts.push(
      `Each text of \`tests/extract/\` drafted and compared figure by figure with the figures \`tests/extract/spec.rs\` expects (value, scale, unit, qualifier, paragraph), and the labels it expects words of checked for them; ` +
        `then the text repeated to ${int(r.extract.megabyte_bytes)} bytes, drafted once (\`cargo run --release --example extract_score\`).\n`,
    );
    const rows = r.extract.texts.map((t) => [
      `\`${t.name}\``,
      int(t.expected),
      int(t.drafted),
      int(t.found),
      t.precision.toFixed(3),
      t.recall.toFixed(3),
      t.label_share == null ? '–' : `${t.label_share.toFixed(2)} (${int(t.labels_good)}/${int(t.labels_expected)})`,
      ms(t.draft_ms),
      `${ms(t.megabyte_ms, 0)} (${int(t.megabyte_figures)} figures)`,
    ]);
    parts.push(table(['text', 'expected', 'drafted', 'found', 'precision', 'recall', 'labels holding their words', 'draft', '1 MB of it'], rows));
  }

  if (r.extract?.real_cases) {
    parts.push('\n### Drafter: precision and recall on held-out real texts (native, release build)\n');
    parts.push(
      'The published source of each real case (`tests/fixtures/cases/`, and Kezuohou\'s own text, which the drafter was tuned on) drafted and compared with the reported figures of its hand-checked dataset: ' +
        'a figure is found when a drafted figure\'s number stands inside the figure\'s quote, says the same scaled value and has a compatible unit. ' +
        'The cases of `data/cases/` were added after the drafter\'s word tables last changed: it was never tuned on them. ' +
        'Precision counts every drafted figure (a dataset leaves out some numbers a draft rightly reads); "on quoted numbers" only those inside a quote.\n',
    );
    const three = (x) => (x == null ? '–' : x.toFixed(3));
    parts.push(
      table(
        ['real text', 'tuned on', 'reported', 'drafted', 'found', 'precision', 'on quoted numbers', 'recall', 'draft'],
        r.extract.real_cases.map((c) => [
          `\`${c.name}\``,
          c.tuned_on ? 'yes' : 'no',
          int(c.reported),
          int(c.drafted),
          int(c.found),
          three(c.precision),
          three(c.quoted_precision),
          three(c.recall),
          ms(c.draft_ms),
        ]),
      ),
    );
    if (r.extract.pooled) {
      parts.push('');
      parts.push(
        table(
          ['pooled', 'expected', 'drafted', 'found', 'precision', 'on quoted numbers', 'recall'],
          r.extract.pooled.map((p) => [p.name, int(p.expected), int(p.drafted), int(p.found), three(p.precision), three(p.quoted_precision), three(p.recall)]),
        ),
      );
    }
  }

  parts.push('\n### Loading (shipped data)\n');
  const cl = r.coldLoad ?? {};
  const st = r.static ?? {};
  parts.push(
    table(
      ['measure', 'median', 'p25–p75', 'min–max', 'n'],
      [
        ['app: first complete render (cards + every chart drawn)', cl.firstRender],
        ['app: first contentful paint', cl.fcp],
        [`app: interactive (${cl.interactiveBy ?? 'data-app="live"'})`, cl.interactive],
        ['app: wasm response end', cl.wasmResponseEnd],
        ['app: trunk start event (wasm instantiated, main run)', cl.trunkStarted],
        ['app: DOMContentLoaded end', cl.domContentLoaded],
        [`static table (${st.rows ?? '?'} rows): last row in the DOM`, st.complete],
        ['static table: first contentful paint', st.fcp],
        ['static table: DOMContentLoaded end', st.domContentLoaded],
        ['the same page without script: cards + every chart image loaded', r.bare?.complete],
        ['the same page without script: first contentful paint', r.bare?.fcp],
      ].map(([name, s]) => [name, ms(s?.median), `${ms(s?.p25)}–${ms(s?.p75)}`, `${ms(s?.min)}–${ms(s?.max)}`, s?.n ?? 0]),
    ),
  );
  parts.push(
    `\nRatio app ÷ static: first complete render ÷ last row in the DOM ${ratio(r.ratio?.firstRenderOverStatic)}; ` +
      `app first render ÷ static first contentful paint ${ratio(r.ratio?.firstRenderOverStaticFcp)}; ` +
      `FCP ÷ FCP ${ratio2(r.ratio?.fcpOverStaticFcp)}; interactive ÷ last row in the DOM ${ratio(r.ratio?.interactiveOverStatic)}. ` +
      `Ratio app ÷ the same prerendered page with its scripts taken out (what the wasm costs the first paint): ` +
      `first complete render ${ratio2(r.ratio?.firstRenderOverBare)}, FCP ${ratio2(r.ratio?.fcpOverBareFcp)}.`,
  );
  if ((m.runs ?? 1) > 1) {
    parts.push(`\nAcross the ${m.runs} runs (each run's median; p95 for the interactions):\n`);
    const big = (r.datasets ?? []).find((d) => d.figures === TARGETS.p95AtFigures);
    const rows = [
      ['app: first complete render', cl.firstRender, 'median'],
      ['app: first contentful paint', cl.fcp, 'median'],
      ['app: interactive', cl.interactive, 'median'],
      ['static table: last row in the DOM', st.complete, 'median'],
      ['static table: first contentful paint', st.fcp, 'median'],
      ['the same page without script: first contentful paint', r.bare?.fcp, 'median'],
      ...INTERACTIONS.map(([k, label]) => [`${label}, p95 at ${int(TARGETS.p95AtFigures)} figures`, big?.interactions?.[k]?.frame, 'p95']),
    ];
    parts.push(
      table(
        ['measure', 'median of the runs', 'each run', 'spread (max − min of the runs)'],
        rows.map(([name, x, key]) => {
          const vals = (x?.runs ?? []).map((y) => y[key]).filter((v) => Number.isFinite(v));
          return [name, ms(x?.[key]), vals.map((v) => ms(v)).join(' / ') || '—', vals.length ? ms(Math.max(...vals) - Math.min(...vals)) : '—'];
        }),
      ),
    );
  }
  if (cl.memory) {
    parts.push(
      `\nMemory after load (after a forced GC): JS heap used ${bytes(cl.memory.jsHeapUsed?.median)}, ` +
        `wasm linear memory ${bytes(cl.memory.wasmMemory?.median)}, DOM elements ${int(cl.memory.domNodes?.median)} (medians of ${cl.memory.jsHeapUsed?.n ?? 0} loads).`,
    );
  }

  parts.push('\n### Interactions (ms from the input event to the next frame after the DOM changed)\n');
  const sets = [['shipped', r.interactions, r.meta?.shippedFigures]];
  for (const d of r.datasets ?? []) sets.push([`${int(d.figures)} figures`, d.interactions, d.figures, d]);
  const irows = [];
  for (const [kind, label] of INTERACTIONS) {
    const row = [label];
    for (const [, inter, , d] of sets) {
      const x = inter?.[kind];
      if (d && d.load?.outcome !== 'loaded') row.push(`— (${d.load?.outcome ?? 'not run'})`);
      else if (!x) row.push('—');
      else if (x.error && !x.frame?.n) row.push(`— (${x.error})`);
      else row.push(`${ms(x.frame?.median)} / ${ms(x.frame?.p95)}${x.error ? ` (n=${x.frame?.n}, ${x.error})` : ''}`);
    }
    irows.push(row);
  }
  parts.push(table(['interaction: frame median / p95', ...sets.map(([n]) => n)], irows));
  const drows = INTERACTIONS.map(([kind, label]) => [
    label,
    ...sets.map(([, inter]) => {
      const x = inter?.[kind];
      return x?.dom?.n ? `${ms(x.dom.median)} / ${ms(x.painted?.median)}` : '—';
    }),
  ]);
  parts.push('\nThe same, median ms from the event to the DOM change (script only) / to the task after the frame was rendered (style, layout and paint included):\n');
  parts.push(table(['interaction: DOM / painted median', ...sets.map(([n]) => n)], drows));

  if ((r.datasets ?? []).length || r.shipped) {
    parts.push('\n### Datasets: the shipped one and generated ones loaded through the file input of the dataset panel\n');
    const rows = [];
    for (const d of [...(r.shipped ? [r.shipped] : []), ...(r.datasets ?? [])]) {
      let load = d.skipped ?? '—';
      if (d.shipped) load = 'built in';
      else if (d.load?.outcome === 'loaded') load = ms(d.load.frameMs);
      else if (d.load?.outcome === 'timeout') load = `**timeout**: ${d.load.error ?? ''}`;
      else if (d.load) load = `**${d.load.outcome}**${d.load.errors?.length ? ` (${d.load.errors.join(', ')})` : ''} after ${ms(d.load.frameMs)}`;
      else if (d.error) load = `failed: ${d.error}`;
      rows.push([
        d.shipped ? `${int(d.figures)} (shipped)` : int(d.figures),
        int(d.derived),
        int(d.relations),
        int(d.bytes),
        r.meta?.maxDatasetBytes ? (d.bytes > r.meta.maxDatasetBytes ? `**over** by ${bytes(d.bytes - r.meta.maxDatasetBytes)}` : 'within') : '?',
        load,
        d.reload?.firstRender ? `${ms(d.reload.firstRender.median)} (n=${d.reload.firstRender.n})` : d.reload?.error ?? '—',
        bytes(d.memory?.jsHeapUsed),
        bytes(d.memory?.wasmMemory),
        int(d.tableDomNodes),
      ]);
    }
    parts.push(
      table(
        ['figures', 'derived', 'relations', 'JSON bytes', `vs limit (${int(r.meta?.maxDatasetBytes)} B)`, 'file chosen → overview drawn', 'reload, dataset kept in the browser: first complete render', 'JS heap after load', 'wasm memory after load', 'DOM elements, table view'],
        rows,
      ),
    );
  }
  for (const d of (r.datasets ?? []).filter((x) => x.viewTasks)) {
    parts.push(
      `\n### Every view at ${int(d.figures)} figures${d.atLimit ? ' (the size limit)' : ''}: longest main-thread task (Long Tasks API; 0 = none over 50 ms), median of ${d.viewTasks.rounds} rounds\n`,
    );
    const long = (s) => (s?.n ? (s.median === 0 ? '< 50 ms' : ms(s.median)) : '—');
    parts.push(
      table(
        ['view', 'open: longest task', 'open: click → next frame', 'language switch (to 中文 and back): longest task', 'language switch: until the next frame', 'DOM elements'],
        Object.entries(d.viewTasks.views).map(([v, x]) => [v, long(x.openLongestTask), ms(x.openUntilFrame?.median), long(x.langLongestTask), ms(x.langUntilFrame?.median), int(x.domNodes)]),
      ),
    );
    if (d.viewTasks.errors?.length) parts.push(`\nNot measured: ${d.viewTasks.errors.join('; ')}.`);
  }
  if (r.loader === false) parts.push('\nloader not available: the app has no `#data-file` input, generated datasets were not measured.');

  parts.push('\n### Lighthouse 12 (mobile profile, simulated throttling)\n');
  const lh = r.lighthouse;
  if (!lh || lh.error) parts.push(`Lighthouse could not run: ${lh?.error ?? 'not run'}`);
  else {
    parts.push(
      table(
        ['run', 'performance', 'accessibility', 'best practices', 'LCP', 'FCP', 'TBT', 'speed index'],
        [
          ...lh.runs.map((x, i) => [
            i + 1,
            x.performance?.toFixed(2),
            x.accessibility?.toFixed(2),
            x['best-practices']?.toFixed(2),
            ms(x.lcpMs),
            ms(x.fcpMs),
            ms(x.tbtMs),
            ms(x.siMs),
          ]),
          [
            '**median**',
            lh.median.performance?.toFixed(2),
            lh.median.accessibility?.toFixed(2),
            lh.median['best-practices']?.toFixed(2),
            ms(lh.median.lcpMs),
            ms(lh.median.fcpMs),
            ms(lh.median.tbtMs),
            ms(lh.median.siMs),
          ],
        ],
      ),
    );
    if (lh.failing?.length) parts.push(`\nAudits below 1 (last run): ${lh.failing.join('; ')}.`);
  }

  parts.push('\n### Profile (this run)\n');
  const p = r.profile;
  if (!p || p.skipped) parts.push(`Not profiled: ${p?.skipped ?? 'not run'}.`);
  else {
    for (const c of p.cases) {
      parts.push(`**${c.name}** — ${ms(c.wallMs)} wall clock traced; main thread busy ${ms(c.mainBusyMs)}; wasm compile on all threads ${ms(c.wasmCompileMs)}.\n`);
      parts.push(
        table(
          ['where the main thread\'s CPU samples fall (leaf-most known frame)', 'ms', 'share'],
          c.categories.slice(0, 12).map((x) => [x.name, ms(x.ms), `${x.pct.toFixed(0)}%`]),
        ),
      );
      parts.push('');
      parts.push(
        table(
          ['functions by inclusive time (call chains nest: a caller includes its callees)', 'ms'],
          (c.topInclusive ?? []).slice(0, 10).map((x) => [`\`${x.name}\``, ms(x.ms)]),
        ),
      );
      parts.push('');
      parts.push(
        table(
          ['heaviest functions (self time)', 'ms'],
          c.topFunctions.slice(0, 8).map((x) => [`\`${x.name}\``, ms(x.ms)]),
        ),
      );
      parts.push('');
      parts.push(
        table(
          ['browser work on the main thread (trace events, self time)', 'ms'],
          c.topEvents.slice(0, 8).map((x) => [x.name, ms(x.ms)]),
        ),
      );
      parts.push('');
    }
  }
  return parts.join('\n');
}

export const BEGIN = '<!-- bench:results:begin (written by `cargo xtask bench`; edit outside these markers) -->';
export const END = '<!-- bench:results:end -->';

/** `doc` with the text between the markers replaced by `section` (markers added when missing). */
export function spliceResults(doc, section) {
  const block = `${BEGIN}\n\n${section.trim()}\n\n${END}`;
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a >= 0 && b > a) return doc.slice(0, a) + block + doc.slice(b + END.length);
  return `${doc.trimEnd()}\n\n## Results\n\n${block}\n`;
}
