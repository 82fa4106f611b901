import type { Scenario } from '../harness/types';
import { healthScenario } from './health';

/**
 * Every scenario `npm run bench` runs, in order. A service adds one by writing
 * bench/scenarios/<name>.ts that exports a Scenario and listing it here.
 */
export const SCENARIOS: Scenario[] = [healthScenario];
