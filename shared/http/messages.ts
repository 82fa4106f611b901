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
 * Messages written inside zod schemas (`.refine(check, schemaText('…', '…'))`, `.regex(re, …)`,
 * `{ message: … }`, `ctx.addIssue({ message: … })`). zod keeps one string per issue and decides
 * a schema's own message before it looks at the per-parse locale, so the schema carries the
 * English text as a stable key and this catalogue keeps its Chinese beside it; `fieldErrors`
 * turns a key back into both languages and the answer renders the caller's. Parsed outside a
 * request (tests, configuration), a schema's message simply reads in English.
 */
const schemaTexts = new Map<string, LocalizedText>();

export function schemaText(zh: string, en: string): string {
  const known = schemaTexts.get(en);
  if (known && known.zh !== zh) throw new Error(`Two Chinese texts for the schema message "${en}"`);
  schemaTexts.set(en, text(zh, en));
  return en;
}

/** Both languages of a message a schema wrote with schemaText; undefined for anything else. */
export function schemaTextOf(message: string): LocalizedText | undefined {
  return schemaTexts.get(message);
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
