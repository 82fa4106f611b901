/**
 * Every masked form of an identity document number (shared/ids/identity-document maskIdNumber):
 * a resident number's first and last four; a residence permit's or foreign permanent resident's
 * first three and last four; a passport's first one or two and last two. Events check it, so a
 * payload cannot carry more of a number than this.
 */
export const MASKED_ID_NUMBER = /^(?:\d{4}\*{10}[\dX]{4}|\d{3}\*{11}[\dX]{4}|[A-Z0-9]{1,2}\*{1,16}[A-Z0-9]{2})$/;
