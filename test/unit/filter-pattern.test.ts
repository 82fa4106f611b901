import { describe, expect, it } from 'vitest';
import { matchesPattern, passesFilters } from '../../infra/local/filter-pattern';

const insert = {
  eventName: 'INSERT',
  dynamodb: { NewImage: { type: { S: 'Need' }, status: { S: 'SUBMITTED' }, hours: { N: '12' } } },
};

describe('Lambda event filter patterns', () => {
  it('matches listed values at any depth', () => {
    expect(matchesPattern({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['Need'] } } } }, insert)).toBe(true);
    expect(matchesPattern({ eventName: ['MODIFY'] }, insert)).toBe(false);
  });

  it('supports prefix, exists, anything-but and numeric', () => {
    expect(matchesPattern({ dynamodb: { NewImage: { status: { S: [{ prefix: 'SUB' }] } } } }, insert)).toBe(true);
    expect(matchesPattern({ dynamodb: { OldImage: [{ exists: false }] } }, insert)).toBe(true);
    expect(matchesPattern({ dynamodb: { NewImage: [{ exists: true }] } }, insert)).toBe(true);
    expect(matchesPattern({ eventName: [{ 'anything-but': ['REMOVE'] }] }, insert)).toBe(true);
    expect(matchesPattern({ eventName: [{ 'anything-but': ['INSERT'] }] }, insert)).toBe(false);
    expect(matchesPattern({ dynamodb: { NewImage: { hours: { N: [{ numeric: ['>', 10, '<=', 12] }] } } } }, insert)).toBe(true);
    expect(matchesPattern({ dynamodb: { NewImage: { hours: { N: [{ numeric: ['>', 12] }] } } } }, insert)).toBe(false);
  });

  it('passes a record that matches any one pattern, and everything when there are none', () => {
    expect(passesFilters([{ eventName: ['REMOVE'] }, { eventName: ['INSERT'] }], insert)).toBe(true);
    expect(passesFilters([{ eventName: ['REMOVE'] }], insert)).toBe(false);
    expect(passesFilters([], insert)).toBe(true);
  });
});
