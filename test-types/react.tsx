// Type-level test of volley-chat/react, checked by `npm run typecheck`: the components take the
// elements' properties and typed `onVolley…` events, and the tags in JSX (React 19) their
// properties and `onvolley-…` events (TypeScript lets any hyphenated JSX attribute through, so a
// misspelt `onvolley-…` name on a tag cannot be caught; its handler's event type is). Each @ts-expect-error line would be an unused directive,
// failing the check, if the types were loose.
import { createRef } from 'react';
import { VolleyChat, VolleyChatCard, VolleyLauncher, VolleyThread } from '../src/react/index.js';
import type { VolleyChat as VolleyChatElement } from '../src/elements/chat/chat.component.js';
import type { ChatClient } from '../src/client/client.js';

declare const client: ChatClient;
const ref = createRef<VolleyChatElement>();

export const components = (
  <>
    <VolleyChat
      ref={ref}
      client={client}
      conversationId="c1"
      theme="dark"
      strings={{ chats: 'Discussions' }}
      className="chat"
      onVolleySend={(event) => console.log(event.draft, event.conversationId)}
      onVolleyTribute={(event) => console.log(event.amountCents)}
      onVolleySelect={(event) => console.log(event.conversationId)}
    />
    <VolleyChatCard provider="ivy" onVolleyStart={(event) => console.log(event.providerId)} />
    <VolleyLauncher position="start" onVolleyToggle={(event) => console.log(event.open)} onVolleySend={(event) => event.preventDefault()} />
    {/* @ts-expect-error: no such property */}
    <VolleyChat conversationID="c1" />
    {/* @ts-expect-error: a theme is light or dark */}
    <VolleyChat theme="blue" />
    {/* @ts-expect-error: conversationId is a string */}
    <VolleyChat conversationId={1} />
    {/* @ts-expect-error: no such event */}
    <VolleyChat onVolleySent={() => undefined} />
    {/* @ts-expect-error: a send event has no amount */}
    <VolleyChat onVolleySend={(event) => console.log(event.amountCents)} />
    {/* @ts-expect-error: the card never starts a toggle */}
    <VolleyChatCard onVolleyToggle={() => undefined} />
    {/* @ts-expect-error: a thread has no composer, so no send event */}
    <VolleyThread onVolleySend={() => undefined} />
  </>
);

export const tags = (
  <>
    <volley-chat client={client} conversationId="c1" theme="dark" onvolley-send={(event) => console.log(event.draft)} />
    <volley-chat-card provider="ivy" onvolley-select={(event) => console.log(event.conversationId)} />
    {/* @ts-expect-error: no such property */}
    <volley-chat conversationID="c1" />
    {/* @ts-expect-error: a select event has no draft */}
    <volley-chat onvolley-select={(event) => console.log(event.draft)} />
    {/* @ts-expect-error: the card's property is a string */}
    <volley-chat-card provider={7} />
  </>
);
