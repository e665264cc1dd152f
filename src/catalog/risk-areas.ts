/**
 * The Toolbox's risk areas R1–R9 and the five scenario groups of the EU coordinated risk assessment.
 * Ids and short titles are as published. The longer wordings of R4, R6 and R8, and the assignment of risk
 * areas to groups, were not seen in a primary text: they are flagged and carry the project's reasoning.
 */

export const SCENARIO_GROUP_IDS = [
  'insufficient-security-measures',
  'supply-chain',
  'threat-actors',
  'interdependencies',
  'end-user-devices',
] as const;
export type ScenarioGroupId = (typeof SCENARIO_GROUP_IDS)[number];

export interface ScenarioGroup {
  id: ScenarioGroupId;
  title: string;
}

export const SCENARIO_GROUPS: readonly ScenarioGroup[] = [
  { id: 'insufficient-security-measures', title: 'Insufficient security measures' },
  { id: 'supply-chain', title: '5G supply chain' },
  { id: 'threat-actors', title: 'Modus operandi of the main threat actors' },
  { id: 'interdependencies', title: 'Interdependencies between 5G networks and other critical systems' },
  { id: 'end-user-devices', title: 'End-user devices' },
];

export const RISK_AREA_IDS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9'] as const;
export type RiskAreaId = (typeof RISK_AREA_IDS)[number];

export interface RiskArea {
  id: RiskAreaId;
  /** Confirmed short title. */
  shortTitle: string;
  /** Full wording; equals `shortTitle` where no longer wording is known. */
  title: string;
  /** False where the full wording was not seen in a primary text. */
  titleConfirmed: boolean;
  group: ScenarioGroupId;
  /** Why the risk area sits in its group: the assignment is the project's reading, not a quotation. */
  groupReasoning: string;
  groupConfirmed: false;
}

const r = (
  id: RiskAreaId,
  shortTitle: string,
  title: string,
  titleConfirmed: boolean,
  group: ScenarioGroupId,
  groupReasoning: string,
): RiskArea => ({ id, shortTitle, title, titleConfirmed, group, groupReasoning, groupConfirmed: false });

export const RISK_AREAS: readonly RiskArea[] = [
  r('R1', 'Misconfiguration of networks', 'Misconfiguration of networks', true, 'insufficient-security-measures',
    'A misconfigured network is a failure of the operator\'s own security measures, whoever supplied the equipment.'),
  r('R2', 'Lack of access controls', 'Lack of access controls', true, 'insufficient-security-measures',
    'Weak access control is a gap in the operator\'s security measures rather than in the products.'),
  r('R3', 'Low product quality', 'Low product quality', true, 'supply-chain',
    'Product quality is a property of what suppliers deliver into the network.'),
  r('R4', 'Dependency on any single supplier',
    'Dependency on any single supplier within individual networks or lack of diversity on nation-wide basis', false,
    'supply-chain', 'Dependency arises from the structure of supply: how few suppliers serve a network or a country.'),
  r('R5', 'State interference through the 5G supply chain', 'State interference through the 5G supply chain', true,
    'threat-actors', 'The scenario is driven by how a state actor operates; the supply chain is its vector, not its cause.'),
  r('R6', 'Exploitation of 5G networks by organised crime',
    'Exploitation of 5G networks by organised crime or state-backed groups targeting end users', false, 'threat-actors',
    'The scenario is defined by the attackers (organised crime, state-backed groups) and how they operate.'),
  r('R7', 'Significant disruption of critical infrastructures or services',
    'Significant disruption of critical infrastructures or services', true, 'interdependencies',
    'Other critical services rely on 5G networks, so a network failure spreads to them.'),
  r('R8', 'Massive failure of networks',
    'Massive failure of networks due to interruption of electricity supply or other support systems', false,
    'interdependencies', '5G networks rely on other critical systems such as electricity, so their failure spreads to the network.'),
  r('R9', 'IoT exploitation', 'IoT exploitation', true, 'end-user-devices',
    'Connected devices at the network edge are end-user devices that can be taken over and turned against the network.'),
];
