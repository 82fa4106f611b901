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
 * The learning-hours scenarios and certificate-batch stop the stream consumers for the rest of
 * the run, which certificate-verify needs: keep them after it. certificate-batch stays last.
 * matching-one-need stops them too; matching-round needs no DynamoDB at all.
 */
export const SCENARIOS: Scenario[] = [healthScenario, certificateVerifyScenario, coldStartScenario, hoursLookupScenario, hoursPostingScenario, matchingOneNeedScenario, matchingRoundScenario, caseListScenario, loadScenario, certificateBatchScenario];
