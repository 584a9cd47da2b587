import { describe, expect, it } from 'vitest';
import { colorForType, fnv1a, TYPE_PALETTE } from './colors';

describe('colorForType', () => {
  it('gives the same colour to the same type every time, whatever the case or padding', () => {
    expect(colorForType('Person')).toBe(colorForType('Person'));
    expect(colorForType('Person')).toBe(colorForType(' person '));
  });

  it('is pinned to the FNV-1a hash so colours survive restarts and releases', () => {
    // FNV-1a 32-bit of "a" is 0xe40c292c (published test vector).
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(colorForType('Organization')).toBe(TYPE_PALETTE[fnv1a('organization') % TYPE_PALETTE.length]);
  });

  it('keeps the AutoSchemaKG types apart', () => {
    const colours = ['entity', 'event', 'concept', 'passage'].map(colorForType);
    expect(new Set(colours).size).toBe(4);
  });

  it('spreads many types over most of the palette', () => {
    const types = Array.from({ length: 200 }, (_, i) => `Type${i}`);
    const used = new Set(types.map(colorForType));
    expect(used.size).toBeGreaterThanOrEqual(TYPE_PALETTE.length - 1);
    for (const c of used) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });
});
