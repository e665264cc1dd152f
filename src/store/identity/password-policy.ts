import { UserError } from '../../domain/index.js';
import { MIN_PASSWORD_LENGTH } from './password.js';

/*
 * Length alone lets "password1234" and "aaaaaaaaaaaa" through. zxcvbn estimates how many guesses a
 * cracker needs, knowing common passwords, words, names, keyboard walks, repeats, sequences and dates;
 * a password must reach score 3 (about 10^8 guesses against a slow hash). The dictionaries take most of a
 * second to load, so they are loaded on the first check only (commands that set no password never pay),
 * and only the first 64 characters are examined (the estimate's cost grows with length: a huge password
 * must not block the server).
 */

export const MIN_PASSWORD_SCORE = 3;
const EXAMINED = 64;

type Checker = (password: string, userInputs: string[]) => { score: number; feedback: { warning: string | null; suggestions: string[] } };
let checker: Promise<Checker> | undefined;

function loadChecker(): Promise<Checker> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
    const z = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
      maxLength: EXAMINED,
    });
    return (password, userInputs) => z.check(password, userInputs);
  })();
  return checker;
}

/**
 * Refuses a password that is short, or easy to guess (common, repetitive, a sequence, a keyboard walk,
 * or built from the user name), with a message saying why and what to do instead.
 */
export async function checkPasswordPolicy(password: string, context: { username?: string } = {}): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new UserError(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
  const check = await loadChecker();
  const userInputs = ['secure5g', ...(context.username ? [context.username, ...context.username.split(/[._@-]/).filter((p) => p.length > 2)] : [])];
  const r = check(password.slice(0, EXAMINED), userInputs);
  if (r.score >= MIN_PASSWORD_SCORE) return;
  // zxcvbn's wording for a match on the user inputs is about web pages; say what it means here
  const warning = r.feedback.warning && /personal or page related/.test(r.feedback.warning) ? 'it contains your user name' : r.feedback.warning;
  const why = warning ?? 'it is built from common words or patterns';
  const advice = r.feedback.suggestions.length ? ` ${r.feedback.suggestions.join(' ')}` : '';
  throw new UserError(`password: too easy to guess (${why.replace(/\.$/, '')}).${advice} A few unrelated words, or a generated password, will do.`);
}
