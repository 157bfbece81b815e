import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { AppException, type FieldIssue } from '../errors/app.exception.js';
import { slugify } from '../text/slug.js';

/**
 * zxcvbn's score runs 0–4. 2 ("somewhat guessable", about 10^8 guesses) is the least we take: it
 * shuts out the common-password lists, keyboard walks, dates and the person's own e-mail or name,
 * which is what online guessing tries; the sign-in throttle makes 10^8 guesses unreachable online.
 * Asking for 3 or more refuses many passphrases people remember and pushes them to write them down.
 */
export const MIN_PASSWORD_SCORE = 2;

/**
 * Only the first 32 characters are judged: the check runs on the event loop and its cost grows fast
 * with length (measured on the loaded 2-core machine: 8 ms at 32 random characters, 134 ms at 64,
 * 385 ms at 128, the longest the DTO allows), and a password whose first 32 characters are hard to
 * guess is hard to guess.
 */
export const PASSWORD_CHECKED_LENGTH = 32;

/**
 * One checker for the process: its dictionaries (30,000 common passwords, names, words) are built
 * once. No Levenshtein matching: it finds a few more near-misses of common passwords but costs about
 * ten times the CPU per check (measured ~160 ms against ~12 ms on the loaded 2-core machine).
 */
let checker: ZxcvbnFactory | undefined;
const zxcvbn = () => (checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, maxLength: PASSWORD_CHECKED_LENGTH }));

/** Who the password belongs to: what an attacker who knows them tries first. */
export interface PasswordOwner {
  email: string;
  fullName?: string | null;
}

/**
 * Refuses a password that is too easy to guess for this person: 400 VALIDATION_FAILED naming the
 * field, with the library's finding in our own Vietnamese and English sentences
 * (`validation.password.*`). Registration and every password change or reset call this.
 */
export function assertAcceptablePassword(password: string, owner: PasswordOwner, field = 'password'): void {
  const issues = passwordIssues(password, owner, field);
  if (issues.length > 0) throw AppException.validation(issues);
}

/** The issues `assertAcceptablePassword` would raise; empty when the password is acceptable. */
export function passwordIssues(password: string, owner: PasswordOwner, field = 'password'): FieldIssue[] {
  // The e-mail or the name itself, whatever its length: zxcvbn judges only the first 32 characters,
  // and a long address cut there no longer matches the address it knows.
  const plain = (text: string) => slugify(text).replace(/-/g, '');
  const own = [owner.email, owner.email.split('@')[0], owner.fullName ?? ''].map(plain).filter((s) => s.length > 0);
  if (own.includes(plain(password))) return [{ field, key: 'validation.password.warning.userInputs', params: { minScore: MIN_PASSWORD_SCORE } }];
  const result = zxcvbn().check(password, passwordUserInputs(owner));
  if (result.score >= MIN_PASSWORD_SCORE) return [];
  const warning = result.feedback.warning ?? 'weak';
  return [
    { field, key: `validation.password.warning.${warning}`, params: { minScore: MIN_PASSWORD_SCORE } },
    ...result.feedback.suggestions.map((suggestion) => ({ field, key: `validation.password.suggestion.${suggestion}` })),
  ];
}

/** The e-mail, its parts, the name and its words, with and without Vietnamese accents. */
export function passwordUserInputs(owner: PasswordOwner): string[] {
  const email = owner.email.trim().toLowerCase();
  const [local = '', domain = ''] = email.split('@');
  const localWords = slugify(local).split('-');
  const nameWords = owner.fullName ? slugify(owner.fullName).split('-') : [];
  const inputs = [email, local, localWords.join(''), domain.split('.')[0] ?? '', ...localWords];
  if (owner.fullName)
    inputs.push(owner.fullName.trim().toLowerCase(), nameWords.join(''), nameWords.join(' '), [...nameWords].reverse().join(''), ...nameWords);
  return [...new Set(inputs.filter((input) => input.length >= 2))];
}
