/*
 * A person's name, as every service compares and shows it (DESIGN §3, §4). Pure, and shared so
 * services never import each other for it.
 *
 * Names are compared after NFKC, with whitespace removed and the many middle dots of
 * minority and foreign names (· • ‧ ・ ･ . ‧) unified, so "阿依古丽·买买提" typed with a
 * full-width dot or spaces still matches. Latin letters compare case-insensitively.
 */
const MIDDLE_DOTS = /[·•‧・･.\u00B7\u2022\u2027\u30FB\uFF65]/g;

export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(MIDDLE_DOTS, '·').toLowerCase();
}

export function namesMatch(a: string, b: string): boolean {
  return normaliseName(a) === normaliseName(b);
}

const isCjk = (ch: string) => /\p{Script=Han}/u.test(ch);

/**
 * The public form of a name (DESIGN §3): 张* · 张*三 · 欧阳** — enough for the holder to recognise,
 * too little to learn a stranger's name. Latin names keep each word's first letter.
 */
export function maskName(name: string): string {
  const chars = [...name.normalize('NFKC').trim()];
  if (chars.length === 0) return '';
  if (!isCjk(chars[0]!)) {
    return chars
      .join('')
      .split(/(\s+|·)/)
      .map((part) => (/^\s+$|^·$/.test(part) || part.length === 0 ? part : part[0] + '*'.repeat(part.length - 1)))
      .join('');
  }
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  if (chars.length === 3) return `${chars[0]}*${chars[2]}`;
  return `${chars[0]}${chars[1]}${'*'.repeat(chars.length - 2)}`;
}
