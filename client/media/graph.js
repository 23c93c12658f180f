// @ts-check
// The dependency graph webview: draws the server's laid-out graph (cfnResilience/graph) as SVG.
// Self-contained: no libraries, no network. Pan: drag or arrow keys; zoom: wheel, +/-, 0 (fit), 1 (100%).
// Messages in: {type:'graph', graph, fileName, pseudo}, {type:'status', text}.
// Messages out: ready {aspect}, reveal {id}, options {pseudo, sections, aspect}, rendered {uri, version, nodes, edges}.
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const KINDS = ['Ref', 'GetAtt', 'Sub', 'SAM', 'DependsOn', 'ImportValue', 'Export', 'FindInMap', 'Condition'];
  const KIND_HELP = {
    Ref: 'Ref', GetAtt: 'Fn::GetAtt', Sub: 'Fn::Sub ${…}', SAM: 'SAM implicit link (events, policies…)', DependsOn: 'DependsOn',
    ImportValue: 'Fn::ImportValue', Export: 'export read by an import', FindInMap: 'Fn::FindInMap', Condition: 'Condition / Fn::If',
  };
  const SEVERITIES = ['error', 'warning', 'info'];
  const FAR = 0.44; // below this zoom, node text is left out (overview)
  const NEAR = 0.8; // below this zoom (down to FAR), only the name, larger, in the middle of the box
  const MID_PX = 9.5; // on-screen size of the name in that range (down to 8 px at FAR)
  const READABLE = 0.5; // the smallest zoom the first view of a graph may use when names must be readable
  /** A parameter, mapping, condition… used by more nodes than this is a hub: its edges show only on hover/selection. */
  const HUB = 6;
  const INPUT_KINDS = new Set(['parameter', 'mapping', 'condition', 'pseudo', 'import']);
  const MIN_SCALE = 0.04;
  /** Room kept left of the graph in the overview for the lane names (the lanes' own titles would cover nodes). */
  const GUTTER = 150;
  const MAX_SCALE = 3;

  /** @type {any} */
  let graph = null;
  let fileName = '';
  /** What survives the webview being hidden and shown again. `aspect`: the one the shown graph was laid out for. */
  /** @type {{uri: string|null, scale: number, tx: number, ty: number, hidden: string[], selected: string|null, aspect: number}} */
  const view = Object.assign({ uri: null, scale: 1, tx: 0, ty: 0, hidden: [], selected: null, aspect: 0 }, vscode.getState() || {});
  /** @type {Map<string, any>} */ let nodes = new Map();
  /** @type {Map<string, SVGGElement>} */ let nodeEls = new Map();
  /** @type {{edge: any, el: SVGPathElement}[]} */ let edgeEls = [];
  /** @type {Map<string, {out: number[], in: number[]}>} */ let adjacency = new Map();
  let searchHits = /** @type {string[]} */ ([]);
  let searchAt = -1;
  let hovered = /** @type {string|null} */ (null);

  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const viewport = $('viewport');
  const svg = /** @type {SVGSVGElement} */ (/** @type {unknown} */ ($('canvas')));
  const legend = $('legend');
  const gutter = $('gutter');
  const message = $('message');
  const tip = $('tip');
  const search = /** @type {HTMLInputElement} */ ($('search'));
  const pseudoBox = /** @type {HTMLInputElement} */ ($('pseudo'));
  const sectionsBox = /** @type {HTMLInputElement} */ ($('sections'));
  /**
   * Node names, for the middle zoom range: there the type line is left out and the name is drawn
   * larger (in layout units) so that it stays about MID_PX on screen, refitted to the box.
   * @type {{n: any, name: SVGTextElement, pad: number, full: string, fullSize: string|null, wide: number}[]}
   */
  let labels = [];
  /** Font size (layout units) the names are drawn at now; 0: the normal two-line label. */
  let labelSize = 0;
  /** @type {Set<string>} input nodes whose edges are drawn only in focus */
  let hubs = new Set();
  /** @type {SVGGElement} */ let world = el('g');
  /** @type {SVGGElement} */ let edgeLayer = el('g');
  /** @type {SVGGElement} */ let laneLabels = el('g');

  function el(/** @type {string} */ tag, /** @type {Record<string, string|number>} */ attrs = {}, /** @type {Element|null} */ parent = null) {
    const e = /** @type {any} */ (document.createElementNS(SVG, tag));
    for (const k in attrs) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }

  function save() {
    vscode.setState(view);
  }

  // ---- text fitting ---------------------------------------------------------------------
  const measure = /** @type {CanvasRenderingContext2D} */ (document.createElement('canvas').getContext('2d'));
  const fontFamily = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const widthCache = new Map();
  function textWidth(/** @type {string} */ s, /** @type {string} */ font) {
    const key = font + '\u0000' + s;
    let w = widthCache.get(key);
    if (w === undefined) {
      measure.font = font;
      w = measure.measureText(s).width;
      widthCache.set(key, w);
    }
    return w;
  }
  /** Shorten in the middle ("PrivateSubnet1…Association"): the ends of logical IDs tell them apart. */
  function fit(/** @type {string} */ s, /** @type {number} */ max, /** @type {string} */ font) {
    if (textWidth(s, font) <= max) return s;
    let lo = 1;
    let hi = s.length - 1;
    let best = s.slice(0, 1) + '…';
    while (lo <= hi) {
      const keep = (lo + hi) >> 1;
      const head = Math.ceil(keep * 0.6);
      const cand = s.slice(0, head) + '…' + s.slice(s.length - (keep - head));
      if (textWidth(cand, font) <= max) {
        best = cand;
        lo = keep + 1;
      } else hi = keep - 1;
    }
    return best;
  }

  /**
   * A name as one line if it fits `max`, else (when `two` lines fit the box) broken where a word
   * of the logical ID starts (PrivateSubnet1 | RouteTableAssociation) nearest the middle, each
   * line shortened in the middle if still too long.
   */
  function split(/** @type {string} */ s, /** @type {number} */ max, /** @type {string} */ font, /** @type {boolean} */ two) {
    if (!two || textWidth(s, font) <= max) return [fit(s, max, font)];
    const breaks = [];
    for (let i = 1; i < s.length; i++) {
      const a = s[i - 1];
      const b = s[i];
      if ((/[a-z0-9]/.test(a) && /[A-Z]/.test(b)) || (/[A-Z]/.test(a) && /[A-Z]/.test(b) && /[a-z]/.test(s[i + 1] || ''))) breaks.push(i);
    }
    let best = -1;
    let score = Infinity;
    for (const i of breaks) {
      const w1 = textWidth(s.slice(0, i), font);
      const w2 = textWidth(s.slice(i), font);
      const over = Math.max(0, w1 - max) + Math.max(0, w2 - max);
      const sc = over * 10 + Math.abs(w1 - w2);
      if (sc < score) {
        score = sc;
        best = i;
      }
    }
    if (best < 0) best = Math.ceil(s.length / 2);
    return [fit(s.slice(0, best), max, font), fit(s.slice(best), max, font)];
  }

  const SERVICE_SHORT = {
    ElasticLoadBalancingV2: 'ELBv2', ElasticLoadBalancing: 'ELB', ApplicationAutoScaling: 'AppAutoScaling', CertificateManager: 'ACM',
    ElastiCache: 'ElastiCache', KinesisFirehose: 'Firehose', OpenSearchService: 'OpenSearch', SecretsManager: 'Secrets',
    ServiceDiscovery: 'CloudMap', Route53Resolver: 'R53Resolver', StepFunctions: 'SFN', CloudFormation: 'CFN', CloudWatch: 'CW',
  };
  function shortType(/** @type {any} */ n) {
    if (!n.type) return n.detail || n.kind;
    const parts = n.type.split('::');
    if (parts[0] !== 'AWS' || parts.length < 3) return n.type;
    const svc = SERVICE_SHORT[/** @type {keyof SERVICE_SHORT} */ (parts[1])] || parts[1];
    return [svc, ...parts.slice(2)].join('::');
  }

  // ---- rendering ------------------------------------------------------------------------
  function render(/** @type {any} */ m) {
    const previous = view.uri;
    const reshaped = view.aspect !== (m.aspect || 0);
    view.aspect = m.aspect || 0;
    graph = m.graph;
    fileName = m.fileName;
    pseudoBox.checked = !!m.pseudo;
    sectionsBox.checked = graph.sections !== false;
    hideTip();
    if (graph.state !== 'ok') {
      svg.replaceChildren();
      legend.replaceChildren();
      $('title').textContent = fileName;
      showMessage(
        {
          'not-a-template': 'This file is not a CloudFormation or SAM template.',
          disabled: 'Analysis is turned off for this file (setting cfnResilience.enable).',
          'too-large': 'This template is larger than the cfnResilience.maxFileSize setting: it is not analyzed.',
          'not-open': 'The template is not open in the editor.',
        }[graph.state] || graph.state,
      );
      post();
      return;
    }
    showMessage('');
    nodes = new Map(graph.nodes.map((/** @type {any} */ n) => [n.id, n]));
    adjacency = new Map();
    graph.edges.forEach((/** @type {any} */ e, /** @type {number} */ i) => {
      for (const [id, dir] of [[e.from, 'out'], [e.to, 'in']]) {
        let a = adjacency.get(id);
        if (!a) adjacency.set(id, (a = { out: [], in: [] }));
        a[/** @type {'out'|'in'} */ (dir)].push(i);
      }
    });
    if (view.selected && !nodes.has(view.selected)) view.selected = null;
    hubs = new Set();
    for (const n of graph.nodes) if (INPUT_KINDS.has(n.kind) && (adjacency.get(n.id)?.in.length || 0) > HUB) hubs.add(n.id);

    svg.replaceChildren();
    const defs = el('defs', {}, svg);
    for (const k of [...KINDS, 'hl']) {
      const mk = el('marker', { id: 'a-' + k, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, defs);
      mk.setAttribute('class', 'arrow k-' + k);
      el('path', { d: 'M0,1 L10,5 L0,9 z' }, mk);
    }
    world = el('g', { class: 'world' }, svg);
    const lanes = el('g', { class: 'lanes' }, world);
    graph.lanes.forEach((/** @type {any} */ l, /** @type {number} */ i) => {
      const group = l.id === 'parameter' || l.id === 'mapping' || l.id === 'condition' || l.id === 'pseudo' || l.id === 'import' ? 'in' : l.id === 'output' ? 'out' : 'res';
      el('rect', { x: l.x, y: l.y, width: l.w, height: l.h, rx: 6, class: `lane lane-${group} ${i % 2 ? 'odd' : 'even'}` }, lanes);
    });
    edgeLayer = el('g', { class: 'edges' }, world);
    drawEdges();
    const nodeLayer = el('g', { class: 'nodes' }, world);
    nodeEls = new Map();
    labels = [];
    labelSize = 0;
    const typeFont = `11px ${fontFamily}`;
    for (const n of graph.nodes) {
      const g = el('g', { class: `node kind-${n.kind}${n.severity ? ' sev-' + n.severity : ''}${n.line === null ? ' external' : ''}`, transform: `translate(${n.x},${n.y})` }, nodeLayer);
      g.dataset.id = n.id;
      const rx = n.kind === 'parameter' || n.kind === 'pseudo' || n.kind === 'import' ? n.h / 2 : n.kind === 'condition' ? 1 : 4;
      el('rect', { class: 'box', width: n.w, height: n.h, rx }, g);
      if (n.severity) el('rect', { class: 'stripe', width: 5, height: n.h - 2, x: 1, y: 1, rx: 2 }, g);
      let room = n.w - 22;
      if (n.findings) {
        const label = String(n.findings);
        const bw = Math.max(18, 8 + label.length * 7);
        const b = el('g', { class: 'badge', transform: `translate(${n.w - bw - 5},${(n.h - 16) / 2})` }, g);
        el('rect', { width: bw, height: 16, rx: 8 }, b);
        el('text', { x: bw / 2, y: 12, 'text-anchor': 'middle' }, b).textContent = label;
        room -= bw + 4;
      }
      const pad = rx > 10 ? 14 : 11;
      const name = el('text', { class: 'name', x: pad, y: 17 }, g);
      // a long logical ID is drawn a little smaller before it is shortened
      const nameSize = [12, 11, 10.5].find((px) => textWidth(n.name, `600 ${px}px ${fontFamily}`) <= room - (pad - 11)) || 10.5;
      const nameSmaller = nameSize < 12 ? String(nameSize) : null;
      if (nameSmaller) name.setAttribute('font-size', nameSmaller);
      name.textContent = fit(n.name, room - (pad - 11), `600 ${nameSize}px ${fontFamily}`);
      el('text', { class: 'type', x: pad, y: 32 }, g).textContent = fit(shortType(n), room - (pad - 11), typeFont);
      nodeEls.set(n.id, g);
      labels.push({ n, name, pad, full: name.textContent, fullSize: nameSmaller, wide: n.w - pad - 8 });
    }
    laneLabels = el('g', { class: 'lane-labels' }, world);
    for (const l of graph.lanes) {
      const t = el('text', { class: 'lane-label', x: l.x + 8, y: l.y + 18 }, laneLabels);
      t.dataset.top = String(l.y);
      t.dataset.h = String(l.h);
      t.textContent = `${l.label} (${l.count})`;
    }
    gutter.replaceChildren(
      ...graph.lanes.map((/** @type {any} */ l) => {
        const d = document.createElement('div');
        d.className = 'gutter-label';
        d.textContent = `${l.label.split(' · ')[0]} (${l.count})`;
        d.title = `${l.label} (${l.count})`;
        return d;
      }),
    );

    const s = graph.stats;
    const worst = { error: 0, warning: 0, info: 0 };
    for (const n of graph.nodes) if (n.severity) worst[/** @type {'error'|'warning'|'info'} */ (n.severity)]++;
    $('title').textContent = `${fileName} · ${s.resources} resource${s.resources === 1 ? '' : 's'} · ${graph.edges.length} edges · ${s.findings} finding${s.findings === 1 ? '' : 's'}`;
    $('title').title = `${graph.templateKind === 'sam' ? 'SAM' : 'CloudFormation'} template, version ${graph.version}; layout ${s.layoutMs} ms` +
      (s.hiddenPseudo ? `; ${s.hiddenPseudo} pseudo-parameter(s) hidden` : '') + (s.hiddenSections ? `; ${s.hiddenSections} parameters, mappings, conditions and outputs hidden` : '') +
      (s.unattached ? `; ${s.unattached} finding(s) on no node` : '');
    drawLegend(worst);

    if (previous !== graph.uri || reshaped || !(view.scale > 0)) initialView();
    view.uri = graph.uri;
    applyTransform();
    applyFocus();
    runSearch(false);
    save();
    post();
  }

  function post() {
    vscode.postMessage({ type: 'rendered', uri: graph ? graph.uri : '', version: graph ? graph.version : -1, nodes: nodeEls.size, edges: edgeEls.filter((x) => x.el.isConnected && !x.el.classList.contains('off')).length });
  }

  /** The kind an edge is drawn as: its first kind not switched off, or null (hidden). */
  function shownKind(/** @type {any} */ e) {
    for (const k of e.kinds) if (!view.hidden.includes(k)) return k;
    return null;
  }

  function drawEdges() {
    edgeLayer.replaceChildren();
    edgeEls = graph.edges.map((/** @type {any} */ e) => {
      const p = e.points;
      const d = p.length === 4 ? `M${p[0][0]},${p[0][1]} C${p[1][0]},${p[1][1]} ${p[2][0]},${p[2][1]} ${p[3][0]},${p[3][1]}` : 'M' + p.map((/** @type {number[]} */ q) => q.join(',')).join(' L');
      const path = /** @type {SVGPathElement} */ (el('path', { d }, edgeLayer));
      const t = el('title', {}, path);
      const a = nodes.get(e.from);
      const b = nodes.get(e.to);
      t.textContent = `${a ? a.name : e.from} → ${b ? b.name : e.to}: ${e.kinds.join(', ')}${e.count > 1 ? ` (${e.count} references)` : ''}`;
      return { edge: e, el: path };
    });
    styleEdges();
  }

  function styleEdges() {
    for (const { edge, el: path } of edgeEls) {
      const k = shownKind(edge);
      const a = nodes.get(edge.from);
      const b = nodes.get(edge.to);
      const side = (a && a.kind !== 'resource') || (b && b.kind !== 'resource');
      path.setAttribute('class', `edge k-${k || edge.kind}${k ? '' : ' off'}${side ? ' side' : ''}${hubs.has(edge.to) ? ' hub' : ''}`);
      path.setAttribute('marker-end', `url(#a-${k || edge.kind})`);
    }
  }

  function drawLegend(/** @type {Record<string, number>} */ worst) {
    legend.replaceChildren();
    const sev = document.createElement('div');
    sev.className = 'legend-row';
    for (const s of [...SEVERITIES, 'none']) {
      const item = document.createElement('span');
      item.className = 'legend-sev sev-' + s;
      const sw = document.createElement('span');
      sw.className = 'swatch';
      item.appendChild(sw);
      item.appendChild(document.createTextNode(s === 'none' ? 'no finding' : `${s} (${worst[s]})`));
      item.title = s === 'none' ? 'Nodes without findings' : `Nodes whose worst finding is ${s === 'info' ? 'an info' : 'a' + (s === 'error' ? 'n ' : ' ') + s}`;
      sev.appendChild(item);
    }
    legend.appendChild(sev);
    const kinds = document.createElement('div');
    kinds.className = 'legend-row';
    for (const k of graph.kinds) {
      const b = document.createElement('button');
      b.className = 'legend-kind' + (view.hidden.includes(k) ? ' off' : '');
      b.title = `${KIND_HELP[/** @type {keyof KIND_HELP} */ (k)] || k}: click to ${view.hidden.includes(k) ? 'show' : 'hide'} these edges`;
      b.setAttribute('aria-pressed', String(!view.hidden.includes(k)));
      const sample = el('svg', { width: 26, height: 10, class: 'sample' });
      el('line', { x1: 1, y1: 5, x2: 25, y2: 5, class: 'edge k-' + k }, sample);
      b.appendChild(sample);
      b.appendChild(document.createTextNode(k));
      b.addEventListener('click', () => {
        view.hidden = view.hidden.includes(k) ? view.hidden.filter((x) => x !== k) : [...view.hidden, k];
        styleEdges();
        drawLegend(worst);
        applyFocus();
        save();
        post();
      });
      kinds.appendChild(b);
    }
    const hint = document.createElement('span');
    hint.className = 'legend-hint';
    hint.textContent = 'arrow → what a node depends on' + (hubs.size ? ` · edges of inputs used by more than ${HUB} nodes: hover or select them` : '');
    kinds.appendChild(hint);
    legend.appendChild(kinds);
  }

  function showMessage(/** @type {string} */ text) {
    message.textContent = text;
    message.hidden = !text;
  }

  // ---- view transform -------------------------------------------------------------------
  function size() {
    return { w: viewport.clientWidth || 800, h: viewport.clientHeight || 600 };
  }
  function fitScale() {
    const { w, h } = size();
    return Math.min((w - 24) / graph.width, (h - 24) / graph.height);
  }
  function fitAll() {
    if (!graph || !graph.width) return;
    const { w, h } = size();
    view.scale = clamp(fitScale(), MIN_SCALE, 1);
    let left = 0;
    if (view.scale < FAR && w > 3 * GUTTER) {
      // an overview: the lane names go in a gutter on the left, so the graph fits beside it
      left = GUTTER;
      view.scale = clamp(Math.min((w - left - 24) / graph.width, (h - 24) / graph.height), MIN_SCALE, 1);
    }
    view.tx = left + (w - left - graph.width * view.scale) / 2;
    view.ty = Math.max(8, (h - graph.height * view.scale) / 2);
  }
  /**
   * Small graphs: the whole graph if names stay readable at that zoom (READABLE), else as wide
   * as the view at a readable zoom, from the top. Large graphs: the whole graph (an overview;
   * zoom in for names).
   */
  function initialView() {
    if (!graph || !graph.width) return;
    const f = fitScale();
    if (f >= READABLE || graph.nodes.length > 160) return fitAll();
    const { w } = size();
    view.scale = clamp((w - 24) / graph.width, READABLE, 1);
    view.tx = Math.max(12 - 0, (w - graph.width * view.scale) / 2);
    if (graph.width * view.scale > w) view.tx = 12 - 16 * view.scale;
    view.ty = 12 - 16 * view.scale;
  }
  function clamp(/** @type {number} */ v, /** @type {number} */ lo, /** @type {number} */ hi) {
    return Math.min(hi, Math.max(lo, v));
  }
  function applyTransform() {
    world.setAttribute('transform', `translate(${view.tx},${view.ty}) scale(${view.scale})`);
    svg.classList.toggle('far', view.scale < FAR);
    svg.classList.toggle('mid', view.scale >= FAR && view.scale < NEAR);
    relabel();
    // Lane titles stay readable when zoomed out, but never taller than their lane.
    laneLabels.setAttribute('stroke-width', String(4 / view.scale));
    for (const t of /** @type {any} */ (laneLabels.children)) {
      const fs = Math.min(clamp(13 / view.scale, 13, 120), Math.max(13, Number(t.dataset.h) * 0.8));
      t.setAttribute('font-size', String(fs));
      t.setAttribute('y', String(Number(t.dataset.top) + 4 + fs * 0.92));
    }
    // Overview: the lane names in the gutter, level with their lanes, at a size that stays readable.
    const far = view.scale < FAR;
    gutter.hidden = !far || !graph || graph.state !== 'ok';
    if (!gutter.hidden) {
      const { h } = size();
      graph.lanes.forEach((/** @type {any} */ l, /** @type {number} */ i) => {
        const d = /** @type {HTMLElement} */ (gutter.children[i]);
        if (!d) return;
        const top = view.ty + l.y * view.scale;
        const height = l.h * view.scale;
        const visible = top + height > 0 && top < h;
        d.hidden = !visible;
        if (!visible) return;
        d.style.top = `${Math.max(0, top)}px`;
        d.style.height = `${Math.max(16, Math.min(top + height, h) - Math.max(0, top))}px`;
      });
    }
  }
  /** Names for the zoom: two lines near, one larger line in the middle range (refitted only when its size changes). */
  function relabel() {
    // at most 18 units: two lines of it still fit a 40-unit box
    const size = view.scale >= NEAR || view.scale < FAR ? 0 : Math.min(18, Math.max(13, Math.round(MID_PX / view.scale)));
    if (size === labelSize) return;
    labelSize = size;
    const font = `600 ${size || 12}px ${fontFamily}`;
    for (const l of labels) {
      if (!size) {
        l.name.setAttribute('y', '17');
        if (l.fullSize) l.name.setAttribute('font-size', l.fullSize);
        else l.name.removeAttribute('font-size');
        l.name.textContent = l.full;
      } else {
        l.name.setAttribute('font-size', String(size));
        const lines = split(l.n.name, l.wide, font, size * 2.1 <= l.n.h - 2);
        l.name.textContent = '';
        if (lines.length === 1) {
          l.name.setAttribute('y', String(l.n.h / 2 + size * 0.36));
          l.name.textContent = lines[0];
        } else {
          l.name.setAttribute('y', String(l.n.h / 2 - size * 0.14));
          lines.forEach((text, i) => {
            const t = el('tspan', i ? { x: l.pad, dy: size * 1.02 } : {}, l.name);
            t.textContent = text;
          });
        }
      }
    }
  }

  /** The view moved under the pointer: the tooltip is about whatever was there before. */
  function moved() {
    if (!hovered) return;
    hovered = null;
    hideTip();
    applyFocus();
  }
  function zoomAt(/** @type {number} */ px, /** @type {number} */ py, /** @type {number} */ scale) {
    moved();
    const s = clamp(scale, MIN_SCALE, MAX_SCALE);
    view.tx = px - ((px - view.tx) * s) / view.scale;
    view.ty = py - ((py - view.ty) * s) / view.scale;
    view.scale = s;
    applyTransform();
    saveSoon();
  }
  let saveTimer = 0;
  function saveSoon() {
    clearTimeout(saveTimer);
    saveTimer = window.setTimeout(save, 200);
  }
  function centerOn(/** @type {any} */ n, minScale = 0.9) {
    moved();
    const { w, h } = size();
    view.scale = Math.max(view.scale, minScale);
    view.tx = w / 2 - (n.x + n.w / 2) * view.scale;
    view.ty = h / 2 - (n.y + n.h / 2) * view.scale;
    applyTransform();
    saveSoon();
  }

  // ---- focus: hover / selection highlight ---------------------------------------------------
  function applyFocus() {
    for (const g of svg.querySelectorAll('.node.hl, .node.nb')) g.classList.remove('hl', 'nb');
    for (const p of svg.querySelectorAll('.edge.hl-out, .edge.hl-in')) p.classList.remove('hl-out', 'hl-in');
    for (const g of svg.querySelectorAll('.node.selected')) g.classList.remove('selected');
    const id = hovered || view.selected;
    if (view.selected) nodeEls.get(view.selected)?.classList.add('selected');
    svg.classList.toggle('focus', !!id);
    if (!id) return;
    nodeEls.get(id)?.classList.add('hl');
    const a = adjacency.get(id);
    if (!a) return;
    for (const [list, cls, other] of /** @type {[number[], string, 'to'|'from'][]} */ ([[a.out, 'hl-out', 'to'], [a.in, 'hl-in', 'from']])) {
      for (const i of list) {
        const x = edgeEls[i];
        if (x.el.classList.contains('off')) continue;
        x.el.classList.add(cls);
        x.el.setAttribute('marker-end', `url(#a-hl)`);
        nodeEls.get(x.edge[other])?.classList.add('nb');
      }
    }
    // restore markers of edges no longer highlighted
    for (const x of edgeEls) if (!x.el.classList.contains('hl-out') && !x.el.classList.contains('hl-in')) x.el.setAttribute('marker-end', `url(#a-${shownKind(x.edge) || x.edge.kind})`);
  }

  // ---- tooltip ----------------------------------------------------------------------------
  function showTip(/** @type {any} */ n, /** @type {MouseEvent} */ ev) {
    const a = adjacency.get(n.id) || { out: [], in: [] };
    const lines = [];
    lines.push(['b', n.name]);
    lines.push(['', n.type || n.detail || n.kind]);
    if (n.findings) lines.push(['sev-' + n.severity, `${n.findings} finding${n.findings === 1 ? '' : 's'}, worst: ${n.severity}`]);
    lines.push(['', `depends on ${a.out.length} · used by ${a.in.length}`]);
    lines.push(['muted', n.line === null ? 'not declared in this template' : `line ${n.line + 1} · click to reveal in the editor`]);
    tip.replaceChildren(
      ...lines.map(([cls, text]) => {
        const d = document.createElement('div');
        if (cls) d.className = cls;
        d.textContent = text;
        return d;
      }),
    );
    tip.hidden = false;
    moveTip(ev);
  }
  function moveTip(/** @type {MouseEvent} */ ev) {
    const { w, h } = size();
    const r = viewport.getBoundingClientRect();
    let x = ev.clientX - r.left + 14;
    let y = ev.clientY - r.top + 16;
    if (x + tip.offsetWidth > w) x = ev.clientX - r.left - tip.offsetWidth - 10;
    if (y + tip.offsetHeight > h) y = ev.clientY - r.top - tip.offsetHeight - 10;
    tip.style.left = `${x + r.left}px`;
    tip.style.top = `${y + r.top}px`;
  }
  function hideTip() {
    tip.hidden = true;
  }

  // ---- search -----------------------------------------------------------------------------
  function runSearch(/** @type {boolean} */ jump) {
    const q = search.value.trim().toLowerCase();
    for (const g of svg.querySelectorAll('.node.match')) g.classList.remove('match');
    searchHits = [];
    if (q && graph && graph.nodes) {
      for (const n of graph.nodes) {
        if (n.name.toLowerCase().includes(q) || (n.type || '').toLowerCase().includes(q) || n.id.toLowerCase().includes(q)) {
          searchHits.push(n.id);
          nodeEls.get(n.id)?.classList.add('match');
        }
      }
    }
    svg.classList.toggle('searching', !!q);
    $('matches').textContent = q ? `${searchHits.length ? (searchAt >= 0 ? `${searchAt + 1}/` : '') : ''}${searchHits.length} match${searchHits.length === 1 ? '' : 'es'}` : '';
    if (jump && searchHits.length) {
      const n = nodes.get(searchHits[searchAt]);
      if (n) {
        view.selected = n.id;
        applyFocus();
        centerOn(n);
      }
    }
  }
  search.addEventListener('input', () => {
    searchAt = -1;
    runSearch(false);
  });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && searchHits.length) {
      searchAt = (searchAt + (e.shiftKey ? searchHits.length - 1 : 1)) % searchHits.length;
      runSearch(true);
      e.preventDefault();
    } else if (e.key === 'Escape') {
      search.value = '';
      searchAt = -1;
      runSearch(false);
      viewport.focus();
    }
  });

  // ---- pointer: pan, click, hover -------------------------------------------------------------
  /** @type {{x: number, y: number, tx: number, ty: number, moved: boolean, id: string|null, pointer: number}|null} */
  let drag = null;
  function nodeAt(/** @type {EventTarget|null} */ t) {
    const g = t instanceof Element ? t.closest('.node') : null;
    return g ? /** @type {any} */ (g).dataset.id : null;
  }
  viewport.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, tx: view.tx, ty: view.ty, moved: false, id: nodeAt(e.target), pointer: e.pointerId };
    viewport.setPointerCapture(e.pointerId);
    viewport.focus({ preventScroll: true });
  });
  viewport.addEventListener('pointermove', (e) => {
    if (drag) {
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 4) {
        drag.moved = true;
        viewport.classList.add('dragging');
        hideTip();
      }
      if (drag.moved) {
        view.tx = drag.tx + dx;
        view.ty = drag.ty + dy;
        applyTransform();
      }
      return;
    }
    const id = nodeAt(e.target);
    if (id !== hovered) {
      hovered = id;
      applyFocus();
      if (id) showTip(nodes.get(id), e);
      else hideTip();
    } else if (id) moveTip(e);
  });
  viewport.addEventListener('pointerleave', () => {
    if (drag) return;
    hovered = null;
    hideTip();
    applyFocus();
  });
  viewport.addEventListener('pointerup', (e) => {
    if (!drag) return;
    const d = drag;
    drag = null;
    viewport.classList.remove('dragging');
    try {
      viewport.releasePointerCapture(e.pointerId);
    } catch {
      // not captured
    }
    if (d.moved) {
      saveSoon();
      return;
    }
    if (d.id) {
      view.selected = d.id;
      applyFocus();
      save();
      vscode.postMessage({ type: 'reveal', id: d.id });
    } else if (view.selected) {
      view.selected = null;
      applyFocus();
      save();
    }
  });
  viewport.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const r = viewport.getBoundingClientRect();
      const k = e.deltaMode === 1 ? 0.05 : e.ctrlKey ? 0.01 : 0.0015;
      zoomAt(e.clientX - r.left, e.clientY - r.top, view.scale * Math.exp(-e.deltaY * k));
    },
    { passive: false },
  );
  viewport.addEventListener('keydown', (e) => {
    const { w, h } = size();
    const step = 60;
    switch (e.key) {
      case '+':
      case '=':
        zoomAt(w / 2, h / 2, view.scale * 1.25);
        break;
      case '-':
      case '_':
        zoomAt(w / 2, h / 2, view.scale / 1.25);
        break;
      case '0':
        fitAll();
        applyTransform();
        saveSoon();
        break;
      case '1':
        zoomAt(w / 2, h / 2, 1);
        break;
      case 'ArrowLeft':
        view.tx += step;
        break;
      case 'ArrowRight':
        view.tx -= step;
        break;
      case 'ArrowUp':
        view.ty += step;
        break;
      case 'ArrowDown':
        view.ty -= step;
        break;
      case '/':
        search.focus();
        break;
      case 'Escape':
        view.selected = null;
        applyFocus();
        save();
        break;
      case 'Enter':
        if (view.selected) vscode.postMessage({ type: 'reveal', id: view.selected });
        break;
      default:
        return;
    }
    if (e.key.startsWith('Arrow')) {
      applyTransform();
      saveSoon();
    }
    e.preventDefault();
  });

  // ---- toolbar ------------------------------------------------------------------------------
  $('zoom-in').addEventListener('click', () => {
    const { w, h } = size();
    zoomAt(w / 2, h / 2, view.scale * 1.25);
  });
  $('zoom-out').addEventListener('click', () => {
    const { w, h } = size();
    zoomAt(w / 2, h / 2, view.scale / 1.25);
  });
  $('zoom-fit').addEventListener('click', () => {
    fitAll();
    applyTransform();
    saveSoon();
  });
  $('zoom-reset').addEventListener('click', () => {
    const { w, h } = size();
    zoomAt(w / 2, h / 2, 1);
  });
  pseudoBox.addEventListener('change', () => vscode.postMessage({ type: 'options', pseudo: pseudoBox.checked }));
  sectionsBox.addEventListener('change', () => vscode.postMessage({ type: 'options', sections: sectionsBox.checked }));

  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'graph') render(m);
    else if (m.type === 'status') showMessage(m.text);
  });
  function aspect() {
    const { w, h } = size();
    return Math.round((w / Math.max(1, h)) * 100) / 100;
  }
  // A view of another shape gets a layout of that shape (asked again once resizing settles).
  let resizeTimer = 0;
  new ResizeObserver(() => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => {
      const a = aspect();
      if (graph && graph.state === 'ok' && (!view.aspect || Math.abs(Math.log(a / view.aspect)) > 0.2)) vscode.postMessage({ type: 'options', aspect: a });
    }, 400);
  }).observe(viewport);
  vscode.postMessage({ type: 'ready', aspect: aspect() });
})();
