import { z } from 'zod';

/** An organization's accent colour as people type it: #rgb or #rrggbb. */
export const hexColorSchema = z
  .string()
  .trim()
  .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be a colour like #0b6e6e')
  .transform((value) => normalizeHex(value));

export const DEFAULT_ACCENT = '#0b6e6e';

/** The colour an organization shows: its accent, else the older brand colour, else ours. */
export function organizationAccent(settings: { accentColor?: string; brandColor?: string }): string {
  return settings.accentColor ?? settings.brandColor ?? DEFAULT_ACCENT;
}

function normalizeHex(value: string): string {
  const hex = value.slice(1).toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex}`;
}

type Rgb = [number, number, number];

function rgbOf(hex: string): Rgb {
  const value = normalizeHex(hex).slice(1);
  return [0, 2, 4].map((i) => Number.parseInt(value.slice(i, i + 2), 16)) as Rgb;
}

function hexOf(rgb: Rgb): string {
  return `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2 relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(rgbOf(a)), luminance(rgbOf(b))].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The colour mixed toward black until it reaches `ratio` against white (links and focus rings on white). */
function darkenedFor(hex: string, ratio: number): string {
  const rgb = rgbOf(hex);
  for (let step = 0; step <= 20; step++) {
    const shade = hexOf(rgb.map((channel) => channel * (1 - step / 20)) as Rgb);
    if (contrastRatio(shade, '#ffffff') >= ratio) return shade;
  }
  return '#000000';
}

export interface AccentPalette {
  /** Fills: buttons, the active tab, the avatar. */
  accent: string;
  /** Text on the accent fill: white or near-black, whichever reads (AA, 4.5:1). */
  accentForeground: string;
  /** The accent as text and focus ring on the light surfaces: darkened if needed to reach 4.5:1. */
  accentText: string;
}

/** Whatever colour an organization picks, the pairings built from it keep WCAG AA contrast. */
export function accentPalette(hex: string = DEFAULT_ACCENT): AccentPalette {
  const accent = normalizeHex(hex);
  const accentForeground = contrastRatio(accent, '#ffffff') >= 4.5 ? '#ffffff' : '#1d1d1f';
  return { accent, accentForeground, accentText: darkenedFor(accent, 4.5) };
}
