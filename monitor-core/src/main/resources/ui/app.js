// The on-call console: firing alerts grouped and filtered, their history, silences, acks and the
// emergency activation timeline. Plain DOM; every text from the service goes in as textContent.
import * as api from './api.js';
import { formatTime, initialLanguage, labelValue, language, setLanguage, t } from './i18n.js';

const REFRESH_MS = 5000;
const FILTERS = ['risk_category', 'emergency_level', 'center', 'queue', 'component'];
/** The labels that identify an alert (its fingerprint's): what a silence is pre-filled with. */
const IDENTITY = ['alertname', 'center', 'queue', 'component', 'instance', 'channel', 'topic', 'source', 'attack_type'];
const SCOPE = ['center', 'queue', 'component', 'instance', 'channel', 'topic', 'source', 'attack_type'];
const LEVEL_ORDER = { I: 0, II: 1, III: 2, IV: 3, none: 4 };
/**
 * The moves an operator may make from each activation state (docs/alert-manager.md, "Emergency
 * activations"); `recovered` is the service's own move, when the alert resolves.
 */
const NEXT_STEPS = { activated: ['acknowledged', 'responding'], acknowledged: ['responding'], responding: [], recovered: ['closed'], closed: [] };
const ONGOING = new Set(['activated', 'acknowledged', 'responding']);

const state = { rows: [], silences: [], emergencies: [], refusals: {}, me: null, problem: null, loaded: false };
const $ = (sel) => document.querySelector(sel);

/** Builds an element: h('a', {href}, 'text', child…); attributes starting with "on" are listeners. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Viewers see; operators and admins act. Without tokens (no whoami) the service decides. */
// The shipped runbook_url names the repository's file (alert-rules/runbook.md#section); the service
// serves that runbook beside this page (/ui/runbook), so the link opens wherever the console runs.
const REPOSITORY_RUNBOOK = 'alert-rules/runbook.md';
export const runbookHref = (url) =>
  url.startsWith(REPOSITORY_RUNBOOK) && /^(#|$)/.test(url.slice(REPOSITORY_RUNBOOK.length))
    ? 'runbook' + url.slice(REPOSITORY_RUNBOOK.length)
    : url;

const canAct = () => !state.me || state.me.role !== 'viewer';

function showProblem(e) {
  let text;
  if (e instanceof api.ApiError) {
    if (e.status === 401) text = t('unauthorized');
    else if (e.status === 403) text = t('forbidden');
    else if (e.status === 0) text = t('unreachable');
    else text = t('failed', e.status, e.message);
  } else {
    text = String(e?.message ?? e);
  }
  state.problem = text;
  const box = $('#problem');
  box.textContent = text;
  box.dataset.status = e?.status ?? '';
  box.hidden = false;
}

function clearProblem() {
  state.problem = null;
  $('#problem').hidden = true;
}

async function refresh() {
  try {
    const [rows, silences, emergencies] = await Promise.all([
      api.consoleAlerts(),
      api.silences(),
      api.emergencies(),
    ]);
    Object.assign(state, { rows, silences, emergencies, loaded: true });
    clearProblem();
  } catch (e) {
    // Show nothing rather than "nothing is firing" when nothing could be read (a 401, say).
    Object.assign(state, { rows: [], silences: [], emergencies: [], loaded: false });
    showProblem(e);
  }
  render();
}

function render() {
  renderIdentity();
  if (!state.loaded) {
    for (const id of ['#emergencies', '#firing', '#silenced', '#silences', '#timeline']) $(id).replaceChildren();
    return;
  }
  renderEmergencies();
  renderFilters();
  renderFiring();
  renderSilenced();
  renderSilences();
  renderTimeline();
}

function renderIdentity() {
  const el = $('#identity');
  el.replaceChildren();
  if (state.me) el.append(t('signedInAs', state.me.name, state.me.role));
  if (!canAct()) el.append(h('span', { class: 'note' }, ' · ', t('viewerOnly')));
  $('#new-silence').disabled = !canAct();
}

/** The header: one chip per activation still on (activated, acknowledged or responding). */
function renderEmergencies() {
  const active = state.emergencies.filter((a) => ONGOING.has(a.state));
  const el = $('#emergencies');
  el.replaceChildren(
    ...(active.length === 0
      ? [h('span', { class: 'chip calm' }, t('noEmergency'))]
      : active.map((a) =>
          h('span', { class: `chip level-${a.level}` },
            `${t('emergencyAt', a.center, t('level', a.level))} · ${t(`lifecycle.${a.state}`)}`),
        )),
  );
}

const firingRows = () => state.rows.filter((r) => r.alert.status === 'firing');
const isSilenced = (r) => r.silencedBy.length > 0;

function renderFilters() {
  for (const select of document.querySelectorAll('[data-filter]')) {
    const name = select.dataset.filter;
    const chosen = select.value;
    const values = [...new Set(firingRows().map((r) => r.alert.labels[name]).filter(Boolean))].sort();
    if (chosen && !values.includes(chosen)) values.push(chosen);
    select.replaceChildren(
      h('option', { value: '' }, t('all')),
      ...values.map((v) => h('option', { value: v, selected: v === chosen }, labelValue(name, v))),
    );
  }
}

function matchesFilters(row) {
  return [...document.querySelectorAll('[data-filter]')].every(
    (s) => !s.value || row.alert.labels[s.dataset.filter] === s.value,
  );
}

const newestFirst = (a, b) => b.alert.startsAt.localeCompare(a.alert.startsAt);

function renderFiring() {
  const rows = firingRows().filter((r) => !isSilenced(r) && matchesFilters(r)).sort(newestFirst);
  $('#firing-count').textContent = String(rows.length);
  const by = $('#group-by').value;
  const groups = new Map();
  for (const r of rows) {
    const key = r.alert.labels[by] ?? '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  const keys = [...groups.keys()].sort((a, b) =>
    by === 'emergency_level' ? (LEVEL_ORDER[a] ?? 9) - (LEVEL_ORDER[b] ?? 9) : a.localeCompare(b),
  );
  const el = $('#firing');
  if (rows.length === 0) {
    el.replaceChildren(h('p', { class: 'empty' }, t('noFiring')));
    return;
  }
  el.replaceChildren(
    ...keys.map((key) =>
      h(
        'div',
        { class: 'group', dataset: { group: key } },
        h('h3', {}, `${t(`label.${by}`)}: ${labelValue(by, key)}`, h('span', { class: 'count' }, String(groups.get(key).length))),
        alertTable(groups.get(key)),
      ),
    ),
  );
}

function renderSilenced() {
  const rows = firingRows().filter(isSilenced).sort(newestFirst);
  $('#silenced-count').textContent = String(rows.length);
  $('#silenced').replaceChildren(
    rows.length === 0 ? h('p', { class: 'empty' }, t('noSilenced')) : alertTable(rows),
  );
}

function alertTable(rows) {
  return h(
    'table',
    { class: 'alerts' },
    h('thead', {}, h('tr', {},
      ['label.emergency_level', 'label.alertname', 'value', 'since', ''].map((k) =>
        h('th', {}, k ? t(k) : '')))),
    h('tbody', {}, rows.map(alertRow)),
  );
}

function alertRow(row) {
  const a = row.alert;
  const level = a.labels.emergency_level ?? 'none';
  const scope = SCOPE.filter((n) => a.labels[n]).map((n) => `${n}=${a.labels[n]}`).join(' · ');
  const value = a.annotations.value
    ? `${a.annotations.value}${a.annotations.threshold ? ` / ${t('threshold')} ${a.annotations.threshold}` : ''}`
    : '—';
  return h(
    'tr',
    { class: `alert level-${level}`, dataset: { fingerprint: a.fingerprint } },
    h('td', {}, h('span', { class: `badge level-${level}` }, t('level', level)),
      h('div', { class: 'risk' }, labelValue('risk_category', a.labels.risk_category))),
    h('td', {},
      h('a', { href: '#', class: 'name', onclick: (e) => { e.preventDefault(); openDetail(row); } }, a.labels.alertname),
      h('span', { class: 'scope' }, ' ', scope),
      h('div', { class: 'summary' }, a.annotations.summary ?? ''),
      h('div', { class: 'plan' },
        a.annotations.plan_section ? `${t('plan')}: ${a.annotations.plan_section} ` : null,
        a.annotations.runbook_url ? h('a', { href: runbookHref(a.annotations.runbook_url), target: '_blank', rel: 'noopener noreferrer' }, t('runbook')) : null),
      row.ack ? h('div', { class: 'acked' }, '✔ ', t('acked', row.ack.by, formatTime(row.ack.at))) : null,
      row.silencedBy.length ? h('div', { class: 'silenced-by' }, `${t('silencedBy')}: ${row.silencedBy.join(', ')}`) : null,
      row.inhibited ? h('div', { class: 'silenced-by inhibited' }, t('inhibited')) : null),
    h('td', { class: 'value' }, value),
    h('td', { class: 'since' }, formatTime(a.startsAt)),
    h('td', {}, h('div', { class: 'actions stack' }, actionButtons(row))),
  );
}

function actionButtons(row) {
  const act = canAct();
  return [
    h('button', { type: 'button', class: 'details', onclick: () => openDetail(row) }, t('details')),
    h('button', { type: 'button', class: 'silence', disabled: !act, onclick: () => openSilence(prefill(row.alert)) }, t('silence')),
    h('button', { type: 'button', class: 'ack', disabled: !act || !!row.ack, onclick: () => acknowledge(row) }, t('ack')),
  ];
}

async function acknowledge(row) {
  const by = state.me?.name || $('#who').value.trim();
  if (!by) {
    showProblem(new Error(t('needName')));
    $('#who').focus();
    return;
  }
  try {
    await api.ack(row.alert.fingerprint, by, '');
    await refresh();
  } catch (e) {
    showProblem(e);
  }
}

async function openDetail(row) {
  const dialog = $('#detail');
  const a = row.alert;
  let hist = null;
  try {
    hist = await api.history(a.fingerprint);
  } catch (e) {
    if (e.status !== 404) showProblem(e);
  }
  const ann = a.annotations;
  dialog.replaceChildren(
    h('h2', {}, `${t('level', a.labels.emergency_level ?? 'none')} ${labelValue('risk_category', a.labels.risk_category)} · ${a.labels.alertname}`),
    h('p', { class: 'summary' }, ann.summary ?? ''),
    ann.description ? h('p', {}, ann.description) : null,
    h('dl', {},
      h('dt', {}, t('value')), h('dd', {}, ann.value ?? '—'),
      h('dt', {}, t('threshold')), h('dd', {}, ann.threshold ?? '—'),
      h('dt', {}, t('since')), h('dd', {}, formatTime(a.startsAt)),
      h('dt', {}, t('plan')), h('dd', {}, ann.plan_section ?? '—'),
      h('dt', {}, t('runbook')), h('dd', {}, ann.runbook_url ? h('a', { href: runbookHref(ann.runbook_url), target: '_blank', rel: 'noopener noreferrer' }, ann.runbook_url) : '—'),
      h('dt', {}, t('ack')), h('dd', {}, row.ack ? t('acked', row.ack.by, formatTime(row.ack.at)) : '—')),
    h('h3', {}, t('labels')),
    h('p', { class: 'labels' }, Object.entries(a.labels).map(([k, v]) => h('code', {}, `${k}=${v}`))),
    h('h3', {}, t('history')),
    hist
      ? h('table', { class: 'history' },
          h('thead', {}, h('tr', {}, [t('receivedAt'), '', t('label.emergency_level'), t('value'), t('since')].map((x) => h('th', {}, x)))),
          h('tbody', {}, hist.changes.slice().reverse().map((c) =>
            h('tr', { dataset: { kind: c.kind } },
              h('td', {}, formatTime(c.receivedAt)),
              h('td', {}, t(`kind.${c.kind}`)),
              h('td', {}, t('level', c.alert.labels.emergency_level ?? 'none')),
              h('td', {}, c.alert.annotations.value ?? '—'),
              h('td', {}, formatTime(c.kind === 'resolved' ? c.alert.endsAt : c.alert.startsAt))))))
      : h('p', { class: 'empty' }, '—'),
    h('div', { class: 'actions' },
      row.alert.status === 'firing' ? actionButtons(row).slice(1) : null,
      h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('close'))),
  );
  if (!dialog.open) dialog.showModal();
}

/** The silence form's matchers for an alert: its identity labels, exactly. */
function prefill(alert) {
  return {
    matchers: IDENTITY.filter((n) => alert.labels[n]).map((n) => ({ name: n, value: alert.labels[n], isRegex: false, isEqual: true })),
    comment: '',
  };
}

const quote = (v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function formatMatcher(m) {
  const op = m.isRegex ? (m.isEqual === false ? '!~' : '=~') : m.isEqual === false ? '!=' : '=';
  return `${m.name}${op}${quote(m.value)}`;
}

/** `name="v"`, `name!="v"`, `name=~"re"`, `name!~"re"`; throws naming the line that is wrong. */
export function parseMatchers(text) {
  const out = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"$/.exec(line);
    if (!m) throw new Error(`${t('matchers')} ${i + 1}: ${line}`);
    out.push({
      name: m[1],
      value: m[3].replace(/\\(.)/g, '$1'),
      isRegex: m[2].includes('~'),
      isEqual: !m[2].startsWith('!'),
    });
  });
  return out;
}

function openSilence(silence) {
  const form = $('#silence-form');
  form.reset();
  form.elements.id.value = silence.id ?? '';
  form.elements.matchers.value = silence.matchers.map(formatMatcher).join('\n');
  form.elements.createdBy.value = silence.createdBy || state.me?.name || $('#who').value;
  form.elements.comment.value = silence.comment ?? '';
  form.querySelector('.form-problem').textContent = '';
  if ($('#detail').open) $('#detail').close();
  $('#silence-dialog').showModal();
}

async function submitSilence(event) {
  event.preventDefault();
  const form = event.target;
  const problem = form.querySelector('.form-problem');
  try {
    const now = Date.now();
    const body = {
      matchers: parseMatchers(form.elements.matchers.value),
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + Number(form.elements.duration.value) * 60_000).toISOString(),
      createdBy: form.elements.createdBy.value.trim(),
      comment: form.elements.comment.value.trim(),
    };
    if (form.elements.id.value) body.id = form.elements.id.value;
    await api.saveSilence(body);
    $('#silence-dialog').close();
    await refresh();
  } catch (e) {
    problem.textContent =
      e.status === 401 ? t('unauthorized') : e.status === 403 ? t('forbidden') : e.message;
  }
}

function renderSilences() {
  const list = state.silences
    .slice()
    .sort((a, b) => (a.status.state === 'expired') - (b.status.state === 'expired') || b.startsAt.localeCompare(a.startsAt))
    .slice(0, 30);
  const el = $('#silences');
  if (list.length === 0) {
    el.replaceChildren(h('p', { class: 'empty' }, t('noSilences')));
    return;
  }
  el.replaceChildren(
    h('table', { class: 'silences' },
      h('thead', {}, h('tr', {}, [t('state'), t('matchers'), t('ends'), t('createdBy'), t('comment'), ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, list.map((s) =>
        h('tr', { class: `silence ${s.status.state}`, dataset: { silenceId: s.id } },
          h('td', {}, t(`state.${s.status.state}`)),
          h('td', {}, s.matchers.map((m) => h('code', {}, formatMatcher(m)))),
          h('td', {}, formatTime(s.endsAt)),
          h('td', {}, s.createdBy),
          h('td', {}, s.comment),
          h('td', {}, h('div', { class: 'actions stack' },
            s.status.state === 'expired' ? null : [
              h('button', { type: 'button', class: 'extend', disabled: !canAct(), onclick: () => extend(s) }, t('extend')),
              h('button', { type: 'button', class: 'expire', disabled: !canAct(), onclick: () => expire(s) }, t('expire')),
            ])))))));
}

async function extend(s) {
  const end = Math.max(Date.parse(s.endsAt), Date.now()) + 3_600_000;
  try {
    await api.saveSilence({ id: s.id, matchers: s.matchers, startsAt: s.startsAt, endsAt: new Date(end).toISOString(), createdBy: s.createdBy, comment: s.comment });
    await refresh();
  } catch (e) {
    showProblem(e);
  }
}

async function expire(s) {
  try {
    await api.expireSilence(s.id);
    await refresh();
  } catch (e) {
    showProblem(e);
  }
}

/** Each activation with its lifecycle, its steps oldest first, and the operator's next moves. */
function renderTimeline() {
  const list = state.emergencies.slice(0, 30);
  const el = $('#timeline');
  if (list.length === 0) {
    el.replaceChildren(h('p', { class: 'empty' }, t('noTimeline')));
    return;
  }
  el.replaceChildren(...list.map(activationView));
}

function activationView(a) {
  return h('div', { class: `activation ${a.state}`, dataset: { id: a.id, center: a.center, state: a.state } },
    h('h3', {},
      h('span', { class: `badge level-${a.level}` }, t('level', a.level)), ' ',
      `${t('center')}: ${a.center} · ${t('since')} ${formatTime(a.startsAt)} · `,
      h('span', { class: 'lifecycle-state' }, t(`lifecycle.${a.state}`))),
    h('ol', { class: 'lifecycle' }, LIFECYCLE.map((s) =>
      h('li', { class: stepClass(a, s) }, t(`lifecycle.${s}`)))),
    h('table', { class: 'steps' },
      h('thead', {}, h('tr', {}, [t('receivedAt'), t('state'), t('label.emergency_level'), t('by'), t('comment')].map((x) => h('th', {}, x)))),
      h('tbody', {}, a.timeline.map((s) =>
        h('tr', { dataset: { state: s.state } },
          h('td', {}, formatTime(s.at)),
          h('td', {}, t(`lifecycle.${s.state}`)),
          h('td', {}, t('level', s.level)),
          h('td', {}, s.by),
          h('td', {}, s.comment))))),
    state.refusals[a.id] ? h('p', { class: 'refused', role: 'alert' }, state.refusals[a.id]) : null,
    h('div', { class: 'actions' }, NEXT_STEPS[a.state]?.map((next) =>
      h('button', { type: 'button', class: `move move-${next}`, disabled: !canAct(), onclick: () => moveEmergency(a, next) }, t(`move.${next}`)))),
  );
}

const LIFECYCLE = ['activated', 'acknowledged', 'responding', 'recovered', 'closed'];

/** `done` for the states the activation went through, `current` for the one it is in. */
function stepClass(a, s) {
  if (a.state === s) return 'current';
  return a.timeline.some((step) => step.state === s) ? 'done' : 'todo';
}

async function moveEmergency(a, next) {
  const body = { state: next, comment: '' };
  // Without tokens the service cannot name the caller: the name typed in is who moved it.
  if (!state.me && $('#who').value.trim()) body.by = $('#who').value.trim();
  try {
    await api.moveEmergency(a.id, body);
    delete state.refusals[a.id];
  } catch (e) {
    if (e.status !== 409) {
      showProblem(e);
      return;
    }
    // The lifecycle refused (the activation moved meanwhile, e.g. it recovered): the service's
    // reason stays on the activation, past the refreshes, until a move of it succeeds.
    state.refusals[a.id] = t('refused', e.message);
  }
  await refresh();
}

async function signIn(event) {
  event?.preventDefault();
  const value = $('#token').value.trim();
  if (value) api.setToken(value);
  sessionStorage.setItem('cscmon.who', $('#who').value.trim());
  try {
    state.me = api.token() ? await api.whoami() : null;
    clearProblem();
  } catch (e) {
    state.me = null;
    showProblem(e);
  }
  await refresh();
}

function start() {
  setLanguage(initialLanguage());
  $('#lang').textContent = language() === 'zh-CN' ? 'English' : '中文';
  $('#lang').addEventListener('click', () => {
    const next = language() === 'zh-CN' ? 'en' : 'zh-CN';
    localStorage.setItem('cscmon.lang', next);
    setLanguage(next);
    $('#lang').textContent = next === 'zh-CN' ? 'English' : '中文';
    render();
  });
  $('#who').value = sessionStorage.getItem('cscmon.who') || '';
  $('#token').value = api.token();
  $('#login').addEventListener('submit', signIn);
  $('#filters').addEventListener('change', render);
  $('#new-silence').addEventListener('click', () => openSilence({ matchers: [], comment: '' }));
  $('#silence-form').addEventListener('submit', submitSilence);
  $('#silence-form [data-close]').addEventListener('click', () => $('#silence-dialog').close());
  signIn();
  setInterval(refresh, REFRESH_MS);
}

start();
