import { z } from 'zod';
import { ImportError } from '../domain/errors.js';
import { MEASURE_IDS, type MeasureId } from './measures.js';
import { RISK_AREA_IDS, type RiskAreaId } from './risk-areas.js';

/**
 * Which measures mitigate which risk area. The Toolbox's Annex 1 risk mitigation plans were not
 * available, so every link here is the project's reasoned default (`source: 'secure5g-default'`).
 * A national authority or operator may replace them with an overrides file (see docs/catalog.md).
 */

export const LINK_EFFECTS = ['primary', 'supporting'] as const;
/** `primary`: the measure acts directly on the risk; `supporting`: it helps or enables other measures. */
export type LinkEffect = (typeof LINK_EFFECTS)[number];

export const DEFAULT_LINK_SOURCE = 'secure5g-default';

export interface RiskMeasureLink {
  riskArea: RiskAreaId;
  measure: MeasureId;
  effect: LinkEffect;
  rationale: string;
  /** `secure5g-default`, or the `source` label of the overrides file that set the link. */
  source: string;
}

const l = (riskArea: RiskAreaId, measure: MeasureId, effect: LinkEffect, rationale: string): RiskMeasureLink => ({
  riskArea,
  measure,
  effect,
  rationale,
  source: DEFAULT_LINK_SOURCE,
});

export const RISK_MEASURE_LINKS: readonly RiskMeasureLink[] = [
  l('R1', 'TM01', 'primary', 'Baseline requirements and a secure architecture define the correct configuration to hold to.'),
  l('R1', 'TM05', 'primary', 'Secure management and monitoring detect and correct configuration errors and drift.'),
  l('R1', 'TM02', 'supporting', 'Security features of the standards left disabled are a form of misconfiguration.'),
  l('R1', 'TM04', 'supporting', 'Virtualised functions add configuration layers (isolation, orchestration) that must be hardened.'),
  l('R1', 'SM02', 'supporting', 'Audits by the authority reveal misconfigurations the operator has missed.'),
  l('R1', 'SA01', 'supporting', 'Guidelines and best practices give operators a reference for secure configuration.'),
  l('R1', 'SA04', 'supporting', 'Guidance on standard security features helps operators configure them correctly.'),

  l('R2', 'TM03', 'primary', 'Strict, least-privilege access control addresses the risk directly.'),
  l('R2', 'SM04', 'primary', 'Managed service providers and third-line support hold privileged remote access that must be controlled.'),
  l('R2', 'TM04', 'supporting', 'Isolation in the virtualisation layer stops access to one function reaching others.'),
  l('R2', 'TM05', 'supporting', 'Monitoring of administrative access detects misuse of credentials.'),
  l('R2', 'TM06', 'supporting', 'Physical access control keeps intruders away from equipment and consoles.'),
  l('R2', 'SM02', 'supporting', 'Audits verify that access-control rules are applied in practice.'),

  l('R3', 'TM07', 'primary', 'Software integrity checks and prompt patching remove flaws from products in service.'),
  l('R3', 'TM08', 'primary', 'Procurement conditions require suppliers to follow secure development and quality processes.'),
  l('R3', 'TM09', 'primary', 'Certification of components and suppliers\' processes gives independent evidence of quality.'),
  l('R3', 'TM02', 'supporting', 'Evaluating standard security features (e.g. SCAS test cases) exposes weak implementations.'),
  l('R3', 'SM03', 'supporting', 'A supplier\'s risk profile includes the quality of its products and practices (criteria group 3).'),
  l('R3', 'SA02', 'supporting', 'Testing capacity lets authorities verify product quality independently of suppliers.'),
  l('R3', 'SA03', 'supporting', 'Security written into the standards raises the quality floor of every product.'),
  l('R3', 'SA05', 'supporting', 'An EU-wide certification scheme makes quality evidence comparable across suppliers.'),

  l('R4', 'SM05', 'primary', 'Multi-vendor strategies limit each operator\'s dependency on one supplier.'),
  l('R4', 'SM06', 'primary', 'National resilience planning addresses dependency across all operators of a country.'),
  l('R4', 'SM07', 'supporting', 'A diverse and sustainable EU supply base keeps alternative suppliers available.'),
  l('R4', 'SM08', 'supporting', 'Capacity in future technologies prevents new dependencies forming in later generations.'),
  l('R4', 'TM11', 'supporting', 'Continuity plans prepare for the loss of a supplier on which the network depends.'),

  l('R5', 'SM03', 'primary', 'Assessing suppliers and restricting high-risk ones from key assets addresses state interference directly.'),
  l('R5', 'SM04', 'primary', 'Remote support and managed services are channels through which a state could act; controlling them closes them.'),
  l('R5', 'SM01', 'supporting', 'Authorities need powers to assess suppliers and impose restrictions.'),
  l('R5', 'SM05', 'supporting', 'Spreading supply over several vendors limits what any one compromised supplier can reach.'),
  l('R5', 'SM07', 'supporting', 'Identifying key assets decides where restrictions must apply.'),
  l('R5', 'TM07', 'supporting', 'Software integrity checks make malicious updates harder to introduce.'),
  l('R5', 'TM08', 'supporting', 'Procurement conditions can require transparency of the supplier\'s ownership and supply chain.'),
  l('R5', 'SA06', 'supporting', 'Sharing national frameworks for supplier assessment leads to consistent results across Member States.'),
  l('R5', 'SA10', 'supporting', 'Publicly funded deployments take supplier risk into account from the start.'),

  l('R6', 'TM02', 'primary', 'Standard 5G security features (subscriber privacy, encryption, integrity) protect end users.'),
  l('R6', 'TM05', 'primary', 'Monitoring detects exploitation of the network against its users.'),
  l('R6', 'TM03', 'supporting', 'Access control makes it harder to gain the foothold an attack needs.'),
  l('R6', 'SA03', 'supporting', 'Standardisation closes protocol weaknesses that attackers exploit.'),
  l('R6', 'SA07', 'supporting', 'Coordinated incident response limits the damage of an ongoing campaign.'),
  l('R6', 'SA09', 'supporting', 'Sharing threat information lets all operators act on what one has seen.'),

  l('R7', 'SA08', 'primary', 'Audits of interdependencies show which critical services a network failure would disrupt.'),
  l('R7', 'TM11', 'primary', 'Resilience and continuity plans keep services available to the critical users that depend on them.'),
  l('R7', 'SM06', 'primary', 'National resilience covers the services the country depends on.'),
  l('R7', 'SA07', 'supporting', 'Crisis management coordinates the response across sectors.'),
  l('R7', 'SA09', 'supporting', 'Cooperation between sectors\' authorities spreads knowledge of dependencies.'),

  l('R8', 'TM11', 'primary', 'Continuity plans include backup power and the loss of other support systems.'),
  l('R8', 'TM06', 'primary', 'Physical security protects sites and their power and synchronisation equipment.'),
  l('R8', 'SM06', 'supporting', 'National resilience planning covers large-scale power outages.'),
  l('R8', 'SA08', 'supporting', 'Interdependency audits reveal reliance on electricity and other support systems.'),
  l('R8', 'SA07', 'supporting', 'Crisis coordination with energy operators speeds restoration.'),

  l('R9', 'TM10', 'primary', 'Certification of connected devices reduces the number of exploitable devices.'),
  l('R9', 'TM09', 'supporting', 'Certification of customer equipment covers 5G-specific devices.'),
  l('R9', 'TM05', 'supporting', 'Monitoring detects attack traffic from compromised devices.'),
  l('R9', 'TM02', 'supporting', 'Standard device authentication limits what a compromised device can reach.'),
  l('R9', 'SA05', 'supporting', 'An EU-wide certification scheme gives device buyers comparable assurance.'),
];

const linkKey = (riskArea: string, measure: string) => `${riskArea}/${measure}`;

/** A source label for overridden links: short, no spaces, and never the project's own label. */
const SourceLabel = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'may hold only letters, digits and . _ -')
  .max(64, 'is longer than 64 characters')
  .refine((s) => s !== DEFAULT_LINK_SOURCE, `must differ from ${DEFAULT_LINK_SOURCE}`);

const LinkRef = z.object({ riskArea: z.enum(RISK_AREA_IDS), measure: z.enum(MEASURE_IDS) }).strict();

/** The overrides file: links to add or replace (`set`) and links to drop (`remove`). */
export const LinkOverrides = z
  .object({
    source: SourceLabel,
    set: z
      .array(
        LinkRef.extend({
          effect: z.enum(LINK_EFFECTS),
          rationale: z.string().trim().min(1, 'is required').max(500, 'is longer than 500 characters'),
        }).strict(),
      )
      .default([]),
    remove: z.array(LinkRef).default([]),
  })
  .strict()
  .superRefine((o, ctx) => {
    const seen = new Map<string, string>();
    const check = (list: 'set' | 'remove', i: number, ref: { riskArea: string; measure: string }) => {
      const key = linkKey(ref.riskArea, ref.measure);
      const earlier = seen.get(key);
      if (earlier) ctx.addIssue({ code: 'custom', path: [list, i], message: `${key} is already named at ${earlier}` });
      else seen.set(key, `${list}[${i}]`);
    };
    o.set.forEach((s, i) => check('set', i, s));
    o.remove.forEach((s, i) => check('remove', i, s));
  });
export type LinkOverrides = z.infer<typeof LinkOverrides>;

/** Validates a parsed overrides JSON document; `file` names it in the error. */
export function parseLinkOverrides(json: unknown, file: string): LinkOverrides {
  const parsed = LinkOverrides.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  throw new ImportError(file, undefined, field, issue.message);
}

/**
 * Returns a new list: removed links dropped, `set` links replacing the link with the same risk area and
 * measure in place or appended in file order. Links it sets carry the overrides' source. Removing a link
 * that does not exist is an error: it is almost always a typo that would silently leave the default.
 */
export function applyLinkOverrides(
  links: readonly RiskMeasureLink[],
  overrides: LinkOverrides,
  file = 'link overrides',
): RiskMeasureLink[] {
  const existing = new Set(links.map((x) => linkKey(x.riskArea, x.measure)));
  overrides.remove.forEach((ref, i) => {
    if (!existing.has(linkKey(ref.riskArea, ref.measure))) {
      throw new ImportError(file, undefined, `remove.${i}`, `there is no link ${linkKey(ref.riskArea, ref.measure)} to remove`);
    }
  });
  const removed = new Set(overrides.remove.map((x) => linkKey(x.riskArea, x.measure)));
  const setByKey = new Map(
    overrides.set.map((s) => [
      linkKey(s.riskArea, s.measure),
      { riskArea: s.riskArea, measure: s.measure, effect: s.effect, rationale: s.rationale, source: overrides.source },
    ]),
  );
  const out: RiskMeasureLink[] = [];
  for (const link of links) {
    const key = linkKey(link.riskArea, link.measure);
    if (removed.has(key)) continue;
    const replacement = setByKey.get(key);
    if (replacement) setByKey.delete(key);
    out.push(replacement ?? { ...link });
  }
  out.push(...setByKey.values());
  return out;
}
