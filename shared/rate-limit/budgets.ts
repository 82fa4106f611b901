/*
 * The figures of the public lookup budgets, in one place: the edge's WAF rule
 * (infra/edge-stack.ts, through infra/stage-config.ts) counts an address's /public/* requests
 * against the first, and the application (shared/rate-limit/lookup-budget.ts) counts the
 * lookups themselves — a verify-batch request of 50 number + name pairs is 50 — against it, so
 * no route is a cheaper way to guess holders' names.
 */

/** Lookups one anonymous client (address) may make per window. */
export const PUBLIC_LOOKUPS_PER_CLIENT_PER_5_MIN = 600;

/** Default for signed-in organisations (employer, issuer, admin): per organisation and window. */
export const ORGANISATION_LOOKUPS_PER_5_MIN = 10_000;

/** The window both figures are per: 5 minutes, as WAF's rate rule evaluates. */
export const LOOKUP_WINDOW_SECONDS = 300;
