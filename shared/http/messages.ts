/**
 * Messages for people in China (DESIGN §7): every problem `title`, `detail` and field `message`
 * is Simplified Chinese by default and English when the caller's Accept-Language prefers `en`.
 * Code that throws writes both with `text(zh, en)`; a plain string is already final (for example
 * a message zod rendered in the caller's language) and is shown as it is.
 */
export type Language = 'zh-CN' | 'en';

export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

export type Text = string | LocalizedText;

export const text = (zh: string, en: string): LocalizedText => ({ zh, en });

export function renderText(value: Text, language: Language): string {
  if (typeof value === 'string') return value;
  return language === 'en' ? value.en : value.zh;
}

/**
 * The caller's language from an Accept-Language header (RFC 9110 §12.5.4): English only when an
 * `en` range outranks every Chinese one; anything else, absent or malformed means Chinese.
 */
export function preferredLanguage(header: string | undefined): Language {
  if (!header || header.length > 256) return 'zh-CN';
  let best: { language: Language; q: number } = { language: 'zh-CN', q: 0 };
  let zhQ = 0;
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (range === 'zh' || range.startsWith('zh-')) zhQ = Math.max(zhQ, q);
    if ((range === 'en' || range.startsWith('en-')) && q > best.q) best = { language: 'en', q };
  }
  return best.language === 'en' && best.q > zhQ ? 'en' : 'zh-CN';
}
