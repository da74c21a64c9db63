/**
 * Core throughput on this machine: sends through the engine's edge, through a ChatClient on
 * LocalTransport (serialised frames both ways), and the contact guard on ordinary chat text.
 * Prints figures; asserts nothing (speed is reported, not unit-tested).
 */
import { performance } from 'node:perf_hooks';
import { ChatClient, ChatEngine, LocalTransport, ManualClock, presets } from '../src/index.ts';
import { findContactInfo } from '../src/rules/index.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);

function setup() {
  const clock = new ManualClock(0);
  const engine = new ChatEngine({ policy: presets.marketplace(presets.paidChat()), clock });
  engine.upsertUser({ id: 'c1', role: 'customer' });
  engine.upsertUser({ id: 'p1', role: 'provider' });
  return { clock, engine };
}

function report(name: string, count: number, ms: number): void {
  console.log(`${name.padEnd(52)} ${String(count).padStart(7)} ops  ${ms.toFixed(1).padStart(8)} ms  ${Math.round((count / ms) * 1000).toLocaleString('en').padStart(10)} ops/s  ${((ms * 1000) / count).toFixed(1).padStart(7)} µs/op`);
}

{
  const { engine, clock } = setup();
  const conversation = await engine.execute<'start'>('c1', { type: 'start', with: 'p1' });
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++) {
    const userId = i % 2 ? 'p1' : 'c1';
    await engine.execute<'send'>(userId, { type: 'send', conversationId: conversation.id, message: { id: `m${i}`, kind: 'text', text: `message number ${i}, see you at 10:30` } });
    clock.advance(1000);
  }
  report('engine.execute send (validated, guarded)', MESSAGES, performance.now() - started);
}

{
  const { engine, clock } = setup();
  const customer = new ChatClient({ transport: new LocalTransport(engine, { userId: 'c1' }), clock });
  const provider = new ChatClient({ transport: new LocalTransport(engine, { userId: 'p1' }), clock });
  await customer.connect();
  await provider.connect();
  const conversation = await customer.startConversation({ with: 'p1' });
  const count = Math.min(MESSAGES, 5_000);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    await (i % 2 ? provider : customer).send(conversation.id, { kind: 'text', text: `message number ${i}` });
    clock.advance(1000);
  }
  report('ChatClient.send over LocalTransport (2 clients)', count, performance.now() - started);
}

{
  const samples = ['see you at 10:30 tomorrow', 'the price is $25 for the basic package', 'order #12345678 shipped on 2026-01-15', 'thanks, that works for me!'];
  const count = 100_000;
  const started = performance.now();
  let found = 0;
  for (let i = 0; i < count; i++) found += findContactInfo(samples[i % samples.length]).length;
  report(`findContactInfo on ordinary text (${found} findings)`, count, performance.now() - started);
}
