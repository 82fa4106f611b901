import { text, type LocalizedText } from '../../../shared/http/messages';
import { mod11_2CheckCharacter } from '../../../shared/ids/mod11-2';
import { isKnownRegionCode } from '../../../shared/ids/regions';

/*
 * Certificate numbers (DESIGN §3): TT + RRRRRR + YYYY + SSSSSSS + C — type, issuing region
 * (GB/T 2260, 000000 for national issuers), issue year, a 7-digit serial per (type, region,
 * year), and an ISO 7064 MOD 11-2 check character over the 17 digits.
 */
export const CERTIFICATE_TYPES = ['ZC', 'ZY', 'JD', 'JX', 'PX'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];
export const MAX_SERIAL = 9_999_999;

export interface CertificateNumberParts {
  type: CertificateType;
  region: string;
  year: number;
  serial: number;
}

export function formatCertificateNumber(parts: CertificateNumberParts): string {
  if (parts.serial < 1 || parts.serial > MAX_SERIAL) throw new RangeError('serial out of range');
  const digits = `${parts.region}${String(parts.year).padStart(4, '0')}${String(parts.serial).padStart(7, '0')}`;
  return `${parts.type}${digits}${mod11_2CheckCharacter(digits)}`;
}

export type NumberProblem = 'format' | 'type' | 'region' | 'year' | 'checkCharacter';

export type ParsedNumber = { ok: true; number: string; parts: CertificateNumberParts } | { ok: false; problem: NumberProblem };

/** Validates a number as typed by a person: spaces and case are forgiven, nothing else is. */
export function parseCertificateNumber(input: string, currentYear = new Date().getUTCFullYear()): ParsedNumber {
  const number = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{17}[\dX]$/.test(number)) return { ok: false, problem: 'format' };
  const type = number.slice(0, 2);
  if (!(CERTIFICATE_TYPES as readonly string[]).includes(type)) return { ok: false, problem: 'type' };
  const region = number.slice(2, 8);
  if (!isKnownRegionCode(region)) return { ok: false, problem: 'region' };
  const year = Number(number.slice(8, 12));
  if (year < 1949 || year > currentYear + 1) return { ok: false, problem: 'year' };
  const digits = number.slice(2, 19);
  if (mod11_2CheckCharacter(digits) !== number[19]) return { ok: false, problem: 'checkCharacter' };
  return { ok: true, number, parts: { type: type as CertificateType, region, year, serial: Number(number.slice(12, 19)) } };
}

export const NUMBER_PROBLEM_MESSAGES: Record<NumberProblem, LocalizedText> = {
  format: text('证书编号应为 2 位类别字母加 18 位数字或 X（共 20 位）', 'A certificate number is 2 type letters followed by 18 digits or X (20 characters)'),
  type: text('证书类别应为 ZC、ZY、JD、JX 或 PX', 'The certificate type is one of ZC, ZY, JD, JX or PX'),
  region: text('证书编号中的地区代码不存在', 'The region code in the certificate number does not exist'),
  year: text('证书编号中的年份不正确', 'The year in the certificate number is not valid'),
  checkCharacter: text('证书编号校验位不符，请核对是否输错', 'The check character does not match: check the number for a typo'),
};
