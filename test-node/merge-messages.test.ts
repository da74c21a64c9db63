import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mergeMessages } from '../src/client/state.ts';
import type { Message } from '../src/index.ts';

const message = (id: string, seq: number, at = seq): Message =>
  ({ id, conversationId: 'c', seq, authorId: 'a', at, kind: 'text', text: id } as Message);

describe('C3 the client thread order', () => {
  it('keeps messages in sequence order when they arrive out of order', () => {
    const list = mergeMessages(mergeMessages([message('a', 1), message('c', 3)], [message('d', 4)]), [message('b', 2)]);
    assert.deepEqual(list.map((m) => m.id), ['a', 'b', 'c', 'd']);
  });

  it('keeps my pending messages after every stored one', () => {
    const list = mergeMessages([message('a', 1), message('p', 0, 5)], [message('b', 2)]);
    assert.deepEqual(list.map((m) => m.id), ['a', 'b', 'p']);
  });

  it('replaces a pending message by its stored copy: one copy, in sequence place', () => {
    const list = mergeMessages([message('a', 1), message('p', 0, 5), message('q', 0, 6)], [message('q', 2)]);
    assert.deepEqual(list.map((m) => `${m.id}:${m.seq}`), ['a:1', 'q:2', 'p:0']);
  });

  it('a message delivered twice (event and ack) is kept once', () => {
    const once = mergeMessages([message('a', 1)], [message('b', 2)]);
    const twice = mergeMessages(once, [message('b', 2), message('a', 1)]);
    assert.deepEqual(twice.map((m) => m.id), ['a', 'b']);
  });

  it('never changes the list it was given', () => {
    const list = Object.freeze([message('a', 1)]);
    const merged = mergeMessages(list, [message('b', 2)]);
    assert.equal(list.length, 1);
    assert.notEqual(merged, list);
  });
});
