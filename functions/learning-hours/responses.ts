import * as z from 'zod';
import { problemWith } from '../../shared/http/response-check';
import { institutionLevel, institutionStatus } from './schemas';

/*
 * Learning-hours answers that schemas.ts did not describe, as the OpenAPI document shows them and
 * the end-to-end suite's response check holds them to (issue 13 item 11).
 */

const category = z.enum(['PROFESSIONAL', 'PUBLIC']);

/** A record as its institution sees it once voided: the person masked, never the ID number or its hash. */
export const voidedRecordView = z
  .object({
    institutionId: z.string(),
    recordId: z.string(),
    personNameMasked: z.string(),
    personName: z.string().describe('The full name, as the institution posted it'),
    idNumberMasked: z.string(),
    idType: z.string().optional(),
    course: z.object({ code: z.string(), title: z.string(), category }),
    hours: z.number(),
    completedOn: z.string(),
    year: z.number().int(),
    replaces: z.string().optional(),
    status: z.enum(['ACTIVE', 'VOIDED']),
    voided: z.object({ at: z.string(), by: z.string(), reason: z.string() }).optional(),
    postedBy: z.string(),
    postedAt: z.string(),
    upload: z.string().optional().describe('The roster upload that brought the record in'),
  })
  .meta({ id: 'VoidedHourRecord' });

export const annualReportView = z
  .object({
    institutionId: z.string(),
    name: z.string(),
    level: institutionLevel,
    year: z.number().int(),
    distinctTrainees: z.number().int(),
    records: z.number().int(),
    voidedRecords: z.number().int(),
    hours: z.object({ total: z.number(), professional: z.number(), public: z.number() }),
    courses: z.array(z.object({ code: z.string(), title: z.string(), category, records: z.number().int(), trainees: z.number().int(), hours: z.number() })),
    quota: z.number().int().nullable().describe('The yearly trainee quota of the level (null: accredited institutions have none)'),
    quotaMet: z.boolean().nullable(),
  })
  .meta({ id: 'AnnualReport' });

/** An institution that may not post (suspended or withdrawn): its status. */
export const institutionInactive = problemWith({ institutionStatus });
