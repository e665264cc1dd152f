export * from './users.js';
export * from './sessions.js';
export * from './tokens.js';
export { hashPassword, verifyPassword, generatePassword, dummyHash, MIN_PASSWORD_LENGTH } from './password.js';
export { checkPasswordPolicy, MIN_PASSWORD_SCORE } from './password-policy.js';
export { secretHash, sameHash } from './secrets.js';
export * from './demo.js';
export * from './second-factor.js';
export { SECOND_FACTOR_KEY, TOTP_PERIOD_SECONDS, TOTP_WINDOW } from './totp.js';
