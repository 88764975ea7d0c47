// Chromium performance traces (playwright's browser.startTracing, with V8's CPU profiler) and
// their summary: where the renderer's main thread spends its time, by the app's own modules
// (needs a build whose wasm keeps its function names: xtask builds one for the profile), by
// function, and by browser work (style, layout, paint, parsing, GC), plus wasm compilation on
// every thread.

export const TRACE_CATEGORIES = [
  '__metadata',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'v8.wasm',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
  'loading',
];

// Leaf-most frame that matches decides the bucket (order matters only within one frame).
const BUCKETS = [
  ['figure lookup by id (Model::figure / paragraph_of / derived: linear scans)', /Model::(figure|paragraph_of|derived|channel|paragraph)\b/],
  ['ids a relation names (validate::rule_refs: used by validation and by the checks)', /validate::rule_refs/],
  ['dataset parse (serde_json into a tree, then model::decode)', /serde_json|serde_core|serde::de|json_path|validate::parse|model::decode/],
  ['dataset validation (ids, references, cycles, units)', /model::validate/],
  ['derived metrics and estimates', /model::derive|model::estimate/],
  ['consistency checks and statuses', /model::checks|model::statuses|Model::status_of|findings_for/],
  ['Model::from_json, not attributed further (inlined: checks, validation, derive)', /Model::from_json|Model::from_dataset|Model::embedded/],
  ['narrative text', /model::narrative/],
  ['number formatting (numfmt, Intl.NumberFormat)', /numfmt|NumberFormat|model::display|model::format/],
  ['charts (spec, layout, plotters drawing on canvas)', /charts::|plotters|Canvas/],
  ['figure table (filter, sort, rows)', /figure_table|filtered_ids/],
  ['browser storage (localStorage)', /storage::|setItem|getItem/],
  ['reading the file (FileReader)', /FileReader|gloo_file/],
  ['yew: scheduler, virtual DOM diff, DOM patching', /^<?yew::|^<?implicit_clone/],
  ["the app's components (view functions)", /^<case_explorer::components::/],
  ['memory allocation and copies (dlmalloc, memcpy)', /dlmalloc|^<?alloc::|memcpy|memmove|memset|__rust_alloc|__rust_realloc|__rust_dealloc|__rdl_/],
];

// Frames that only carry calls across the JS/wasm boundary: left out of the inclusive list.
const PLUMBING = /^\(root\)$|^real$|^$|js-to-wasm|wasm-to-js|wasm_bindgen::convert|wasm_bindgen__convert|externref shim|FnOnce::call_once|js_sys::futures|^\(program\)$|^\(idle\)$|^\(anonymous\)$/;

function bucketOfFrame(frame) {
  const name = frame.functionName || '';
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(program)') return 'browser work outside JS/wasm: style, layout, paint, HTML parsing ("(program)")';
  if (name === '(idle)') return 'idle';
  for (const [bucket, re] of BUCKETS) if (re.test(name)) return bucket;
  return null;
}

function fallbackBucket(frame) {
  const url = frame.url || '';
  if (url.startsWith('wasm://')) return 'other wasm (app and std)';
  if (/\.js(\?|$)/.test(url)) return 'wasm-bindgen JS glue and DOM calls';
  if (frame.functionName === '(root)') return 'other';
  return 'other JS / native (DOM APIs, Intl)';
}

/** Summarises a trace (the JSON text from browser.stopTracing). */
export function summarizeTrace(traceText) {
  const trace = JSON.parse(traceText);
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  // Renderer main threads.
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  // CPU profiles, by profile id.
  const profiles = new Map();
  for (const e of events) {
    if (e.name === 'Profile') {
      profiles.set(`${e.pid}:${e.id}`, { key: `${e.pid}:${e.tid}`, pid: e.pid, tid: e.tid, start: e.args?.data?.startTime ?? e.ts, nodes: new Map(), samples: [], deltas: [] });
    }
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    const cpu = e.args?.data?.cpuProfile ?? {};
    for (const n of cpu.nodes ?? []) p.nodes.set(n.id, n);
    for (const s of cpu.samples ?? []) p.samples.push(s);
    for (const d of e.args?.data?.timeDeltas ?? []) p.deltas.push(d);
  }
  // The main-thread profile with the most samples.
  const candidates = [...profiles.values()].filter((p) => mains.includes(p.key));
  const profile = (candidates.length ? candidates : [...profiles.values()]).sort((a, b) => b.samples.length - a.samples.length)[0];
  const mainKey = profile?.key ?? mains[0];

  const byBucket = new Map();
  const selfByFunction = new Map();
  const inclusive = new Map();
  let sampledMs = 0;
  if (profile) {
    const times = [];
    let t = profile.start;
    for (const d of profile.deltas) {
      t += d;
      times.push(t);
    }
    const memo = new Map();
    const bucketOf = (id) => {
      if (memo.has(id)) return memo.get(id);
      let node = profile.nodes.get(id);
      let found = null;
      const leaf = node;
      while (node && !found) {
        found = bucketOfFrame(node.callFrame);
        node = node.parent !== undefined ? profile.nodes.get(node.parent) : null;
      }
      // The parent link may be missing in older formats: derive it from children.
      const result = found ?? (leaf ? fallbackBucket(leaf.callFrame) : 'other');
      memo.set(id, result);
      return result;
    };
    // Fill in parent links from children lists when absent.
    for (const n of profile.nodes.values()) {
      for (const c of n.children ?? []) {
        const child = profile.nodes.get(c);
        if (child && child.parent === undefined) child.parent = n.id;
      }
    }
    for (let i = 0; i < profile.samples.length - 1; i++) {
      const dur = (times[i + 1] - times[i]) / 1000;
      if (!(dur >= 0)) continue;
      const id = profile.samples[i];
      const bucket = bucketOf(id);
      byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + dur);
      const node = profile.nodes.get(id);
      const fn = node?.callFrame?.functionName || '(anonymous)';
      if (bucket !== 'idle') {
        selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + dur);
        sampledMs += dur;
        const seen = new Set();
        for (let n = node; n; n = n.parent !== undefined ? profile.nodes.get(n.parent) : null) {
          const name = n.callFrame?.functionName ?? '';
          if (PLUMBING.test(name) || seen.has(name)) continue;
          seen.add(name);
          inclusive.set(name, (inclusive.get(name) ?? 0) + dur);
        }
      }
    }
  }

  // Trace events of the main thread: self time per name, and busy time (top-level events).
  const [mpid, mtid] = (mainKey ?? '0:0').split(':').map(Number);
  const spans = [];
  const open = new Map();
  for (const e of events) {
    if (e.pid !== mpid || e.tid !== mtid) continue;
    if (e.ph === 'X' && typeof e.dur === 'number') spans.push({ name: e.name, ts: e.ts, end: e.ts + e.dur });
    else if (e.ph === 'B') open.set(e.name, [...(open.get(e.name) ?? []), e.ts]);
    else if (e.ph === 'E') {
      const starts = open.get(e.name);
      if (starts?.length) spans.push({ name: e.name, ts: starts.pop(), end: e.ts });
    }
  }
  spans.sort((a, b) => a.ts - b.ts || b.end - a.end);
  const self = new Map();
  const stack = [];
  let busy = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const s of spans) {
    first = Math.min(first, s.ts);
    last = Math.max(last, s.end);
    while (stack.length && stack[stack.length - 1].end <= s.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent && s.end <= parent.end) parent.self -= s.end - s.ts;
    else if (!parent) busy += s.end - s.ts;
    s.self = s.end - s.ts;
    stack.push(s);
  }
  for (const s of spans) self.set(s.name, (self.get(s.name) ?? 0) + s.self / 1000);
  const wrappers = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'RunMicrotasks', 'v8.run', 'V8.Execute']);
  const topEvents = [...self.entries()]
    .filter(([name, t]) => !wrappers.has(name) && t > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, t]) => ({ name, ms: t }));

  // wasm compilation on every thread of the renderer: union of wasm events per thread.
  const wasmByThread = new Map();
  for (const e of events) {
    if (e.pid !== mpid || e.ph !== 'X' || typeof e.dur !== 'number') continue;
    if (!/wasm/i.test(e.cat ?? '') && !/^wasm\./i.test(e.name)) continue;
    if (!/compil|Compile|Tier|Liftoff|Turbofan/i.test(e.name)) continue;
    const key = e.tid;
    if (!wasmByThread.has(key)) wasmByThread.set(key, []);
    wasmByThread.get(key).push([e.ts, e.ts + e.dur]);
  }
  let wasmCompile = 0;
  for (const list of wasmByThread.values()) {
    list.sort((a, b) => a[0] - b[0]);
    let [s, t] = list[0];
    for (const [a, b] of list.slice(1)) {
      if (a > t) {
        wasmCompile += t - s;
        [s, t] = [a, b];
      } else t = Math.max(t, b);
    }
    wasmCompile += t - s;
  }

  const short = (name) =>
    name
      .replace(/::h[0-9a-f]{16}$/, '')
      .replace(/\[[0-9a-f]{16}\]/g, '')
      .replace(/^<(case_explorer::components::\w+::\w+) as yew::functional::FunctionProvider>::run.*/, 'component $1');
  const categories = [...byBucket.entries()]
    .filter(([name]) => name !== 'idle')
    .sort((a, b) => b[1] - a[1])
    .map(([name, t]) => ({ name, ms: t, pct: sampledMs ? (t / sampledMs) * 100 : 0 }));
  const topFunctions = [...selfByFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([name, t]) => ({ name: short(name), ms: t }));
  const topInclusive = [...inclusive.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([name, t]) => ({ name: short(name), ms: t }));
  return {
    sampledMs,
    topInclusive,
    idleMs: byBucket.get('idle') ?? 0,
    wallMs: Number.isFinite(first) ? (last - first) / 1000 : null,
    mainBusyMs: busy / 1000,
    wasmCompileMs: wasmCompile / 1000,
    namedWasm: topFunctions.some((f) => f.name.includes('::')),
    categories,
    topFunctions,
    topEvents: topEvents.slice(0, 15),
  };
}

/** Traces `action` (an async function) on `page`; resolves to the trace's summary. */
export async function traced(browser, page, action, { save } = {}) {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES, screenshots: false });
  let buffer;
  try {
    await action();
  } finally {
    buffer = await browser.stopTracing();
  }
  if (save) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(save, buffer);
  }
  return summarizeTrace(buffer.toString('utf8'));
}
