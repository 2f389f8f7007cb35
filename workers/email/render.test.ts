import { describe, expect, it } from 'vitest';
import { accentPalette, organizationAccent } from '../../core/accent-color';
import { renderEmail } from './render';

const content = {
  subject: 'You are registered',
  heading: 'You are registered',
  paragraphs: ['See you there.'],
  action: { label: 'Manage your registration', url: 'https://example.test/manage' },
};

describe('the email layout', () => {
  it("wears the organization's accent, as its public pages do, with text that reads on the button", async () => {
    const palette = accentPalette(organizationAccent({ accentColor: '#ffd400', brandColor: '#1f6feb' }));
    const { html } = await renderEmail(content, { orgName: 'Oolite Arts', palette });
    expect(html).toContain('border-top:4px solid #ffd400');
    expect(html).toMatch(/background-color:#ffd400;color:#1d1d1f/);
    expect(html).toContain(`color:${palette.accentText}`);
    expect(html).not.toContain('#1f6feb');
  });

  it('falls back to the older brand colour, then to the default accent', () => {
    expect(organizationAccent({ brandColor: '#1f6feb' })).toBe('#1f6feb');
    expect(organizationAccent({})).toBe('#0b6e6e');
  });
});
