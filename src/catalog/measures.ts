/**
 * The Toolbox's measures (NIS Cooperation Group publication 01/2020). Ids and titles are as published;
 * the summaries are our own words. Who acts on each measure is not stated per measure in the texts the
 * project has seen, so every entry carries `partiesConfirmed: false` and says where its parties came from.
 */

export const MEASURE_KINDS = ['strategic', 'technical', 'supporting'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const ACTING_PARTIES = [
  'member-state',
  'national-authority',
  'operator',
  'commission',
  'enisa',
  'nis-cooperation-group',
] as const;
export type ActingParty = (typeof ACTING_PARTIES)[number];

export const MEASURE_IDS = [
  'SM01', 'SM02', 'SM03', 'SM04', 'SM05', 'SM06', 'SM07', 'SM08',
  'TM01', 'TM02', 'TM03', 'TM04', 'TM05', 'TM06', 'TM07', 'TM08', 'TM09', 'TM10', 'TM11',
  'SA01', 'SA02', 'SA03', 'SA04', 'SA05', 'SA06', 'SA07', 'SA08', 'SA09', 'SA10',
] as const;
export type MeasureId = (typeof MEASURE_IDS)[number];

/** The id prefix tells the kind: SM strategic, TM technical, SA supporting action. */
export const MEASURE_ID_PATTERN = /^(SM0[1-8]|TM(0[1-9]|1[01])|SA(0[1-9]|10))$/;

/**
 * `toolbox-summary`: the parties follow the reference's (itself unconfirmed) summary of who acts.
 * `secure5g-default`: the reference is silent; the parties are the project's reasoned default.
 */
export type PartiesSource = 'toolbox-summary' | 'secure5g-default';

export interface Measure {
  id: MeasureId;
  kind: MeasureKind;
  /** As published in the Toolbox. */
  title: string;
  /** What the measure asks and why, in the project's words. */
  summary: string;
  actingParties: readonly ActingParty[];
  partiesConfirmed: false;
  partiesSource: PartiesSource;
}

const m = (
  id: MeasureId,
  kind: MeasureKind,
  title: string,
  summary: string,
  actingParties: ActingParty[],
  partiesSource: PartiesSource,
): Measure => ({ id, kind, title, summary, actingParties, partiesConfirmed: false, partiesSource });

const NATIONAL: ActingParty[] = ['member-state', 'national-authority'];
const OPERATORS: ActingParty[] = ['operator', 'national-authority'];
const UNION_AND_STATES: ActingParty[] = ['commission', 'member-state'];
const CERTIFICATION: ActingParty[] = ['enisa', 'commission'];

export const MEASURES: readonly Measure[] = [
  m('SM01', 'strategic', 'Strengthening the role of national authorities',
    'Give national authorities the powers and resources to regulate 5G security, including powers to obtain information, audit and restrict. Without such powers the other measures cannot be enforced.',
    NATIONAL, 'toolbox-summary'),
  m('SM02', 'strategic', 'Performing audits on operators and requiring information',
    'Authorities audit operators and can require information on their networks, suppliers and security measures. Supervision needs an accurate picture of what is deployed and how it is protected.',
    NATIONAL, 'toolbox-summary'),
  m('SM03', 'strategic',
    'Assessing the risk profile of suppliers and applying restrictions for suppliers considered to be high risk, including necessary exclusions to effectively mitigate risks, for key assets',
    'Assess each supplier\'s risk profile on common objective criteria and restrict or exclude suppliers found to be high risk from the key assets of the network. This addresses the risk of interference through the supply chain where it would do most harm.',
    NATIONAL, 'toolbox-summary'),
  m('SM04', 'strategic', 'Controlling the use of Managed Service Providers (MSPs) and equipment suppliers\' third line support',
    'Set conditions on outsourced operations and on suppliers\' remote third-line support, and restrict them where the provider is high risk. These parties hold privileged access to the network and can therefore affect it as much as the equipment itself.',
    NATIONAL, 'toolbox-summary'),
  m('SM05', 'strategic', 'Ensuring the diversity of suppliers for individual MNOs through appropriate multi-vendor strategies',
    'Each operator follows a multi-vendor strategy that avoids major dependency on a single supplier in a network or segment. This limits the effect of one supplier\'s failure, compromise or restriction.',
    NATIONAL, 'toolbox-summary'),
  m('SM06', 'strategic', 'Strengthening the resilience at national level',
    'Assess and reduce dependencies at national level, for example by avoiding reliance on one supplier across all operators and planning for national roaming or shared fallback. A country should keep connectivity when one supplier or operator fails.',
    NATIONAL, 'toolbox-summary'),
  m('SM07', 'strategic', 'Identifying key assets and fostering a diverse and sustainable 5G ecosystem in the EU',
    'Identify which assets are critical and sensitive, and support a diverse and sustainable supply of 5G equipment and services in the EU. Restrictions need a shared view of key assets, and a broad supply base keeps alternatives available.',
    UNION_AND_STATES, 'toolbox-summary'),
  m('SM08', 'strategic', 'Maintaining and building diversity and EU capacities in future network technologies',
    'Invest in research and industrial capacity for future network technologies so that the EU does not become dependent on few suppliers. Diversity in later generations depends on capacity built now.',
    UNION_AND_STATES, 'toolbox-summary'),

  m('TM01', 'technical', 'Ensuring the application of baseline security requirements (secure network design and architecture)',
    'Operators apply baseline security requirements to network design and architecture, such as segregation, hardening and secure configuration. A sound design limits what a fault or attacker in one part can reach.',
    OPERATORS, 'toolbox-summary'),
  m('TM02', 'technical', 'Ensuring and evaluating the implementation of security measures in existing 5G standards',
    'Operators enable the security features that 5G standards define, including optional ones, and authorities check that they are in use. Standards protect subscribers and signalling only where their features are switched on.',
    OPERATORS, 'toolbox-summary'),
  m('TM03', 'technical', 'Ensuring strict access controls',
    'Restrict and log access to network functions and management interfaces on least privilege, with strong authentication for administrators and third parties. Unauthorised or excessive access is a main path to compromise.',
    OPERATORS, 'toolbox-summary'),
  m('TM04', 'technical', 'Increasing the security of virtualised network functions',
    'Secure the virtualisation and cloud layers that host network functions: isolation between functions, hardened hypervisors and orchestration. In 5G many functions share infrastructure, so a weakness there affects all of them.',
    OPERATORS, 'toolbox-summary'),
  m('TM05', 'technical', 'Ensuring secure 5G network management, operation and monitoring',
    'Protect management and operations systems and monitor the network to detect and respond to anomalies. Management systems control the whole network, and monitoring is how misuse is noticed.',
    OPERATORS, 'toolbox-summary'),
  m('TM06', 'technical', 'Reinforcing physical security',
    'Protect sites, equipment and support systems against physical access, tampering and damage. Physical access can bypass logical controls and take sites out of service.',
    OPERATORS, 'toolbox-summary'),
  m('TM07', 'technical', 'Reinforcing software integrity, update and patch management',
    'Verify the integrity and origin of software and apply updates and patches promptly through a controlled process. Unpatched or tampered software is a lasting weakness in any network element.',
    OPERATORS, 'toolbox-summary'),
  m('TM08', 'technical', 'Raising the security standards in suppliers\' processes through robust procurement conditions',
    'Operators set security requirements for suppliers\' development, production and support processes in their procurement contracts. Procurement is the lever by which an operator shapes the security of what it buys.',
    OPERATORS, 'toolbox-summary'),
  m('TM09', 'technical', 'Using EU certification for 5G network components, customer equipment and/or suppliers\' processes',
    'Use EU cybersecurity certification, once available, for 5G components, customer equipment and suppliers\' processes. Certification gives comparable, independent assurance instead of each buyer testing alone.',
    CERTIFICATION, 'toolbox-summary'),
  m('TM10', 'technical', 'Using EU certification for other non 5G-specific ICT products and services (connected devices, cloud services)',
    'Use EU certification for ICT products and services that 5G networks depend on or connect, such as connected devices and cloud services. Insecure devices and clouds can attack or weaken the network from outside its own equipment.',
    CERTIFICATION, 'toolbox-summary'),
  m('TM11', 'technical', 'Reinforcing resilience and continuity plans',
    'Operators keep and test resilience and business-continuity plans covering outages, supplier failure and loss of support systems. Service must continue, or recover quickly, when something fails.',
    OPERATORS, 'toolbox-summary'),

  m('SA01', 'supporting', 'Reviewing or developing guidelines and best practices on network security',
    'Produce and keep up to date guidelines and best practices on 5G network security for operators and authorities. Shared guidance raises the floor and makes supervision consistent.',
    ['nis-cooperation-group', 'enisa', 'national-authority'], 'secure5g-default'),
  m('SA02', 'supporting', 'Reinforcing testing and auditing capabilities at national and EU level',
    'Build laboratories and auditing capacity able to test 5G equipment and audit operators and suppliers. Independent testing is needed to verify what suppliers and operators claim.',
    ['member-state', 'commission', 'enisa'], 'secure5g-default'),
  m('SA03', 'supporting', 'Supporting and shaping 5G standardisation',
    'Take part in standardisation so that security is built into 5G standards and their evolution. Security that is standardised reaches every product and network.',
    ['member-state', 'commission', 'enisa', 'operator'], 'secure5g-default'),
  m('SA04', 'supporting', 'Developing guidance on the implementation of security measures in existing 5G standards',
    'Explain how to implement and configure the security features of existing 5G standards. Many features are optional or complex, and guidance helps operators use them correctly.',
    ['enisa', 'nis-cooperation-group', 'national-authority'], 'secure5g-default'),
  m('SA05', 'supporting', 'Ensuring the application of standard technical and organisational security measures through a specific EU-wide certification scheme',
    'Develop an EU-wide certification scheme that checks standard technical and organisational security measures. A common scheme lets one evaluation serve all Member States.',
    CERTIFICATION, 'toolbox-summary'),
  m('SA06', 'supporting', 'Exchanging best practices on the implementation of strategic measures, in particular national frameworks for assessing the risk profile of suppliers',
    'Member States share how they implement the strategic measures, especially how they assess suppliers\' risk profiles. Convergent assessments avoid fragmentation and gaps across the Union.',
    ['nis-cooperation-group', 'member-state'], 'secure5g-default'),
  m('SA07', 'supporting', 'Improving coordination in incident response and crisis management',
    'Improve national and EU coordination for responding to 5G incidents and crises. A large-scale incident crosses borders and operators and needs a joint response.',
    ['member-state', 'national-authority', 'enisa', 'commission'], 'secure5g-default'),
  m('SA08', 'supporting', 'Conducting audits of interdependencies between 5G networks and other critical services',
    'Map and audit how other critical services depend on 5G networks and how 5G networks depend on them, such as energy. Hidden interdependencies turn a network failure into a wider crisis.',
    NATIONAL, 'secure5g-default'),
  m('SA09', 'supporting', 'Enhancing cooperation, coordination and information sharing mechanisms',
    'Strengthen cooperation and information sharing on threats, incidents and measures between authorities, and with operators. Shared knowledge lets everyone act on what one party has seen.',
    ['nis-cooperation-group', 'member-state', 'commission', 'enisa'], 'secure5g-default'),
  m('SA10', 'supporting', 'Ensuring 5G deployment projects supported with public funding take into account cybersecurity risks',
    'Make cybersecurity, including supplier risk, a condition of public funding for 5G deployment. Public money should not build networks that the other measures would later have to remediate.',
    UNION_AND_STATES, 'toolbox-summary'),
];
