import { describe, expect, it } from 'vitest';
import { expertTerms, fieldOverlap, keywordMatch, needHaystack } from '../../../functions/expert-matching/core/relevance';
import { haystackFeatures, termCoverage, termFeatures } from '../../../functions/expert-matching/core/text';
import { expert, need } from './fixtures';

describe('text features', () => {
  it('keeps dictionary words and adds Han bigrams, without single characters or stop words', () => {
    expect(termFeatures('病虫害')).toEqual(['病虫害', '病虫', '虫害']);
    // The segmenter splits 防控 into 防 / 控; the bigram recovers it.
    expect(termFeatures('绿色防控')).toContain('防控');
    expect(termFeatures('技术')).toEqual([]);
  });

  it('matches "病虫害" inside "水稻病虫害防治"', () => {
    expect(termCoverage('病虫害', haystackFeatures('水稻病虫害防治'))).toBe(1);
  });

  it('still matches when the segmenter draws its lines differently (bigrams carry it)', () => {
    // 虫害防治 alone is not 病虫害, but shares 虫害 (1 of 3 features): below a full match.
    expect(termCoverage('病虫害', haystackFeatures('虫害防治'))).toBeCloseTo(1 / 3);
    expect(termCoverage('设施蔬菜', haystackFeatures('设施蔬菜栽培技术培训'))).toBe(1);
  });

  it('matches one-character terms character for character', () => {
    expect(termFeatures('茶')).toEqual(['茶']);
    expect(termCoverage('茶', haystackFeatures('茶叶种植与加工'))).toBe(1);
    expect(termCoverage('茶', haystackFeatures('水稻种植'))).toBe(0);
  });

  it('handles English: case, plurals, stop words, full-width letters', () => {
    expect(termFeatures('Pest Control')).toEqual(['pest', 'control']);
    expect(termCoverage('pest control', haystackFeatures('Pests and disease control for rice'))).toBe(1);
    expect(termCoverage('ＡＩ diagnosis', haystackFeatures('AI-assisted diagnosis in township clinics'))).toBe(1);
    expect(termFeatures('Food Science and Technology')).toEqual(['food']);
  });
});

describe('fieldOverlap', () => {
  it('counts the same code as exact', () => {
    expect(fieldOverlap(['21060'], ['21060'])).toEqual({ ratio: 1, matches: [{ needField: '21060', expertField: '21060', kind: 'EXACT' }] });
  });

  it('counts a specialist inside a first-level need as exact', () => {
    expect(fieldOverlap(['210'], ['23030', '21060']).matches).toEqual([{ needField: '210', expertField: '21060', kind: 'EXACT' }]);
  });

  it('counts the same first-level group as half', () => {
    expect(fieldOverlap(['21060'], ['21040']).ratio).toBe(0.5);
    expect(fieldOverlap(['21060'], ['210']).ratio).toBe(0.5); // the expert is only known at the coarser level
  });

  it('prefers an exact match over a group match found earlier', () => {
    expect(fieldOverlap(['21060'], ['21040', '21060']).matches[0]!.kind).toBe('EXACT');
  });

  it('averages over the need fields', () => {
    expect(fieldOverlap(['21060', '23030'], ['21060']).ratio).toBe(0.5);
    expect(fieldOverlap(['21060', '23030', '23030'], ['21040', '23030']).ratio).toBe(0.75);
    expect(fieldOverlap(['21060'], ['82030']).ratio).toBe(0);
    expect(fieldOverlap([], ['21060'])).toEqual({ ratio: 0, matches: [] });
  });
});

describe('keywordMatch', () => {
  const hay = needHaystack(need());

  it('finds the expert keyword 病虫害 in the rice-pest need', () => {
    const m = keywordMatch(hay, expert({ keywords: ['病虫害'], fields: [] }));
    expect(m.matched).toEqual([{ term: '病虫害', source: 'KEYWORD', coverage: 1 }]);
    expect(m.strength).toBeCloseTo(0.6);
  });

  it('saturates with more matches and ignores unrelated keywords', () => {
    const one = keywordMatch(hay, expert({ keywords: ['病虫害', '合同纠纷'], fields: [] }));
    const two = keywordMatch(hay, expert({ keywords: ['病虫害', '绿色防控', '合同纠纷'], fields: [] }));
    expect(one.matched.map((t) => t.term)).toEqual(['病虫害']);
    expect(two.strength).toBeCloseTo(1 - 0.4 * 0.4);
    expect(two.strength).toBeLessThan(1);
  });

  it("reads the expert's discipline names, worth less than a keyword", () => {
    const m = keywordMatch(needHaystack(need({ title: '植物保护', description: '' })), expert({ keywords: [], fields: ['21060'] }));
    expect(m.matched).toEqual([{ term: '植物保护学', source: 'FIELD_NAME', coverage: 0.75 }]);
    expect(m.strength).toBeCloseTo(0.6 * 0.6 * 0.75);
  });

  it('matches English needs against English keywords and discipline names', () => {
    const english = needHaystack(need({ title: 'Veterinary support for yak herders', description: 'Disease prevention in yaks', keywords: ['animal health'] }));
    const m = keywordMatch(english, expert({ keywords: ['Yak', 'animal health'], fields: ['23030'] }));
    expect(m.matched.map((t) => [t.term, t.source])).toEqual([
      ['Yak', 'KEYWORD'],
      ['animal health', 'KEYWORD'],
      ['Veterinary Medicine', 'FIELD_NAME'],
    ]);
  });

  it('lists keywords before discipline names, once each', () => {
    expect(expertTerms(expert({ keywords: ['病虫害', ' 病虫害 ', ''], fields: ['21060', '21060', '21099'] }))).toEqual([
      { term: '病虫害', source: 'KEYWORD' },
      { term: '植物保护学', source: 'FIELD_NAME' },
      { term: 'Plant Protection', source: 'FIELD_NAME' },
    ]);
  });
});
