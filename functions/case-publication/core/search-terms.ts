/*
 * Search terms for `GET /public/cases?q=` (DESIGN §6), built for Chinese, which has no spaces
 * between words.
 *
 * Why bigrams: a published case's Han text is indexed as every character bigram of each run of
 * Han characters (the classic CJK n-gram index, as in Lucene's CJK analyser). Any query string the
 * text contains has all its bigrams in that set, so a bigram index never misses a case because
 * a word segmenter cut the text differently from the query ("博士后工作站" may segment as
 * 博士|后|工作站 in one sentence and 博士后|工作站 in another). Word segmentation alone would.
 *
 * Why Intl.Segmenter as well: it finds the word boundaries a bigram index cannot —
 *  - Latin words and numbers ("AI", "2025", "digital-technology") become whole-word terms,
 *    lowercased, instead of letter pairs;
 *  - a Han character that stands as a word on its own (国, 后, 库) is indexed as a one-character
 *    term, so a one-character query can match, without indexing every character of the text.
 *
 * A query is cut into words the same way, and each Han word becomes *covering* bigrams (博士后 →
 * 博士 士后, 服务中心 → 服务 中心): a case must hold every word of the query, each as it is written,
 * in any order — "博士后 工作站" finds "博士后科研工作站". A one-character word joins its
 * neighbour first (博士|后 → 博士后), since its bigrams are safer to find than it is alone.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const HAN_RUNS = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;
/** Longer "words" are identifiers or noise (URLs, hashes); they are not worth a posting list. */
const MAX_WORD_LENGTH = 40;

/** NFKC folds full-width Latin and digits (ＡＩ２０２５ → AI2025); search is case-insensitive. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** A Han word as the segmenter cut it; `whole` when it was a segment of its own (not a part of a mixed one). */
interface HanWord {
  text: string;
  whole: boolean;
}

/** Pieces of the text in order: runs of Han characters (across word boundaries) and other words. */
type Piece = { kind: 'han'; text: string; words: HanWord[] } | { kind: 'word'; text: string };

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let run: HanWord[] = [];
  const flush = () => {
    if (run.length) out.push({ kind: 'han', text: run.map((w) => w.text).join(''), words: run });
    run = [];
  };
  for (const { segment, isWordLike } of segmenter.segment(normaliseText(text))) {
    if (!isWordLike) {
      flush();
      continue;
    }
    for (const part of segment.match(HAN_RUNS) ?? []) {
      if (HAN.test(part)) {
        run.push({ text: part, whole: part === segment });
      } else {
        flush();
        const word = part.trim();
        if (word.length >= 2 && word.length <= MAX_WORD_LENGTH && /[\p{L}\p{N}]/u.test(word)) out.push({ kind: 'word', text: word });
      }
    }
  }
  flush();
  return out;
}

const length = (text: string) => [...text].length;

function bigrams(chars: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Non-overlapping bigrams that still cover every character: 博士后 → 博士 士后; 服务中心 → 服务 中心. */
function coveringBigrams(chars: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 2) out.push(chars[i]! + chars[i + 1]!);
  if (chars.length % 2 === 1) out.push(chars.at(-2)! + chars.at(-1)!);
  return out;
}

/** Every term a text is indexed under (distinct): Han bigrams, one-character Han words, other words. */
export function indexTerms(...texts: string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    for (const piece of pieces(text)) {
      if (piece.kind === 'word') {
        terms.add(piece.text);
        continue;
      }
      for (const bigram of bigrams([...piece.text])) terms.add(bigram);
      // A lone Han character between punctuation is a word whatever the segmenter says.
      for (const word of piece.words) if (length(word.text) === 1 && (word.whole || length(piece.text) === 1)) terms.add(word.text);
    }
  }
  return [...terms];
}

/** The query's Han words of a run, each one-character word joined to its neighbour: 博士|后 → 博士后. */
function queryWords(words: HanWord[]): string[] {
  const chunks: string[] = [];
  // One-character words before the run's first longer word join that word.
  let carry = '';
  for (const { text } of words) {
    if (length(text) > 1) {
      chunks.push(carry + text);
      carry = '';
    } else if (chunks.length > 0) {
      chunks[chunks.length - 1] += text;
    } else {
      carry += text;
    }
  }
  // A run of one-character words only.
  if (carry) chunks.push(carry);
  return chunks;
}

/** The terms a case must hold to match a query (distinct); empty when the query has nothing searchable. */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const piece of pieces(query)) {
    if (piece.kind === 'word') {
      terms.add(piece.text);
      continue;
    }
    for (const word of queryWords(piece.words)) {
      const chars = [...word];
      for (const term of chars.length === 1 ? chars : coveringBigrams(chars)) terms.add(term);
    }
  }
  return [...terms];
}
