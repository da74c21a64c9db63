/**
 * Spec M2 — contact guard.
 *
 * In a pre-order inbox chat, buyer and seller must not swap off-platform contact details: e-mail
 * addresses, phone numbers, links, or handles on other apps. People dodge naive filters, so this also
 * catches the usual evasions: "at"/"dot" spelled out or bracketed, digits spelled out or spaced apart,
 * letters spaced apart ("w h a t s a p p"), and look-alike Unicode characters.
 *
 * Pure and dependency-free. The core has a hard size budget, so the vocabulary lives in word lists joined
 * into a few regexes. Every regex is bounded or starts behind a look-behind, so a hostile 4,000-character
 * message stays fast.
 */

export type ContactKind = 'email' | 'phone' | 'link' | 'handle';
export interface ContactFinding { kind: ContactKind; match: string; index: number }

// In priority order: when findings overlap the earlier kind wins ("ivy@gmail.com" is an e-mail, not a
// link to gmail.com; "wa.me/15551234567" is a link, not a phone number).
const KINDS: ContactKind[] = ['email', 'link', 'phone', 'handle'];

/** Normalised text, and for each of its characters the [start, end) of the original text it came from. */
type View = [text: string, start: number[], end: number[]];

/** Replaces every match of `re` with `f(match)`; each replacement character maps to the whole match. */
function rewrite([text, start, end]: View, re: RegExp, f: (match: string) => string): View {
  const out: View = ['', [], []];
  const put = (s: string, from: number, to: number) => {
    out[0] += s;
    for (let k = s.length; k--; ) out[1].push(start[from]), out[2].push(end[to]);
  };
  let i = 0;
  for (const m of text.matchAll(re)) {
    for (; i < m.index; i++) put(text[i], i, i);
    i += m[0].length;
    put(f(m[0]), m.index, i - 1);
  }
  for (; i < text.length; i++) put(text[i], i, i);
  return out;
}

// One character (or whitespace run) at a time: whitespace becomes one space; NFKC turns full-width "＠",
// "５", circled digits and maths letters into ASCII; invisible characters only ever split a word; middle
// dots and curly apostrophes read as "." and "'".
const fold = (c: string) => c.trim()
  ? c.normalize('NFKC').toLowerCase().replace(/[\u00ad\u200b-\u200f\u2060]/, '').replace(/[·•。]/, '.').replace(/[‘’ʼ]/, "'")
  : ' ';

// Three or more single letters apart: "w h a t s a p p", "g-m-a-i-l" (joined before anything else looks).
const SPACED_LETTERS = /(?<![a-z\d])[a-z](?:[ _*-]{1,2}[a-z](?![a-z\d])){2,}/g;

// ---------------------------------------------------------------------------------------------------------
// Domains, shared by e-mail addresses and links.
// ---------------------------------------------------------------------------------------------------------

// TLDs that are rarely a word, so "name.tld" alone is a domain; then TLDs that double as words ("it", "me",
// "so"), which make a link only with a path or "www.". File extensions (.pdf, .jpg, .txt) are in neither.
const COMMON_TLDS = 'com|net|org|io|co|info|biz|app|online|site|store|shop|uk|de|fr|es|nl|ru|ca|au|eu';
const WORDLIKE_TLDS = 'me|to|in|it|is|at|be|us|tv|ly|gg|ai|ee';
// Mail providers: "ivy at gmail" is an address even without the ".com".
const PROVIDERS = 'gmail|yahoo|hotmail|outlook|icloud|aol|proton(?:mail)?|gmx|yandex';

const LABEL = '[a-z\\d][a-z\\d-]{0,62}';
const bracketed = (inner: string) => String.raw` ?[(\[{<] ?(?:${inner}) ?[)\]}>] ?`;
// Captures a spelled " at ".
const AT = String.raw`${bracketed('at|@')}| ?@ ?|( at |[-_]at[-_])`;
const DISGUISED_DOT = String.raw`${bracketed(String.raw`dot|\.`)}| dot |[-_]dot[-_]`;
const DOT = String.raw`${DISGUISED_DOT}|\.| \. `;
const HOST = `(?:${LABEL}(?:${DOT})){1,4}`;
const anyOf = (words: string) => new RegExp(`^(?:${words})$`);

const EMAIL = new RegExp(
  String.raw`(?<![\w.%+-])([a-z\d][\w.%+-]{0,63})(?:${AT})(${HOST}(?:${COMMON_TLDS}|${WORDLIKE_TLDS})|${PROVIDERS})(?![\w-])`,
  'g',
);
const PROVIDER_FIRST = new RegExp(`^(?:${PROVIDERS})\\b`);
const DISGUISED = new RegExp(DISGUISED_DOT);

// A path, less any trailing punctuation ("see example.com/a." ends before the full stop).
const PATH = String.raw`\/\S*[\w/=]`;
const LINK = new RegExp(
  String.raw`\b(h[tx]{2}ps?|ftp) ?: ?${PATH}|(?<![\w@.%+-])(${HOST})(${COMMON_TLDS}|${WORDLIKE_TLDS})(?![\w-])(${PATH})?`,
  'g',
);
const COMMON_TLD = anyOf(COMMON_TLDS);

// ---------------------------------------------------------------------------------------------------------
// Phone numbers.
// ---------------------------------------------------------------------------------------------------------

const DIGITS = 'zero one two three four five six seven eight nine'.split(' ');
const DIGIT_WORD = new RegExp(`${DIGITS.join('|')}|oh?`, 'g');
// Digit words, alone or run together ("fivefivefive"), even glued to digits ("5five5").
const DIGIT_WORDS = new RegExp(`(?<![a-z])(?:${DIGIT_WORD.source})+(?![a-z])`, 'g');
// Decimals ("7.5", "19.99") and IP addresses; a dotted chain like "555.123.4567" is left alone.
const NOT_PHONE = /(?<![\d.])\d+(?:\.\d+|(?:\.\d{1,3}){3})(?!\.?\d)/g;
// Digit groups with short separators; digits glued to a word ("ivy99", "5pm", "1920x1080") never count.
// Commas split lists ("5, 4, 3, 2, 1"), so only a number being spelled out may run across them.
const run = (comma: string) => new RegExp(String.raw`(?<![\w+])(?:\+ ?)?\(?\d+(?![a-z\d])(?:[\s()./_–—${comma}-]{1,4}\d+(?![a-z\d]))*`, 'g');
const RUNS = [run(''), run(',')];
// What comes just before a reference, a serial or an amount: "order #12345678", "my order number is 12345678",
// "booking reference was …", "#A-2291-88", "ISBN 978-…", "$1250000".
const REFERENCE = new RegExp(
  String.raw`(?:\b(?:order|ref|invoice|tracking|serial|sku|isbn|imei|model|product|receipt|confirmation|booking|reservation|parcel|shipment|transaction|ticket)\w*\W*` +
  String.raw`(?:(?:number|no|code|id)\W*)?(?:(?:is|was)\W*)?|(?<![a-z])# ?(?:[a-z]{1,4}-)?|[$€£¥₹] ?)$`,
);
// An invoice or order serial: a year, then a zero-padded count ("2024-00017").
const YEAR_SERIAL = /^(?:19|20)\d\d[-/]0\d{2,}$/;
// Amounts: "1250000", "1 250 000", "12.500.000" — but "512 345 678" is still a plausible phone number.
const THOUSANDS = /^\d+000$|^\d\d?(?:[ .]\d{3})+$/;

/** Whether a run of digits reads as a phone number rather than an amount, a date or a list. */
function looksLikePhone(run: string, spelled: boolean): boolean {
  const count = run.replace(/\D/g, '').length;
  // Seven digits is the shortest local number; past fifteen it is a card, tracking or account number.
  // Nobody spells out a price or a date digit by digit.
  return count > 6 && count < 16 && (spelled || run[0] == '+' || (!THOUSANDS.test(run) && !YEAR_SERIAL.test(run) && (
    // A long block ("555 123 4567") that is not a year ("2019-2020", "15/01/2026").
    /\d{3}/.test(run.replace(/\b(19|20)\d\d\b/g, '')) ||
    // One digit at a time, to dodge filters ("5 5 5 1 2 3 4").
    !/\d\d/.test(run) ||
    // Pairs after a leading zero ("06 12 34 56 78"); other short numbers are lists ("sizes 36 38 40 42").
    (run[0] == '0' && !/\b\d\b|\d{3}/.test(run))
  )));
}

// ---------------------------------------------------------------------------------------------------------
// Handles on other apps and invitations to move there.
// ---------------------------------------------------------------------------------------------------------

// Messaging apps: "on WhatsApp" already means "let's leave the platform".
const MESSAGING = String.raw`wh?att?(?:'?s ?)?app?|telegram|kik|we ?chat|viber|skype|discord|snap ?chat|facetime|line ?id`;
// Social and payment apps get mentioned innocently ("saw it on Instagram"): they need an invitation or a handle.
const OTHER_APPS = 'insta(?:gram)?|ig|facebook|fb|tik ?tok|twitter|venmo|cash ?app|paypal|zelle';
// Everyday words ("snap buttons", "phone signal", "300 gram"), and verbs that name no app but take an
// @handle ("follow @ivy"): these need an @, a possessive or a colon.
const AMBIGUOUS = 'snap|sc|tg|signal|gram|messenger|follow|add|find|dm';
// Captures a messaging app, or else an ambiguous one.
const APP = `(?:(${MESSAGING})|${OTHER_APPS}|(${AMBIGUOUS}))\\b`;

// Never ending in "." or "-" ("skype: ivy.k.").
const HANDLE = String.raw`\w(?:[\w.-]{0,30}\w)?(?:#\d{4})?`;
// "telegram: @ivy", "my snap is ivy99", "discord ivy#1234", "insta ➜ @ivy", "wechat id: ivy_k", "kik me".
const APP_THEN_HANDLE = new RegExp(
  String.raw`(?<![\w@.])(my )?${APP}(?: (?:id|handle|username))?` +
  String.raw`(?: ?(:|=|->|is\b|[^\s\w@$]{1,3}(?= ?[@$])) ?| )(?:me (?=@))?([@$] ?)?(${HANDLE})`,
  'g',
);
// "add me on whatsapp", "hmu on snap", "I'm @ivy.k on insta", "continue this on WhatsApp", "what's your snapchat".
const INVITATION = new RegExp(
  String.raw`(?<![\w@.$])(?:([@$]?[\w.']{2,30}) (?:up )?)?(?:(on|via|over|thru|through|using|by|in|at|to)|` +
  String.raw`what'?s|do (?:you|u) have) (?:(?:the|your|ur) )?${APP}`,
  'g',
);
// "whatsapp?", "can you facetime?"; a cash tag on its own: "$ivyk" (but not "$25" or "$USD").
const APP_QUESTION_OR_CASH_TAG = new RegExp(String.raw`\b(?:${MESSAGING}) ?\?|(?<![\w$])\$(?!(?:us|[a-z]{2}d)\b)[a-z]\w+`, 'g');
const INVITERS = anyOf("me|us|hmu|talk|chat|you|u|i'?m");
// Words that are not a name: before a spelled " at " they say where to go ("find us at ivyshop dot com"),
// not whose mailbox it is; after "my insta is …" or "whatsapp:" they are not a handle ("… is private").
const NOT_A_NAME = anyOf('me|us|you|it|here|there|shop|store|site|online|a|the|not|private|down|new|old|broken|blocked|banned|dead|hacked');
/** Usernames carry digits, underscores, inner dots or a sigil ("ivy99", "ivy_k", "ivy.k", "@ivy"); words rarely do. */
const looksLikeHandle = (value = '') => /[a-z]/.test(value) && /^[@$]|\d|_|\w\.\w/.test(value);

// ---------------------------------------------------------------------------------------------------------

/** Every piece of off-platform contact information found in the text, in order of position. */
export function findContactInfo(text: string): ContactFinding[] {
  const ids = [...Array(text.length + 1).keys()];
  const folded = rewrite([text, ids, ids.slice(1)], /\s+|[\s\S]/gu, fold);
  // Spelled digits become digits ("oh" and "o" are 0); whether a phone number was spelled is read back
  // from the original text.
  const [t, start, end] = rewrite(
    rewrite(folded, SPACED_LETTERS, (m) => m.replace(/[^a-z]/g, '')),
    DIGIT_WORDS,
    (w) => w.replace(DIGIT_WORD, (d) => `${Math.max(DIGITS.indexOf(d), 0)}`),
  );
  // [kind, start, end] in the original text.
  const spans: number[][] = [];
  const add = (kind: number, m: RegExpMatchArray) => spans.push([kind, start[m.index!], end[m.index! + m[0].length - 1]]);

  for (const m of t.matchAll(EMAIL)) {
    const [, local, spelledAt, domain] = m;
    // A spelled " at " is everyday English ("look at example.com"): it only makes an address with a mail
    // provider or a disguised dot; "@" and "(at)" are deliberate.
    if (!spelledAt || (!NOT_A_NAME.test(local) && (PROVIDER_FIRST.test(domain) || DISGUISED.test(domain)))) {
      add(0, m);
    }
  }

  for (const m of t.matchAll(LINK)) {
    const [, scheme, host, tld, path] = m;
    if (
      scheme ||
      // "ivyshop dot com": only well-established TLDs, and not prose like "the dot com era".
      (DISGUISED.test(host) ? COMMON_TLD.test(tld) && !/^(the|an?) /.test(host)
        // "yes.it is": a word-like TLD needs a path or "www.".
        : !COMMON_TLD.test(tld) ? path || host.startsWith('www')
        // "All good.Shop opens at 9", "Paris.Fr": a capitalised word glued after a full stop is a missing
        // space — people write "Amazon.com", not "Amazon.Com".
        : path || !/^[A-Z][a-z]/.test(text.slice(start[m.index + host.length])))
    ) {
      add(1, m);
    }
  }

  const masked = t.replace(NOT_PHONE, (m) => '~'.repeat(m.length));
  RUNS.forEach((re, commas) => {
    for (const m of masked.matchAll(re)) {
      const to = m.index + m[0].length;
      const spelled = /[a-z]/i.test(text.slice(start[m.index], end[to - 1]));
      if ((spelled || !commas) && looksLikePhone(m[0], spelled) && !REFERENCE.test(masked.slice(0, m.index).slice(-40))) {
        add(2, m);
      }
    }
  });

  for (const m of t.matchAll(APP_THEN_HANDLE)) {
    const [, mine, , ambiguous, separator, sigil, value] = m;
    // "insta: …", "my snap is …" — but not "snap is …" without the "my".
    const introduced = separator == 'is' ? mine : separator;
    const handle = value == 'me'
      ? !ambiguous && !separator && !sigil // "kik me", "venmo me"
      : /[a-z]/.test(value) && (sigil || (ambiguous
        ? introduced && looksLikeHandle(value)
        // "insta: ivy", "my instagram is ivyvintage", "skype ivy.k" — but not "instagram is great".
        : looksLikeHandle(value) || (introduced && !NOT_A_NAME.test(value))));
    if (handle) add(3, m);
  }
  for (const m of t.matchAll(INVITATION)) {
    const [, who, preposition, messaging, ambiguous] = m;
    // After "on"/"via": any messaging app, or any app after "me", "us" or a handle ("ivy_k on insta").
    if (preposition ? messaging || INVITERS.test(who) || looksLikeHandle(who) : !ambiguous) {
      add(3, m);
    }
  }
  for (const m of t.matchAll(APP_QUESTION_OR_CASH_TAG)) add(3, m);

  // Spans come in priority order (handles last, in pattern order); one that overlaps an accepted span is
  // dropped ("ivy@gmail.com" is not also a link to gmail.com).
  const accepted: number[][] = [];
  for (const span of spans) accepted.some((a) => span[1] < a[2] && a[1] < span[2]) || accepted.push(span);
  return accepted
    .sort((a, b) => a[1] - b[1])
    .map(([kind, index, end]) => ({ kind: KINDS[kind], match: text.slice(index, end), index }));
}
