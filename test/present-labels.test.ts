// Labels for the pages (src/lib/present/labels.ts): headings for the kinds of instrument in the registry.
import { describe, expect, it } from 'vitest';
import { kindHeading } from '../src/lib/present/labels.ts';

describe('kindHeading', () => {
  it('makes a kind a capitalised plural by the regular English rules', () => {
    expect(kindHeading('convention')).toBe('Conventions');
    expect(kindHeading('national act')).toBe('National acts');
    expect(kindHeading('action plan')).toBe('Action plans');
    expect(kindHeading('strategy')).toBe('Strategies');
    expect(kindHeading('policy')).toBe('Policies');
    expect(kindHeading('treaty')).toBe('Treaties');
    expect(kindHeading('day')).toBe('Days');
    expect(kindHeading('code of practice')).toBe('Codes of practice');
  });

  it('adds -es after a hissing ending and leaves a kind that ends in s as it is', () => {
    expect(kindHeading('box')).toBe('Boxes');
    expect(kindHeading('church')).toBe('Churches');
    expect(kindHeading('guidelines')).toBe('Guidelines');
    expect(kindHeading(' directive ')).toBe('Directives');
  });
});
