import * as z from 'zod';
import { NATIONAL_REGION, isKnownRegionCode, regionWithin } from '../../../shared/ids/regions';

/*
 * A compliance policy says how many continuing-education hours a person owes per calendar
 * year. The national rule (MOHRSS Order No. 25) is the default; provinces and cities tighten
 * it. Policies are data, loaded from JSON, so the schema below is the only thing standing
 * between a typo in a policy file and a wrong compliance answer.
 */
export interface CompliancePolicy {
  id: string;
  name: string;
  /** `000000` for the national policy, else the province, city or county it applies to. */
  region: string;
  minTotal: number;
  minProfessional: number;
  /** When set, professional hours must also reach this share of `minTotal` (rounded up to a half hour). */
  minProfessionalShare?: number;
  minPublic: number;
  /** Hours credited per person per calendar day, across all institutions. */
  dailyCapHours?: number;
  /** How many years a title review looks back: the default window, not a limit. */
  reviewYears: number;
  /**
   * Professional hours a year an expert may be credited for serving the grassroots (人社厅发
   * 〔2025〕2号, item 5; DESIGN §8 flow 2), by the policy of the region served.
   */
  serviceCreditCapHours: number;
}

export interface RequiredHours {
  total: number;
  professional: number;
  public: number;
}

const isHalfHour = (h: number) => Number.isInteger(h * 2);
const hours = z.number().nonnegative().refine(isHalfHour, 'Hours must be a multiple of 0.5');

/** Rounded up to a half hour; the tolerance keeps float noise (0.55 × 100 = 55.00000000000001) from adding a half hour. */
const ceilToHalf = (h: number) => Math.ceil(h * 2 - 1e-9) / 2;

/** The hours a policy requires, with the professional share folded in. */
export function requiredHours(policy: CompliancePolicy): RequiredHours {
  const byShare = policy.minProfessionalShare === undefined ? 0 : ceilToHalf(policy.minProfessionalShare * policy.minTotal);
  return { total: policy.minTotal, professional: Math.max(policy.minProfessional, byShare), public: policy.minPublic };
}

export const compliancePolicySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]{1,32}$/, '1–32 of a-z, 0-9 and -'),
    name: z.string().trim().min(1).max(100),
    region: z
      .string()
      .regex(/^\d{6}$/, 'A 6-digit division code')
      .refine(isKnownRegionCode, 'Not a GB/T 2260 division code (000000 = national)'),
    minTotal: hours,
    minProfessional: hours,
    minProfessionalShare: z.number().gt(0).lte(1).optional(),
    minPublic: hours,
    // A cap of zero would credit nothing at all: leave the cap out instead.
    dailyCapHours: hours.refine((h) => h > 0, 'A daily cap must be positive').optional(),
    reviewYears: z.int().min(1).max(10),
    serviceCreditCapHours: hours,
  })
  // Professional and public hours are parts of the total; parts adding up to more than the whole is a data error.
  .refine((p) => {
    const required = requiredHours(p);
    return required.professional + required.public <= required.total;
  }, 'Required professional and public hours together must not exceed minTotal') satisfies z.ZodType<CompliancePolicy>;

/** A whole policy set: one national default, and one policy per region at most. */
export const policySetSchema = z
  .array(compliancePolicySchema)
  .refine((ps) => ps.filter((p) => p.region === NATIONAL_REGION).length === 1, 'Exactly one national (000000) policy')
  .refine((ps) => new Set(ps.map((p) => p.region)).size === ps.length, 'At most one policy per region')
  .refine((ps) => new Set(ps.map((p) => p.id)).size === ps.length, 'Policy ids must be unique');

/** 0 national, 1 province, 2 city, 3 county: the higher, the more specific. */
function specificity(region: string): number {
  if (region === NATIONAL_REGION) return 0;
  if (region.endsWith('0000')) return 1;
  if (region.endsWith('00')) return 2;
  return 3;
}

/**
 * The most specific policy covering `region`: a city policy beats its province's, which beats
 * the national one. A missing or malformed region gets the national policy.
 */
export function policyFor(region: string | undefined, policies: CompliancePolicy[]): CompliancePolicy {
  const national = policies.find((p) => p.region === NATIONAL_REGION);
  if (!national) throw new Error('No national (000000) compliance policy configured');
  if (region === undefined || !/^\d{6}$/.test(region)) return national;
  let best = national;
  for (const p of policies) {
    if (regionWithin(region, p.region) && specificity(p.region) > specificity(best.region)) best = p;
  }
  return best;
}
