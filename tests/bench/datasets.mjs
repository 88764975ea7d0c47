// Inputs of the benchmark, made from data/kezuohou.json:
//  - generateDataset(base, n): a dataset in the same format with exactly n figures. The shipped
//    figures stay as they are (so the headline cards, charts and what-if still find their ids);
//    the rest are copies with new ids, values and labels in both languages. Paragraphs, channels
//    and measures are kept; derived metrics and relations are copied in the same proportion as
//    in the shipped data, their references pointing into the same copy.
//  - staticTableHtml(base): the lower bound, a plain HTML page holding every figure in a
//    <table>, no script.

export const SHIPPED = 'data/kezuohou.json';

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same data. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Units whose values are bounded to 0..100 by the validator.
const PERCENT_UNITS = new Set(['%']);
// Exchange rates pick the conversion of every money figure: copies keep them as printed.
const RATE_UNITS = new Set(['CNY/USD']);

/** Every id a relation's rule names, as [field path, id] pairs, and a way to rename them. */
function mapRule(rule, rename) {
  const out = { ...rule };
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'kind') continue;
    if (Array.isArray(value)) out[key] = value.map(rename);
    else if (typeof value === 'string') out[key] = rename(value);
  }
  return out;
}

function suffixText(text, copy) {
  return { en: `${text.en} (copy ${copy})`, zh: `${text.zh}（副本 ${copy}）` };
}

/**
 * A dataset with exactly `n` figures (n >= the shipped count), derived metrics and relations
 * in proportion. Deterministic for a given n.
 */
export function generateDataset(base, n) {
  const figures0 = base.figures;
  if (n < figures0.length) throw new Error(`at least ${figures0.length} figures (the shipped ones)`);
  const rand = random(n);
  const derivedPerFigure = base.derived.length / figures0.length;
  const relationsPerFigure = base.relations.length / figures0.length;
  const figures = [...figures0];
  const derived = [...base.derived];
  const relations = [...base.relations];

  for (let copy = 1; figures.length < n; copy++) {
    const take = Math.min(figures0.length, n - figures.length);
    const ids = new Set(figures0.slice(0, take).map((f) => f.id));
    const copyId = (id) => `${id}__${copy}`;
    // Ids of this copy; references to what the copy lacks stay on the shipped quantity.
    const local = new Set([...ids].map(copyId));
    for (const f of figures0.slice(0, take)) {
      const factor = RATE_UNITS.has(f.unit) ? 1 : 0.8 + 0.4 * rand();
      let value = f.value * factor;
      if (PERCENT_UNITS.has(f.unit)) value = Math.min(value, 100);
      // Keep about as many significant digits as printed.
      value = Number(value.toPrecision(Math.max(3, String(f.value).replace(/[^0-9]/g, '').length)));
      const g = {
        ...f,
        id: copyId(f.id),
        label: suffixText(f.label, copy),
        value,
        source: { ...f.source },
      };
      if (f.repeats !== undefined && f.repeats !== null) {
        g.repeats = ids.has(f.repeats) ? copyId(f.repeats) : f.repeats;
      }
      figures.push(g);
    }
    // Derived metrics of this copy, in order (inputs may be earlier metrics of the copy).
    const wantDerived = Math.round(figures.length * derivedPerFigure) - derived.length;
    let madeDerived = 0;
    for (const m of base.derived) {
      if (madeDerived >= wantDerived) break;
      const rename = (id) => (local.has(copyId(id)) ? copyId(id) : id);
      derived.push({ ...m, id: copyId(m.id), label: suffixText(m.label, copy), inputs: m.inputs.map(rename) });
      local.add(copyId(m.id));
      madeDerived++;
    }
    const wantRelations = Math.round(figures.length * relationsPerFigure) - relations.length;
    let madeRelations = 0;
    for (const r of base.relations) {
      if (madeRelations >= wantRelations) break;
      const rename = (id) => (local.has(copyId(id)) ? copyId(id) : id);
      relations.push({ ...r, id: copyId(r.id), label: suffixText(r.label, copy), rule: mapRule(r.rule, rename) });
      madeRelations++;
    }
  }

  return {
    ...base,
    case: {
      ...base.case,
      id: `${base.case.id}-generated-${n}`,
      title: {
        en: `Generated benchmark data: ${n} figures`,
        zh: `生成的基准测试数据：${n} 个数字`,
      },
    },
    figures,
    derived,
    relations,
  };
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

function periodText(p) {
  if (!p) return '';
  switch (p.type) {
    case 'year':
      return String(p.year);
    case 'range':
      return `${p.from}–${p.to}`;
    case 'since':
      return `since ${p.year}`;
    case 'recent_years':
      return 'recent years';
    default:
      return p.type;
  }
}

const SCALE = { one: '', thousand: ' thousand', million: ' million', billion: ' billion', wan: ' wan (10⁴)', yi: ' yi (10⁸)' };

/**
 * The built page with its scripts and module preloads taken out: the same prerendered HTML with
 * no wasm at all, to tell what the app costs the first paint from what the page's HTML does.
 */
export function withoutScripts(html) {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '').replace(/<link rel="modulepreload"[^>]*>/g, '');
}

/**
 * The lower bound: the same figures as a plain table, with the app's stylesheet (`cssHref`,
 * optional) so the page pays for the same render-blocking fetch. No script at all.
 */
export function staticTableHtml(base, { cssHref } = {}) {
  const channels = new Map(base.channels.map((c) => [c.id, c.label.en]));
  const rows = base.figures
    .map((f) => {
      const qualifier = f.qualifier && f.qualifier !== 'exact' ? `${f.qualifier.replace(/_/g, ' ')} ` : '';
      const value = `${qualifier}${Number(f.value).toLocaleString('en-US')}${SCALE[f.scale] ?? ''}`;
      return (
        `<tr data-figure="${escapeHtml(f.id)}"><th scope="row">${escapeHtml(f.label.en)}</th>` +
        `<td class="num">${escapeHtml(value)}</td><td>${escapeHtml(f.unit)}</td>` +
        `<td>${escapeHtml(periodText(f.period))}</td><td>${escapeHtml(f.kind)}</td>` +
        `<td>${escapeHtml(channels.get(f.channel) ?? '')}</td>` +
        `<td class="num">${f.source?.paragraph ?? ''}</td></tr>`
      );
    })
    .join('\n');
  const css = cssHref ? `<link rel="stylesheet" href="${escapeHtml(cssHref)}" />\n` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(base.case.title.en)} — static figure table (benchmark lower bound)</title>
${css}</head>
<body>
<main>
<h1>${escapeHtml(base.case.title.en)}</h1>
<table class="figure-table">
<thead><tr><th scope="col">Label</th><th scope="col">Value</th><th scope="col">Unit</th><th scope="col">Period</th><th scope="col">Kind</th><th scope="col">Channel</th><th scope="col">Paragraph</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
</body>
</html>
`;
}

/**
 * A dataset whose presentation asks for all the page may draw (`limits` read from
 * src/model/limits.rs): the most charts, each of the most panels of the most figures, and the
 * most headline cards, every figure id distinct. What the bounds of issue 24 cost at worst.
 */
export function datasetAtBounds(base, limits) {
  const { charts, panels, figures, headlines } = limits;
  const d = generateDataset(base, Math.max(base.figures.length, charts * panels * figures));
  const ids = d.figures.map((f) => f.id);
  let next = 0;
  const take = (k) => ids.slice(next, (next += k));
  d.presentation = {
    ...(d.presentation ?? {}),
    headlines: ids.slice(0, headlines),
    charts: Array.from({ length: charts }, (_, c) => ({
      id: `bound_${c}`,
      title: { en: `Chart ${c + 1} at the bounds`, zh: `边界图 ${c + 1}` },
      panels: Array.from({ length: panels }, () => take(figures)),
    })),
  };
  d.case = { ...d.case, title: { en: 'Presentation at its bounds', zh: '展示上限' } };
  return d;
}
