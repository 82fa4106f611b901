import fc from 'fast-check';
import { mod11_2CheckCharacter } from '../../../shared/ids/mod11-2';

/*
 * Hostile values for bad-input fuzzing (DESIGN §7). Two kinds, kept apart on purpose:
 *  - values that a lenient schema might legitimately accept (unicode edge cases, odd numbers):
 *    they never carry the marker, because a request built from them may be valid and stored;
 *  - values that must always be refused (wrong structure, unknown keys, oversize strings): they
 *    carry MARKER, so finding MARKER in any table afterwards means something invalid got stored.
 */
export const MARKER = 'FZMARK7Q';

/** A resident ID number (Xinjiang, valid check character) that no other e2e file uses. */
export const FUZZ_PERSON = `65010219850315123${mod11_2CheckCharacter('65010219850315123')}`;
/** The same number in full-width digits: NFKC folds it back, so the API must accept it as that person. */
const FULLWIDTH_PERSON = [...FUZZ_PERSON].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');

/** A JSON fragment written verbatim into the body: numbers JSON.stringify cannot write, deep nesting. */
export class Raw {
  constructor(readonly text: string) {}
}

export const DEEP = 10_000;
export const deepArray = new Raw(`${'['.repeat(DEEP)}${']'.repeat(DEEP)}`);
export const deepObject = new Raw(`${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`);

/** Numbers that are valid JSON yet odd (overflow, negative zero, beyond 2^53) and number-like text that is not JSON. */
const rawNumbers = ['-0', '1e309', '-1e309', '1E400', '1e-400', '123456789012345678901234567890', '9007199254740993', '0.1e1', '-0.0'].map((t) => new Raw(t));
export const invalidJsonNumbers = ['NaN', 'Infinity', '-Infinity', '0x10', '01', '.5', '1.', '+1', '1e', '--1'];

export const UNICODE_EDGE_CASES = [
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\udc00\ud800',
  '\u0000',
  'a\u0000b',
  '\u202eevil\u202c',
  '\u2066\u2067\u2068\u2069',
  '\u200b\u200c\u200d',
  '\ufeffBOM',
  '\u2028\u2029',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '𠜎𠜱𠝹',
  'e\u0301\u0301\u0301',
  'ｆｕｌｌｗｉｄｔｈ',
  '①②③',
  'ﬁﬂ',
  'Ⅻ',
  FULLWIDTH_PERSON,
  '\u3000\u3000',
  '   ',
  '',
  '\t\n\r',
  '\u007f\u0085\u009f',
  '<script>alert(1)</script>',
  "'; DROP TABLE x; --",
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '../../../etc/passwd',
  '..%2F..%2F',
  '%00',
  '\\u0000',
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '1e309',
  '-0',
  '0x1F',
  ' 1 ',
  '2026-02-30',
  '2026-13-01',
  '9999-12-31',
  '0000-00-00',
  '2026-01-01T00:00:00Z',
  '000000',
  '999999',
  'Z'.repeat(33),
];

/** Strings that might pass a lenient string schema: never marked. */
export const edgeString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...UNICODE_EDGE_CASES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('𠜎'.repeat(300), '\u202e'.repeat(500), 'a\u0301'.repeat(400), '\ud800'.repeat(100)) },
);

export const edgeNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...rawNumbers),
  fc.constantFrom(0, -1, 0.5, 0.25, 1.5e-10, 2 ** 31, 2 ** 53, 2 ** 64, Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_VALUE, 1e21),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Always refused wherever a request schema expects a string, number, enum or date. */
export const markedStructure: fc.Arbitrary<unknown> = fc.constantFrom(
  { [MARKER]: MARKER },
  [{ [MARKER]: 1 }],
  [[MARKER]],
  { nested: { deeper: { [MARKER]: [MARKER] } } },
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: edgeString },
  { weight: 3, arbitrary: edgeNumber },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [''], [0]) },
  { weight: 2, arbitrary: markedStructure },
  { weight: 1, arbitrary: fc.constantFrom(deepArray, deepObject) },
);

/** Keys added next to real fields: prototype-pollution keys, the marker, odd unicode. */
export const extraKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', MARKER, '', ' ', '\u0000', '\ud800', 'ｔｉｔｌｅ', 'Title', 'title ', '$where', 'a.b', 'a[0]');
export const PROTO_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets own key `key` (even `__proto__`) on a plain object, so it is serialised as a member. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** JSON text of a value holding Raw fragments and own `__proto__` keys (JSON.stringify writes neither as we need). */
export function toJson(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .map((k) => `${JSON.stringify(k)}:${toJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Deep copy that keeps own `__proto__` members and Raw fragments. */
export function clone<T>(value: T): T {
  if (value instanceof Raw || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(clone) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, key, clone((value as Record<string, unknown>)[key]));
  return out as T;
}

/** Bodies that are not JSON at all, or JSON of the wrong shape, or tricks on the parser. */
export const MALFORMED_BODIES: (string | Buffer)[] = [
  '{',
  '}',
  '{"a":',
  '{"a":1,}',
  '[1,2,]',
  "{'a':1}",
  '{a:1}',
  '{"a":1}}',
  '{"a":1} {"b":2}',
  '{"a":"\\x41"}',
  '{"a":"\\ud800"}',
  '{"a":"unterminated}',
  '{"a":1 /* comment */}',
  '// comment\n{}',
  'null',
  'true',
  '0',
  '-0',
  '1e309',
  '"a string"',
  '[]',
  '[{}]',
  '{}',
  '\ufeff{}',
  '  \n\t ',
  ...invalidJsonNumbers.map((n) => `{"a":${n}}`),
  `{"__proto__":{"polluted":"${MARKER}"}}`,
  `{"constructor":{"prototype":{"polluted":"${MARKER}"}}}`,
  `{"a":{"__proto__":{"polluted":"${MARKER}"}}}`,
  `[{"__proto__":{"polluted":"${MARKER}"}}]`,
  `{"a":1,"a":2,"a":{"${MARKER}":1}}`,
  deepArray.text,
  deepObject.text,
  `${'['.repeat(100_000)}`,
  `{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
  Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xae, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
  Buffer.from('{"a":1}', 'utf16le'),
  Buffer.from([0x00, 0x00, 0x00]),
];

export const CONTENT_TYPES = [
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'application/jsonp',
  'application/json-seq',
  'application/javascript',
  'image/png',
  'application/json; charset=utf-16',
  'application/json; charset=gb18030',
  'APPLICATION/JSON',
  'application/json;;;',
  'application/problem+json',
  'application/vnd.api+json',
  'application/json, text/plain',
  ' application/json',
  'json',
  '*/*',
  'application/\u00e9json',
  'a'.repeat(4000),
];

/** Path parameter values, written verbatim into the request target (already percent-encoded where needed). */
export const PATH_TRICKS = [
  '..',
  '.',
  '..%2F',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '%2e%2e%2f%2e%2e',
  '..%5C..%5Cwindows',
  'a%2Fb',
  'a%2fb%2fc',
  '%2F',
  '%00',
  'a%00b',
  '%',
  '%ZZ',
  '%E0%A4%A',
  '%C0%AE%C0%AE',
  '%ED%A0%80',
  '%F0%9F%98%80',
  '%E2%80%AE',
  '%EF%BC%A1%EF%BC%A2%EF%BC%A3',
  '%20',
  '+',
  '%2B',
  '%3F',
  '%23',
  '%3Bjsessionid%3D1',
  ';a=b',
  '~',
  '%7B%7D',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '%5F%5Fproto%5F%5F',
  'null',
  'undefined',
  '-1',
  '0',
  '1e309',
  'NaN',
  `${'A'.repeat(4096)}`,
  `${'9'.repeat(7000)}`,
  `${'%F0%A0%9C%8E'.repeat(600)}`,
  `${MARKER}${'Z'.repeat(2000)}`,
];

export const pathTrick: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PATH_TRICKS) },
  { weight: 1, arbitrary: edgeString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd')) || '%20') },
);

/** Query strings that replace the route's own query entirely (raw, after the `?`). */
export function queryTricks(baseQuery: Record<string, string>): fc.Arbitrary<string> {
  const keys = Object.keys(baseQuery);
  const base = new URLSearchParams(baseQuery).toString();
  const key = keys.length ? fc.constantFrom(...keys) : fc.constant('q');
  return fc.oneof(
    key.map((k) => `${base}&${k}=${encodeURIComponent(baseQuery[k] ?? 'x')}&${k}=2`),
    key.map((k) => `${k}[]=1&${k}[]=2`),
    key.map((k) => `${k}[a]=1&${k}[__proto__][polluted]=${MARKER}`),
    key.chain((k) => fc.constantFrom(...PATH_TRICKS).map((v) => `${base}&${k}=${v}`)),
    key.chain((k) => edgeString.map((v) => `${k}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '\ufffd'))}`)),
    key.map((k) => `${k}=${'9'.repeat(6000)}`),
    key.map((k) => `${k}=${MARKER}${'x'.repeat(6000)}`),
    fc.constantFrom(
      `__proto__[polluted]=${MARKER}`,
      `constructor[prototype][polluted]=${MARKER}`,
      `__proto__=${MARKER}`,
      'constructor=1',
      'toString=1',
      'hasOwnProperty=1',
      `${MARKER}=1`,
      '=',
      '&&&',
      '%',
      'a=%ZZ',
      'a=%00',
      `${base}&`,
      `${base}#frag`,
      `${base}&${base}`,
    ),
  );
}

/** Authorization headers that must never let a request through. */
export function badAuthorizations(validToken: string): string[] {
  const [header, payload] = validToken.split('.');
  const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
  const tampered = `${header}.${Buffer.from(JSON.stringify({ 'cognito:groups': ['admin'], sub: 'x', iss: 'x' })).toString('base64url')}.${validToken.split('.')[2]}`;
  return [
    '',
    'Bearer',
    'Bearer ',
    'Basic YWRtaW46YWRtaW4=',
    `Bearer ${validToken}x`,
    `Bearer ${validToken.slice(0, -5)}`,
    `Bearer ${none}`,
    `Bearer ${tampered}`,
    `Bearer ${validToken} ${validToken}`,
    `bearer\t${'a'.repeat(8000)}`,
    `Bearer ${MARKER}.${MARKER}.${MARKER}`,
    'Bearer ..',
    'Bearer \u00e9\u00e9\u00e9',
    `Token ${validToken}`,
  ];
}
