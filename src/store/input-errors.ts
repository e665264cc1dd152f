import type { z } from 'zod';
import { UserError } from '../domain/index.js';

/** A schema's complaints as one user error naming each field, e.g. `profile: field scores.0.score must be between 0 and 4`. */
export function inputError(what: string, error: z.ZodError): UserError {
  return new UserError(`${what}: ${error.issues.map((i) => `${i.path.length ? `field ${i.path.join('.')} ` : ''}${i.message}`).join('; ')}`);
}
