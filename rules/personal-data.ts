import type { Rule } from '../src/classify/types.js';

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}/g;
const WHOLE_EMAILS = /^(?:(?:[^<>@,\n]{0,80}<)?[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}>?(?:\s*[,;]\s*|$))+$/;
// Addresses meant to be public or that reach nobody.
const PUBLIC_EMAIL = /(?:^|[.+])(?:no-?reply|noreply|donotreply|do-not-reply)(?:[+.@]|$)|@users\.noreply\.github\.com$|@(?:example\.(?:com|org|net)|localhost|test|invalid)$/i;

/** Personal data: a personal e-mail address deserves a look (review); a no-reply address does not. */
const personalData: Rule = {
  id: 'personal-data',
  judges: 'both',
  description: 'personal e-mail addresses (review); no-reply and example addresses are config',
  evaluate(ctx) {
    if (typeof ctx.value !== 'string') return null;
    const value = ctx.valueString;
    if (value.length > 4096 || !value.includes('@')) return null;
    // Only a value that IS an address (`a@b.c`, `Name <a@b.c>`, or a list of them); an `@` inside a URL
    // or a connection string is the other rules' business.
    if (!WHOLE_EMAILS.test(value.trim())) return null;
    const emails = value.match(EMAIL);
    if (!emails) return null;
    const personal = emails.filter((e) => !PUBLIC_EMAIL.test(e));
    if (personal.length === 0) return { class: 'config', confidence: 0.9, reason: 'public no-reply or example e-mail address' };
    return { class: 'review', confidence: 0.7, reason: 'personal e-mail address' };
  },
};

export default personalData;
