// The console's texts in Simplified Chinese and English. The language comes from the browser
// (navigator.languages) until the user picks one; the pick is kept in localStorage.

const LEVEL_ZH = { I: 'Ⅰ级', II: 'Ⅱ级', III: 'Ⅲ级', IV: 'Ⅳ级', none: '无' };

const TEXTS = {
  'zh-CN': {
    title: 'cscmon 值班台',
    token: '令牌',
    yourName: '姓名',
    signIn: '登录',
    firing: '告警中',
    silencedAlerts: '已静默',
    silences: '静默规则',
    newSilence: '新建静默',
    timeline: '应急启动时间线',
    groupBy: '分组',
    all: '全部',
    'label.risk_category': '风险类别',
    'label.emergency_level': '应急级别',
    'label.center': '中心',
    'label.queue': '队列',
    'label.component': '组件',
    'label.alertname': '告警名称',
    'risk.technical': '技术风险',
    'risk.operational': '操作风险',
    'risk.market': '市场风险',
    'risk.credit': '信用风险',
    level: (l) => LEVEL_ZH[l] ?? l,
    noEmergency: '无应急响应',
    emergencyAt: (center, level) => `${center}：${level}应急响应`,
    none: '无',
    value: '当前值',
    threshold: '阈值',
    since: '开始于',
    runbook: '处置手册',
    plan: '预案章节',
    details: '详情',
    silence: '静默',
    ack: '认领',
    acked: (by, at) => `${by} 已于 ${at} 认领`,
    noFiring: '当前没有告警',
    noSilenced: '没有被静默的告警',
    noSilences: '没有静默规则',
    noTimeline: '尚无应急启动记录',
    silenceTitle: '静默',
    matchers: '匹配条件',
    matchersHint: '每行一个：name="value" 或 name=~"正则"',
    duration: '时长',
    createdBy: '创建人',
    comment: '说明',
    save: '保存',
    cancel: '取消',
    close: '关闭',
    extend: '延长 1 小时',
    expire: '立即失效',
    state: '状态',
    'state.active': '生效中',
    'state.pending': '待生效',
    'state.expired': '已失效',
    ends: '结束于',
    history: '历史',
    'kind.fired': '触发',
    'kind.level_changed': '级别变化',
    'kind.resolved': '恢复',
    'kind.updated': '更新',
    receivedAt: '收到时间',
    labels: '标签',
    center: '中心',
    signedInAs: (name, role) => `${name}（${ROLE_ZH[role] ?? role}）`,
    viewerOnly: '查看者只能查看；静默与认领需要操作员令牌',
    unauthorized: '未登录或令牌无效（401）：请输入令牌',
    forbidden: '权限不足（403）：此操作需要操作员令牌',
    failed: (status, msg) => `请求失败（${status}）：${msg}`,
    unreachable: '无法连接服务',
    ackComment: '认领说明（可空）',
    needName: '请先填写姓名（或使用令牌登录）',
    by: '操作人',
    'lifecycle.activated': '已启动',
    'lifecycle.acknowledged': '已确认',
    'lifecycle.responding': '响应中',
    'lifecycle.recovered': '已恢复',
    'lifecycle.closed': '已关闭',
    'move.acknowledged': '确认',
    'move.responding': '开始响应',
    'move.closed': '关闭（复盘完成）',
    refused: (msg) => `操作被拒绝（409）：${msg}`,
    silencedBy: '静默规则',
    inhibited: '已被抑制：其根因或更高级别的告警正在告警',
  },
  en: {
    title: 'cscmon on-call console',
    token: 'Token',
    yourName: 'Name',
    signIn: 'Sign in',
    firing: 'Firing',
    silencedAlerts: 'Silenced',
    silences: 'Silences',
    newSilence: 'New silence',
    timeline: 'Emergency activation timeline',
    groupBy: 'Group by',
    all: 'all',
    'label.risk_category': 'Risk',
    'label.emergency_level': 'Level',
    'label.center': 'Center',
    'label.queue': 'Queue',
    'label.component': 'Component',
    'label.alertname': 'Alert',
    'risk.technical': 'technical risk',
    'risk.operational': 'operational risk',
    'risk.market': 'market risk',
    'risk.credit': 'credit risk',
    level: (l) => (l === 'none' ? 'no level' : `Level ${l}`),
    noEmergency: 'no emergency response active',
    emergencyAt: (center, level) => `${center}: ${level} emergency response`,
    none: 'none',
    value: 'value',
    threshold: 'threshold',
    since: 'since',
    runbook: 'runbook',
    plan: 'plan section',
    details: 'Details',
    silence: 'Silence',
    ack: 'Acknowledge',
    acked: (by, at) => `acknowledged by ${by} at ${at}`,
    noFiring: 'Nothing is firing',
    noSilenced: 'No alert is silenced',
    noSilences: 'No silences',
    noTimeline: 'No emergency activation yet',
    silenceTitle: 'Silence',
    matchers: 'Matchers',
    matchersHint: 'one per line: name="value" or name=~"regex"',
    duration: 'Duration',
    createdBy: 'Created by',
    comment: 'Comment',
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    extend: 'Extend 1 h',
    expire: 'Expire now',
    state: 'State',
    'state.active': 'active',
    'state.pending': 'pending',
    'state.expired': 'expired',
    ends: 'ends',
    history: 'History',
    'kind.fired': 'fired',
    'kind.level_changed': 'level changed',
    'kind.resolved': 'resolved',
    'kind.updated': 'updated',
    receivedAt: 'received',
    labels: 'Labels',
    center: 'Center',
    signedInAs: (name, role) => `${name} (${role})`,
    viewerOnly: 'Viewers can look only; silencing and acknowledging need an operator token',
    unauthorized: 'Not signed in or unknown token (401): enter a token',
    forbidden: 'Not allowed (403): this needs an operator token',
    failed: (status, msg) => `Request failed (${status}): ${msg}`,
    unreachable: 'The service cannot be reached',
    ackComment: 'Comment for the acknowledgement (optional)',
    needName: 'Enter your name first (or sign in with a token)',
    by: 'by',
    'lifecycle.activated': 'activated',
    'lifecycle.acknowledged': 'acknowledged',
    'lifecycle.responding': 'responding',
    'lifecycle.recovered': 'recovered',
    'lifecycle.closed': 'closed',
    'move.acknowledged': 'Acknowledge',
    'move.responding': 'Start responding',
    'move.closed': 'Close (review done)',
    refused: (msg) => `Refused (409): ${msg}`,
    silencedBy: 'silenced by',
    inhibited: 'inhibited: its cause or a more severe alert fires',
  },
};

const ROLE_ZH = { viewer: '查看者', operator: '操作员', admin: '管理员' };

export const LANGUAGES = Object.keys(TEXTS);

/** zh-CN for any Chinese browser language, English otherwise, unless the user chose. */
export function initialLanguage(storage = localStorage, languages = navigator.languages) {
  const chosen = storage.getItem('cscmon.lang');
  if (LANGUAGES.includes(chosen)) return chosen;
  const first = (languages || []).find((l) => /^(zh|en)\b/i.test(l));
  return first && /^zh/i.test(first) ? 'zh-CN' : 'en';
}

let current = 'en';

export function setLanguage(lang) {
  current = LANGUAGES.includes(lang) ? lang : 'en';
  document.documentElement.lang = current;
  for (const el of document.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  return current;
}

export function language() {
  return current;
}

/** The text for `key`, called with `args` when it is a function; the key itself when unknown. */
export function t(key, ...args) {
  const text = TEXTS[current][key] ?? TEXTS.en[key];
  if (text === undefined) return key;
  return typeof text === 'function' ? text(...args) : text;
}

/** A label value as people read it: levels and risk categories translated, others as they are. */
export function labelValue(name, value) {
  if (value === undefined || value === '') return '—';
  if (name === 'emergency_level') return t('level', value);
  if (name === 'risk_category') return t(`risk.${value}`);
  return value;
}

/** Times in the browser's zone, in the console's language. */
export function formatTime(iso) {
  if (!iso || iso.startsWith('0001-')) return '—';
  const d = new Date(iso);
  return d.toLocaleString(current === 'zh-CN' ? 'zh-CN' : 'en-GB', { hour12: false });
}
