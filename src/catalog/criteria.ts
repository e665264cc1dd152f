/**
 * Supplier risk-profile criteria in the three groups of the EU coordinated risk assessment. The groups
 * are the accepted structure; the individual criteria, their wording and the 0–4 scales are the
 * project's, written to describe properties of a supplier and never to name a country or a company.
 */

export const CRITERION_GROUP_IDS = ['C1', 'C2', 'C3'] as const;
export type CriterionGroupId = (typeof CRITERION_GROUP_IDS)[number];

export interface CriterionGroup {
  id: CriterionGroupId;
  title: string;
  description: string;
}

export const CRITERION_GROUPS: readonly CriterionGroup[] = [
  {
    id: 'C1',
    title: 'Likelihood of interference from a non-EU country',
    description:
      'How likely it is that the government of a country outside the EU could direct or compel the supplier to act against the networks it supplies.',
  },
  {
    id: 'C2',
    title: 'Ability to assure supply',
    description: 'Whether the supplier can keep delivering products, spare parts, support and updates over the life of the network.',
  },
  {
    id: 'C3',
    title: 'Overall quality of products and cybersecurity practices',
    description: 'How well the supplier builds, evaluates and maintains the security of its products.',
  },
];

/** 0 no concern, 1 low, 2 moderate, 3 high, 4 severe: the same labels for every criterion. */
export const SCORE_LABELS = ['no concern', 'low concern', 'moderate concern', 'high concern', 'severe concern'] as const;
export type Score = 0 | 1 | 2 | 3 | 4;

export interface ScaleStep {
  score: Score;
  label: (typeof SCORE_LABELS)[Score];
  meaning: string;
}

export interface Criterion {
  /** `C<group>.<n>`, e.g. C1.2 */
  id: string;
  group: CriterionGroupId;
  title: string;
  description: string;
  /** Exactly five steps, scores 0 to 4 in order. */
  scale: readonly ScaleStep[];
  wordingConfirmed: false;
}

export const CRITERION_ID_PATTERN = /^C[1-3]\.[1-9]$/;

const c = (id: string, group: CriterionGroupId, title: string, description: string, meanings: [string, string, string, string, string]): Criterion => ({
  id,
  group,
  title,
  description,
  scale: meanings.map((meaning, score) => ({ score: score as Score, label: SCORE_LABELS[score as Score], meaning })),
  wordingConfirmed: false,
});

export const CRITERIA: readonly Criterion[] = [
  c('C1.1', 'C1', 'Links between the supplier and a government',
    'Ties through which a government could influence the supplier: state shareholdings, state funding or subsidies on which the supplier depends, public officials or state bodies within its governance.',
    [
      'No state shareholding, dependence on state funding or state presence in governance.',
      'Minor ties (small passive shareholding, ordinary public contracts) that give no say in decisions.',
      'Material ties, such as a significant shareholding or reliance on state funding, without board control.',
      'A government can influence strategic decisions through shareholding, funding or board seats.',
      'The supplier is controlled by a government or by bodies that answer to it.',
    ]),
  c('C1.2', 'C1', 'Legal environment of the country of control',
    'Whether the laws of the country where the supplier is headquartered or controlled can compel it to cooperate with intelligence or security services, and whether such powers are bounded by legislative or democratic checks and balances, independent courts and security or data-protection agreements with the EU.',
    [
      'The supplier is subject to EU law or to a legal order with equivalent safeguards and agreements with the EU.',
      'Compulsion powers exist but are narrow, subject to independent judicial review, and backed by agreements with the EU.',
      'Compulsion powers are broad or oversight is limited, though some independent review exists.',
      'Broad compulsion powers with weak independent oversight and no security or data-protection agreement with the EU.',
      'Law obliges companies to cooperate with state services in secret, with no independent check and no means of refusal.',
    ]),
  c('C1.3', 'C1', 'Corporate ownership and control',
    'Whether the supplier\'s ultimate owners and the persons who control it can be identified, and whether control sits with parties exposed to a non-EU government.',
    [
      'Ownership and control are fully transparent and sit with parties not exposed to non-EU government influence.',
      'Ownership is transparent; some owners are exposed to such influence but hold no controlling rights.',
      'Ownership is partly opaque, or exposed parties hold blocking rights.',
      'Ultimate ownership cannot be established, or exposed parties hold significant control.',
      'Control demonstrably sits with parties that answer to a non-EU government.',
    ]),
  c('C1.4', 'C1', 'Ability of a third country to exert pressure, including through place of manufacturing',
    'Whether a non-EU government could put pressure on the supplier through where its products, components and software are developed and manufactured, where key staff work, or where its revenue and assets are.',
    [
      'Development and manufacture take place in the EU or in countries with equivalent safeguards.',
      'Some production abroad, with alternative sites and no dependence on one country.',
      'A significant share of development or manufacture in one third country, with limited alternatives.',
      'Most development or manufacture, or key staff and assets, in a third country able to exert pressure.',
      'Development, manufacture and control are concentrated in a third country that can compel the supplier.',
    ]),

  c('C2.1', 'C2', 'Manufacturing and supply diversity',
    'Whether the supplier can keep producing if one factory, component source or logistics route fails: number of manufacturing sites, second sources for critical components, single points of supply.',
    [
      'Several sites and second sources for all critical components.',
      'Second sources for most critical components; a single site with tested recovery plans.',
      'Some critical components from a single source, or one main manufacturing site.',
      'Several critical components from single sources with no qualified alternative.',
      'Supply depends on one site or one source whose loss would stop deliveries.',
    ]),
  c('C2.2', 'C2', 'Financial stability',
    'Whether the supplier is financially able to keep supplying and supporting its products: profitability, debt, access to capital, dependence on few customers.',
    [
      'Sound finances with no indication of strain.',
      'Minor strain, such as a weak year, without effect on operations.',
      'Sustained losses or high debt, manageable in the medium term.',
      'Serious financial difficulty that may affect support or investment.',
      'Insolvency or restructuring that puts continued supply in doubt.',
    ]),
  c('C2.3', 'C2', 'Exposure to export controls and trade restrictions',
    'How far the supplier\'s products or supply chain depend on technology, components or markets subject to export controls, sanctions or trade restrictions that could interrupt delivery, updates or support.',
    [
      'No material exposure.',
      'Exposure limited to a few components with available substitutes.',
      'Material exposure that would delay delivery or updates if restrictions applied.',
      'Restrictions in force or announced affect products or support.',
      'Restrictions already prevent delivery, updates or support of products in use.',
    ]),
  c('C2.4', 'C2', 'Support continuity',
    'Whether the supplier commits to and can deliver support, spare parts and security updates over the network\'s lifetime, including support capability within the EU.',
    [
      'Contractual support and security updates for the full lifetime, delivered with capability in the EU.',
      'Committed support for most of the lifetime; some support from outside the EU.',
      'Support commitments shorter than the expected lifetime, or support mostly from outside the EU.',
      'No committed support period, or a record of ending support early.',
      'Support has ended or cannot be delivered for products in use.',
    ]),

  c('C3.1', 'C3', 'Secure development lifecycle',
    'Whether the supplier develops and maintains products under an audited secure development and lifecycle process, for example one audited under GSMA NESAS.',
    [
      'Audited secure development lifecycle covering all relevant products, audit current.',
      'Audited process covering most products, or audit due for renewal.',
      'Documented process without independent audit.',
      'Ad hoc practices; no documented process.',
      'Evidence of systematically insecure development.',
    ]),
  c('C3.2', 'C3', 'Product security evaluation and certification',
    'Whether the supplier\'s products have been evaluated by accredited third parties against recognised test specifications (e.g. 3GPP SCAS under NESAS) or certified under EU schemes.',
    [
      'Relevant products evaluated or certified, reports available to buyers.',
      'Most relevant products evaluated; gaps are being closed.',
      'Some products evaluated; reports not shared.',
      'No independent evaluation of relevant products.',
      'Evaluations found serious unresolved defects.',
    ]),
  c('C3.3', 'C3', 'Vulnerability handling and patch record',
    'How the supplier handles vulnerabilities: a coordinated disclosure policy, advisories, time to fix, and the record of past serious vulnerabilities and their remediation.',
    [
      'Published disclosure policy, timely advisories and fixes, good record.',
      'Policy in place; occasional delays in fixing.',
      'Fixes often slow, or advisories incomplete.',
      'No disclosure policy; serious vulnerabilities left unfixed for long periods.',
      'Known serious vulnerabilities left unfixed, or vulnerabilities concealed.',
    ]),
  c('C3.4', 'C3', 'Transparency and access for verification',
    'Whether buyers and authorities can verify what they receive: access to source code review, software bills of materials, reproducible builds, cooperation with audits and testing.',
    [
      'Source code review, SBOMs and audit cooperation offered without restriction.',
      'Most of these offered, with reasonable conditions.',
      'Partial transparency: SBOMs or audits on request only.',
      'Little transparency; verification requests usually refused.',
      'Verification refused, or false information given.',
    ]),
];
