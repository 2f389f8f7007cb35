import * as Y from 'yjs';

/**
 * A Tiptap description (Y.XmlFragment) as HTML for the public pages. Only known nodes and marks
 * become tags and every text is escaped, so the output is safe by construction: nothing a
 * co-editor types can become markup.
 */
const BLOCKS: Record<string, string> = { paragraph: 'p', bulletList: 'ul', orderedList: 'ol', listItem: 'li', blockquote: 'blockquote' };
const MARKS: [string, string][] = [['bold', 'strong'], ['italic', 'em'], ['strike', 's'], ['code', 'code']];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function safeHref(href: unknown): string | undefined {
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : undefined;
}

function textToHtml(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[])
    .map(({ insert, attributes = {} }) => {
      if (typeof insert !== 'string') return '';
      let html = escapeHtml(insert);
      for (const [mark, tag] of MARKS) if (attributes[mark]) html = `<${tag}>${html}</${tag}>`;
      const link = attributes.link as { href?: unknown } | undefined;
      const href = safeHref(link?.href);
      if (href) html = `<a href="${escapeHtml(href)}" rel="nofollow noopener">${html}</a>`;
      return html;
    })
    .join('');
}

function nodeToHtml(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return textToHtml(node);
  if (!(node instanceof Y.XmlElement)) return '';
  const children = node.toArray().map((child) => nodeToHtml(child as Y.XmlElement | Y.XmlText)).join('');
  if (node.nodeName === 'hardBreak') return '<br>';
  if (node.nodeName === 'heading') {
    const level = Math.min(Math.max(Number(node.getAttribute('level')) || 2, 2), 4);
    return `<h${level}>${children}</h${level}>`;
  }
  const tag = BLOCKS[node.nodeName];
  return tag ? `<${tag}>${children}</${tag}>` : children;
}

export function fragmentToHtml(fragment: Y.XmlFragment): string {
  return fragment
    .toArray()
    .map((node) => nodeToHtml(node as Y.XmlElement | Y.XmlText))
    .join('');
}
