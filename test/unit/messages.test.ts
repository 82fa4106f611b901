import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { preferredLanguage, renderText, schemaText, schemaTextOf, text } from '../../shared/http/messages';
import { HttpProblem, problemResponse, problems } from '../../shared/http/problem';
import { validateParts } from '../../shared/http/request';
import { fieldErrors, safeParseFor } from '../../shared/http/zod-errors';

describe('preferredLanguage (Accept-Language, RFC 9110 §12.5.4)', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['fr', 'zh-CN'],
    ['*', 'zh-CN'],
    // q-values decide, not the order of the ranges
    ['zh-CN;q=0.8, en;q=0.9', 'en'],
    ['en;q=0.5, zh;q=0.9', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['fr;q=1, en;q=0.3', 'en'],
    // a tie is no preference for English
    ['en;q=0.7, zh;q=0.7', 'zh-CN'],
    // q=0 means "not acceptable"
    ['en;q=0', 'zh-CN'],
    ['zh;q=0, en', 'en'],
  ])('%j → %s', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });

  it.each([['en;q=abc'], ['en;q='], [';;;,,,'], ['en;q=-1'], ['en'.padEnd(300, ',en')], ['\u0000\uffff']])('malformed %j → zh-CN', (header) => {
    expect(preferredLanguage(header)).toBe('zh-CN');
  });
});

describe('messages written in schemas', () => {
  const schema = z.strictObject({
    code: z.string().regex(/^\d{6}$/, schemaText('应为6位数字', 'Six digits')),
    hours: z.number().refine((h) => Number.isInteger(h * 2), schemaText('学时须为0.5的整数倍', 'A multiple of 0.5')),
    name: z.string(),
  });

  it('come back in both languages with their path and code, zod’s own in the language of the parse', () => {
    const input = { code: 'x', hours: 0.3, name: 1, extra: true };
    const zh = safeParseFor(schema, input, 'zh-CN');
    const en = safeParseFor(schema, input, 'en');
    if (zh.success || en.success) throw new Error('expected failures');
    const byPath = (errors: ReturnType<typeof fieldErrors>, language: 'zh-CN' | 'en') =>
      Object.fromEntries(errors.map((e) => [e.path, { code: e.code, message: renderText(e.message, language) }]));
    expect(byPath(fieldErrors('body', zh.error), 'zh-CN')).toEqual({
      'body.code': { code: 'invalid_format', message: '应为6位数字' },
      'body.hours': { code: 'custom', message: '学时须为0.5的整数倍' },
      'body.name': { code: 'invalid_type', message: expect.stringMatching(/^无效输入/) },
      'body.extra': { code: 'unrecognized_keys', message: '未知字段' },
    });
    expect(byPath(fieldErrors('body', en.error), 'en')).toEqual({
      'body.code': { code: 'invalid_format', message: 'Six digits' },
      'body.hours': { code: 'custom', message: 'A multiple of 0.5' },
      'body.name': { code: 'invalid_type', message: expect.stringMatching(/^Invalid input: expected string/) },
      'body.extra': { code: 'unrecognized_keys', message: 'Unknown field' },
    });
  });

  it('read in English when parsed outside a request', () => {
    const result = schema.safeParse({ code: '12345', hours: 1, name: 'a' });
    expect(result.error?.issues[0]?.message).toBe('Six digits');
    expect(schemaTextOf('Six digits')).toEqual(text('应为6位数字', 'Six digits'));
  });

  it('cannot carry two Chinese texts for one English key', () => {
    expect(() => schemaText('另一个译文', 'Six digits')).toThrow(/Two Chinese texts/);
  });
});

describe('a validation problem renders in the caller’s language', () => {
  const parts = [{ prefix: 'query', schema: z.strictObject({ year: z.coerce.number().int().min(1990) }), value: { year: '1980', other: '1' } }];
  const render = (language: 'zh-CN' | 'en') => {
    try {
      validateParts(parts, language);
    } catch (error) {
      const response = problemResponse(error as HttpProblem, 'req-1', language);
      return { headers: response.headers, body: JSON.parse(response.body as string) as { type: string; title: string; detail: string; errors: { path: string; code: string; message: string }[] } };
    }
    throw new Error('expected a problem');
  };

  it('with type, paths and codes the same in both', () => {
    const zh = render('zh-CN');
    const en = render('en');
    expect([zh.body.title, en.body.title]).toEqual(['请求无效', 'Invalid request']);
    expect(zh.headers?.['content-language']).toBe('zh-CN');
    expect(en.headers?.['content-language']).toBe('en');
    const shape = (b: typeof zh.body) => ({ type: b.type, errors: b.errors.map((e) => [e.path, e.code]) });
    expect(shape(zh.body)).toEqual(shape(en.body));
    expect(zh.body.errors.map((e) => e.message).join()).toMatch(/[\u4e00-\u9fff]/);
    expect(en.body.errors.map((e) => e.message).join()).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('and the factories’ defaults have both languages', () => {
    for (const problem of [problems.notFound(), problems.forbidden(), problems.unauthorized(), problems.unavailable(), problems.malformedJson()]) {
      const zh = JSON.parse(problemResponse(problem).body as string) as { title: string; detail: string };
      const en = JSON.parse(problemResponse(problem, undefined, 'en').body as string) as { title: string; detail: string };
      expect(zh.title).toMatch(/[\u4e00-\u9fff]/);
      expect(zh.detail).toMatch(/[\u4e00-\u9fff]/);
      expect(en.title + en.detail).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(new HttpProblem(400, text('甲', 'A')).message).toBe('A');
  });
});
