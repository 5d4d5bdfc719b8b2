import { BadRequestException } from '@nestjs/common';
import { ZxcvbnFactory, type FeedbackType } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * The one password policy (review V12), applied wherever the API sets a password: admin creates a
 * user, the user changes their own. At least MIN_LENGTH characters and a zxcvbn score of at least
 * MIN_SCORE, with the common-password list and keyboard patterns, and the user's own email, name
 * and organisation counted as guessable. The demo seed (seed.service.ts) writes its published,
 * deliberately weak password directly and is not checked.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable" (about 10^8 guesses and more). */
export const PASSWORD_MIN_SCORE = 3;

// zxcvbn-ts answers translation keys; the English wording, as @zxcvbn-ts/language-en has it.
const translations = {
  warnings: {
    straightRow: 'Straight rows of keys on your keyboard are easy to guess.',
    keyPattern: 'Short keyboard patterns are easy to guess.',
    simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
    extendedRepeat: 'Repeated character patterns like "abcabcabc" are easy to guess.',
    sequences: 'Common character sequences like "abc" are easy to guess.',
    recentYears: 'Recent years are easy to guess.',
    dates: 'Dates are easy to guess.',
    topTen: 'This is a heavily used password.',
    topHundred: 'This is a frequently used password.',
    common: 'This is a commonly used password.',
    similarToCommon: 'This is similar to a commonly used password.',
    wordByItself: 'Single words are easy to guess.',
    namesByThemselves: 'Single names or surnames are easy to guess.',
    commonNames: 'Common names and surnames are easy to guess.',
    // Our user inputs are the person's email, name and organisation.
    userInputs: 'It contains your name, email address or organisation name.',
    pwned: 'Your password was exposed by a data breach on the Internet.',
  },
  suggestions: {
    l33t: "Avoid predictable letter substitutions like '@' for 'a'.",
    reverseWords: 'Avoid reversed spellings of common words.',
    allUppercase: 'Capitalize some, but not all letters.',
    capitalization: 'Capitalize more than the first letter.',
    dates: 'Avoid dates and years that are associated with you.',
    recentYears: 'Avoid recent years.',
    associatedYears: 'Avoid years that are associated with you.',
    sequences: 'Avoid common character sequences.',
    repeated: 'Avoid repeated words and characters.',
    longerKeyboardPattern: 'Use longer keyboard patterns and change typing direction multiple times.',
    anotherWord: 'Add more words that are less common.',
    useWords: 'Use multiple words, but avoid common phrases.',
    noNeed: 'You can create strong passwords without using symbols, numbers, or uppercase letters.',
    pwned: 'If you use this password elsewhere, you should change it.',
  },
  timeEstimation: {
    ltSecond: 'less than a second',
    second: '{base} second',
    seconds: '{base} seconds',
    minute: '{base} minute',
    minutes: '{base} minutes',
    hour: '{base} hour',
    hours: '{base} hours',
    day: '{base} day',
    days: '{base} days',
    month: '{base} month',
    months: '{base} months',
    year: '{base} year',
    years: '{base} years',
    centuries: 'centuries',
  },
};

const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, translations });

/** Who the password is for: these words, and their parts, count as easy to guess. */
export interface PasswordContext {
  email?: string;
  name?: string;
  organizationName?: string;
}

/** Why `password` is refused, in plain words, or null when it is acceptable. */
export function passwordWeakness(password: string, context: PasswordContext = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `must be at least ${PASSWORD_MIN_LENGTH} characters long.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long.`;
  const result = zxcvbn.check(password, userInputs(context));
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  return `is too easy to guess. ${explain(result.feedback)}`;
}

/** Throws a 400 naming `field` and saying why, unless the password meets the policy. */
export function assertStrongPassword(field: string, password: string, context: PasswordContext = {}): void {
  const weakness = passwordWeakness(password, context);
  if (!weakness) return;
  const message = `${field} ${weakness}`;
  throw new BadRequestException({ message, errors: [{ pointer: `/${field}`, message }] });
}

function explain(feedback: FeedbackType): string {
  const parts = [feedback.warning, ...feedback.suggestions].filter((s): s is string => !!s);
  return parts.length > 0 ? parts.join(' ') : 'Use a longer password, for example a few unrelated words.';
}

/** The whole values and their words (email local part, domain labels, name parts). */
function userInputs({ email, name, organizationName }: PasswordContext): string[] {
  const whole = [email, name, organizationName].filter((v): v is string => !!v?.trim());
  const words = whole.flatMap((v) => v.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  return [...new Set([...whole.map((v) => v.toLowerCase()), ...words])].filter((w) => w.length >= 3);
}
