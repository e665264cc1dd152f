import { z } from 'zod';
import { Certification } from './entities.js';
import { Id, IsoDate, list, optional } from './primitives.js';

/**
 * A certificate as a record, not a label: which scheme (NESAS, EUCC, SCAS … the labels a policy
 * requires), which certificate, who issued it, what it covers (a product, and which software versions of
 * it: none listed means every version) and when it is valid. A requirement of the policy is met by a
 * record of its scheme for the asset's product that is valid on the assessment date and covers the
 * asset's version; a product's plain certification label still meets it where no record of that scheme
 * exists for the product, but is reported as unverified.
 */
export const CertificateRow = z.object({
  certificate_id: Id,
  /** compared with the policy's required labels, upper-cased like them */
  scheme: Certification,
  issuer: z.string().trim().min(1, 'is required'),
  product_id: Id,
  /** the product's software versions it covers, as written on the certificate; empty: every version */
  versions: list(z.string().trim().max(128, 'is longer than 128 characters')),
  valid_from: IsoDate,
  valid_until: optional(IsoDate),
});
export type CertificateRow = z.infer<typeof CertificateRow>;

/** valid_until before valid_from can be no certificate: checked beside the row schema, naming the field. */
export function certificateProblems(r: { valid_from: string; valid_until?: string | undefined }): { field: string; message: string }[] {
  return r.valid_until !== undefined && r.valid_until < r.valid_from ? [{ field: 'valid_until', message: `is before valid_from (${r.valid_from})` }] : [];
}
