import guangdong from '../policies/guangdong.json';
import jiangsu from '../policies/jiangsu.json';
import national from '../policies/national.json';
import type { CompliancePolicy } from './policy';
import { policySetSchema } from './policy';

/*
 * The policies in force, checked when the module loads: a malformed policy file fails the
 * cold start loudly instead of quietly answering "compliant" with wrong numbers.
 */
export const POLICIES: CompliancePolicy[] = policySetSchema.parse([national, jiangsu, guangdong]);
