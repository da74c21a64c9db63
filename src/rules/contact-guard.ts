/**
 * Spec M2 — contact guard.
 *
 * In a pre-order inbox chat, buyer and seller must not swap off-platform
 * contact details: e-mail addresses, phone numbers, links, or handles on other
 * apps. People dodge naive filters, so this also catches the usual evasions:
 * "at"/"dot" spelled out or bracketed, digits spelled out or spaced apart,
 * letters spaced apart ("w h a t s a p p"), and look-alike Unicode characters.
 *
 * Pure and dependency-free (no DOM, no Node APIs). Every regex is bounded
 * (`{0,n}` rather than `*` next to overlapping classes) or starts behind a
 * look-behind, so a hostile 4,000-character message stays linear-ish.
 */

export type ContactKind = 'email' | 'phone' | 'link' | 'handle';
export interface ContactFinding { kind: ContactKind; match: string; index: number }

/** Every piece of off-platform contact information found in the text, in order of position. */
export function findContactInfo(text: string): ContactFinding[] {
  if (!text) return [];
  const view = normalise(text);
  const candidates: Span[] = [
    ...findEmails(view),
    ...findLinks(view),
    ...findPhones(view),
    ...findHandles(view),
  ];
  return resolveOverlaps(candidates).map((span) => {
    const index = view.start[span.start];
    return { kind: span.kind, match: text.slice(index, view.end[span.end - 1]), index };
  });
}

// ---------------------------------------------------------------------------
// Normalised view: lower-case, NFKC-folded, invisible characters dropped and
// spaced-out letters joined, with a map back to offsets in the original text.
// ---------------------------------------------------------------------------

interface NormalisedText {
  original: string;
  text: string;
  /** start[i]: offset in the original text of the character that produced text[i]. */
  start: number[];
  /** end[i]: offset just past that original character. */
  end: number[];
}

/** A candidate finding in normalised coordinates, [start, end). */
interface Span { kind: ContactKind; start: number; end: number }

// Zero-width and soft-hyphen characters are invisible, so they only ever serve to split a word.
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/;
// Middle dots, bullets and ideographic full stops read as a dot; NFKC leaves them alone.
const DOT_LOOKALIKES = /[\u00b7\u2022\u2219\u2024\u3002\uff61]/;
const APOSTROPHE_LOOKALIKES = /[\u2018\u2019\u02bc]/;
// Zero code points of common non-Latin decimal digit blocks (Arabic-Indic, Devanagari, Bengali, Thai, …).
const DIGIT_ZEROS = [0x660, 0x6f0, 0x966, 0x9e6, 0xa66, 0xae6, 0xbe6, 0xc66, 0xce6, 0xd66, 0xe50, 0xed0, 0x1040];

function foldCharacter(codePoint: number, char: string): string {
  if (codePoint < 0x80) return char.toLowerCase();
  if (INVISIBLE.test(char)) return '';
  if (DOT_LOOKALIKES.test(char)) return '.';
  if (APOSTROPHE_LOOKALIKES.test(char)) return "'";
  for (const zero of DIGIT_ZEROS) {
    if (codePoint >= zero && codePoint <= zero + 9) return String(codePoint - zero);
  }
  // NFKC turns full-width "＠", "５" and friends, circled digits and maths letters into plain ASCII.
  return char.normalize('NFKC').toLowerCase();
}

// Three or more single letters separated by a space, "-", "_" or "*": "w h a t s a p p", "g-m-a-i-l".
const SPACED_OUT_LETTERS = /(?<![a-z0-9])[a-z](?:[ \t_*-]{1,2}[a-z](?![a-z0-9])){2,}/g;

function normalise(original: string): NormalisedText {
  const chars: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < original.length; ) {
    const codePoint = original.codePointAt(i) as number;
    const width = codePoint > 0xffff ? 2 : 1;
    const folded = foldCharacter(codePoint, original.slice(i, i + width));
    for (let k = 0; k < folded.length; k++) {
      chars.push(folded[k]);
      start.push(i);
      end.push(i + width);
    }
    i += width;
  }

  // Join spaced-out letters by dropping the separators between them.
  const folded = chars.join('');
  const dropped = new Uint8Array(folded.length);
  for (const m of folded.matchAll(SPACED_OUT_LETTERS)) {
    for (let i = m.index; i < m.index + m[0].length; i++) {
      if (!/[a-z]/.test(folded[i])) dropped[i] = 1;
    }
  }
  const view: NormalisedText = { original, text: '', start: [], end: [] };
  const kept: string[] = [];
  for (let i = 0; i < folded.length; i++) {
    if (dropped[i]) continue;
    kept.push(folded[i]);
    view.start.push(start[i]);
    view.end.push(end[i]);
  }
  view.text = kept.join('');
  return view;
}

// ---------------------------------------------------------------------------
// Shared vocabulary.
// ---------------------------------------------------------------------------

// TLDs that are rarely an ordinary word, so "name.tld" is taken as a domain on its own.
const COMMON_TLDS = new Set([
  'com', 'net', 'org', 'edu', 'gov', 'io', 'co', 'info', 'biz', 'app', 'dev', 'xyz', 'online', 'site',
  'store', 'shop', 'tech', 'top', 'pro', 'blog', 'club', 'uk', 'de', 'fr', 'es', 'nl', 'ru', 'ua', 'ca',
  'au', 'nz', 'br', 'mx', 'ch', 'se', 'dk', 'fi', 'pl', 'cz', 'pt', 'ie', 'jp', 'cn', 'kr', 'tw', 'hk',
  'sg', 'za', 'tr', 'eu',
]);
// TLDs that double as everyday words or abbreviations ("it", "me", "so", "ai", "gg"): a link only with a
// path, a "www." prefix or a well-known host. File extensions (.pdf, .jpg, .png, .txt, .doc, …) are in neither list.
const WORDLIKE_TLDS = new Set([
  'me', 'to', 'in', 'it', 'is', 'at', 'be', 'so', 'no', 'us', 'do', 'go', 'my', 'id', 'tv', 'ly', 'gg',
  'ai', 'cc', 'fm', 'la', 'ws', 'sh', 'ee', 'im', 'gl',
]);
const KNOWN_SHORT_HOSTS = new Set([
  'bit.ly', 't.me', 'wa.me', 'm.me', 'ig.me', 'fb.me', 'youtu.be', 'goo.gl', 'linktr.ee', 'discord.gg',
  'paypal.me', 'venmo.me', 'pm.me',
]);
// Mail providers: "ivy at gmail" is an address even without the ".com".
const MAIL_PROVIDERS = new Set([
  'gmail', 'googlemail', 'yahoo', 'ymail', 'hotmail', 'outlook', 'icloud', 'aol', 'protonmail', 'proton',
  'gmx', 'yandex', 'zoho', 'fastmail', 'tutanota', 'qq',
]);
// Before a spelled " at ", these say where to go ("find us at ivyshop dot com"), not whose mailbox it is.
const NOT_A_MAILBOX = new Set(['me', 'us', 'you', 'him', 'her', 'them', 'it', 'shop', 'store', 'site', 'website', 'page', 'here', 'there', 'online']);
// Words that read as "a dot com" in prose ("the dot com era") rather than a domain label.
const NOT_A_DOMAIN_LABEL = new Set(['the', 'a', 'an', 'this', 'that', 'dot', 'polka']);

const DOMAIN_LABEL = String.raw`[a-z0-9][a-z0-9-]{0,62}`;
const AT_SIGN = String.raw`\s{0,2}@\s{0,2}`;
const AT_BRACKETED = String.raw`\s{0,2}[(\[{<]\s{0,2}(?:at|@)\s{0,2}[)\]}>]\s{0,2}`;
const AT_SPELLED = String.raw`\s{1,3}at\s{1,3}|[-_]at[-_]`;
const DOT_BRACKETED = String.raw`\s{0,2}[(\[{<]\s{0,2}(?:dot|\.)\s{0,2}[)\]}>]\s{0,2}`;
const DOT_SPELLED = String.raw`\s{1,3}dot\s{1,3}|[-_]dot[-_]`;
// The ways a domain's dots get written, plain or disguised; used to split a domain into labels.
const DOMAIN_DOT = new RegExp(`${DOT_BRACKETED}|${DOT_SPELLED}|\\s{0,2}\\.\\s{0,2}`, 'g');

interface Label { text: string; start: number; end: number; disguisedDotBefore: boolean }

/** Splits a matched domain ("gmail dot com", "web[.]de") into labels with their positions. */
function splitDomain(domain: string, offset: number): Label[] {
  const labels: Label[] = [];
  let labelStart = 0;
  let disguised = false;
  for (const dot of domain.matchAll(DOMAIN_DOT)) {
    labels.push({ text: domain.slice(labelStart, dot.index), start: offset + labelStart, end: offset + dot.index, disguisedDotBefore: disguised });
    disguised = dot[0].trim() !== '.';
    labelStart = dot.index + dot[0].length;
  }
  labels.push({ text: domain.slice(labelStart), start: offset + labelStart, end: offset + domain.length, disguisedDotBefore: disguised });
  return labels;
}

/** Index of the last label (never the first) that is a known TLD, or -1. */
function lastTldIndex(labels: Label[], accepts: (label: string) => boolean): number {
  for (let i = labels.length - 1; i >= 1; i--) if (accepts(labels[i].text)) return i;
  return -1;
}

const isAnyTld = (label: string) => COMMON_TLDS.has(label) || WORDLIKE_TLDS.has(label);

// ---------------------------------------------------------------------------
// E-mail addresses.
// ---------------------------------------------------------------------------

const EMAIL = new RegExp(
  String.raw`(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]{0,63}` +
  `(${AT_BRACKETED}|${AT_SIGN}|${AT_SPELLED})` +
  `(${DOMAIN_LABEL}(?:(?:${DOT_BRACKETED}|${DOT_SPELLED}|\\s{0,2}\\.\\s{0,2})${DOMAIN_LABEL}){0,4})`,
  'g',
);

function findEmails(view: NormalisedText): Span[] {
  const found: Span[] = [];
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(view.text); m; m = EMAIL.exec(view.text)) {
    const [whole, separator, domain] = m;
    const local = whole.slice(0, whole.length - separator.length - domain.length);
    const labels = splitDomain(domain, m.index + whole.length - domain.length);
    const tld = lastTldIndex(labels, isAnyTld);
    const knownProvider = MAIL_PROVIDERS.has(labels[0].text);
    const disguisedDot = tld > 0 && labels.slice(1, tld + 1).some((l) => l.disguisedDotBefore);
    // A bare " at " is ordinary English ("look at example.com"), so it only makes an address together
    // with a mail provider or a disguised dot; "@" and "(at)" are deliberate.
    const spelledAt = !/[@(\[{<]/.test(separator);
    const isAddress = spelledAt ? !NOT_A_MAILBOX.has(local) && (knownProvider || disguisedDot) : tld > 0 || knownProvider;
    if (!isAddress) {
      EMAIL.lastIndex = m.index + 1;
      continue;
    }
    const end = tld > 0 ? labels[tld].end : labels[0].end;
    found.push({ kind: 'email', start: m.index, end });
    EMAIL.lastIndex = end;
  }
  return found;
}

// ---------------------------------------------------------------------------
// Links.
// ---------------------------------------------------------------------------

const SCHEME_LINK = /\b(?:https?|hxxps?|ftp)(?:\s?:\s?\/\/|\/\/)[^\s<>"']*/g;
const DOMAIN_NAME = new RegExp(
  `(?<![a-z0-9@._%+-])${DOMAIN_LABEL}(?:(?:${DOT_BRACKETED}|${DOT_SPELLED}|\\s{1,3}\\.\\s{1,3}|\\.)${DOMAIN_LABEL}){1,4}`,
  'g',
);
const URL_PATH = /\/[^\s<>"']*/y;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

function trimmedEnd(text: string, start: number, end: number): number {
  const trailing = TRAILING_PUNCTUATION.exec(text.slice(start, end));
  return trailing ? end - trailing[0].length : end;
}

function findLinks(view: NormalisedText): Span[] {
  const { text } = view;
  const found: Span[] = [];
  for (const m of text.matchAll(SCHEME_LINK)) {
    found.push({ kind: 'link', start: m.index, end: trimmedEnd(text, m.index, m.index + m[0].length) });
  }

  DOMAIN_NAME.lastIndex = 0;
  for (let m = DOMAIN_NAME.exec(text); m; m = DOMAIN_NAME.exec(text)) {
    const labels = splitDomain(m[0], m.index);
    const end = domainEnd(view, labels);
    if (end < 0) {
      DOMAIN_NAME.lastIndex = m.index + 1;
      continue;
    }
    found.push({ kind: 'link', start: m.index, end });
    DOMAIN_NAME.lastIndex = end;
  }
  return found;
}

/** Where the link made of these labels ends (including any path), or -1 when it is not a link. */
function domainEnd(view: NormalisedText, labels: Label[]): number {
  const tld = lastTldIndex(labels, isAnyTld);
  if (tld < 1) return -1;
  const host = labels.slice(0, tld + 1);
  const secondLevel = host[tld - 1].text;
  // "1.25.co" or "v2.3.de" are numbers, not names.
  if (!/[a-z]/.test(secondLevel)) return -1;

  if (host.some((l) => l.disguisedDotBefore)) {
    // "ivyshop dot com": only well-established TLDs, and not prose like "the dot com era".
    if (!COMMON_TLDS.has(host[tld].text) || host.some((l) => NOT_A_DOMAIN_LABEL.has(l.text))) return -1;
    return host[tld].end;
  }

  let end = host[tld].end;
  URL_PATH.lastIndex = end;
  const path = URL_PATH.exec(view.text);
  if (path) end = trimmedEnd(view.text, end, end + path[0].length);
  const hasPath = path !== null && path[0].length > 1;
  const hostName = host.map((l) => l.text).join('.');
  if (WORDLIKE_TLDS.has(host[tld].text) && !COMMON_TLDS.has(host[tld].text)) {
    return hasPath || KNOWN_SHORT_HOSTS.has(hostName) || host[0].text === 'www' ? end : -1;
  }
  // "all good.Shop opens at 9", "Paris.Fr": a capitalised word glued after a full stop is a missing space —
  // people write "Amazon.com", not "Amazon.Com".
  if (!hasPath && host.length === 2 && /^[A-Z][a-z]+$/.test(originalOf(view, host[1]))) return -1;
  return end;
}

/** The label as the user typed it, capitals included. */
function originalOf(view: NormalisedText, label: Label): string {
  return label.end > label.start ? view.original.slice(view.start[label.start], view.end[label.end - 1]) : '';
}

// ---------------------------------------------------------------------------
// Phone numbers.
// ---------------------------------------------------------------------------

const SPELLED_DIGITS: Record<string, string> = {
  zero: '0', oh: '0', o: '0', nought: '0', one: '1', two: '2', three: '3', four: '4', five: '5',
  six: '6', seven: '7', eight: '8', nine: '9',
};
// "fivefivefive" — digit words run together.
const GLUED_DIGIT_WORDS = /^(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)+$/;
const DIGIT_WORD = /zero|oh|one|two|three|four|five|six|seven|eight|nine/g;
const REPEATERS: Record<string, number> = { double: 2, triple: 3, treble: 3 };
// "oh" and "o" are interjections as often as zeros, so they may continue a number but never start one.
const WEAK_DIGIT_WORDS = new Set(['oh', 'o']);

const CURRENCY_SYMBOL = '[$€£¥₹₽₩]';
const AMOUNT = String.raw`\d+(?:[.,]\d+|\s\d{3}(?!\d))*`;
const UNIT_WORDS = 'usd|eur|euros?|dollars?|bucks|quid|pounds?|gbp|cad|aud|chf|rub|rubles?|roubles?|yen|jpy|inr|rupees?|rs|pln|uah|won|krw|k|' +
  'pcs|pieces|units|items|px|mm|cm|km|kg|mg|ml|mah|gb|tb|mb|views|followers|likes|subs|pts|points|miles|mi|ft|lbs?|oz|sqft';

/**
 * Numbers that are something else — dates, amounts, references, decimals, IP addresses. Digits inside
 * them never count towards a phone number.
 */
const NOT_PHONE_NUMBERS: RegExp[] = [
  // Order, invoice, tracking and similar references: "order #12345678", "ref 00042", "tracking 1Z 999 AA1".
  // A "#" glued to a word ("ph#", "tel#") means "number", so only a free-standing one marks a reference.
  new RegExp(
    String.raw`(?:\b(?:order|ord|ref|reference|invoice|inv|tracking|track|sku|item|receipt|transaction|txn|confirmation|conf|` +
    String.raw`ticket|case|po|serial|model|product|article|part|parcel|package|shipment|awb|lot|isbn|upc|ean|imei|zip|postal|postcode|nr)` +
    String.raw`\b[\s.:#-]{0,4}(?:(?:number|num|no|nr|id|code)\b[\s.:#-]{0,4})?(?:(?:is|was)\s{1,2})?|\bno\.\s?|(?<![a-z])#\s?|№\s?)` +
    String.raw`(?=[a-z0-9]*\d)[a-z0-9]+(?:[\s-](?=[a-z0-9]*\d)[a-z0-9]+)*`,
    'g',
  ),
  // Amounts with a currency or a unit: "$1 250", "€19.99", "1 250 000 won", "1000 pcs".
  new RegExp(`${CURRENCY_SYMBOL}\\s?${AMOUNT}|\\b(?:usd|eur|gbp|cad|aud|chf|inr|rub|pln)\\s?${AMOUNT}`, 'g'),
  new RegExp(`(?<![\\d.,])${AMOUNT}\\s?(?:${CURRENCY_SYMBOL}|(?:${UNIT_WORDS})\\b)`, 'g'),
  // Day/month and fractions: "15/01", "24/7".
  /(?<![\d/.-])\d{1,2}\/\d{1,2}(?![\d/])/g,
  // IPv4 addresses.
  /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?!\.?\d)/g,
  // Lone decimals: "19.99", "7.5" (a dotted chain like "555.123.4567" is left alone).
  /(?<![\d.])\d+\.\d+(?!\.?\d)/g,
];

// Dates: "2026-01-15", "15/01/2026", "12.10.25" (but not a longer dotted chain like "06.12.34.56.78").
const DATE = /(?<![\d./-])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))(?![-/.]?\d)/g;

/** A date's day and month must be in range, so "12-34-5678" stays a candidate phone number. */
function isPlausibleDate(date: string): boolean {
  const [a, b, c] = date.split(/[-/.]/).map(Number);
  if (/^\d{4}/.test(date)) return b >= 1 && b <= 12 && c >= 1 && c <= 31;
  return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
}

function maskNonPhoneNumbers(text: string): Uint8Array {
  const masked = new Uint8Array(text.length);
  for (const pattern of NOT_PHONE_NUMBERS) {
    for (const m of text.matchAll(pattern)) masked.fill(1, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(DATE)) {
    if (isPlausibleDate(m[0])) masked.fill(1, m.index, m.index + m[0].length);
  }
  return masked;
}

/** One piece of a would-be phone number: a run of digits, a digit word, or what sits between them. */
type PhoneItem =
  | { type: 'digits'; digits: string; numeric: boolean; weak: boolean; start: number; end: number }
  | { type: 'gap'; text: string; start: number; end: number }
  | { type: 'plus'; start: number; end: number }
  | { type: 'stop' };

const PHONE_TOKEN = /[a-z]+|\d+|\s+|[\s\S]/g;
const GAP_CHARACTERS = /^(?:\s+|[-.()/_\u2010-\u2015\u2212,])$/;

function spelledDigits(word: string): string | undefined {
  if (word in SPELLED_DIGITS) return SPELLED_DIGITS[word];
  if (GLUED_DIGIT_WORDS.test(word)) return word.replace(DIGIT_WORD, (w) => SPELLED_DIGITS[w]);
  return undefined;
}

function toPhoneItems(text: string, masked: Uint8Array): PhoneItem[] {
  const tokens = [...text.matchAll(PHONE_TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const isPlainWord = (i: number) => i >= 0 && i < tokens.length && /^[a-z]/.test(tokens[i].text) && spelledDigits(tokens[i].text) === undefined;
  const items: PhoneItem[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (masked[token.start]) { items.push({ type: 'stop' }); continue; }
    const { text: t, start, end } = token;
    if (/^\d/.test(t)) {
      // Digits glued to a word are a model or username ("ivy99", "5pm", "1920x1080"), not a phone number.
      if (isPlainWord(i - 1) || isPlainWord(i + 1)) items.push({ type: 'stop' });
      else items.push({ type: 'digits', digits: t, numeric: true, weak: false, start, end });
    } else if (/^[a-z]/.test(t)) {
      const digits = spelledDigits(t);
      const next = tokens[i + 2];
      const nextDigit = next && /^\s+$/.test(tokens[i + 1].text) ? (/^\d$/.test(next.text) ? next.text : SPELLED_DIGITS[next.text]) : undefined;
      if (digits !== undefined) {
        items.push({ type: 'digits', digits, numeric: false, weak: WEAK_DIGIT_WORDS.has(t), start, end });
      } else if (t in REPEATERS && nextDigit !== undefined && !masked[next.start]) {
        // "double five" → 55, "triple seven" → 777.
        items.push({ type: 'digits', digits: nextDigit.repeat(REPEATERS[t]), numeric: false, weak: false, start, end: next.end });
        i += 2;
      } else {
        items.push({ type: 'stop' });
      }
    } else if (t === '+') {
      items.push({ type: 'plus', start, end });
    } else if (GAP_CHARACTERS.test(t)) {
      items.push({ type: 'gap', text: t, start, end });
    } else {
      items.push({ type: 'stop' });
    }
  }
  return items;
}

interface PhoneRun {
  start: number;
  end: number;
  digits: string;
  spelled: boolean;
  internationalPrefix: boolean;
  /** Digit groups as written ("555", "123", "4567") — only the numeric ones. */
  groups: string[];
  /** What separated each numeric group from the previous one. */
  separators: string[];
}

function findPhones(view: NormalisedText): Span[] {
  const items = toPhoneItems(view.text, maskNonPhoneNumbers(view.text));
  const found: Span[] = [];
  let run: PhoneRun | null = null;
  let gap = '';
  let gapStart = -1;
  let plusStart = -1;

  const close = () => {
    if (run && looksLikePhoneNumber(run)) found.push({ kind: 'phone', start: run.start, end: run.end });
    run = null;
  };

  for (const item of items) {
    if (item.type === 'digits') {
      // Separators between digits stay short ("-", " - ", ") "). Commas split lists ("5, 4, 3, 2, 1"), so they
      // only join a number that is being spelled out ("five five five, one two three").
      const spelledSoFar = run?.spelled === true;
      const gapFits = gap.length <= 4 && (!gap.includes(',') || spelledSoFar || !item.numeric);
      if (run && !gapFits) close();
      if (!run) {
        if (item.weak) { gap = ''; continue; }
        const openingParen = gap.endsWith('(') ? gapStart + gap.length - 1 : -1;
        run = {
          start: plusStart >= 0 ? plusStart : openingParen >= 0 ? openingParen : item.start,
          end: item.end, digits: '', spelled: false, internationalPrefix: plusStart >= 0, groups: [], separators: [],
        };
      }
      run.digits += item.digits;
      run.end = item.end;
      if (item.numeric) {
        run.groups.push(item.digits);
        run.separators.push(run.groups.length > 1 ? gap.trim() || ' ' : '');
      } else {
        run.spelled = true;
      }
      gap = '';
      gapStart = -1;
      plusStart = -1;
    } else if (item.type === 'gap') {
      if (gapStart < 0) gapStart = item.start;
      gap += item.text;
    } else if (item.type === 'plus' && !run) {
      plusStart = item.start;
      gap = '';
    } else {
      close();
      gap = '';
      gapStart = -1;
      plusStart = item.type === 'plus' ? item.start : -1;
    }
  }
  close();
  return found;
}

function looksLikePhoneNumber(run: PhoneRun): boolean {
  const count = run.digits.length;
  // Seven digits is the shortest local number; past fifteen it is a card, tracking or account number.
  if (count < 7 || count > 15) return false;
  // Nobody spells out a price or a date digit by digit.
  if (run.spelled) return true;
  if (run.internationalPrefix) return true;

  const lengths = run.groups.map((g) => g.length);
  if (run.groups.every((g) => /^(?:19|20)\d\d$/.test(g))) return false; // years: "2019 2020", "2015-2018"
  // Thousands: "1 250 000", "12.500.000" — but "512 345 678" is still a plausible phone number.
  const thousands = lengths.length >= 2 && lengths[0] <= 3 && lengths.slice(1).every((l) => l === 3) &&
    run.separators.slice(1).every((s) => s === ' ' || s === '.');
  if (thousands && (lengths[0] <= 2 || run.digits.endsWith('00'))) return false;

  // Phone numbers come as long blocks ("555 123 4567"), one digit at a time to dodge filters, or as pairs
  // after a leading zero ("06 12 34 56 78"). Mixed short numbers are lists: "sizes 8 9 10 11 12".
  if (lengths.some((l) => l >= 3)) return true;
  if (lengths.every((l) => l === 1)) return true;
  return lengths.every((l) => l === 2) && run.groups[0].startsWith('0');
}

// ---------------------------------------------------------------------------
// Off-platform handles and invitations to move to another app.
// ---------------------------------------------------------------------------

// Messaging apps: "on WhatsApp" / "via Telegram" already means "let's leave the platform".
const MESSAGING_APPS = [
  String.raw`what'?s\s?app`, 'whatsap', 'watsapp', 'watsap', 'whatapp', 'wattsapp', 'whtsapp', 'wapp', 'telegram',
  'telegramm', 'kik', String.raw`we\s?chat`, 'viber', 'skype', 'discord', String.raw`snap\s?chat`, 'imessage',
  'facetime', 'threema', String.raw`line\s?id`,
];
// Social networks get mentioned innocently ("saw it on Instagram"): they need an invitation or a handle.
const SOCIAL_NETWORKS = ['instagram', 'insta', 'ig', 'facebook', 'fb', String.raw`tik\s?tok`, 'twitter', 'linkedin', 'onlyfans'];
const PAYMENT_APPS = ['venmo', String.raw`cash\s?app`, 'paypal', 'zelle', 'revolut'];
// Nicknames that are also everyday words ("snap buttons", "phone signal", "300 gram", "messenger bag").
const AMBIGUOUS_APPS = ['snap', 'sc', 'tg', 'tele', 'signal', 'gram', 'messenger'];

const alternatives = (names: string[]) => `(?:${names.join('|')})`;
const CLEAR_APP = alternatives([...MESSAGING_APPS, ...SOCIAL_NETWORKS, ...PAYMENT_APPS]);
const ANY_APP = alternatives([...MESSAGING_APPS, ...SOCIAL_NETWORKS, ...PAYMENT_APPS, ...AMBIGUOUS_APPS]);
const AMBIGUOUS_APP_PATTERN = new RegExp(`^${alternatives(AMBIGUOUS_APPS)}$`);

// A handle after an app name: "telegram: @ivy", "my snap is ivy99", "discord ivy#1234", "cashapp $ivy",
// "insta ➜ @ivy" (any short run of symbols may stand between the app and an @ or $ handle).
const APP_THEN_HANDLE = new RegExp(
  String.raw`(\b(?:my|our)\s{1,3})?\b(${ANY_APP})\b(?:\s{1,3}(?:id|handle|username|user\s?name|name|tag|account|acc|addy))?` +
  String.raw`(?:\s{0,3}(:|=|->|is\b)\s{0,3}|\s{0,3}[^\sa-z0-9@$]{1,3}\s{0,3}(?=[@$])|\s{1,3})([@$]\s?)?([a-z0-9_][a-z0-9_.-]{0,30}(?:#\d{4})?)`,
  'g',
);
// Words that follow "my insta is …" or "whatsapp:" without being a handle.
const NOT_A_HANDLE = new Set([
  'is', 'a', 'an', 'the', 'and', 'or', 'but', 'for', 'me', 'you', 'it', 'too', 'also', 'only', 'just', 'not', 'no',
  'yes', 'ok', 'okay', 'please', 'pls', 'same', 'down', 'private', 'public', 'new', 'old', 'broken', 'blocked',
  'banned', 'deleted', 'gone', 'dead', 'closed', 'hacked', 'full', 'better', 'easier', 'faster', 'fine', 'great',
  'good', 'best', 'there', 'here', 'link', 'linked', 'in', 'on', 'at', 'to', 'with', 'so', 'now', 'still', 'that', 'this',
]);

const INVITATION_PATTERNS: RegExp[] = [
  // "add me on whatsapp", "hit me up on ig", "talk on signal", "find us on the gram".
  new RegExp(
    String.raw`\b(?:me|us|hmu|talk|chat|text|message|msg|call|continue|reach|contact|ping|dm|move\s{1,3}(?:this|it))` +
    String.raw`\s{1,3}(?:up\s{1,3})?(?:(?:on|via|over|thru|through)\s{1,3}(?:the\s{1,3})?${ANY_APP}|(?:in|at|@)\s{0,3}${CLEAR_APP})\b`,
    'g',
  ),
  // "let's continue on WhatsApp", "send the pics via telegram".
  new RegExp(String.raw`\b(?:on|via|over|thru|through|using|by|in)\s{1,3}(?:the\s{1,3})?${alternatives(MESSAGING_APPS)}\b`, 'g'),
  // "kik me", "venmo me", "facetime me".
  new RegExp(String.raw`\b${alternatives([...MESSAGING_APPS, ...PAYMENT_APPS])}\s{1,3}me\b`, 'g'),
  // "can you facetime?", "let's whatsapp", "we could skype".
  new RegExp(String.raw`\b(?:can|could|shall|should|let'?s|lets|we)\s{1,3}(?:(?:you|u|we|i)\s{1,3})?${alternatives(MESSAGING_APPS)}\b`, 'g'),
  // "what's your snapchat?", "do you have whatsapp?", "are you on insta?".
  new RegExp(
    String.raw`\b(?:what'?s|what\s{1,3}is|wats|send\s{1,3}me|give\s{1,3}me|drop|share|got|do\s{1,3}(?:you|u)\s{1,3}(?:have|use|got)|` +
    String.raw`(?:are|r)\s{1,3}(?:you|u)\s{1,3}on)\s{1,3}(?:(?:your|ur|yr|a|an)\s{1,3})?${alternatives([...MESSAGING_APPS, ...SOCIAL_NETWORKS])}\b`,
    'g',
  ),
  // "follow @ivyvintage", "add me @ivy".
  /\b(?:follow|add|find|search|hmu|msg|message|text|ping|contact|dm)\s{1,3}(?:(?:me|us)\s{1,3})?(?:(?:at|on)\s{1,3})?@\s?[a-z0-9_.]{2,30}/g,
];
// "I'm @ivy.k on insta", "I'm ivy_vintage on instagram" — only when the name looks like a handle.
const HANDLE_ON_APP = new RegExp(
  String.raw`(?<![a-z0-9_.@])(@?[a-z0-9_][a-z0-9_.]{1,29})\s{1,3}(?:on|at)\s{1,3}(?:the\s{1,3})?${CLEAR_APP}\b`,
  'g',
);
// A cash tag on its own: "$ivyk" (but not "$25" or "$USD").
const CASH_TAG = /(?<![a-z0-9$])\$[a-z][a-z0-9_]{1,19}\b/g;
const CURRENCY_CODES = new Set(['usd', 'us', 'aud', 'cad', 'nzd', 'hkd', 'sgd', 'mxn', 'ars', 'brl', 'twd', 'clp', 'cop']);

/** Usernames carry digits, underscores or inner dots ("ivy99", "ivy_k", "ivy.k"); plain words rarely do. */
const looksLikeHandle = (value: string) => /[a-z]/.test(value) && (/[0-9_]/.test(value) || /[a-z0-9]\.[a-z0-9]/.test(value));

function isHandleAfterApp(app: string, possessive: boolean, separator: string | undefined, sigil: boolean, value: string): boolean {
  // "@ivy", "$ivy" and "ivy#1234" are handles whatever comes before them.
  if (sigil || /#\d{4}$/.test(value)) return true;
  // For "snap", "signal", "tg": "my snap is ivy99", "sc: ivy.k" — but not "my signal is weak".
  if (AMBIGUOUS_APP_PATTERN.test(app)) return (possessive || separator === ':') && looksLikeHandle(value);
  // "insta: ivy", "my instagram is ivyvintage", "skype ivy.k" — but not "instagram is great".
  const introducesHandle = separator === ':' || separator === '=' || separator === '->' || (separator === 'is' && possessive);
  return introducesHandle || looksLikeHandle(value);
}

function findHandles(view: NormalisedText): Span[] {
  const { text } = view;
  const found: Span[] = [];

  for (const m of text.matchAll(APP_THEN_HANDLE)) {
    const [whole, possessive, app, separator, sigil, rawValue] = m;
    const value = rawValue.replace(/[.-]+$/, '');
    if (!/[a-z]/.test(value) || NOT_A_HANDLE.has(value)) continue;
    if (!isHandleAfterApp(app, Boolean(possessive), separator, Boolean(sigil), value)) continue;
    found.push({ kind: 'handle', start: m.index, end: m.index + whole.length - (rawValue.length - value.length) });
  }

  for (const pattern of INVITATION_PATTERNS) {
    for (const m of text.matchAll(pattern)) found.push({ kind: 'handle', start: m.index, end: m.index + m[0].length });
  }

  for (const m of text.matchAll(HANDLE_ON_APP)) {
    if (m[1].startsWith('@') || looksLikeHandle(m[1])) found.push({ kind: 'handle', start: m.index, end: m.index + m[0].length });
  }

  for (const m of text.matchAll(CASH_TAG)) {
    if (!CURRENCY_CODES.has(m[0].slice(1))) found.push({ kind: 'handle', start: m.index, end: m.index + m[0].length });
  }
  return found;
}

// ---------------------------------------------------------------------------
// Overlaps.
// ---------------------------------------------------------------------------

// When detectors overlap, the most specific wins: "ivy@gmail.com" is an e-mail, not a link to gmail.com;
// "wa.me/15551234567" is a link, not a phone number.
const PRIORITY: ContactKind[] = ['email', 'link', 'phone', 'handle'];

function resolveOverlaps(candidates: Span[]): Span[] {
  // Merge same-kind overlaps first ("find me on insta @ivy" is one handle, found by two patterns).
  const merged: Span[] = [];
  for (const kind of PRIORITY) {
    const ofKind = candidates.filter((c) => c.kind === kind).sort((a, b) => a.start - b.start);
    for (const span of ofKind) {
      const last = merged[merged.length - 1];
      if (last && last.kind === kind && span.start < last.end) last.end = Math.max(last.end, span.end);
      else merged.push({ ...span });
    }
  }
  const accepted: Span[] = [];
  for (const span of merged) {
    if (!accepted.some((a) => span.start < a.end && a.start < span.end)) accepted.push(span);
  }
  return accepted.sort((a, b) => a.start - b.start);
}
