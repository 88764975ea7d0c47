// What runs inside the page. `benchInit` is installed with page.addInitScript, so it runs before
// any of the page's own scripts and every timestamp is performance.now(): milliseconds since the
// navigation started. Nothing here sleeps for a fixed time: conditions are watched with a
// MutationObserver and "the next frame" is a requestAnimationFrame followed by a task (so the
// frame's style, layout and paint are included).

/* eslint-disable no-undef */
export function benchInit(options) {
  const mode = options?.mode ?? 'app';
  const b = (window.__bench = {
    mode,
    firstRender: null,
    trunkStarted: null,
    fileChange: null,
    wasmMemory: null,
    load: null,
  });

  // The wasm instance's memory: from trunk's start event, or by hooking instantiate*.
  const grab = (result) => {
    try {
      const exports = (result && result.instance ? result.instance : result)?.exports;
      if (exports && exports.memory instanceof WebAssembly.Memory) b.wasmMemory = exports.memory;
    } catch {
      // not ours to break
    }
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (typeof original === 'function') {
      WebAssembly[name] = function (...args) {
        return original.apply(this, args).then(grab);
      };
    }
  }
  addEventListener('TrunkApplicationStarted', (e) => {
    b.trunkStarted = performance.now();
    const memory = e.detail?.wasm?.memory;
    if (memory instanceof WebAssembly.Memory) b.wasmMemory = memory;
  });
  // When the reader picks a file: the start of a dataset load.
  addEventListener(
    'change',
    (e) => {
      if (e.target && e.target.id === 'data-file') b.fileChange = performance.now();
    },
    true,
  );

  const $ = (sel) => document.querySelector(sel);
  const $$ = (sel) => [...document.querySelectorAll(sel)];
  b.$ = $;

  // Every main-thread task over 50 ms (the Long Tasks API), from the start of the page.
  b.longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    b.longtasks = null; // not supported: reported as not measured
  }

  /**
   * The overview is complete: its cards are there and every chart is shown, either drawn on its
   * canvas (`canvas.chart[data-drawn="true"]`) or as the prerendered SVG image
   * (`img.chart-static`, loaded).
   */
  const overviewComplete = () => {
    if (!$('.cards .card')) return false;
    const charts = $$('canvas.chart, img.chart-static');
    return (
      charts.length > 0 &&
      charts.every((c) => (c.tagName === 'IMG' ? c.complete && c.naturalWidth > 0 : c.dataset.drawn === 'true'))
    );
  };
  b.overviewComplete = overviewComplete;
  /**
   * What a reader sees of the overview is up to date: its cards are there and every chart in the
   * viewport is drawn. The app draws a chart off screen a frame after an update, so an
   * interaction's next frame, the one a reader sees (as Interaction to Next Paint counts it),
   * does not include it.
   */
  const overviewSeen = () => {
    if (!$('.cards .card')) return false;
    const height = innerHeight;
    return $$('canvas.chart').every((c) => {
      const r = c.getBoundingClientRect();
      return r.bottom <= 0 || r.top >= height || c.dataset.drawn === 'true';
    });
  };
  const staticComplete = () => document.querySelectorAll('table tbody tr').length >= (options?.rows ?? 1);
  const complete = mode === 'static' ? staticComplete : overviewComplete;

  const watchFirst = () => {
    if (b.firstRender === null && complete()) {
      b.firstRender = performance.now();
      observer.disconnect();
      document.removeEventListener('load', onImageLoad, true);
    }
  };
  const observer = new MutationObserver(watchFirst);
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] });
  // An image finishing its load changes no DOM: its load event, captured on the document (it
  // does not bubble, and an element's load event never reaches the window).
  const onImageLoad = (e) => {
    if (b.firstRender === null && e.target instanceof HTMLImageElement) watchFirst();
  };
  document.addEventListener('load', onImageLoad, true);

  // Interactive: the app says its event handlers are live with `data-app="live"` on <html>
  // (set after hydration or the first client render). `b.live` is when that happened.
  b.live = null;
  const watchLive = () => {
    if (b.live === null && document.documentElement.dataset.app === 'live') {
      b.live = performance.now();
      liveObserver.disconnect();
    }
  };
  const liveObserver = new MutationObserver(watchLive);
  liveObserver.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-app'] });
  // The attribute may come with the parsed HTML itself.
  addEventListener('DOMContentLoaded', watchLive);

  /** Resolves once cond() holds (checked after every DOM change), rejects after timeoutMs. */
  b.waitFor = (cond, timeoutMs = 30000) =>
    new Promise((resolve, reject) => {
      if (cond()) {
        resolve();
        return;
      }
      const obs = new MutationObserver(() => {
        if (cond()) {
          obs.disconnect();
          clearTimeout(timer);
          resolve();
        }
      });
      obs.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      const timer = setTimeout(() => {
        obs.disconnect();
        reject(new Error(`condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
    });

  /** After the next frame has been produced: rAF, then a task queued from it. */
  b.nextFrame = () =>
    new Promise((resolve) => {
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve();
        ch.port2.postMessage(0);
      });
    });

  b.memory = async () => {
    if (typeof window.gc === 'function') window.gc();
    await b.nextFrame();
    return {
      jsHeapUsed: performance.memory ? performance.memory.usedJSHeapSize : null,
      jsHeapTotal: performance.memory ? performance.memory.totalJSHeapSize : null,
      wasmMemory: b.wasmMemory ? b.wasmMemory.buffer.byteLength : null,
      domNodes: document.getElementsByTagName('*').length,
    };
  };

  /** Navigation, paint and resource timings of this load. */
  b.timings = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint');
    const resources = performance.getEntriesByType('resource').map((r) => ({
      name: new URL(r.name).pathname,
      transferSize: r.transferSize,
      encodedBodySize: r.encodedBodySize,
      decodedBodySize: r.decodedBodySize,
      responseEnd: r.responseEnd,
    }));
    const wasm = resources.filter((r) => r.name.endsWith('.wasm'));
    return {
      firstRender: b.firstRender,
      live: b.live,
      trunkStarted: b.trunkStarted,
      fcp: fcp ? fcp.startTime : null,
      domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
      loadEvent: nav ? nav.loadEventEnd : null,
      wasmResponseEnd: wasm.length ? Math.max(...wasm.map((r) => r.responseEnd)) : null,
      transferBytes: (nav ? nav.transferSize : 0) + resources.reduce((s, r) => s + r.transferSize, 0),
      encodedBytes: (nav ? nav.encodedBodySize : 0) + resources.reduce((s, r) => s + r.encodedBodySize, 0),
      resources,
    };
  };

  // ---- dataset loading through the reader's file input ----

  /** Starts watching for the outcome of a dataset load (call before choosing the file). */
  b.watchLoad = (title, timeoutMs) => {
    b.fileChange = null;
    b.load = null;
    const loaded = () => $('#dataset-name')?.textContent === title && overviewComplete();
    const refused = () => $('#data-errors') !== null;
    b.waitFor(() => loaded() || refused(), timeoutMs).then(
      async () => {
        const at = performance.now();
        const outcome = loaded() ? 'loaded' : 'refused';
        await b.nextFrame();
        b.load = {
          outcome,
          domMs: at - b.fileChange,
          frameMs: performance.now() - b.fileChange,
          errors: $$('#data-errors li[data-code]').map((li) => li.dataset.code),
          errorText: ($('#data-errors')?.textContent ?? '').slice(0, 400),
        };
      },
      (err) => {
        b.load = { outcome: 'timeout', error: String(err) };
      },
    );
  };

  // ---- interactions: each returns { act, done } for rep i; measured by b.interact ----

  const text = (sel) => $(sel)?.textContent ?? null;
  const setSelect = (sel, value) => {
    const el = $(sel);
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const typeInto = (el, value, inputType, data) => {
    el.value = value;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType, data }));
  };

  b.interactions = {
    // Overview: English <-> Chinese; the heading and every chart on screen follow.
    lang: () => {
      const target = $('#ctl-lang').value === 'en' ? 'zh' : 'en';
      const before = text('h1');
      return {
        act: () => setSelect('#ctl-lang', target),
        done: () => text('h1') !== before && overviewSeen(),
      };
    },
    // Overview: hectares <-> mu; the cards' values and every chart on screen follow.
    area: () => {
      const target = $('#ctl-area').value === 'ha' ? 'mu' : 'ha';
      const cards = () => $$('.card-value').map((e) => e.textContent).join('|');
      const before = cards();
      return {
        act: () => setSelect('#ctl-area', target),
        done: () => cards() !== before && overviewSeen(),
      };
    },
    // Table: sort by value (each click flips the direction).
    sort: () => {
      const header = () => $('button[data-sort="value"]')?.closest('th')?.getAttribute('aria-sort');
      const before = header();
      return {
        act: () => $('button[data-sort="value"]').click(),
        done: () => header() !== before,
      };
    },
    // Table: one keystroke in the search box, alternately typing "q" (the table narrows)
    // and deleting it (every row comes back).
    search: () => {
      const box = $('#flt-search');
      const adding = box.value === '';
      const count = () => text('#row-count');
      const before = count();
      return {
        act: () =>
          adding ? typeInto(box, 'q', 'insertText', 'q') : typeInto(box, '', 'deleteContentBackward', null),
        done: () => count() !== before,
      };
    },
    // Overview: select a headline figure; the detail panel opens with its title.
    select: (i) => {
      const cards = $$('.cards button[data-figure]');
      const card = cards[i % cards.length];
      const label = card.querySelector('.card-label')?.textContent;
      return {
        before: async () => {
          const close = $('.detail .close');
          if (close) {
            close.click();
            await b.waitFor(() => !$('#detail-title'));
            await b.nextFrame();
          }
        },
        act: () => card.click(),
        done: () => text('#detail-title') === label,
      };
    },
    // What-if: one keystroke in the guards input, alternately adding and deleting a digit.
    whatif: () => {
      const input = $('#wi-who_protects-guards');
      const value = input.value;
      const adding = value.length <= 3;
      const next = adding ? `${value}1` : value.slice(0, -1);
      const before = text('#wi-who_protects-guard_payroll_over_subsidy_period');
      return {
        act: () => (adding ? typeInto(input, next, 'insertText', '1') : typeInto(input, next, 'deleteContentBackward', null)),
        done: () => text('#wi-who_protects-guard_payroll_over_subsidy_period') !== before,
      };
    },
    // Comparison: the concept switched between money spent and area restored, across every
    // case of the site (ticked once, their datasets fetched before the first measure); the
    // table's caption names the new concept and the dot chart has its marks.
    compare: () => {
      const caption = () => text('#compare-table caption');
      // Read once the cases are ticked and the first table is drawn (`before` runs first).
      let before = null;
      let target = null;
      return {
        before: async () => {
          // One case at a time: each tick is read against the choice the page last drew.
          const values = $$('.compare-cases input[type=checkbox]').map((x) => x.value).filter((v) => !v.startsWith('local:'));
          for (const v of values) {
            const box = () => $(`.compare-cases input[value="${v}"]`);
            if (box().checked) continue;
            box().click();
            await b.waitFor(() => box().checked, 10_000);
            await b.nextFrame();
          }
          if ($('#cmp-concept').value !== 'area_restored' && $('#cmp-concept').value !== 'investment') {
            setSelect('#cmp-concept', 'area_restored');
          }
          await b.waitFor(() => caption() !== null && $('.dot-plot .dot') !== null, 60_000);
          before = caption();
          target = $('#cmp-concept').value === 'investment' ? 'area_restored' : 'investment';
        },
        act: () => setSelect('#cmp-concept', target),
        done: () => caption() !== null && caption() !== before && $('.dot-plot .dot') !== null,
      };
    },
  };

  /** Resolves at the next requestAnimationFrame callback: the start of the next frame. */
  b.animationFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

  /**
   * One measured interaction. `phaseMs` (0-15) is how long after a frame the event is
   * dispatched: real input arrives at any point of the 16.7 ms frame, so the repetitions walk
   * through the phases instead of always waiting a whole frame. Returns ms from the dispatch to
   * the DOM change (domMs), to the next frame's requestAnimationFrame callback (frameMs, the
   * measure of issue 7) and to the task after that frame was rendered (paintedMs).
   */
  b.interact = async (kind, i, timeoutMs, phaseMs = 0) => {
    const spec = b.interactions[kind](i);
    if (spec.before) await spec.before();
    await b.nextFrame();
    await b.animationFrame();
    if (phaseMs > 0) await new Promise((resolve) => setTimeout(resolve, phaseMs));
    const t0 = performance.now();
    spec.act();
    await b.waitFor(spec.done, timeoutMs);
    const t1 = performance.now();
    await b.animationFrame();
    const t2 = performance.now();
    await new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve();
      ch.port2.postMessage(0);
    });
    const t3 = performance.now();
    return { domMs: t1 - t0, frameMs: t2 - t0, paintedMs: t3 - t0 };
  };

  /** Back to a neutral state between interaction kinds (untimed). */
  b.reset = async (timeoutMs) => {
    const close = $('.detail .close');
    if (close) {
      close.click();
      await b.waitFor(() => !$('#detail-title'), timeoutMs);
    }
    if ($('#ctl-lang') && $('#ctl-lang').value !== 'en') {
      const before = text('h1');
      setSelect('#ctl-lang', 'en');
      await b.waitFor(() => text('h1') !== before, timeoutMs);
    }
    if ($('#ctl-area') && $('#ctl-area').value !== 'ha') setSelect('#ctl-area', 'ha');
    const box = $('#flt-search');
    if (box && box.value) typeInto(box, '', 'deleteContentBackward', null);
    await b.nextFrame();
  };

  /** When each view is shown. */
  const viewReady = {
    overview: overviewComplete,
    table: () => $('table.figure-table tbody tr') !== null && $('#flt-search') !== null,
    whatif: () => $('#wi-who_protects-guards') !== null && $('#wi-who_protects-guard_payroll_over_subsidy_period') !== null,
    quality: () => $('#quality-title') !== null,
    derived: () => $('#derived-title') !== null,
    channels: () => $('#channels-title') !== null,
    timeline: () => $('#timeline-title') !== null,
    trail: () => $('#trail-title') !== null,
    compare: () => $('#compare-title') !== null && $('.compare-cases input') !== null,
  };
  b.views = Object.keys(viewReady);

  /** The longest main-thread task (and how many over 50 ms) that ended after `t0`. */
  const longestSince = (t0) => {
    if (b.longtasks === null) return { longestTaskMs: null, longTasks: null };
    const tasks = b.longtasks.filter((t) => t.start + t.duration >= t0);
    // No task over 50 ms: the API reports none, so the longest is under 50 ms (kept as 0).
    return { longestTaskMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0), longTasks: tasks.length };
  };

  b.longestSince = longestSince;

  /** Runs `act`, waits for `done` and the next frame, then for the long-task entries. */
  const timedTasks = async (act, done, timeoutMs) => {
    await b.nextFrame();
    const t0 = performance.now();
    act();
    await b.waitFor(done, timeoutMs);
    await b.nextFrame();
    const t1 = performance.now();
    // Long-task entries are delivered after the task: give the observer a moment.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { untilFrameMs: t1 - t0, ...longestSince(t0), domNodes: document.getElementsByTagName('*').length };
  };

  /** The draft review screen: drafts `text` (already in #draft-text), selects the highlight
   * `pick`, then changes its label; the longest task of each step. */
  b.draftTasks = async (pick, timeoutMs) => {
    const open = await timedTasks(() => $('#draft-run').click(), () => $('#draft-summary') !== null, timeoutMs);
    // The review screen shows its highlights a page at a time: the last one shown if fewer.
    const shown = $$('mark.hl button');
    const button = shown[Math.min(pick, shown.length - 1)];
    if (!button) throw new Error('no highlight shown');
    const select = await timedTasks(() => button.click(), () => $('#draft-editor') !== null && button.getAttribute('aria-pressed') === 'true', timeoutMs);
    const label = $('#draft-label-en');
    const edit = await timedTasks(() => {
      label.value = 'Edited in the benchmark';
      label.dispatchEvent(new Event('change', { bubbles: true }));
    }, () => ($('#draft-figures tr.selected')?.textContent ?? '').includes('Edited in the benchmark'), timeoutMs);
    return { figures: $$('mark.hl').length, summary: text('#draft-summary'), open, select, edit };
  };

  /** Opens a view through its tab: the longest task from the click to the view drawn. */
  b.openViewTasks = (code, timeoutMs) => {
    const tab = $(`button[data-view="${code}"]`);
    if (!tab) throw new Error(`no tab button[data-view="${code}"]`);
    return timedTasks(() => tab.click(), () => tab.classList.contains('current') && viewReady[code](), timeoutMs);
  };

  /** Switches the language in the current view: the longest task until it is drawn again. */
  b.langTasks = (lang, code, timeoutMs) => {
    const before = text('h1');
    return timedTasks(() => setSelect('#ctl-lang', lang), () => text('h1') !== before && viewReady[code](), timeoutMs);
  };

  /** Switches the view through its tab, as a reader would, and waits until it is shown. */
  b.showView = async (code, timeoutMs) => {
    const ready = viewReady[code];
    const tab = $(`button[data-view="${code}"]`);
    if (!tab) throw new Error(`no tab button[data-view="${code}"]`);
    if (!tab.classList.contains('current')) tab.click();
    await b.waitFor(ready, timeoutMs);
    await b.nextFrame();
  };
}
