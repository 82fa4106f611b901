import * as z from 'zod';
import { schemaText, type LocalizedText } from '../http/messages';
import { ID_DOCUMENT_MESSAGES, ID_TYPE_NAMES, ID_TYPES, identityDocumentProblem, normaliseCountryCode, normaliseIdNumber, type IdentityDocument, type IdType } from './identity-document';

/*
 * The one schema of a person's identity document (DESIGN §2) that every service's request
 * schemas use: `idNumber`, `idType` (default RESIDENT) and, for a passport, `idCountry` — each
 * document checked by its own rule (shared/ids/identity-document), numbers normalised.
 */

// The schema messages' catalogue (shared/http/messages): each problem in both languages.
const messages = new Map<string, string>();
const register = (m: LocalizedText) => messages.set(m.en, schemaText(m.zh, m.en));
for (const group of Object.values(ID_DOCUMENT_MESSAGES)) {
  if ('zh' in group) register(group as LocalizedText);
  else for (const m of Object.values(group as Record<string, LocalizedText>)) register(m);
}

export const idType = z
  .enum(ID_TYPES)
  .describe(`The identity document: ${ID_TYPES.map((t) => `${t} ${ID_TYPE_NAMES[t]}`).join(' · ')}`);

/** The fields of a document, to spread into an object schema that is then refined with checkIdDocument. */
export const idDocumentFields = {
  idNumber: z.string().max(40).transform(normaliseIdNumber).describe('The document number; stored only as a keyed hash and a masked form'),
  idType: idType.default('RESIDENT'),
  idCountry: z.string().max(8).transform(normaliseCountryCode).optional().describe('PASSPORT only: the issuing country, ISO 3166-1 alpha-3 (e.g. USA)'),
};

/**
 * Checks the document an object names by its own rule, the issue on the field at fault. An
 * object without an idNumber (where it is optional) may not give idCountry either.
 */
export function checkIdDocument(value: { idNumber?: unknown; idType?: unknown; idCountry?: unknown }, ctx: z.RefinementCtx): void {
  const { idNumber, idType: type = 'RESIDENT', idCountry } = value;
  if (idNumber === undefined) {
    if (idCountry !== undefined) ctx.addIssue({ code: 'custom', path: ['idCountry'], message: messages.get(ID_DOCUMENT_MESSAGES.countryNotAllowed.en)! });
    return;
  }
  // A field that failed its own schema has been reported already.
  if (typeof idNumber !== 'string' || !(ID_TYPES as readonly unknown[]).includes(type) || (idCountry !== undefined && typeof idCountry !== 'string')) return;
  const problem = identityDocumentProblem({ idType: type as IdType, idNumber, ...(idCountry !== undefined ? { idCountry: idCountry as string } : {}) });
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: messages.get(problem.message.en)! });
}

/** A person as requests name them: full name and identity document. */
export const personDocument = z
  .strictObject({ name: z.string().trim().min(1).max(50), ...idDocumentFields })
  .superRefine(checkIdDocument)
  .meta({ id: 'PersonDocument' });
export type PersonDocument = z.output<typeof personDocument>;

/** The document of a parsed object (the name and anything else left behind); no type means RESIDENT. */
export function documentOf(value: { idNumber: string; idType?: IdType; idCountry?: string }): IdentityDocument {
  const idType = value.idType ?? 'RESIDENT';
  return { idType, idNumber: value.idNumber, ...(idType === 'PASSPORT' && value.idCountry ? { idCountry: value.idCountry } : {}) };
}
