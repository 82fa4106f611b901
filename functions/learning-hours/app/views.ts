import { quotaOf, type Institution } from '../core/institutions';

export const institutionView = (i: Institution) => ({ id: i.id, name: i.name, level: i.level, region: i.region, status: i.status, quota: quotaOf(i.level) });
