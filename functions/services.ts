import type { ServiceDefinition } from '../shared/service/definitions';
import { casePublicationService } from './case-publication/service';
import { certificatesService } from './certificates/service';
import { expertMatchingService } from './expert-matching/service';
import { learningHoursService } from './learning-hours/service';
import { platformService } from './platform/service';

/** Every service of the platform: the CDK stage, the local runtime and the API docs read this list. */
export const SERVICES: ServiceDefinition[] = [platformService, certificatesService, learningHoursService, expertMatchingService, casePublicationService];
