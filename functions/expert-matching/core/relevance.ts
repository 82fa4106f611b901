import { disciplineOf } from './disciplines';
import type { Expert, Need } from './model';
import { haystackFeatures, termCoverage } from './text';

/*
 * How much an expert's expertise touches a need, on two signals: discipline codes and words.
 * Both the score (how good a match) and the eligibility rule "shares some expertise" read this
 * module, so a candidate the score would rate as unrelated is never proposed.
 */

export type FieldMatchKind = 'EXACT' | 'GROUP';

export interface FieldMatch {
  needField: string;
  expertField: string;
  kind: FieldMatchKind;
}

export interface FieldOverlap {
  /** Mean over the need's fields of the best match: 1 exact, 0.5 same first-level group, 0 none. */
  ratio: number;
  /** The best match for each need field that has one, in need order. */
  matches: FieldMatch[];
}

const GROUP_CREDIT = 0.5;

/**
 * A need field is matched EXACTLY by the same code, or by any code inside it when the need names
 * a whole first-level discipline (a need in 210 农学 is squarely served by a 21060 植物保护学
 * expert). It is matched by GROUP when the codes only share the first-level discipline: a
 * 21060 need and a 21040 园艺学 expert, or a 21060 need and an expert who lists just 210.
 */
export function fieldOverlap(needFields: readonly string[], expertFields: readonly string[]): FieldOverlap {
  const needs = [...new Set(needFields)];
  if (needs.length === 0) return { ratio: 0, matches: [] };
  const matches: FieldMatch[] = [];
  let credit = 0;
  for (const nf of needs) {
    let best: FieldMatch | undefined;
    for (const ef of expertFields) {
      const exact = ef === nf || (nf.length === 3 && ef.startsWith(nf));
      if (exact) {
        best = { needField: nf, expertField: ef, kind: 'EXACT' };
        break;
      }
      if (!best && ef.slice(0, 3) === nf.slice(0, 3)) best = { needField: nf, expertField: ef, kind: 'GROUP' };
    }
    if (best) {
      matches.push(best);
      credit += best.kind === 'EXACT' ? 1 : GROUP_CREDIT;
    }
  }
  return { ratio: credit / needs.length, matches };
}

export type TermSource = 'KEYWORD' | 'FIELD_NAME';

export interface TermMatch {
  term: string;
  source: TermSource;
  /** Share of the term's features the need mentions, 0.5..1. */
  coverage: number;
}

export interface KeywordMatch {
  /** 0..1, saturating: one full keyword match gives 0.6, two 0.84, three 0.94. */
  strength: number;
  matched: TermMatch[];
}

/** Below this coverage a term shares only incidental characters with the need (信息技术 vs 技术指导). */
export const MIN_TERM_COVERAGE = 0.5;
/** How much one fully matched keyword is worth on its own; more matches approach 1. */
const PER_TERM = 0.6;
/** A discipline's name is broader than a keyword the expert chose, so it counts for less. */
const SOURCE_WEIGHT: Record<TermSource, number> = { KEYWORD: 1, FIELD_NAME: 0.6 };

/** Everything a need says about itself, as one haystack of features. */
export function needHaystack(need: Pick<Need, 'title' | 'description' | 'keywords'>): Set<string> {
  return haystackFeatures([need.title, need.description, ...(need.keywords ?? [])].join('\n'));
}

export interface ExpertTerm {
  term: string;
  source: TermSource;
}

/** The terms an expert is known by: their keywords, then the Chinese and English names of their fields. */
export function expertTerms(expert: Pick<Expert, 'keywords' | 'fields'>): ExpertTerm[] {
  const terms: ExpertTerm[] = [];
  const seen = new Set<string>();
  const add = (term: string, source: TermSource) => {
    const key = term.trim();
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    terms.push({ term: key, source });
  };
  for (const k of expert.keywords) add(k, 'KEYWORD');
  for (const code of expert.fields) {
    const d = disciplineOf(code);
    if (d) {
      add(d.name, 'FIELD_NAME');
      add(d.nameEn, 'FIELD_NAME');
    }
  }
  return terms;
}

/**
 * Which of the expert's terms the need's text mentions, and how strongly overall. Each term
 * counts when at least half its features appear in the need (so "病虫害" matches a need about
 * "水稻病虫害防治", and "pest control" one about "pest and disease control"); strengths combine
 * as independent evidence, 1 − Π(1 − 0.6·weight·coverage), which rewards several matches
 * without letting a long keyword list run away.
 */
export function keywordMatch(
  haystack: ReadonlySet<string>,
  expert: Pick<Expert, 'keywords' | 'fields'>,
  terms: readonly ExpertTerm[] = expertTerms(expert),
): KeywordMatch {
  const matched: TermMatch[] = [];
  let miss = 1;
  for (const { term, source } of terms) {
    const coverage = termCoverage(term, haystack);
    if (coverage < MIN_TERM_COVERAGE) continue;
    matched.push({ term, source, coverage });
    miss *= 1 - PER_TERM * SOURCE_WEIGHT[source] * coverage;
  }
  return { strength: 1 - miss, matched };
}

export interface Relevance {
  fields: FieldOverlap;
  keywords: KeywordMatch;
}

/** Both signals for one (need, expert) pair, computed once and shared by eligibility and score. */
export function relevanceOf(
  need: Pick<Need, 'fields'>,
  expert: Pick<Expert, 'keywords' | 'fields'>,
  haystack: ReadonlySet<string>,
  terms?: readonly ExpertTerm[],
): Relevance {
  return { fields: fieldOverlap(need.fields, expert.fields), keywords: keywordMatch(haystack, expert, terms) };
}

/** Whether the pair shares a discipline group or a keyword at all. */
export function sharesExpertise(relevance: Relevance): boolean {
  return relevance.fields.matches.length > 0 || relevance.keywords.matched.length > 0;
}
