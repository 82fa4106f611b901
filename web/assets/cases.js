/*
 * 典型案例 — the public case pages (web/cases.html).
 *
 *  - `/cases`        published cases, newest first, filtered by topic, region, year and words:
 *                    GET /public/cases?topic=&region=&year=&q=&cursor=, "加载更多" follows nextCursor.
 *                    The filters live in the page's URL, so a search can be shared and Back returns to it.
 *  - `/cases/{id}`   one case: GET /public/cases/{id}.
 *
 * Plain ES module, no dependencies, no inline styles or scripts (the site's CSP forbids them).
 * Everything is built with DOM methods and textContent, except a case's body: that is HTML the
 * server rendered from Markdown and sanitised (functions/case-publication/core/markdown.ts),
 * and the CSP stops any script or inline handler in it even if something got through.
 */

import { el } from './dom.js';

/** The six pilot areas, as functions/case-publication/core/topics.ts labels them. */
export const TOPIC_LABELS = {
  POSTDOCTORAL: '博士后',
  TITLES_AND_QUALIFICATIONS: '职称和职业资格',
  CONTINUING_EDUCATION: '继续教育',
  EXPERTS: '专家服务',
  RETURNED_SCHOLARS: '留学人员回国',
  INTEGRATED_SERVICES: '综合服务',
};

/** National departments and the provincial-level divisions (GB/T 2260); a province includes its cities. */
export const REGIONS = [
  ['000000', '全国'],
  ['110000', '北京市'],
  ['120000', '天津市'],
  ['130000', '河北省'],
  ['140000', '山西省'],
  ['150000', '内蒙古自治区'],
  ['210000', '辽宁省'],
  ['220000', '吉林省'],
  ['230000', '黑龙江省'],
  ['310000', '上海市'],
  ['320000', '江苏省'],
  ['330000', '浙江省'],
  ['340000', '安徽省'],
  ['350000', '福建省'],
  ['360000', '江西省'],
  ['370000', '山东省'],
  ['410000', '河南省'],
  ['420000', '湖北省'],
  ['430000', '湖南省'],
  ['440000', '广东省'],
  ['450000', '广西壮族自治区'],
  ['460000', '海南省'],
  ['500000', '重庆市'],
  ['510000', '四川省'],
  ['520000', '贵州省'],
  ['530000', '云南省'],
  ['540000', '西藏自治区'],
  ['610000', '陕西省'],
  ['620000', '甘肃省'],
  ['630000', '青海省'],
  ['640000', '宁夏回族自治区'],
  ['650000', '新疆维吾尔自治区'],
];

const FIRST_YEAR = 2015;

export const MESSAGES = {
  loading: '正在加载案例…',
  loadingMore: '正在加载更多案例…',
  none: '没有找到符合条件的案例。可以减少筛选条件或换个关键词再试。',
  shown: (n) => `已显示 ${n} 个案例`,
  more: (n) => `已显示 ${n} 个案例，还有更多`,
  noWords: '请输入要搜索的字词',
  unavailable: '暂时无法加载案例，请稍后重试。',
  throttled: '请求过于频繁，请稍候片刻再试。',
  notFound: '未找到该案例',
  notFoundHint: '该案例不存在，或已撤回。',
  linksExpire: '下载链接 5 分钟内有效，过期请刷新本页。',
};

/* ------------------------------------------------------------------ small helpers */

/** An ISO timestamp as a date in China: 2026-03-01T02:00:00Z → 2026年3月1日. */
export function formatDate(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso ?? '');
  const parts = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  const part = (type) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}年${part('month')}月${part('day')}日`;
}

export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const FILE_KINDS = {
  'application/pdf': 'PDF',
  'image/png': 'PNG 图片',
  'image/jpeg': 'JPEG 图片',
  'image/webp': 'WebP 图片',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word 文档',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel 表格',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint 演示文稿',
};

/* ------------------------------------------------------------------ API */

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Calls the API and sorts the answer into one outcome:
 * { kind: 'ok', body } | { kind: 'notFound' } | { kind: 'badRequest', errors, detail } | { kind: 'unavailable', throttled }.
 */
async function getJson(path) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  let response;
  try {
    // The page is Chinese: so are the API's messages it shows, whatever the browser's own language.
    response = await fetch(path, { headers: { accept: 'application/json', 'accept-language': 'zh-CN' }, signal: controller.signal });
  } catch {
    return { kind: 'unavailable', throttled: false };
  } finally {
    clearTimeout(timer);
  }
  const body = await response.json().catch(() => undefined);
  if (response.ok && body && typeof body === 'object') return { kind: 'ok', body };
  if (response.status === 404) return { kind: 'notFound' };
  if (response.status === 400) return { kind: 'badRequest', errors: Array.isArray(body?.errors) ? body.errors : [], detail: body?.detail ?? '' };
  return { kind: 'unavailable', throttled: response.status === 429 };
}

function retryButton(retry) {
  const button = el('button', { type: 'button', className: 'button button--secondary' }, '重试');
  button.addEventListener('click', retry);
  return button;
}

/* ------------------------------------------------------------------ the list */

const list = {
  form: () => document.getElementById('case-filters'),
  q: () => document.getElementById('case-q'),
  qError: () => document.getElementById('case-q-error'),
  topic: () => document.getElementById('case-topic'),
  region: () => document.getElementById('case-region'),
  year: () => document.getElementById('case-year'),
  status: () => document.getElementById('results-status'),
  items: () => document.getElementById('case-list'),
  more: () => document.getElementById('load-more'),
};

const FILTERS = ['q', 'topic', 'region', 'year'];

function fillSelects() {
  list.topic().append(...Object.entries(TOPIC_LABELS).map(([value, label]) => el('option', { value }, label)));
  list.region().append(...REGIONS.map(([value, label]) => el('option', { value }, label)));
  const thisYear = new Date().getFullYear();
  for (let year = thisYear + 1; year >= FIRST_YEAR; year--) list.year().append(el('option', { value: String(year) }, `${year}年`));
}

/** The form's filters that are set, as URL parameters. */
function filtersFromForm() {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = list[name]().value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

/** Puts the URL's filters into the form (only values the form offers). */
function formFromUrl(params) {
  for (const name of FILTERS) {
    const value = params.get(name) ?? '';
    const control = list[name]();
    if (control.tagName === 'SELECT' && ![...control.options].some((o) => o.value === value)) continue;
    control.value = value;
  }
}

function setQueryError(message) {
  const input = list.q();
  const error = list.qError();
  error.textContent = message;
  error.hidden = !message;
  if (message) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${error.id} case-q-hint`);
  } else {
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', 'case-q-hint');
  }
}

function caseCard(c) {
  const label = TOPIC_LABELS[c.topic] ?? c.topicLabel ?? c.topic;
  return el(
    'li',
    {},
    el(
      'article',
      { className: 'case-card', dataset: { topic: c.topic, caseId: c.id } },
      el('h3', { className: 'case-card__title' }, el('a', { href: `/cases/${encodeURIComponent(c.id)}` }, c.title)),
      el(
        'p',
        { className: 'case-card__meta' },
        el('span', { className: 'topic-badge' }, label),
        el('span', {}, c.regionName ?? c.region),
        el('span', {}, `${c.year}年`),
        el('span', {}, '发布于 ', el('time', { dateTime: c.publishedAt }, formatDate(c.publishedAt))),
      ),
      el('p', { className: 'case-card__summary' }, c.summary),
      c.tags?.length ? el('ul', { className: 'tags', 'aria-label': '标签' }, ...c.tags.map((tag) => el('li', { className: 'tag' }, tag))) : null,
    ),
  );
}

let listing = { params: new URLSearchParams(), cursor: undefined, shown: 0, busy: false };

async function loadPage({ append }) {
  if (listing.busy) return;
  listing.busy = true;
  const more = list.more();
  more.disabled = true;
  list.status().textContent = append ? MESSAGES.loadingMore : MESSAGES.loading;
  list.items().setAttribute('aria-busy', 'true');
  const params = new URLSearchParams(listing.params);
  if (append && listing.cursor) params.set('cursor', listing.cursor);
  const outcome = await getJson(`/public/cases?${params}`);
  listing.busy = false;
  more.disabled = false;
  list.items().removeAttribute('aria-busy');

  if (outcome.kind !== 'ok') {
    more.hidden = true;
    if (outcome.kind === 'badRequest' && outcome.errors.some((e) => e.path === 'query.q')) {
      list.status().textContent = '';
      setQueryError(MESSAGES.noWords);
      list.q().focus();
      return;
    }
    list.status().replaceChildren(outcome.kind === 'unavailable' && outcome.throttled ? MESSAGES.throttled : MESSAGES.unavailable, ' ', retryButton(() => loadPage({ append })));
    return;
  }
  const { cases, nextCursor } = outcome.body;
  const cards = cases.map(caseCard);
  if (append) list.items().append(...cards);
  else list.items().replaceChildren(...cards);
  listing.shown = append ? listing.shown + cases.length : cases.length;
  listing.cursor = nextCursor;
  more.hidden = !nextCursor;
  list.status().textContent = listing.shown === 0 && !nextCursor ? MESSAGES.none : nextCursor ? MESSAGES.more(listing.shown) : MESSAGES.shown(listing.shown);
  // After "加载更多", keyboard and screen-reader users continue at the first new case.
  if (append) cards[0]?.querySelector('a')?.focus();
}

function search(event) {
  event.preventDefault();
  setQueryError('');
  listing = { params: filtersFromForm(), cursor: undefined, shown: 0, busy: false };
  const query = listing.params.toString();
  history.replaceState(null, '', query ? `/cases?${query}` : '/cases');
  loadPage({ append: false });
}

function startList() {
  fillSelects();
  const params = new URLSearchParams(window.location.search);
  formFromUrl(params);
  listing.params = filtersFromForm();
  list.form().addEventListener('submit', search);
  list.q().addEventListener('input', () => list.q().getAttribute('aria-invalid') === 'true' && setQueryError(''));
  list.more().addEventListener('click', () => loadPage({ append: true }));
  loadPage({ append: false });
}

/* ------------------------------------------------------------------ one case */

function field(term, ...value) {
  return el('div', { className: 'fields__row' }, el('dt', {}, term), el('dd', {}, ...value));
}

function attachmentList(attachments) {
  if (!attachments.length) return null;
  return el(
    'section',
    { className: 'case-attachments', 'aria-labelledby': 'attachments-heading' },
    el('h2', { id: 'attachments-heading' }, '附件'),
    el(
      'ul',
      {},
      ...attachments.map((a) =>
        el('li', {}, el('a', { href: a.url, rel: 'noopener noreferrer' }, a.fileName), el('span', { className: 'case-attachments__meta' }, `${FILE_KINDS[a.contentType] ?? a.contentType}，${formatSize(a.size)}`)),
      ),
    ),
    el('p', { className: 'hint' }, MESSAGES.linksExpire),
  );
}

function caseArticle(c) {
  const body = el('div', { className: 'case-body' });
  // Sanitised by the server (allow-listed tags and attributes, safe link targets only).
  body.innerHTML = c.html;
  return el(
    'article',
    { className: 'case-article', dataset: { caseId: c.id, version: String(c.version) }, 'aria-labelledby': 'case-title' },
    el('h1', { id: 'case-title' }, c.title),
    el(
      'dl',
      { className: 'fields case-article__facts' },
      field('领域', TOPIC_LABELS[c.topic] ?? c.topicLabel ?? c.topic),
      field('地区', c.regionName ?? c.region),
      field('年份', `${c.year}年`),
      field('发布日期', el('time', { dateTime: c.publishedAt }, formatDate(c.publishedAt))),
      c.version > 1 ? field('更新日期', el('time', { dateTime: c.versionPublishedAt }, formatDate(c.versionPublishedAt))) : null,
    ),
    el('p', { className: 'lead case-article__summary' }, c.summary),
    body,
    c.tags?.length ? el('ul', { className: 'tags', 'aria-label': '标签' }, ...c.tags.map((tag) => el('li', { className: 'tag' }, tag))) : null,
    attachmentList(c.attachments ?? []),
  );
}

function notice(tone, heading, message, actions = []) {
  return el(
    'article',
    { className: `card card--notice card--${tone}`, 'aria-labelledby': 'notice-heading' },
    el('header', { className: 'card__header' }, el('h1', { id: 'notice-heading', className: 'card__heading' }, heading), el('p', { className: 'card__summary' }, message)),
    actions.length ? el('div', { className: 'card__actions' }, ...actions) : null,
  );
}

async function showCase(id) {
  const content = document.getElementById('case-content');
  content.replaceChildren(el('p', { className: 'loading', role: 'status' }, el('span', { className: 'spinner', 'aria-hidden': 'true' }), '正在加载案例…'));
  const outcome = await getJson(`/public/cases/${encodeURIComponent(id)}`);
  if (outcome.kind === 'ok') {
    content.replaceChildren(caseArticle(outcome.body));
    document.title = `${outcome.body.title} · 典型案例 · 专业技术人才公共服务平台`;
  } else if (outcome.kind === 'notFound' || outcome.kind === 'badRequest') {
    content.replaceChildren(notice('warning', MESSAGES.notFound, MESSAGES.notFoundHint, [el('a', { href: '/cases' }, '查看全部案例')]));
    document.title = `${MESSAGES.notFound} · 典型案例 · 专业技术人才公共服务平台`;
  } else {
    content.replaceChildren(notice('error', '暂时无法加载', outcome.throttled ? MESSAGES.throttled : MESSAGES.unavailable, [retryButton(() => showCase(id))]));
  }
}

function start() {
  const match = /^\/cases\/([\w-]+)\/?$/.exec(window.location.pathname);
  if (match) {
    document.getElementById('list-view').hidden = true;
    document.getElementById('case-view').hidden = false;
    showCase(match[1]);
  } else {
    startList();
  }
}

start();
