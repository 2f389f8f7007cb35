import { getSchema, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sanitizeDescription } from '../rich-text';
import { fragmentToHtml } from './description';
import { descriptionFragment, draftMaps, readDraft, touchesOnlyDescriptions, writePlainDescription } from './model';

// The schema the board's editor uses, so the fragments below are exactly what Collaboration writes.
const schema = getSchema([StarterKit.configure({ undoRedo: false })]);

function fragmentOf(content: JSONContent[]): Y.XmlFragment {
  const fragment = new Y.Doc().getXmlFragment('description:test');
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, fragment);
  return fragment;
}

type Mark = NonNullable<JSONContent['marks']>[number];
const text = (value: string, marks: Mark[] = []): JSONContent => ({ type: 'text', text: value, marks });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

describe('a Tiptap description as public HTML', () => {
  it('renders every node and mark StarterKit produces', () => {
    const fragment = fragmentOf([
      { type: 'heading', attrs: { level: 2 }, content: [text('Risograph basics')] },
      paragraph(
        text('Bring '),
        text('paper', [{ type: 'bold' }]),
        text(' and '),
        text('ink', [{ type: 'italic' }, { type: 'underline' }]),
        { type: 'hardBreak' },
        text('no ', [{ type: 'strike' }]),
        text('solvents', [{ type: 'code' }]),
        text(' — see '),
        text('the shop', [{ type: 'link', attrs: { href: 'https://example.org/shop' } }]),
      ),
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [paragraph(text('one'))] },
          { type: 'listItem', content: [paragraph(text('two'))] },
        ],
      },
      {
        type: 'orderedList',
        attrs: { start: 1 },
        content: [{ type: 'listItem', content: [paragraph(text('first'))] }],
      },
      { type: 'blockquote', content: [paragraph(text('Quoted'))] },
      { type: 'codeBlock', attrs: { language: 'sh' }, content: [text('lp -d riso <file>')] },
      { type: 'horizontalRule' },
      { type: 'heading', attrs: { level: 1 }, content: [text('Top')] },
      { type: 'heading', attrs: { level: 6 }, content: [text('Deep')] },
      paragraph(),
    ]);
    const html = fragmentToHtml(fragment);
    expect(html).toBe(
      '<h2>Risograph basics</h2>' +
        '<p>Bring <strong>paper</strong> and <u><em>ink</em></u><br /><s>no </s><code>solvents</code> — see ' +
        '<a href="https://example.org/shop" rel="noopener noreferrer nofollow" target="_blank">the shop</a></p>' +
        '<ul><li><p>one</p></li><li><p>two</p></li></ul>' +
        '<ol><li><p>first</p></li></ol>' +
        '<blockquote><p>Quoted</p></blockquote>' +
        '<pre><code>lp -d riso &lt;file&gt;</code></pre>' +
        '<hr />' +
        '<h2>Top</h2><h4>Deep</h4>',
    );
    // Only tags of the public allow-list: sanitizing again (as the public pages do) changes nothing.
    expect(sanitizeDescription(html)).toBe(html);
  });

  it('gives an empty editor as an empty description', () => {
    expect(fragmentToHtml(fragmentOf([paragraph()]))).toBe('');
    expect(fragmentToHtml(new Y.Doc().getXmlFragment('description:none'))).toBe('');
  });

  it('keeps typed markup as text', () => {
    const html = fragmentToHtml(
      fragmentOf([paragraph(text('<script>alert(1)</script><img src=x onerror="alert(2)">'))]),
    );
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;</p>');
  });

  it('makes hostile elements, attributes and links written straight into the document inert', () => {
    // A client can write any Yjs structure, not only what the editor's schema allows.
    const fragment = new Y.Doc().getXmlFragment('description:hostile');
    const script = new Y.XmlElement('script');
    script.insert(0, [new Y.XmlText('alert(1)')]);
    const image = new Y.XmlElement('img');
    image.setAttribute('src', 'x');
    image.setAttribute('onerror', 'alert(2)');
    const para = new Y.XmlElement('paragraph');
    para.setAttribute('onclick', 'alert(3)');
    const link = new Y.XmlText();
    link.insert(0, 'click', { link: { href: 'javascript:alert(4)' } });
    link.insert(5, ' quote"s', { link: { href: 'https://example.org/?q="><script>' } });
    para.insert(0, [link]);
    fragment.insert(0, [script, image, para]);

    const html = fragmentToHtml(fragment);
    expect(html).toBe(
      'alert(1)<p>click<a href="https://example.org/?q=&quot;&gt;&lt;script&gt;" rel="noopener noreferrer nofollow" target="_blank"> quote&quot;s</a></p>',
    );
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<img/i);
  });

  it('reads a mark that y-prosemirror stored under a hashed name', () => {
    const fragment = new Y.Doc().getXmlFragment('description:hashed');
    const para = new Y.XmlElement('paragraph');
    const words = new Y.XmlText();
    words.insert(0, 'loud', { 'bold--AbCd1234': {} });
    para.insert(0, [words]);
    fragment.insert(0, [para]);
    expect(fragmentToHtml(fragment)).toBe('<p><strong>loud</strong></p>');
  });

  it('is what readDraft reports as descriptionHtml', () => {
    const doc = new Y.Doc();
    doc.getMap<Y.Map<unknown>>('workshops').set(
      'riso',
      new Y.Map<unknown>([
        ['key', 'riso'],
        ['title', 'Riso'],
        ['capacity', 8],
        ['tags', []],
        ['isPublic', true],
      ]),
    );
    writePlainDescription(descriptionFragment(doc, 'riso'), 'Two <b>colours</b>.\n\nBring a drawing.');
    expect(readDraft(doc).workshops.riso.descriptionHtml).toBe(
      '<p>Two &lt;b&gt;colours&lt;/b&gt;.</p><p>Bring a drawing.</p>',
    );
    // The board's reading, on every edit, skips rendering it.
    expect(readDraft(doc, { descriptions: false }).workshops.riso).toEqual({
      key: 'riso',
      title: 'Riso',
      capacity: 8,
      tags: [],
      isPublic: true,
    });
  });
});

describe('telling description typing from other edits', () => {
  it('is true only for transactions that change descriptions alone', () => {
    const doc = new Y.Doc();
    const seen: boolean[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => seen.push(touchesOnlyDescriptions(transaction)));
    const maps = draftMaps(doc);
    doc.transact(() => maps.workshops.set('riso', new Y.Map<unknown>([['title', 'Riso']])));
    doc.transact(() => writePlainDescription(descriptionFragment(doc, 'riso'), 'Two colours.'));
    doc.transact(() =>
      ((descriptionFragment(doc, 'riso').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Only '),
    );
    doc.transact(() => {
      maps.workshops.get('riso')!.set('title', 'Risograph');
      descriptionFragment(doc, 'riso').delete(0, 1);
    });
    expect(seen).toEqual([false, true, true, false]);
  });
});
