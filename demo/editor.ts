/**
 * The theme and strings editor. Tokens are `--volley-*` custom properties set on the container of
 * the live product and the gallery with `style.setProperty` (CSSOM: allowed under a strict CSP,
 * unlike a style attribute); only the tokens touched are set, so the built-in dark theme still
 * applies elsewhere. Strings are JSON applied through the elements' `strings` property.
 */

/**
 * The main tokens with the defaults of the built-in light and dark themes (src/elements/shared/styles.ts).
 * The page's dark switch (theme.ts) sets the dark values on the whole page, so every element follows
 * it, and the editor's fields show the palette in use.
 */
export const TOKENS: { name: string; label: string; value: string; dark?: string; type: 'color' | 'range' | 'text'; unit?: string; min?: number; max?: number }[] = [
  { name: '--volley-accent', label: 'Accent', value: '#0b5cad', dark: '#6cb6ff', type: 'color' },
  { name: '--volley-accent-fg', label: 'Text on accent', value: '#ffffff', dark: '#0f1419', type: 'color' },
  { name: '--volley-bg', label: 'Background', value: '#ffffff', dark: '#0f1419', type: 'color' },
  { name: '--volley-fg', label: 'Text', value: '#1b1f24', dark: '#e6edf3', type: 'color' },
  { name: '--volley-muted', label: 'Muted text', value: '#57606a', dark: '#9da7b3', type: 'color' },
  { name: '--volley-surface', label: 'Surface', value: '#f3f4f6', dark: '#1b222b', type: 'color' },
  { name: '--volley-border', label: 'Border', value: '#c9d1d9', dark: '#3d4753', type: 'color' },
  { name: '--volley-bubble-mine', label: 'My bubble', value: '#0b5cad', dark: '#1f6feb', type: 'color' },
  { name: '--volley-bubble-mine-fg', label: 'My bubble text', value: '#ffffff', dark: '#ffffff', type: 'color' },
  { name: '--volley-bubble-theirs', label: 'Their bubble', value: '#eef1f4', dark: '#262e38', type: 'color' },
  { name: '--volley-bubble-theirs-fg', label: 'Their bubble text', value: '#1b1f24', dark: '#e6edf3', type: 'color' },
  { name: '--volley-danger', label: 'Danger', value: '#b42318', dark: '#ff7b72', type: 'color' },
  { name: '--volley-success', label: 'Success (volley mark)', value: '#146c2e', dark: '#56d364', type: 'color' },
  { name: '--volley-radius', label: 'Corner radius', value: '12', type: 'range', unit: 'px', min: 0, max: 24 },
  { name: '--volley-gap', label: 'Gap', value: '8', type: 'range', unit: 'px', min: 2, max: 20 },
  { name: '--volley-font-size', label: 'Font size', value: '15', type: 'range', unit: 'px', min: 12, max: 20 },
  { name: '--volley-font', label: 'Font family', value: 'system-ui, sans-serif', type: 'text' },
];

/** A token's default in a theme. */
export const tokenDefault = (token: (typeof TOKENS)[number], theme: 'light' | 'dark') => (theme === 'dark' && token.dark) || token.value;

export const SAMPLE_STRINGS = {
  placeholder: 'Say something nice…',
  send: 'Send it',
  chats: 'Conversations',
  title: 'Conversations',
  claim: 'Take this chat',
  volleyBadge: 'V',
  errors: { 'customer-must-initiate': 'Wait for your customer to say hello first.' },
};

let applied: Record<string, unknown> = {};

/** The strings last applied: the gallery gives them to the cards it builds later. */
export function appliedStrings(): Record<string, unknown> {
  return applied;
}

/** Every element that takes strings: the live panels (they hand them down) and the gallery's elements. */
const stringTargets = () => document.querySelectorAll<HTMLElement & { strings: object }>('#live volley-chat, #gallery .volley');

/**
 * Mounts the editor; returns what to call when the page's theme changes: the fields not edited
 * show that theme's defaults.
 */
export function mountEditor(form: HTMLFormElement, themed: HTMLElement, theme: 'light' | 'dark'): (theme: 'light' | 'dark') => void {
  const fields = form.querySelector<HTMLElement>('#tokens')!;
  const inputs: [HTMLInputElement, (typeof TOKENS)[number]][] = [];
  for (const token of TOKENS) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = token.type;
    input.name = token.name;
    input.value = input.defaultValue = tokenDefault(token, theme);
    if (token.min !== undefined) input.min = String(token.min);
    if (token.max !== undefined) input.max = String(token.max);
    input.addEventListener('input', () => {
      input.dataset.edited = 'true';
      themed.style.setProperty(token.name, `${input.value}${token.unit ?? ''}`);
    });
    inputs.push([input, token]);
    const name = document.createElement('code');
    name.textContent = token.name;
    label.append(`${token.label} `, name, input);
    fields.append(label);
  }

  const area = form.querySelector<HTMLTextAreaElement>('#strings')!;
  const status = form.querySelector<HTMLElement>('#editor-status')!;
  area.value = area.defaultValue = JSON.stringify(SAMPLE_STRINGS, null, 2);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      const parsed: unknown = JSON.parse(area.value);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('Strings are one JSON object: { "key": "text" }.');
      applied = parsed as Record<string, unknown>;
      for (const element of stringTargets()) element.strings = applied;
      status.textContent = `Applied ${Object.keys(applied).length} strings.`;
    } catch (error) {
      status.textContent = `Not applied: ${error instanceof Error ? error.message : String(error)}`;
    }
  });
  form.addEventListener('reset', () => {
    for (const token of TOKENS) themed.style.removeProperty(token.name);
    for (const [input] of inputs) delete input.dataset.edited;
    applied = {};
    for (const element of stringTargets()) element.strings = {};
    status.textContent = 'Back to the default theme and strings.';
  });

  return (next) => {
    for (const [input, token] of inputs) {
      input.defaultValue = tokenDefault(token, next);
      if (!input.dataset.edited) input.value = input.defaultValue;
    }
  };
}
