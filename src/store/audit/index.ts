export { appendAudit, toEntry, entryHash, entryMac, GENESIS_HASH, type Actor, type AuditEntry, type AuditInput, type AuditRow } from './log.js';
export { parseHead, verifyAudit, type AuditProblem, type AuditVerification, type ExpectedHead } from './verify.js';
export { canonicalJson, digestOf, sha256Hex } from './canonical.js';
