import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useApp, useUsers } from '../app/context';
import { sendMessage } from '../lib/sending';
import type { Media, Message } from '../lib/types';
import { Uploader } from '../components/Uploader';

export type ComposeContext =
  | { kind: 'reply' | 'quote' | 'edit'; message: Message }
  | { kind: 'thread'; message: Message | null; rootId: string }
  | { kind: 'position'; x: number; y: number };

const TYPING_EVERY_MS = 2_000;

/** Writes a message: Enter sends, Shift+Enter a new line; reply/quote/edit context; attachments; typing signals. */
export function Composer({ conversationId, context, clearContext, sticky = false }: {
  conversationId: string; context: ComposeContext | null; clearContext: () => void; sticky?: boolean;
}) {
  const { api, socket, store } = useApp();
  const users = useUsers();
  const [text, setText] = useState('');
  const [markdown, setMarkdown] = useState(true);
  const [media, setMedia] = useState<Media[]>([]);
  const lastTyping = useRef(0);
  const [error, setError] = useState<string | null>(null);

  function typed(value: string) {
    setText(value);
    const now = Date.now();
    if (value && now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      socket.signal({ type: 'typing', conversationId });
    }
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    const body = text.trim();
    if (!body && media.length === 0) return;
    setError(null);
    if (context?.kind === 'edit') {
      try {
        const m = await api.patch<Message>(`/v1/conversations/${conversationId}/messages/${context.message.id}`, { text: body });
        store.applyMessage(m);
      } catch (err) {
        setError(err instanceof Error ? err.message : 'edit failed');
        return;
      }
    } else {
      void sendMessage(socket, store, {
        conversationId, text: body, format: markdown ? 'markdown' : 'plain',
        replyToId: context?.kind === 'reply' ? context.message.id : undefined,
        quoteOfId: context?.kind === 'quote' ? context.message.id : undefined,
        threadRootId: context?.kind === 'thread' ? context.rootId : undefined,
        mediaIds: media.map((m) => m.id),
        ...(context?.kind === 'position' ? { position: { x: context.x, y: context.y } } : {}),
      });
    }
    setText('');
    setMedia([]);
    lastTyping.current = 0;
    if (!sticky) clearContext();
  }

  function keys(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape' && context) {
      clearContext();
    }
  }

  const label = context?.kind === 'edit' ? 'Edit message' : context?.kind === 'thread' ? 'Reply in thread' : 'Message';
  return (
    <form className="composer" onSubmit={submit} aria-label={label}>
      {context && context.kind !== 'thread' && (
        <div className="compose-context">
          {context.kind === 'position' ? <span>Note at {(context.x * 100).toFixed(0)}%, {(context.y * 100).toFixed(0)}%</span>
            : <span>{context.kind === 'edit' ? 'Editing' : context.kind === 'reply' ? 'Replying to' : 'Quoting'} {users.name(context.message.senderId)}: “{context.message.text?.slice(0, 60)}”</span>}
          <button type="button" onClick={clearContext} aria-label="Cancel">×</button>
        </div>
      )}
      <div className="row">
        <textarea aria-label={label} value={text} rows={2} placeholder={label + ' (Enter sends, Shift+Enter new line)'}
          onChange={(e) => typed(e.target.value)} onKeyDown={keys} />
        <button type="submit">{context?.kind === 'edit' ? 'Save' : 'Send'}</button>
      </div>
      <div className="row small">
        <label><input type="checkbox" checked={markdown} onChange={(e) => setMarkdown(e.target.checked)} /> Markdown</label>
        <Uploader onUploaded={(m) => setMedia((x) => [...x, m])} label="Attach" />
        {media.length > 0 && <span>{media.length} attached</span>}
      </div>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}
