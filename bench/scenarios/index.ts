import type { Scenario } from '../harness/types';
import { certificateBatchScenario } from './certificate-batch';
import { certificateVerifyScenario } from './certificate-verify';
import { coldStartScenario } from './cold-start';
import { healthScenario } from './health';

/**
 * Every scenario `npm run bench` runs, in order. A service adds one by writing
 * bench/scenarios/<name>.ts that exports a Scenario and listing it here.
 * certificate-batch stops the stream consumers for the rest of the run: keep it last.
 */
export const SCENARIOS: Scenario[] = [healthScenario, certificateVerifyScenario, coldStartScenario, certificateBatchScenario];
