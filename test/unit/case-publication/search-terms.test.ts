import { describe, expect, it } from 'vitest';
import { indexTerms, queryTerms } from '../../../functions/case-publication/core/search-terms';

/** Whether a case indexed from `text` is found by `query` (every query term among its terms). */
const finds = (text: string, query: string) => {
  const indexed = new Set(indexTerms(text));
  const wanted = queryTerms(query);
  return wanted.length > 0 && wanted.every((term) => indexed.has(term));
};

const CASE_TEXT = '上海市探索博士后科研工作站招收培养新路径，建设留学人才联络站，开展人才回国“一站式”服务。';

describe('search terms for Chinese', () => {
  it('indexes every bigram of a run of Han characters, across word boundaries', () => {
    const terms = indexTerms('人才服务中心');
    expect(terms).toEqual(expect.arrayContaining(['人才', '才服', '服务', '务中', '中心']));
  });

  it('does not pair characters across punctuation or Latin words', () => {
    const terms = indexTerms('人才，服务 AI 教育');
    expect(terms).not.toContain('才服');
    expect(terms).not.toContain('务教');
    expect(terms).toEqual(expect.arrayContaining(['人才', '服务', 'ai', '教育']));
  });

  it('keeps one-character words the segmenter finds, not every character', () => {
    const terms = indexTerms('海外赤子为国服务行动计划');
    expect(terms).toContain('国');
    expect(terms).toContain('为');
    expect(terms).not.toContain('海');
  });

  it('turns a query into covering bigrams: every character, in pairs', () => {
    expect(queryTerms('博士后')).toEqual(['博士', '士后']);
    expect(queryTerms('服务中心')).toEqual(['服务', '中心']);
    expect(queryTerms('博士后 工作站')).toEqual(['博士', '士后', '工作', '作站']);
  });

  it('finds a case by words it contains, however the segmenter cut either text', () => {
    expect(finds(CASE_TEXT, '博士后')).toBe(true);
    expect(finds(CASE_TEXT, '博士后工作站')).toBe(true);
    expect(finds(CASE_TEXT, '科研工作站')).toBe(true);
    expect(finds(CASE_TEXT, '留学人才')).toBe(true);
    expect(finds(CASE_TEXT, '一站式')).toBe(true);
    // Every word must be there.
    expect(finds(CASE_TEXT, '博士后 职称')).toBe(false);
    expect(finds(CASE_TEXT, '数字技术')).toBe(false);
  });

  it('folds full-width forms and traditional punctuation the way users type them', () => {
    expect(finds('ＡＩ＋继续教育', 'ai')).toBe(true);
    expect(finds('２０２５年度', '2025')).toBe(true);
  });

  it('has no terms for a query without words', () => {
    expect(queryTerms('！？，。  ')).toEqual([]);
    expect(queryTerms('-')).toEqual([]);
  });
});

describe('search terms for English and numbers', () => {
  it('lowercases whole words, drops single letters, keeps numbers', () => {
    expect(indexTerms('Digital-Technology Engineers, a 2025 AI pilot')).toEqual(expect.arrayContaining(['digital', 'technology', 'engineers', '2025', 'ai', 'pilot']));
    expect(indexTerms('a b c')).toEqual([]);
  });

  it('finds English words regardless of case, and mixed queries need both scripts to match', () => {
    const text = '数字技术工程师 Digital Technology Engineers 培育';
    expect(finds(text, 'ENGINEERS')).toBe(true);
    expect(finds(text, 'engineers 培育')).toBe(true);
    expect(finds(text, 'engineers 博士后')).toBe(false);
    expect(finds(text, 'engineer')).toBe(false);
  });

  it('ignores words too long to be words', () => {
    expect(indexTerms(`x${'a'.repeat(60)} ok`)).toEqual(['ok']);
  });

  it('lists each term once', () => {
    const terms = indexTerms('人才人才人才 AI ai Ai');
    expect(new Set(terms).size).toBe(terms.length);
  });
});
