import { fling } from '../bench/thread/wheel.mjs';

/**
 * A web-test-runner plugin for real wheel input: `executeServerCommand('wheel-fling', { x, y,
 * deltaY, steps, durationMs })` dispatches mouse-wheel events through the DevTools Protocol, so
 * Chromium scrolls natively as for a person's wheel (see bench/thread/wheel.mjs).
 */
export function wheelPlugin() {
  return {
    name: 'wheel-fling',
    async executeCommand({ command, payload, session }) {
      if (command !== 'wheel-fling') return undefined;
      const page = session.browser.getPage(session.id);
      const cdp = await page.createCDPSession();
      // `throttle`: the CPU slowed down that many times meanwhile (a slower device, or a busy CI machine).
      if (payload.throttle) await cdp.send('Emulation.setCPUThrottlingRate', { rate: payload.throttle });
      try {
        return await fling(cdp, payload);
      } finally {
        if (payload.throttle) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => undefined);
        await cdp.detach().catch(() => undefined);
      }
    },
  };
}
