import type { EngineState } from './engine.js';
import type { Desk, EngineKernel } from './records.js';

// What a restored engine runs once, before any command: loaded on first use, since only a server
// that restarts from a snapshot restores.

type DeskModule = { open(kernel: EngineKernel): Desk };

const DESKS: Record<keyof EngineKernel['desks'], () => Promise<DeskModule>> = {
  routing: () => import('./routing-desk.js'), care: () => import('./care-desk.js'), presence: () => import('./presence-desk.js'),
  customer: () => import('./customer-desk.js'), tribute: () => import('./tribute-desk.js'), block: () => import('./block-desk.js'),
};

/**
 * Fills the engine's maps and sets in place (the desks hold some of them, as the kernel's
 * `chatEnabled`), then opens each desk the state names and hands it its own state (its
 * countdowns bind again by id through `kernel.resumeTimer`).
 */
export async function restore(state: EngineState, live: Record<string, Map<unknown, unknown> | Set<unknown>>, kernel: EngineKernel): Promise<void> {
  for (const [name, target] of Object.entries(live)) {
    for (const item of state[name as keyof EngineState] as Iterable<unknown>) {
      if (target instanceof Map) target.set(...(item as [unknown, unknown]));
      else target.add(item);
    }
  }
  for (const [name, deskState] of Object.entries(state.desks)) (await DESKS[name as keyof EngineKernel['desks']]()).open(kernel).restoreState(deskState);
}
