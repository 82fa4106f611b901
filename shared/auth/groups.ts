/** The Cognito groups of DESIGN §2. A caller belongs to one (admins may hold others too). */
export const GROUPS = ['admin', 'issuer', 'institution', 'unit', 'expert', 'reviewer', 'professional', 'employer'] as const;
export type Group = (typeof GROUPS)[number];

/** The tenant claim each group acts within (DESIGN §2). */
export const TENANT_CLAIM: Partial<Record<Group, string>> = {
  issuer: 'custom:region',
  reviewer: 'custom:region',
  institution: 'custom:institutionId',
  unit: 'custom:unitId',
  expert: 'custom:expertId',
  professional: 'custom:personId',
  // An employer's HR department (用人单位, DESIGN §10); it may also carry custom:region.
  employer: 'custom:employerId',
};

export function isGroup(value: string): value is Group {
  return (GROUPS as readonly string[]).includes(value);
}
