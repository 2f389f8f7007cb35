import { describe, expect, it } from 'vitest';
import { accentPalette, contrastRatio, hexColorSchema } from './accent-color';

describe('accent colour', () => {
  it('accepts #rgb and #rrggbb, normalized, and names what is wrong otherwise', () => {
    expect(hexColorSchema.parse(' #0B6E6E ')).toBe('#0b6e6e');
    expect(hexColorSchema.parse('#f80')).toBe('#ff8800');
    const refused = hexColorSchema.safeParse('teal');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('must be a colour like #0b6e6e');
  });

  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('keeps a dark accent as it is, with white text on it', () => {
    expect(accentPalette('#0b6e6e')).toEqual({ accent: '#0b6e6e', accentForeground: '#ffffff', accentText: '#0b6e6e' });
  });

  it('gives a light accent dark text on it, and a darker shade for links and focus rings', () => {
    const palette = accentPalette('#ffd400');
    expect(palette.accent).toBe('#ffd400');
    expect(palette.accentForeground).toBe('#1d1d1f');
    expect(contrastRatio(palette.accentForeground, palette.accent)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(palette.accentText, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(palette.accentText).not.toBe('#ffd400');
  });
});
