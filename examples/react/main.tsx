// A React 19 support page with Volley: the chat is a React component from 'volley-chat/react',
// taking the client as a prop; its events land in the page's own React state.
import { StrictMode, Suspense, use, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { VolleyChat } from 'volley-chat/react';
import type { VolleySendEvent, VolleyTributeEvent } from 'volley-chat/elements';
import { connect } from '../shared/world.js';

// Outside React, so StrictMode's second render does not start a second chat.
const chat = connect();

function SupportPage() {
  const { client, conversationId } = use(chat);
  const [sent, setSent] = useState<string[]>([]);
  const [tribute, setTribute] = useState<number>();
  const onSend = (event: VolleySendEvent) => setSent((list) => [...list, event.draft.kind === 'text' ? event.draft.text : event.draft.kind]);
  const onTribute = (event: VolleyTributeEvent) => setTribute(event.amountCents);
  return (
    <>
      <section className="chat" aria-label="Chat with Ivy">
        <VolleyChat client={client} conversationId={conversationId} onVolleySend={onSend} onVolleyTribute={onTribute} />
      </section>
      <aside aria-label="What the app saw">
        <h2>Seen by the app</h2>
        <p id="sent-count">{sent.length === 1 ? '1 message sent' : `${sent.length} messages sent`}</p>
        <ol>{sent.map((text, index) => <li key={index}>{text}</li>)}</ol>
        <p id="tribute">{tribute === undefined ? 'No tribute yet' : `Tribute of ${(tribute / 100).toFixed(2)} on its way`}</p>
      </aside>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main className="page">
      <header>
        <h1>Support</h1>
        <p>Questions about your order? Ivy answers here.</p>
      </header>
      <Suspense fallback={<p>Connecting…</p>}>
        <SupportPage />
      </Suspense>
    </main>
  </StrictMode>,
);
