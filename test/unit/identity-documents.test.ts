import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foreignPrProblem } from '../../shared/ids/foreign-pr';
import { hmtPermitProblem } from '../../shared/ids/hmt-permit';
import { identityDocumentProblem, maskIdNumber, MASKED_ID_NUMBER, normaliseIdNumber, parseIdType, provinceOfMaskedId, type IdentityDocument } from '../../shared/ids/identity-document';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { passportProblem } from '../../shared/ids/passport';
import { personDocument } from '../../shared/ids/person-document';
import { personIdForDocument } from '../../shared/pii/document-hash';
import { personIdFor } from '../../shared/pii/keyed-hash';
import { buildOpenApiDocument } from '../../shared/openapi/generate';
import { SERVICES } from '../../functions/services';

const KEY = 'unit-test-pii-key-0123456789abcdef0123456789';
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const birthDate = fc.date({ min: new Date('1930-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
const withCheck = (seventeen: string) => `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
/** Another check character than the right one. */
const wrongCheck = (number: string) => `${number.slice(0, 17)}${'10X98765432'.replace(number[17]!, '')[Number(number.slice(14, 17)) % 10]}`;

const hmtPermit = fc.tuple(fc.constantFrom('81', '82', '83'), digits(4), birthDate, digits(3)).map(([p, r, b, s]) => withCheck(`${p}${r}${b}${s}`));
// Mainland provinces and assigned ISO 3166-1 numeric codes (840 USA, 276 DEU, 392 JPN, 410 KOR, 004 AFG).
const foreignPr = fc
  .tuple(fc.constantFrom('11', '31', '32', '44', '65'), fc.constantFrom('840', '276', '392', '410', '004'), birthDate, digits(3))
  .map(([p, c, b, s]) => withCheck(`9${p}${c}${b}${s}`));
const passportNumber = fc.stringMatching(/^[A-Z0-9]{5,20}$/);

describe('residence permits for Hong Kong, Macao and Taiwan residents (HMT_PERMIT)', () => {
  it('accepts any number built with prefix 81/82/83, a real birth date and its check character', () => {
    fc.assert(fc.property(hmtPermit, (n) => void expect(hmtPermitProblem(n)).toBeNull()));
  });
  it('refuses a wrong check character', () => {
    fc.assert(fc.property(hmtPermit, (n) => void expect(hmtPermitProblem(wrongCheck(n))).toBe('checkCharacter')));
  });
  it('refuses another prefix, even with a valid check character', () => {
    fc.assert(
      fc.property(hmtPermit, fc.constantFrom('11', '71', '80', '84', '91'), (n, prefix) => void expect(hmtPermitProblem(withCheck(`${prefix}${n.slice(2, 17)}`))).toBe('prefix')),
    );
  });
  it('refuses a birth date that does not exist or lies ahead, and a wrong length', () => {
    expect(hmtPermitProblem(withCheck('81000019990230001'))).toBe('birthDate');
    expect(hmtPermitProblem(withCheck(`830000${new Date().getUTCFullYear() + 1}0101001`))).toBe('birthDate');
    expect(hmtPermitProblem('81000019900101001')).toBe('format');
  });
});

describe('foreign permanent resident ID cards, 2023 format (FOREIGN_PR)', () => {
  it('accepts any number built from 9, a province, a nationality, a birth date and its check character', () => {
    fc.assert(fc.property(foreignPr, (n) => void expect(foreignPrProblem(n)).toBeNull()));
  });
  it('refuses a wrong check character', () => {
    fc.assert(fc.property(foreignPr, (n) => void expect(foreignPrProblem(wrongCheck(n))).toBe('checkCharacter')));
  });
  it('refuses a first digit other than 9', () => {
    fc.assert(fc.property(foreignPr, fc.constantFrom('1', '5', '8'), (n, first) => void expect(foreignPrProblem(withCheck(`${first}${n.slice(1, 17)}`))).toBe('prefix')));
  });
  it('refuses an unknown province or one outside the mainland, and an unassigned nationality code', () => {
    expect(foreignPrProblem(withCheck('99984019800101001'))).toBe('province');
    expect(foreignPrProblem(withCheck('98184019800101001'))).toBe('province');
    expect(foreignPrProblem(withCheck('93199919800101001'))).toBe('nationality');
    expect(foreignPrProblem(withCheck('93100019800101001'))).toBe('nationality');
    expect(foreignPrProblem(withCheck('93184019801301001'))).toBe('birthDate');
  });
});

describe('passports (PASSPORT)', () => {
  it('accepts 5–20 of A-Z0-9 with an assigned ISO 3166-1 alpha-3 country', () => {
    fc.assert(fc.property(passportNumber, fc.constantFrom('USA', 'GBR', 'DEU', 'JPN', 'HKG', 'TWN'), (n, c) => void expect(passportProblem(n, c)).toBeNull()));
  });
  it('refuses a missing or unknown country', () => {
    fc.assert(fc.property(passportNumber, (n) => void expect(passportProblem(n, undefined)).toBe('countryMissing')));
    for (const country of ['XXX', 'US', 'UK', 'EUR', 'usa', '840']) expect(passportProblem('E12345678', country)).toBe('country');
  });
  it('refuses numbers too short, too long or with other characters', () => {
    for (const n of ['E123', 'E'.repeat(21), 'E1234-567', 'E1234 567']) expect(passportProblem(n, 'USA')).toBe('format');
  });
  it('normalises what people type: spaces, lower case, full-width characters', () => {
    expect(normaliseIdNumber(' e12 345 ６７８ ')).toBe('E12345678');
  });
});

describe('identity documents by type', () => {
  it('dispatches each type to its rule and names the field at fault', () => {
    fc.assert(fc.property(hmtPermit, (n) => void expect(identityDocumentProblem({ idType: 'HMT_PERMIT', idNumber: n })).toBeNull()));
    fc.assert(fc.property(foreignPr, (n) => void expect(identityDocumentProblem({ idType: 'FOREIGN_PR', idNumber: n })).toBeNull()));
    expect(identityDocumentProblem({ idType: 'RESIDENT', idNumber: '11010519491231002X' })).toBeNull();
    expect(identityDocumentProblem({ idType: 'PASSPORT', idNumber: 'E12345678', idCountry: 'ZZZ' })).toMatchObject({ field: 'idCountry', code: 'country' });
    expect(identityDocumentProblem({ idType: 'PASSPORT', idNumber: 'E1', idCountry: 'USA' })).toMatchObject({ field: 'idNumber', code: 'format' });
    expect(identityDocumentProblem({ idType: 'RESIDENT', idNumber: '11010519491231002X', idCountry: 'CHN' })).toMatchObject({ field: 'idCountry', code: 'countryNotAllowed' });
  });
  it('refuses a permit number given as a resident number, so no one gets two identities', () => {
    fc.assert(
      fc.property(hmtPermit, (n) => {
        expect(identityDocumentProblem({ idType: 'RESIDENT', idNumber: n })).toMatchObject({ field: 'idNumber', code: 'hmtPrefix' });
        expect(identityDocumentProblem({ idType: 'RESIDENT', idNumber: n })!.message.zh).toContain('HMT_PERMIT');
      }),
    );
  });
  it('a number of one type is not valid as another', () => {
    fc.assert(fc.property(foreignPr, (n) => void expect(identityDocumentProblem({ idType: 'HMT_PERMIT', idNumber: n })).toMatchObject({ code: 'prefix' })));
    fc.assert(fc.property(hmtPermit, (n) => void expect(identityDocumentProblem({ idType: 'FOREIGN_PR', idNumber: n })).toMatchObject({ code: 'prefix' })));
  });
  it('reads a roster\'s type cell as a code or a Chinese name', () => {
    expect(parseIdType('居民身份证')).toBe('RESIDENT');
    expect(parseIdType('港澳台居民居住证')).toBe('HMT_PERMIT');
    expect(parseIdType('外国人永久居留身份证')).toBe('FOREIGN_PR');
    expect(parseIdType(' 护照 ')).toBe('PASSPORT');
    expect(parseIdType('passport')).toBe('PASSPORT');
    expect(parseIdType('驾驶证')).toBeUndefined();
  });
});

describe('masked forms', () => {
  it('keeps a resident number as it was: first and last four', () => {
    expect(maskIdNumber({ idType: 'RESIDENT', idNumber: '11010519491231002X' })).toBe('1101**********002X');
  });
  it('keeps the first three and last four of a permit or permanent-resident number', () => {
    expect(maskIdNumber({ idType: 'HMT_PERMIT', idNumber: '810000199001011234' })).toBe('810***********1234');
    expect(maskIdNumber({ idType: 'FOREIGN_PR', idNumber: '931840198001010017' })).toBe('931***********0017');
  });
  it('keeps two (one when shorter than 8) and the last two of a passport number', () => {
    expect(maskIdNumber({ idType: 'PASSPORT', idNumber: 'E12345678' })).toBe('E1*****78');
    expect(maskIdNumber({ idType: 'PASSPORT', idNumber: 'AB123' })).toBe('A**23');
  });
  it('every masked form hides most of the number, matches the events\' pattern and names the right province', () => {
    const doc = fc.oneof(
      hmtPermit.map((idNumber): IdentityDocument => ({ idType: 'HMT_PERMIT', idNumber })),
      foreignPr.map((idNumber): IdentityDocument => ({ idType: 'FOREIGN_PR', idNumber })),
      passportNumber.map((idNumber): IdentityDocument => ({ idType: 'PASSPORT', idNumber, idCountry: 'USA' })),
    );
    fc.assert(
      fc.property(doc, (d) => {
        const masked = maskIdNumber(d);
        expect(masked).toHaveLength(d.idNumber.length);
        expect(masked).toMatch(MASKED_ID_NUMBER);
        expect([...masked].filter((c) => c !== '*').length).toBeLessThanOrEqual(Math.min(7, d.idNumber.length - 1));
        const province = provinceOfMaskedId(masked);
        expect(province).toBe(d.idType === 'FOREIGN_PR' ? `${d.idNumber.slice(1, 3)}0000` : '000000');
      }),
    );
    expect(provinceOfMaskedId('3201**********1234')).toBe('320000');
  });
});

describe('keyed hashes of documents', () => {
  it('leaves a resident number\'s hash exactly as stored data and tokens have it', () => {
    // Computed with personIdFor before identity documents existed (HMAC-SHA256 of "resident-id:<number>").
    expect(personIdForDocument({ idType: 'RESIDENT', idNumber: '11010519491231002X' }, KEY)).toBe('52T1XkaY9ZmS5PkLDil3598MuM_nuK0Tqe_rpYx8DJE');
    expect(personIdForDocument({ idType: 'RESIDENT', idNumber: '440301199001011234' }, KEY)).toBe('R_Vlk6t3fHC1YKdCN7w9LPWLLXcFf2qBBAg3xhk3RYw');
    expect(personIdFor('11010519491231002X', KEY)).toBe('52T1XkaY9ZmS5PkLDil3598MuM_nuK0Tqe_rpYx8DJE');
  });
  it('names a document by type, number and (for a passport) country: the same number under another type or country is someone else', () => {
    fc.assert(
      fc.property(passportNumber, (n) => {
        const usa = personIdForDocument({ idType: 'PASSPORT', idNumber: n, idCountry: 'USA' }, KEY);
        expect(usa).not.toBe(personIdForDocument({ idType: 'PASSPORT', idNumber: n, idCountry: 'CAN' }, KEY));
        expect(usa).toBe(personIdForDocument({ idType: 'PASSPORT', idNumber: n, idCountry: 'USA' }, KEY));
        expect(usa).not.toContain(n);
      }),
    );
    fc.assert(
      fc.property(foreignPr, (n) => {
        const ids = new Set((['RESIDENT', 'HMT_PERMIT', 'FOREIGN_PR'] as const).map((idType) => personIdForDocument({ idType, idNumber: n }, KEY)));
        expect(ids.size).toBe(3);
      }),
    );
  });
});

describe('the person document schema', () => {
  it('defaults to RESIDENT and normalises the number and the country', () => {
    expect(personDocument.parse({ name: '张三', idNumber: '11010519491231002x' })).toEqual({ name: '张三', idNumber: '11010519491231002X', idType: 'RESIDENT' });
    expect(personDocument.parse({ name: 'John Smith', idNumber: 'e12 345 678', idType: 'PASSPORT', idCountry: 'usa' })).toEqual({
      name: 'John Smith',
      idNumber: 'E12345678',
      idType: 'PASSPORT',
      idCountry: 'USA',
    });
  });
  it('reports each problem on its field, alongside the other fields\' problems', () => {
    const issues = personDocument.safeParse({ name: '', idNumber: 'E12345678', idType: 'PASSPORT', idCountry: 'ZZZ' }).error!.issues;
    expect(issues.map((i) => i.path.join('.')).sort()).toEqual(['idCountry', 'name']);
    expect(personDocument.safeParse({ name: '陈大文', idNumber: '810000199001011235', idType: 'HMT_PERMIT' }).error!.issues[0]!.path).toEqual(['idNumber']);
    expect(personDocument.safeParse({ name: '陈大文', idNumber: 'X', idType: 'DRIVING_LICENCE' }).error!.issues[0]!.path).toEqual(['idType']);
  });
});

describe('the published contract', () => {
  it('documents idType and idCountry wherever a person is named (OpenAPI from the zod schemas)', () => {
    const doc = buildOpenApiDocument(SERVICES) as { components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> } };
    const person = doc.components.schemas.PersonDocument!;
    expect(person.properties!.idType!.enum).toEqual(['RESIDENT', 'HMT_PERMIT', 'FOREIGN_PR', 'PASSPORT']);
    expect(Object.keys(person.properties!)).toEqual(expect.arrayContaining(['name', 'idNumber', 'idType', 'idCountry']));
    expect(Object.keys(doc.components.schemas.CreateExpertRequest!.properties!)).toEqual(expect.arrayContaining(['idNumber', 'idType', 'idCountry']));
    expect(JSON.stringify(doc.components.schemas.IssueCertificateRequest)).toContain('PersonDocument');
  });
});
