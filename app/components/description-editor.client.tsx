import type { HocuspocusProvider } from '@hocuspocus/provider';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type * as Y from 'yjs';
import { descriptionFragment } from '../../core/draft/model';

interface Props {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  workshopKey: string;
  workshopTitle: string;
  /** The same name and colour as the board's presence avatars. */
  user: { id?: string; name: string; color: string };
  onClose(): void;
}

/**
 * A workshop's description, edited together: the text lives in the season draft's
 * `description:<key>` fragment, so it syncs, works offline and publishes with the rest of the draft.
 * Co-editors' carets carry their name. Undo/redo is the collaboration's own (only your edits).
 */
export default function DescriptionEditor({ doc, provider, workshopKey, workshopTitle, user, onClose }: Props) {
  const editor = useEditor(
    {
      // The document only exists in the browser (IndexedDB + socket): never render on the server.
      immediatelyRender: false,
      extensions: [
        StarterKit.configure({ undoRedo: false, link: { openOnClick: false } }),
        Collaboration.configure({ document: doc, fragment: descriptionFragment(doc, workshopKey) }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editorProps: {
        attributes: {
          class: 'description-editor-content',
          'aria-label': `Description of ${workshopTitle}`,
          role: 'textbox',
          'aria-multiline': 'true',
        },
      },
    },
    [doc, provider, workshopKey, user.name, user.color],
  );

  return (
    <section className="description-editor" aria-label={`Description of ${workshopTitle}`}>
      <div className="row description-editor-bar">
        <h2>Description of “{workshopTitle}”</h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {editor ? <Toolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
      <p className="muted">
        <small>Everyone on the board edits this together; it goes public with the next publish.</small>
      </p>
    </section>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      heading: e.isActive('heading', { level: 3 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      link: e.isActive('link'),
    }),
  });
  const setLink = () => {
    const previous = editor.getAttributes('link').href as string | undefined;
    const href = window.prompt('Link address (https://… or mailto:…); empty removes the link', previous ?? 'https://');
    if (href === null) return;
    if (href.trim() === '') editor.chain().focus().extendMarkRange('link').unsetLink().run();
    else editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run();
  };
  const button = (label: string, pressed: boolean, run: () => void, title = label) => (
    <button
      type="button"
      className="secondary"
      aria-pressed={pressed}
      title={title}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      {label}
    </button>
  );
  return (
    <div className="row description-toolbar" role="toolbar" aria-label="Formatting">
      {button('B', active.bold, () => editor.chain().focus().toggleBold().run(), 'Bold')}
      {button('I', active.italic, () => editor.chain().focus().toggleItalic().run(), 'Italic')}
      {button('H', active.heading, () => editor.chain().focus().toggleHeading({ level: 3 }).run(), 'Heading')}
      {button('• List', active.bulletList, () => editor.chain().focus().toggleBulletList().run(), 'Bulleted list')}
      {button('1. List', active.orderedList, () => editor.chain().focus().toggleOrderedList().run(), 'Numbered list')}
      {button('Link', active.link, setLink)}
    </div>
  );
}
