export const certificateKey = (number: string) => ({ pk: `CERT#${number}`, sk: '#CERT' });
export const counterKey = (type: string, region: string, year: number) => ({ pk: `SERIAL#${type}#${region}#${year}`, sk: '#COUNTER' });
export const holderPk = (personId: string) => `PERSON#${personId}`;
export const VERIFY_PREFIX = 'VERIFY#';
