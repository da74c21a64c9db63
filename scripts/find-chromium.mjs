#!/usr/bin/env node
// Finds a Chromium for the browser tests; installs Debian's package when it is missing and we can.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium() {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  return CANDIDATES.find((path) => existsSync(path));
}

function canInstall() {
  try {
    execSync('command -v apt-get', { stdio: 'ignore' });
    return typeof process.getuid === 'function' && process.getuid() === 0;
  } catch {
    return false;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let found = findChromium();
  if (!found && canInstall()) {
    console.log('Chromium not found: installing Debian\'s chromium package…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
    found = findChromium();
  }
  if (!found) {
    console.error('Chromium is missing: run `sudo apt-get install -y chromium` (or set CHROME_PATH to a Chrome/Chromium binary).');
    process.exit(1);
  }
  console.log(`Browser tests use ${found}`);
}
