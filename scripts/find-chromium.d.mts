/** The Chromium to test with: `$CHROME_PATH`, else Debian's; undefined when there is none. */
export function findChromium(): string | undefined;
