import type { Scenario } from '../harness/types';
import { caseListScenario } from './case-list';
import { certificateBatchScenario } from './certificate-batch';
import { certificateVerifyScenario } from './certificate-verify';
import { coldStartScenario } from './cold-start';
import { healthScenario } from './health';
import { hoursLookupScenario } from './hours-lookup';
import { hoursPostingScenario } from './hours-posting';
import { loadScenario } from './load';
import { matchingOneNeedScenario } from './matching-one-need';
import { matchingRoundScenario } from './matching-round';

/**
 * Every scenario `npm run bench` runs, in order. A service adds one by writing
 * bench/scenarios/<name>.ts that exports a Scenario and listing it here.
 * When more than one runs, each runs in a process and on a platform of its own (bench/run.ts),
 * so a scenario may stop the stream consumers or seed a large pool without affecting the next.
 */
export const SCENARIOS: Scenario[] = [healthScenario, certificateVerifyScenario, coldStartScenario, hoursLookupScenario, hoursPostingScenario, matchingOneNeedScenario, matchingRoundScenario, caseListScenario, loadScenario, certificateBatchScenario];
