/*
 * Whether a product meets one certification requirement, judged from certificate records where there are
 * any (docs/methodology.md, TM09): a record counts when it is of the required scheme, for the product,
 * valid on the date and covering the asset's software version. Without any record of the scheme for the
 * product, the product's plain label still counts, but only as unverified.
 */

/** One certificate record as the engine reads it (src/domain/certificate.ts has the imported row). */
export interface CertificateRecord {
  certificateId: string;
  /** upper-cased, like the policy's required labels */
  scheme: string;
  issuer: string;
  productId: string;
  /** software versions covered; empty: every version */
  versions: readonly string[];
  validFrom: string;
  validUntil?: string;
}

export interface RequirementVerdict {
  met: boolean;
  /** met by a valid record (true), by a plain label (false); absent when not met */
  verified?: boolean;
  /** the record that meets it */
  certificateId?: string;
  /** why the records there are do not meet it, one clause per record */
  why?: string;
}

/** Why one record does not serve on `date` for `version`; undefined when it does. */
export function recordProblem(r: CertificateRecord, date: string, version: string | undefined): string | undefined {
  const name = `certificate ${r.certificateId} (${r.issuer})`;
  if (date < r.validFrom) return `${name} is valid only from ${r.validFrom}`;
  if (r.validUntil !== undefined && date > r.validUntil) return `${name} expired on ${r.validUntil}`;
  if (r.versions.length > 0 && (version === undefined || !r.versions.includes(version))) {
    return `${name} covers version${r.versions.length === 1 ? '' : 's'} ${r.versions.join(', ')}, not ${version === undefined ? 'an asset whose version is not recorded' : version}`;
  }
  return undefined;
}

/**
 * `records`: the product's records of the required scheme (possibly none); `labels`: the product's
 * upper-cased plain labels.
 */
export function judgeRequirement(
  scheme: string,
  records: readonly CertificateRecord[],
  labels: readonly string[],
  date: string,
  version: string | undefined,
): RequirementVerdict {
  if (records.length === 0) return labels.includes(scheme) ? { met: true, verified: false } : { met: false };
  const problems: string[] = [];
  for (const r of records) {
    const problem = recordProblem(r, date, version);
    if (problem === undefined) return { met: true, verified: true, certificateId: r.certificateId };
    problems.push(problem);
  }
  return { met: false, why: problems.join('; ') };
}
