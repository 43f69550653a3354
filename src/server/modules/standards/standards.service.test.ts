import { describe, expect, it } from 'vitest';
import type { LoadedAgency } from './standards.loader.js';
import { canonicalJson, localDateOf, orderByParent } from './standards.service.js';

describe('canonicalJson', () => {
  it('gives equal text for equal content in any key order, and different text for different content', () => {
    const a = { b: [1, { y: 2, x: 'é' }], a: null, skipped: undefined };
    const b = { a: null, b: [1, { x: 'é', y: 2 }] };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":null,"b":[1,{"x":"é","y":2}]}');
    expect(canonicalJson({ b: [{ x: 'é', y: 3 }] })).not.toBe(canonicalJson({ b: [{ x: 'é', y: 2 }] }));
    // Array order is content: the order of services and steps matters.
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});

describe('localDateOf', () => {
  it("gives the calendar date in the agency's time zone, not UTC's", () => {
    const instant = new Date('2026-06-30T16:30:00Z');
    expect(localDateOf(instant, 'Asia/Jakarta')).toBe('2026-06-30');
    expect(localDateOf(instant, 'Asia/Makassar')).toBe('2026-07-01');
    expect(localDateOf(instant, 'Asia/Jayapura')).toBe('2026-07-01');
    expect(localDateOf(new Date('2026-06-30T15:59:59Z'), 'Asia/Makassar')).toBe('2026-06-30');
  });
});

describe('orderByParent', () => {
  const agency = (code: string, parentAgency?: string) => ({ dir: code, services: [], agency: { code, ...(parentAgency ? { parentAgency } : {}) } }) as unknown as LoadedAgency;

  it('puts each parent before its children and keeps the rest in order', () => {
    const ordered = orderByParent([agency('kab', 'prov'), agency('kota'), agency('prov', 'lkpp'), agency('lkpp')]).map((a) => a.agency.code);
    expect(ordered.indexOf('lkpp')).toBeLessThan(ordered.indexOf('prov'));
    expect(ordered.indexOf('prov')).toBeLessThan(ordered.indexOf('kab'));
    expect(ordered).toHaveLength(4);
  });

  it('terminates on a cycle and still returns every agency once', () => {
    const ordered = orderByParent([agency('a', 'b'), agency('b', 'a')]).map((a) => a.agency.code);
    expect(ordered.sort()).toEqual(['a', 'b']);
  });
});
