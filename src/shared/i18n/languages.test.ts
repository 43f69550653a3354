import { describe, expect, it } from 'vitest';
import { pickLanguage } from './languages.js';

describe('pickLanguage', () => {
  it.each([
    [undefined, 'id'],
    ['', 'id'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['id-ID,id;q=0.9,en;q=0.8', 'id'],
    ['fr-FR, en;q=0.5', 'en'],
    ['fr-FR', 'id'],
    ['en;q=0.3, id;q=0.7', 'id'],
    ['in-ID', 'id'],
    ['en;q=0', 'id'],
  ])('picks %s → %s', (header, expected) => {
    expect(pickLanguage(header)).toBe(expected);
  });
});
