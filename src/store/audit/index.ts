export { appendAudit, toEntry, entryHash, GENESIS_HASH, type Actor, type AuditEntry, type AuditInput, type AuditRow } from './log.js';
export { verifyAudit, type AuditProblem, type AuditVerification } from './verify.js';
export { canonicalJson, digestOf, sha256Hex } from './canonical.js';
