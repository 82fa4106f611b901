import type { Scenario } from '../harness/types';
import { certificateBatchScenario } from './certificate-batch';
import { certificateVerifyScenario } from './certificate-verify';
import { coldStartScenario } from './cold-start';
import { healthScenario } from './health';
import { hoursLookupScenario } from './hours-lookup';
import { hoursPostingScenario } from './hours-posting';

/**
 * Every scenario `npm run bench` runs, in order. A service adds one by writing
 * bench/scenarios/<name>.ts that exports a Scenario and listing it here.
 * The learning-hours scenarios and certificate-batch stop the stream consumers for the rest of
 * the run, which certificate-verify needs: keep them after it. certificate-batch stays last.
 */
export const SCENARIOS: Scenario[] = [healthScenario, certificateVerifyScenario, coldStartScenario, hoursLookupScenario, hoursPostingScenario, certificateBatchScenario];
