import * as Y from 'yjs';

/**
 * A Tiptap description (Y.XmlFragment, as StarterKit writes it through Collaboration) as HTML for
 * the public pages. Only known nodes and marks become tags, no attribute is copied but a checked
 * link href, and every text is escaped, so the output is safe by construction: nothing a co-editor
 * types (or a client writes into the fragment) can become markup. The tags are those of the public
 * allow-list (core/rich-text.ts), so sanitizing this output again changes nothing.
 */
const BLOCKS: Record<string, string> = {
  paragraph: 'p',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  blockquote: 'blockquote',
};
/** Innermost first: <a><strong><em>…</em></strong></a>. */
const MARKS: [string, string][] = [
  ['code', 'code'],
  ['italic', 'em'],
  ['bold', 'strong'],
  ['underline', 'u'],
  ['strike', 's'],
];
const LINK_ATTRIBUTES = 'rel="noopener noreferrer nofollow" target="_blank"';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function safeHref(href: unknown): string | undefined {
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : undefined;
}

/** y-prosemirror names a mark that may overlap itself `name--<hash>`; the hash is not ours to show. */
function markNames(attributes: Record<string, unknown>): Map<string, unknown> {
  return new Map(Object.entries(attributes).map(([name, value]) => [name.replace(/--[a-zA-Z0-9+/=]{8}$/, ''), value]));
}

function textToHtml(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[])
    .map(({ insert, attributes = {} }) => {
      if (typeof insert !== 'string') return '';
      const marks = markNames(attributes);
      let html = escapeHtml(insert);
      for (const [mark, tag] of MARKS) if (marks.get(mark)) html = `<${tag}>${html}</${tag}>`;
      const href = safeHref((marks.get('link') as { href?: unknown } | undefined)?.href);
      if (href) html = `<a href="${escapeHtml(href)}" ${LINK_ATTRIBUTES}>${html}</a>`;
      return html;
    })
    .join('');
}

function childrenToHtml(node: Y.XmlElement | Y.XmlFragment): string {
  return node
    .toArray()
    .map((child) => nodeToHtml(child as Y.XmlElement | Y.XmlText))
    .join('');
}

function nodeToHtml(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return textToHtml(node);
  if (!(node instanceof Y.XmlElement)) return '';
  switch (node.nodeName) {
    case 'hardBreak':
      return '<br />';
    case 'horizontalRule':
      return '<hr />';
    case 'heading': {
      // The public pages own the h1; the allow-list keeps h2–h4.
      const level = Math.min(Math.max(Number(node.getAttribute('level')) || 2, 2), 4);
      return `<h${level}>${childrenToHtml(node)}</h${level}>`;
    }
    case 'codeBlock':
      return `<pre><code>${childrenToHtml(node)}</code></pre>`;
  }
  const tag = BLOCKS[node.nodeName];
  // An unknown element keeps its (escaped) text and loses its tag.
  return tag ? `<${tag}>${childrenToHtml(node)}</${tag}>` : childrenToHtml(node);
}

const EMPTY_PARAGRAPHS_AT_ENDS = /^(<p><\/p>)+|(<p><\/p>)+$/g;

export function fragmentToHtml(fragment: Y.XmlFragment): string {
  // An editor always holds at least one paragraph: a description nobody wrote is '', not '<p></p>'.
  return childrenToHtml(fragment).replace(EMPTY_PARAGRAPHS_AT_ENDS, '');
}
