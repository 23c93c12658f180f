// @ts-check
// The resilience report webview: shows the report the server rendered (cfnResilience/report; every text is escaped
// by the server, and the page's Content-Security-Policy allows no inline script), reveals places in the template on
// click, and scrolls to a data store when a code lens asks for it.
// Messages in: {type:'report', uri, version, html, stores, text, focus}, {type:'status', text}.
// Messages out: ready, reveal {line, column} (1-based), rendered {uri, version, stores, focused}.
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const main = /** @type {HTMLElement} */ (document.getElementById('report'));
  const message = /** @type {HTMLElement} */ (document.getElementById('message'));
  /** @type {{uri: string|null, scrollY: number}} */
  const state = Object.assign({ uri: null, scrollY: 0 }, vscode.getState() || {});

  function show(/** @type {string|undefined} */ text) {
    message.hidden = !text;
    message.textContent = text || '';
  }

  /** Scroll to a data store's row, open its details and mark it for a moment. Returns whether it was found. */
  function focusStore(/** @type {string} */ id) {
    const rows = main.querySelectorAll('[data-store]');
    let row = null;
    let detail = null;
    for (const el of rows) {
      if (el.getAttribute('data-store') !== id) continue;
      if (el.tagName === 'TR') row = el;
      if (el.tagName === 'DETAILS') detail = /** @type {HTMLDetailsElement} */ (el);
    }
    if (detail) detail.open = true;
    const target = row || detail;
    if (!target) return false;
    for (const el of main.querySelectorAll('.focused')) el.classList.remove('focused');
    target.classList.add('focused');
    if (detail) detail.classList.add('focused');
    target.scrollIntoView({ block: 'center' });
    return true;
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'status') {
      show(String(m.text || ''));
      return;
    }
    if (m.type !== 'report') return;
    const sameDoc = state.uri === m.uri;
    show(m.text);
    main.innerHTML = typeof m.html === 'string' ? m.html : '';
    let focused = null;
    if (typeof m.focus === 'string' && m.focus && focusStore(m.focus)) focused = m.focus;
    else if (sameDoc) window.scrollTo(0, state.scrollY);
    state.uri = m.uri;
    vscode.setState(state);
    vscode.postMessage({ type: 'rendered', uri: m.uri, version: m.version, stores: main.querySelectorAll('tr.store').length, focused });
  });

  main.addEventListener('click', (event) => {
    const t = /** @type {HTMLElement|null} */ (event.target instanceof Element ? event.target.closest('[data-line]') : null);
    if (!t) return;
    const line = Number(t.getAttribute('data-line'));
    const column = Number(t.getAttribute('data-column') || '1');
    if (!Number.isFinite(line) || line < 1) return;
    event.preventDefault();
    vscode.postMessage({ type: 'reveal', line, column });
  });

  let pending = 0;
  window.addEventListener('scroll', () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      state.scrollY = window.scrollY;
      vscode.setState(state);
    }, 200);
  });

  vscode.postMessage({ type: 'ready' });
})();
