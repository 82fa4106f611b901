/*
 * Holder names: the rules live in shared/pii/names.ts, which learning-hours uses too (an HR
 * lookup matches the full normalised name the same way a public verification does).
 */
export { maskName, namesMatch, normaliseName } from '../../../shared/pii/names';
