import { text, type LocalizedText } from '../http/messages';
import { foreignPrProblem } from './foreign-pr';
import { hmtPermitProblem, looksLikeHmtPermit } from './hmt-permit';
import { passportProblem } from './passport';
import { isKnownProvinceCode, NATIONAL_REGION } from './regions';
import { maskResidentId, residentIdProblem } from './resident-id';

/*
 * The identity documents a person may be named by (DESIGN §2), each checked by its own rule:
 * `RESIDENT` (居民身份证, GB 11643, the default), `HMT_PERMIT` (港澳台居民居住证), `FOREIGN_PR`
 * (外国人永久居留身份证, 2023 format) and `PASSPORT` (护照, with its ISO 3166-1 alpha-3 country).
 * Services keep only a keyed hash of type + number (shared/pii/document-hash) and the masked form.
 */
export const ID_TYPES = ['RESIDENT', 'HMT_PERMIT', 'FOREIGN_PR', 'PASSPORT'] as const;
export type IdType = (typeof ID_TYPES)[number];

export const ID_TYPE_NAMES: Record<IdType, string> = {
  RESIDENT: '居民身份证',
  HMT_PERMIT: '港澳台居民居住证',
  FOREIGN_PR: '外国人永久居留身份证',
  PASSPORT: '护照',
};

/** A document as validated and normalised: the number upper case without spaces, the country only for a passport. */
export interface IdentityDocument {
  idType: IdType;
  idNumber: string;
  idCountry?: string;
}

const TYPE_ALIASES: Record<string, IdType> = {
  ...Object.fromEntries(ID_TYPES.map((t) => [t, t])),
  ...Object.fromEntries(Object.entries(ID_TYPE_NAMES).map(([t, name]) => [name, t as IdType])),
  身份证: 'RESIDENT',
  港澳台居住证: 'HMT_PERMIT',
  外国人永久居留证: 'FOREIGN_PR',
};

/** A type as people write it in a roster: the code (any case) or its Chinese name; undefined when it is neither. */
export function parseIdType(raw: string): IdType | undefined {
  const key = raw.normalize('NFKC').replace(/\s+/g, '');
  return TYPE_ALIASES[key.toUpperCase()] ?? TYPE_ALIASES[key];
}

/** What people type, as compared: full-width characters folded (NFKC), spaces removed, upper case. */
export function normaliseIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export const normaliseCountryCode = normaliseIdNumber;

export interface IdDocumentProblem {
  field: 'idNumber' | 'idCountry';
  code: string;
  message: LocalizedText;
}

const BIRTH_DATE = text('号码中的出生日期不是真实的过去日期', 'The birth date in the number is not a real past date');
const CHECK_CHARACTER = text('校验码不符（ISO 7064 MOD 11-2）', 'The check character does not match (ISO 7064 MOD 11-2)');
const eighteen = (name: string, en: string) => text(`${name}号码应为 17 位数字加 1 位数字或 X`, `${en} is 17 digits followed by a digit or X`);

/** Every message a document check can give, by type and problem (also the schema messages' catalogue). */
export const ID_DOCUMENT_MESSAGES = {
  RESIDENT: {
    format: eighteen('居民身份证', 'A resident ID number'),
    region: text('前两位不是省级行政区划代码', 'The first two digits are not a province code'),
    hmtPrefix: text('以 81、82、83 开头的是港澳台居民居住证号码，请将证件类型（idType）设为 HMT_PERMIT', 'A number starting with 81, 82 or 83 is a residence permit for Hong Kong, Macao and Taiwan residents: set idType to HMT_PERMIT'),
    birthDate: BIRTH_DATE,
    checkCharacter: text('校验码不符（GB 11643）', 'The check character does not match (GB 11643)'),
  },
  HMT_PERMIT: {
    format: eighteen('港澳台居民居住证', 'A residence permit number'),
    prefix: text('港澳台居民居住证号码以 81（香港）、82（澳门）或 83（台湾）开头', 'A residence permit number starts with 81 (Hong Kong), 82 (Macao) or 83 (Taiwan)'),
    birthDate: BIRTH_DATE,
    checkCharacter: CHECK_CHARACTER,
  },
  FOREIGN_PR: {
    format: eighteen('外国人永久居留身份证', 'A foreign permanent resident ID number'),
    prefix: text('外国人永久居留身份证号码（2023 版）以 9 开头', 'A foreign permanent resident ID number (2023 format) starts with 9'),
    province: text('第 2–3 位不是内地省级行政区划代码', 'Digits 2–3 are not the code of a mainland province'),
    nationality: text('第 4–6 位不是 ISO 3166-1 数字国家代码', 'Digits 4–6 are not an ISO 3166-1 numeric country code'),
    birthDate: BIRTH_DATE,
    checkCharacter: CHECK_CHARACTER,
  },
  PASSPORT: {
    format: text('护照号码应为 5–20 位大写字母 A-Z 或数字', 'A passport number is 5–20 of the letters A-Z and digits'),
    countryMissing: text('护照须填写签发国家 idCountry（ISO 3166-1 三位字母代码，如 USA）', 'A passport needs idCountry, the issuing country as an ISO 3166-1 alpha-3 code (e.g. USA)'),
    country: text('不是 ISO 3166-1 三位字母国家代码', 'Not an ISO 3166-1 alpha-3 country code'),
  },
  countryNotAllowed: text('只有护照填写 idCountry', 'idCountry is given only with a passport'),
} as const;

/**
 * Why a (normalised) document is not valid, or null. A resident ID number starting with 81, 82
 * or 83 is refused: those are residence permit numbers, and taking one as a resident number
 * would give its holder a second identity (another keyed hash) beside the permit's.
 */
export function identityDocumentProblem(doc: IdentityDocument, today = new Date()): IdDocumentProblem | null {
  const { idType, idNumber, idCountry } = doc;
  if (idType !== 'PASSPORT' && idCountry !== undefined) return { field: 'idCountry', code: 'countryNotAllowed', message: ID_DOCUMENT_MESSAGES.countryNotAllowed };
  const problem = (code: string | null, field: IdDocumentProblem['field'] = 'idNumber'): IdDocumentProblem | null =>
    code === null ? null : { field, code, message: (ID_DOCUMENT_MESSAGES[idType] as Record<string, LocalizedText>)[code]! };
  switch (idType) {
    case 'RESIDENT':
      if (/^\d{17}[\dX]$/.test(idNumber) && looksLikeHmtPermit(idNumber)) return problem('hmtPrefix');
      return problem(residentIdProblem(idNumber, today));
    case 'HMT_PERMIT':
      return problem(hmtPermitProblem(idNumber, today));
    case 'FOREIGN_PR':
      return problem(foreignPrProblem(idNumber, today));
    case 'PASSPORT': {
      const code = passportProblem(idNumber, idCountry);
      return problem(code, code === 'format' ? 'idNumber' : 'idCountry');
    }
  }
}

/**
 * The masked form kept and shown beside the keyed hash — enough for a person to recognise their
 * own number, not to recover it: a resident number keeps its first and last four characters
 * (as it always has), a permit or permanent-resident number its first three and last four, a
 * passport number its first two (one when shorter than 8) and last two.
 */
export function maskIdNumber(doc: Pick<IdentityDocument, 'idType' | 'idNumber'>): string {
  const n = doc.idNumber;
  switch (doc.idType) {
    case 'RESIDENT':
      return maskResidentId(n);
    case 'HMT_PERMIT':
    case 'FOREIGN_PR':
      return `${n.slice(0, 3)}${'*'.repeat(n.length - 7)}${n.slice(-4)}`;
    case 'PASSPORT': {
      const head = n.length >= 8 ? 2 : 1;
      return `${n.slice(0, head)}${'*'.repeat(n.length - head - 2)}${n.slice(-2)}`;
    }
  }
}

export { MASKED_ID_NUMBER } from './masked-id';

/**
 * The province a masked number names, as XX0000: a resident's (digits 1–2), a foreign permanent
 * resident's province of application (digits 2–3); national (000000) for a residence permit
 * (issued for Hong Kong, Macao or Taiwan residents) or a passport, which name no province.
 */
export function provinceOfMaskedId(masked: string): string {
  const resident = /^(\d{2})\d{2}\*{10}[\dX]{4}$/.exec(masked);
  if (resident && !looksLikeHmtPermit(masked) && isKnownProvinceCode(resident[1]!)) return `${resident[1]}0000`;
  const foreign = /^9(\d{2})\*{11}[\dX]{4}$/.exec(masked);
  if (foreign && isKnownProvinceCode(foreign[1]!)) return `${foreign[1]}0000`;
  return NATIONAL_REGION;
}
