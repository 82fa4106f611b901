/*
 * Text features for keyword relevance on Chinese and English text.
 *
 * Chinese has no spaces, so words come from `Intl.Segmenter('zh', { granularity: 'word' })`
 * (ICU's dictionary segmenter, built into Node: no dependency, no model to ship). Words alone
 * miss too much, for two reasons seen on real needs:
 *  - the dictionary lacks many domain terms and splits them into single characters
 *    ("绿色防控" → 绿色 / 防 / 控), and single characters are too ambiguous to match on;
 *  - the same characters segment differently alone and in context (an expert keyword typed on
 *    its own versus the same words inside a unit's sentence).
 * So every run of Han characters also yields its character bigrams (防控, 病虫, 虫害): bigrams
 * recover the split terms and do not depend on where the segmenter drew its lines, while the
 * dictionary words that do agree (病虫害) add a feature of their own, so an exact word match
 * still counts for more than a partial one. This is the usual recall device of Chinese search
 * engines (CJK bigram indexing), at the cost of some noise that the coverage threshold in
 * relevance.ts absorbs.
 *
 * English (and pinyin, model numbers) is split by the same segmenter, lower-cased and lightly
 * stemmed (plural s). Text is NFKC-normalised first so full-width letters and digits match.
 * Traditional characters are not mapped to simplified ones.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /^[\p{L}\p{N}]+$/u;

/**
 * Features that say nothing about expertise: words every need uses ("技术指导", "解决问题") and
 * English function words. They are dropped on both sides so they neither match nor dilute.
 */
const STOP = new Set([
  '技术', '问题', '需要', '需求', '进行', '开展', '提供', '服务', '工作', '相关', '方面', '提升', '解决',
  '研究', '应用', '基础', '学科', '其他', '我们', '基层', '单位', '帮助', '指导', '希望', '主要', '目前',
  'and', 'or', 'of', 'the', 'a', 'an', 'for', 'in', 'on', 'to', 'with', 'by', 'at', 'from', 'as', 'is', 'are', 'be',
  'our', 'we', 'need', 'help', 'support', 'other', 'related', 'basic', 'science', 'technology', 'study', 'studies', 'discipline',
]);

export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Words (Han words of 2+ characters, Latin words of 2+ letters) and Han bigrams, without stop features. */
function featureList(text: string, withUnigrams: boolean): string[] {
  const t = normalise(text);
  const out: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(t)) {
    if (!isWordLike) continue;
    if (HAN.test(segment)) {
      if (segment.length >= 2) out.push(segment);
    } else if (LATIN_WORD.test(segment) && segment.length >= 2) {
      out.push(stem(segment));
    }
  }
  for (const [run] of t.matchAll(HAN_RUN)) {
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    // A one-character term (茶, 桑) is matched character for character: the haystack carries
    // every character, a term only its lone ones.
    if (withUnigrams) for (const ch of run) out.push(ch);
    else if (run.length === 1) out.push(run);
  }
  return out.filter((f) => !STOP.has(f));
}

/** Everything a text offers to be matched against: its features plus every Han character. */
export function haystackFeatures(text: string): Set<string> {
  return new Set(featureList(text, true));
}

const termCache = new Map<string, readonly string[]>();
const TERM_CACHE_LIMIT = 10_000;

/**
 * The distinct features of a short term (a keyword, a discipline name). Terms recur across
 * experts and calls, and segmenting is the costly step, so they are cached by text.
 */
export function termFeatures(term: string): readonly string[] {
  const hit = termCache.get(term);
  if (hit) return hit;
  const features = [...new Set(featureList(term, false))];
  if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
  termCache.set(term, features);
  return features;
}

/**
 * The share of a term's features found in the haystack, 0..1: how much of what the expert
 * names the need mentions. 0 for a term made only of stop features.
 */
export function termCoverage(term: string, haystack: ReadonlySet<string>): number {
  const features = termFeatures(term);
  if (features.length === 0) return 0;
  let found = 0;
  for (const f of features) if (haystack.has(f)) found += 1;
  return found / features.length;
}
