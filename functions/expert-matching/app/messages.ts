import { text } from '../../../shared/http/messages';

/** Not-found answers several routes give, in both languages (shared/http/messages). */
export const NO_SUCH_EXPERT = text('未找到该专家。', 'No such expert.');
/** Another unit's need is answered like a need that does not exist. */
export const NO_SUCH_NEED = text('本单位没有该需求。', 'No such need of your unit.');
