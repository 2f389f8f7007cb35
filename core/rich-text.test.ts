import { describe, expect, it } from 'vitest';
import { descriptionToHtml, descriptionToText, sanitizeDescription } from './rich-text';

describe('workshop descriptions', () => {
  it('turn plain text into escaped paragraphs', () => {
    expect(descriptionToHtml('Bring an apron.\nAnd gloves.\n\nAges 16+ <3')).toBe(
      '<p>Bring an apron.<br />And gloves.</p><p>Ages 16+ &lt;3</p>',
    );
  });

  it('give inline-tagged text the same paragraphs, and keep authored paragraphs as they are', () => {
    expect(descriptionToHtml('Sun prints.\n\n<b>All included.</b><script>x()</script>')).toBe(
      '<p>Sun prints.</p><p><b>All included.</b></p>',
    );
    expect(descriptionToHtml('<p>One</p>\n<ul><li>two</li></ul>')).toBe('<p>One</p>\n<ul><li>two</li></ul>');
  });

  it('keep simple formatting and links, and drop scripts, handlers and javascript: URLs', () => {
    const html = sanitizeDescription(
      '<p onclick="steal()">Hi <strong>there</strong><script>alert(1)</script><img src=x onerror=alert(1)>' +
        '<a href="javascript:alert(1)">x</a> <a href="https://oolitearts.org">site</a><iframe src="https://evil.example"></iframe><style>*{}</style></p>',
    );
    expect(html).toBe(
      '<p>Hi <strong>there</strong><a rel="noopener noreferrer nofollow" target="_blank">x</a> <a href="https://oolitearts.org" rel="noopener noreferrer nofollow" target="_blank">site</a></p>',
    );
  });

  it('read as one line of text for meta descriptions', () => {
    expect(descriptionToText('<p>Clay &amp; glaze</p><ul><li>one</li></ul>', 12)).toBe('Clay & glaz…');
  });
});
