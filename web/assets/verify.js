/*
 * 证书查验 — the public certificate verification page (web/index.html).
 *
 * Two ways in:
 *  - `/`          a form: certificate number + holder name → GET /public/certificates/{number}?name=…
 *  - `/v/{token}` the QR code printed on a certificate → GET /public/verify/{token}, no name needed.
 *
 * Plain ES module, no dependencies, no inline styles or scripts (the site's CSP forbids them);
 * everything is built with DOM methods and textContent, never innerHTML.
 */

import { el } from './dom.js';

export const TYPE_LABELS = {
  ZC: '职称',
  ZY: '职业资格',
  JD: '专业技术等级',
  JX: '继续教育',
  PX: '培训合格',
};

const STATUS = {
  VALID: { label: '有效', modifier: 'valid' },
  REVOKED: { label: '已撤销', modifier: 'revoked' },
  SUSPENDED: { label: '已暂停', modifier: 'suspended' },
  EXPIRED: { label: '已过期', modifier: 'expired' },
};

export const MESSAGES = {
  numberMissing: '请输入证书编号',
  nameMissing: '请输入持证人姓名',
  format: '证书编号应为 2 位类别字母加 18 位数字或 X（共 20 位）',
  type: '证书类别应为 ZC、ZY、JD、JX 或 PX',
  year: '证书编号中的年份不正确',
  checkCharacter: '证书编号校验位不符，可能输错了一位，请核对',
  notFound: '未找到与该编号和姓名相符的证书',
  notFoundHint: '请核对证书编号和持证人姓名是否与证书上的完全一致。姓名需填写完整。',
  tokenNotFound: '该二维码无效，或未对应本平台签发的证书。',
  unavailable: '查验服务暂时无法访问，请稍后重试。',
  throttled: '查验请求过于频繁，请稍候片刻再试。',
};

/* ------------------------------------------------------------------ number rules (DESIGN §3) */

const CERTIFICATE_TYPES = Object.keys(TYPE_LABELS);
const CHECK_CHARACTERS = '10X98765432';
/* ISO 7064 MOD 11-2 over d1..d17: weight of d_i is 2^(18−i) mod 11 (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, …). */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);

/** A number as typed by a person: full-width characters, spaces and case are forgiven. */
export function normaliseNumber(input) {
  return String(input).normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The MOD 11-2 check character for 17 digits. */
export function checkCharacterFor(seventeenDigits) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(seventeenDigits[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/**
 * What is wrong with a (normalised) number, as far as a browser can tell: 'format', 'type', 'year'
 * or 'checkCharacter'; null when it may be right. Region codes are left to the server.
 */
export function numberProblem(number) {
  if (!/^[A-Z]{2}\d{17}[\dX]$/.test(number)) return 'format';
  if (!CERTIFICATE_TYPES.includes(number.slice(0, 2))) return 'type';
  if (Number(number.slice(8, 12)) < 1949) return 'year';
  if (checkCharacterFor(number.slice(2, 19)) !== number[19]) return 'checkCharacter';
  return null;
}

/* ------------------------------------------------------------------ small helpers */

/** 2026-03-01 → 2026年3月1日 (anything else is shown as it came). */
export function formatDate(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value ?? ''));
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : String(value ?? '');
}

function formatNow() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日 ${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/* ------------------------------------------------------------------ API */

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Calls the API and sorts the answer into one outcome:
 * { kind: 'found', certificate } | { kind: 'notFound' } | { kind: 'badNumber', code, detail }
 * | { kind: 'badRequest', detail } | { kind: 'unavailable', throttled }.
 */
async function lookUp(path) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  let response;
  try {
    // The page is Chinese: so are the API's messages it shows, whatever the browser's own language.
    response = await fetch(path, { headers: { accept: 'application/json', 'accept-language': 'zh-CN' }, signal: controller.signal, cache: 'no-store' });
  } catch {
    return { kind: 'unavailable', throttled: false };
  } finally {
    clearTimeout(timer);
  }
  const body = await response.json().catch(() => undefined);
  if (response.ok) {
    return body && typeof body === 'object' && STATUS[body.status] ? { kind: 'found', certificate: body } : { kind: 'unavailable', throttled: false };
  }
  if (response.status === 404) return { kind: 'notFound' };
  if (response.status === 429) return { kind: 'unavailable', throttled: true };
  if (response.status >= 500) return { kind: 'unavailable', throttled: false };
  const firstError = Array.isArray(body?.errors) ? body.errors[0] : undefined;
  if (response.status === 400 && body?.type === '/problems/certificate-number') {
    return { kind: 'badNumber', code: firstError?.code, detail: body.detail || firstError?.message || MESSAGES.format };
  }
  return { kind: 'badRequest', detail: body?.detail || firstError?.message || `请求未被受理（${response.status}）` };
}

/* ------------------------------------------------------------------ rendering */

const page = {
  form: () => document.getElementById('verify-form'),
  lookup: () => document.getElementById('lookup'),
  result: () => document.getElementById('result'),
  number: () => document.getElementById('cert-number'),
  name: () => document.getElementById('holder-name'),
};

const BASE_TITLE = document.title;

/** Replaces the result region's content and moves focus to its heading. */
function showResult(card, titleNote) {
  const region = page.result();
  region.replaceChildren(card);
  document.title = titleNote ? `${titleNote} · ${BASE_TITLE}` : BASE_TITLE;
  const heading = card.querySelector('h2');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

function showLoading(text) {
  page.result().replaceChildren(el('p', { className: 'loading', role: 'status' }, el('span', { className: 'spinner', 'aria-hidden': 'true' }), text));
}

function field(term, ...value) {
  return el('div', { className: 'fields__row' }, el('dt', {}, term), el('dd', {}, ...value));
}

function summaryFor(cert) {
  switch (cert.status) {
    case 'VALID':
      return '该证书真实有效。';
    case 'REVOKED':
      return cert.revocation ? `该证书已于${formatDate(cert.revocation.date)}被撤销，不再有效。` : '该证书已被撤销，不再有效。';
    case 'SUSPENDED':
      return cert.suspension ? `该证书自${formatDate(cert.suspension.date)}起暂停使用，暂停期间不作为有效证书。` : '该证书已暂停使用，暂停期间不作为有效证书。';
    case 'EXPIRED':
      return cert.validUntil ? `该证书已于${formatDate(cert.validUntil)}到期，不再有效。` : '该证书已超过有效期，不再有效。';
    default:
      return '';
  }
}

function stateChangeBox(cert) {
  const change = cert.status === 'REVOKED' ? cert.revocation : cert.status === 'SUSPENDED' ? cert.suspension : undefined;
  if (!change) return null;
  const word = cert.status === 'REVOKED' ? '撤销' : '暂停';
  return el(
    'dl',
    { className: 'fields state-change' },
    field(`${word}日期`, el('time', { dateTime: change.date }, formatDate(change.date))),
    field(`${word}原因`, change.reason),
  );
}

function hoursText(hours) {
  return `共 ${hours.total} 学时（专业科目 ${hours.professional} 学时，公需科目 ${hours.public} 学时）`;
}

function certificateCard(cert, { viaQr }) {
  const status = STATUS[cert.status];
  const typeLabel = TYPE_LABELS[cert.type];
  const heading = el('h2', { id: 'result-heading', className: 'card__heading' }, '查验结果：', el('span', { className: 'badge' }, status.label));
  return el(
    'article',
    { className: `card card--${status.modifier}`, dataset: { status: cert.status }, 'aria-labelledby': 'result-heading' },
    el('header', { className: 'card__header' }, heading, el('p', { className: 'card__summary' }, summaryFor(cert))),
    stateChangeBox(cert),
    el(
      'dl',
      { className: 'fields' },
      field('证书编号', el('span', { className: 'cert-number' }, cert.number)),
      field('类别', typeLabel ? `${typeLabel}（${cert.type}）` : cert.type),
      field('名称', cert.title),
      cert.level ? field('级别', cert.level) : null,
      cert.specialty ? field('专业', cert.specialty) : null,
      field('持证人', cert.holderName),
      field('发证机关', cert.issuerName),
      field('发证日期', el('time', { dateTime: cert.issueDate }, formatDate(cert.issueDate))),
      field('有效期至', cert.validUntil ? el('time', { dateTime: cert.validUntil }, formatDate(cert.validUntil)) : '长期有效'),
      cert.hours ? field('学时', hoursText(cert.hours)) : null,
    ),
    el(
      'footer',
      { className: 'card__footer' },
      el('p', { className: 'card__meta' }, `${viaQr ? '通过证书二维码查验' : '按证书编号和姓名查验'} · 查验时间 ${formatNow()}`),
      el('p', { className: 'card__meta' }, '为保护个人信息，持证人姓名已部分隐藏。'),
      viaQr ? backLink() : null,
    ),
  );
}

function noticeCard({ tone, heading, message, hint, actions = [] }) {
  return el(
    'article',
    { className: `card card--notice card--${tone}`, 'aria-labelledby': 'result-heading' },
    el('header', { className: 'card__header' }, el('h2', { id: 'result-heading', className: 'card__heading' }, heading), el('p', { className: 'card__summary' }, message)),
    hint ? el('p', { className: 'card__hint' }, hint) : null,
    actions.length ? el('div', { className: 'card__actions' }, ...actions) : null,
  );
}

function backLink() {
  return el('p', { className: 'back-link' }, el('a', { href: '/' }, '按证书编号和姓名查验其他证书'));
}

function retryButton(retry) {
  const button = el('button', { type: 'button', className: 'button button--secondary' }, '重试');
  button.addEventListener('click', retry);
  return button;
}

/* ------------------------------------------------------------------ form validation */

function setFieldError(input, message) {
  const error = document.getElementById(`${input.id}-error`);
  const hint = `${input.id}-hint`;
  if (message) {
    error.textContent = message;
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${error.id} ${hint}`);
  } else {
    error.textContent = '';
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', hint);
  }
}

/* ------------------------------------------------------------------ the two flows */

let busy = false;

async function verifyByNumber(number, name) {
  if (busy) return;
  busy = true;
  showLoading('正在查验…');
  const outcome = await lookUp(`/public/certificates/${encodeURIComponent(number)}?name=${encodeURIComponent(name)}`);
  busy = false;
  const retry = () => verifyByNumber(number, name);
  switch (outcome.kind) {
    case 'found':
      showResult(certificateCard(outcome.certificate, { viaQr: false }), `查验结果：${STATUS[outcome.certificate.status].label}`);
      return;
    case 'notFound':
      showResult(noticeCard({ tone: 'warning', heading: '未找到证书', message: MESSAGES.notFound, hint: MESSAGES.notFoundHint }), '未找到证书');
      return;
    case 'badNumber': {
      const message = outcome.code === 'checkCharacter' ? MESSAGES.checkCharacter : outcome.detail;
      page.result().replaceChildren();
      setFieldError(page.number(), message);
      page.number().focus();
      return;
    }
    case 'badRequest':
      showResult(noticeCard({ tone: 'warning', heading: '无法查验', message: outcome.detail }), '无法查验');
      return;
    default:
      showResult(
        noticeCard({ tone: 'error', heading: '暂时无法查验', message: outcome.throttled ? MESSAGES.throttled : MESSAGES.unavailable, actions: [retryButton(retry)] }),
        '暂时无法查验',
      );
  }
}

async function verifyByToken(token) {
  if (busy) return;
  busy = true;
  showLoading('正在查验证书二维码…');
  const outcome = await lookUp(`/public/verify/${encodeURIComponent(token)}`);
  busy = false;
  if (outcome.kind === 'found') {
    showResult(certificateCard(outcome.certificate, { viaQr: true }), `查验结果：${STATUS[outcome.certificate.status].label}`);
  } else if (outcome.kind === 'notFound' || outcome.kind === 'badRequest' || outcome.kind === 'badNumber') {
    showResult(noticeCard({ tone: 'warning', heading: '无法识别该二维码', message: MESSAGES.tokenNotFound, hint: '请核对证书编号后，按编号和姓名查验。', actions: [backLink()] }), '无法识别该二维码');
  } else {
    showResult(
      noticeCard({
        tone: 'error',
        heading: '暂时无法查验',
        message: outcome.throttled ? MESSAGES.throttled : MESSAGES.unavailable,
        actions: [retryButton(() => verifyByToken(token)), backLink()],
      }),
      '暂时无法查验',
    );
  }
}

function onSubmit(event) {
  event.preventDefault();
  const numberInput = page.number();
  const nameInput = page.name();
  const number = normaliseNumber(numberInput.value);
  const name = nameInput.value.trim();

  const problem = number ? numberProblem(number) : 'numberMissing';
  const numberError = problem ? MESSAGES[problem] : '';
  const nameError = name ? '' : MESSAGES.nameMissing;
  setFieldError(numberInput, numberError);
  setFieldError(nameInput, nameError);
  if (numberError || nameError) {
    page.result().replaceChildren();
    document.title = BASE_TITLE;
    (numberError ? numberInput : nameInput).focus();
    return;
  }
  if (!problem && numberInput.value !== number) numberInput.value = number;
  verifyByNumber(number, name);
}

function start() {
  const tokenMatch = /^\/v\/([\w.-]+)\/?$/.exec(window.location.pathname);
  if (tokenMatch) {
    // The QR landing page: the token is proof enough, so no form and no name.
    page.lookup().hidden = true;
    document.getElementById('page-lead').textContent = '通过证书上的二维码查验，无需填写姓名。';
    document.querySelector('.site-nav a[aria-current]')?.removeAttribute('aria-current');
    verifyByToken(tokenMatch[1]);
    return;
  }
  page.form().addEventListener('submit', onSubmit);
  // A fixed error clears as soon as the person starts correcting it.
  for (const input of [page.number(), page.name()]) {
    input.addEventListener('input', () => {
      if (input.getAttribute('aria-invalid') === 'true') setFieldError(input, '');
    });
  }
}

start();
