import { LRUCache } from 'lru-cache';
import sanitizeHtml from 'sanitize-html';

/**
 * Workshop descriptions are plain text or simple HTML. Only formatting tags survive; scripts, event
 * handlers, styles and javascript: URLs are dropped. Used when a description is saved AND when it is
 * shown, so rows written before a rule changed (or by another writer) are still safe to render.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'ul',
    'ol',
    'li',
    'a',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'code',
    'pre',
    'hr',
  ],
  // rel and target are set by the transform below, never taken from the input.
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links leave the site in a new context and carry no referrer or authority of ours.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
};

const LOOKS_LIKE_HTML = /<\/?[a-z][\s\S]*?>/i;

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const HAS_BLOCKS = /<(p|ul|ol|h[1-6]|blockquote|pre|div)[\s>]/i;

/**
 * Plain text becomes paragraphs (blank lines) and line breaks. Text with inline tags only (a <b> here,
 * a link there) gets the same paragraphs around its tags; text with its own paragraphs or lists is kept as it is.
 */
export function descriptionToHtml(input: string): string {
  const text = input.replace(/\r\n?/g, '\n').trim();
  if (!text) return '';
  if (HAS_BLOCKS.test(text)) return sanitizeDescription(text);
  const inline = LOOKS_LIKE_HTML.test(text) ? (paragraph: string) => paragraph : escapeText;
  const html = text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${inline(paragraph.trim()).replace(/\n/g, '<br />')}</p>`)
    .join('');
  return sanitizeDescription(html);
}

/**
 * Remembers a pure function of a description: the catalog shows the same descriptions on every
 * request, and parsing HTML was most of a catalog page's time. Bounded, least recently used out first.
 */
function remembered(parse: (html: string) => string): (html: string) => string {
  const results = new LRUCache<string, string>({ max: 2_000 });
  return (html) => {
    let result = results.get(html);
    if (result === undefined) {
      result = parse(html);
      results.set(html, result);
    }
    return result;
  };
}

export const sanitizeDescription = remembered((html) => sanitizeHtml(html, OPTIONS));

/** Plain text of a description. */
const plainText = remembered((html) => {
  // Block ends and line breaks separate words once the tags are gone.
  const spaced = html.replace(/<\/(p|li|h[1-6]|blockquote|pre|div)>|<br\s*\/?>/gi, (tag) => `${tag} `);
  return sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
});

/** The description as one line of plain text (meta description, calendar invites). */
export function descriptionToText(html: string, maxLength = 300): string {
  const text = plainText(html);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}
