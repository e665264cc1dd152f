import type { Criticality, SegmentId } from '../domain/index.js';

export interface SegmentEntry {
  id: SegmentId;
  title: string;
  description: string;
}

export interface FunctionEntry {
  /** 3GPP / O-RAN / ETSI NFV abbreviation, used as the function id in data files. */
  id: string;
  segment: SegmentId;
  title: string;
  generation: '5G' | '4G' | 'any';
  /** Default criticality of the function ("key assets"); a national policy may override it. */
  criticality: Criticality;
  rationale: string;
  /** Where the default grade comes from (see CriticalitySource). */
  criticalitySource: CriticalitySource;
  /** No published text grades individual functions, so no default is confirmed. */
  criticalityConfirmed: false;
}

/**
 * `key-assets-summary`: the function's segment is among those the Toolbox summaries name as key assets
 * (core network, network management and orchestration, access network; itself unconfirmed as exact
 * wording), so it is critical or sensitive; which of the two is the project's reasoned grade.
 * `secure5g-default`: the texts do not name the segment; the whole grade is the project's reasoned
 * default (not an EU rule).
 */
export type CriticalitySource = 'key-assets-summary' | 'secure5g-default';

/** The segments the Toolbox summaries name as key assets (docs/catalog.md, "Function criticality defaults"). */
export const KEY_ASSET_SEGMENTS: readonly SegmentId[] = ['core', 'management', 'ran'];

export const SEGMENTS: readonly SegmentEntry[] = [
  { id: 'core', title: 'Core network', description: '5G core (3GPP TS 23.501) and 4G EPC functions: control plane, user plane, subscriber data.' },
  { id: 'ran', title: 'Radio access network', description: 'Base stations and their splits: gNB, CU-CP, CU-UP, DU, RU, and 4G eNB.' },
  { id: 'transport', title: 'Transport and transmission', description: 'Backhaul, midhaul and fronthaul: IP/MPLS routers, optical and microwave links, aggregation switches.' },
  { id: 'management', title: 'Management and orchestration', description: 'OSS, NFV management and orchestration (NFVO, VNFM, VIM), SDN controllers, RAN intelligent controllers, element managers.' },
  { id: 'interconnection', title: 'Interconnection', description: 'Borders with other networks: SEPP, IPX and roaming gateways, internet gateways, signalling firewalls.' },
  { id: 'lawful-interception', title: 'Lawful interception', description: 'Functions that provide lawful interception and retained data to authorities.' },
  { id: 'support', title: 'Support systems', description: 'Power (rectifiers, batteries, generators) and timing/synchronisation (GNSS receivers, PTP grandmasters).' },
  { id: 'it-cloud', title: 'IT and cloud', description: 'NFV infrastructure and cloud platforms hosting network functions, data centres, BSS and enterprise IT.' },
];

const f = (
  id: string,
  segment: SegmentId,
  title: string,
  generation: FunctionEntry['generation'],
  criticality: Criticality,
  rationale: string,
): FunctionEntry => ({
  id,
  segment,
  title,
  generation,
  criticality,
  rationale,
  criticalitySource: KEY_ASSET_SEGMENTS.includes(segment) ? 'key-assets-summary' : 'secure5g-default',
  criticalityConfirmed: false,
});

/**
 * Default criticality follows the coordinated risk assessment's "key assets": core functions,
 * management and orchestration, and the access network are critical or sensitive. Where the public
 * texts are silent the grade is the project's reasoned default, stated in the rationale.
 */
export const FUNCTIONS: readonly FunctionEntry[] = [
  // 5G core (TS 23.501)
  f('AMF', 'core', 'Access and Mobility Management Function', '5G', 'critical', 'Terminates NAS signalling and controls every UE registration and mobility.'),
  f('SMF', 'core', 'Session Management Function', '5G', 'critical', 'Establishes and controls every PDU session and steers the user plane.'),
  f('UPF', 'core', 'User Plane Function', '5G', 'critical', 'Carries all user traffic between RAN and data networks.'),
  f('AUSF', 'core', 'Authentication Server Function', '5G', 'critical', 'Authenticates subscribers; compromise defeats access security.'),
  f('UDM', 'core', 'Unified Data Management', '5G', 'critical', 'Holds subscriber credentials and profiles; compromise exposes identities and keys.'),
  f('UDR', 'core', 'Unified Data Repository', '5G', 'critical', 'Stores subscription, policy and exposure data for UDM, PCF and NEF.'),
  f('UDSF', 'core', 'Unstructured Data Storage Function', '5G', 'sensitive', 'Stores NF context data; loss degrades service, content is less sensitive than UDR.'),
  f('PCF', 'core', 'Policy Control Function', '5G', 'critical', 'Decides QoS and charging policy for every session.'),
  f('NRF', 'core', 'NF Repository Function', '5G', 'critical', 'Service discovery and authorisation for all core functions.'),
  f('NSSF', 'core', 'Network Slice Selection Function', '5G', 'critical', 'Selects network slices, including those serving critical users.'),
  f('NEF', 'core', 'Network Exposure Function', '5G', 'critical', 'Exposes network capabilities to third parties: an external attack surface.'),
  f('SCP', 'core', 'Service Communication Proxy', '5G', 'critical', 'Routes service-based signalling between core functions.'),
  f('BSF', 'core', 'Binding Support Function', '5G', 'sensitive', 'Binds sessions to PCF instances; limited data, availability-relevant.'),
  f('CHF', 'core', 'Charging Function', '5G', 'sensitive', 'Charging records reveal usage; failure affects revenue more than service.'),
  f('NWDAF', 'core', 'Network Data Analytics Function', '5G', 'sensitive', 'Analyses network data; influences other functions but does not control them.'),
  f('5G-EIR', 'core', '5G Equipment Identity Register', '5G', 'sensitive', 'Checks device identities; failure weakens device blocking.'),
  f('N3IWF', 'core', 'Non-3GPP Interworking Function', '5G', 'critical', 'Admits untrusted non-3GPP access into the core.'),
  f('TNGF', 'core', 'Trusted Non-3GPP Gateway Function', '5G', 'critical', 'Admits trusted non-3GPP access into the core.'),
  f('W-AGF', 'core', 'Wireline Access Gateway Function', '5G', 'critical', 'Admits wireline access into the 5G core.'),
  f('IMS', 'core', 'IP Multimedia Subsystem', 'any', 'critical', 'Carries voice, including emergency calls.'),
  // 4G EPC
  f('MME', 'core', 'Mobility Management Entity', '4G', 'critical', '4G counterpart of the AMF; controls attachment and mobility.'),
  f('SGW', 'core', 'Serving Gateway', '4G', 'critical', '4G user-plane anchor for mobility.'),
  f('PGW', 'core', 'PDN Gateway', '4G', 'critical', '4G user-plane gateway to data networks; also anchors 5G NSA traffic.'),
  f('HSS', 'core', 'Home Subscriber Server', '4G', 'critical', '4G subscriber credentials and profiles.'),
  f('PCRF', 'core', 'Policy and Charging Rules Function', '4G', 'sensitive', '4G policy decisions.'),
  // RAN
  f('gNB', 'ran', '5G base station (integrated)', '5G', 'sensitive', 'Base stations grow more sensitive in 5G but are many and individually contained.'),
  f('CU-CP', 'ran', 'Central Unit – control plane', '5G', 'critical', 'Controls radio resources for many DUs; a concentration point in a split RAN.'),
  f('CU-UP', 'ran', 'Central Unit – user plane', '5G', 'critical', 'Terminates PDCP ciphering for many cells: user traffic is in clear text after it.'),
  f('DU', 'ran', 'Distributed Unit', '5G', 'sensitive', 'Real-time radio processing for a few cells.'),
  f('RU', 'ran', 'Radio Unit', '5G', 'sensitive', 'Radio front end of one site; limited blast radius but large numbers.'),
  f('eNB', 'ran', '4G base station', '4G', 'sensitive', '4G counterpart of the gNB; also anchors 5G NSA.'),
  f('RIC', 'ran', 'RAN Intelligent Controller (near-real-time)', '5G', 'critical', 'Controls RAN behaviour through xApps across many cells.'),
  // Transport
  f('CORE-ROUTER', 'transport', 'IP/MPLS core router', 'any', 'critical', 'Carries all traffic between core sites.'),
  f('AGG-ROUTER', 'transport', 'Aggregation router', 'any', 'sensitive', 'Aggregates backhaul of many sites.'),
  f('CSR', 'transport', 'Cell-site router', 'any', 'other', 'Connects one site; limited blast radius.'),
  f('OPTICAL', 'transport', 'Optical transport (DWDM/OTN)', 'any', 'sensitive', 'Carries many links at once.'),
  f('MICROWAVE', 'transport', 'Microwave link', 'any', 'other', 'Point-to-point backhaul of one or few sites.'),
  f('FRONTHAUL-SW', 'transport', 'Fronthaul switch', '5G', 'other', 'Connects RUs to DUs at one site.'),
  // Management and orchestration
  f('OSS', 'management', 'Operations Support System', 'any', 'critical', 'Configures and monitors the whole network: a single point of control.'),
  f('EMS', 'management', 'Element Management System', 'any', 'critical', 'Configures a vendor domain of network elements.'),
  f('NFVO', 'management', 'NFV Orchestrator', 'any', 'critical', 'Instantiates and scales virtualised network functions.'),
  f('VNFM', 'management', 'VNF Manager', 'any', 'critical', 'Manages the lifecycle of virtualised network functions.'),
  f('VIM', 'management', 'Virtualised Infrastructure Manager', 'any', 'critical', 'Controls the compute, storage and network of the NFV infrastructure.'),
  f('SDN-C', 'management', 'SDN controller', 'any', 'critical', 'Programs the forwarding of the transport network.'),
  f('SMO', 'management', 'Service Management and Orchestration (O-RAN)', '5G', 'critical', 'Manages and orchestrates the O-RAN, including the non-real-time RIC.'),
  f('AAA', 'management', 'Authentication, authorisation and accounting for operations', 'any', 'critical', 'Gates administrative access to network elements.'),
  f('MONITORING', 'management', 'Network monitoring and probes', 'any', 'sensitive', 'Sees traffic and signalling in bulk.'),
  // Interconnection
  f('SEPP', 'interconnection', 'Security Edge Protection Proxy', '5G', 'critical', 'Protects roaming signalling at the network border.'),
  f('IPX-GW', 'interconnection', 'IPX / roaming gateway', 'any', 'critical', 'Exchanges signalling and traffic with other operators.'),
  f('INTERNET-GW', 'interconnection', 'Internet gateway / peering router', 'any', 'critical', 'Border to the internet for all subscriber traffic.'),
  f('SIG-FW', 'interconnection', 'Signalling firewall (SS7/Diameter/GTP)', 'any', 'critical', 'Filters interconnect signalling; failure exposes subscribers.'),
  f('DEA', 'interconnection', 'Diameter Edge Agent', '4G', 'critical', '4G roaming signalling border.'),
  // Lawful interception
  f('LI-ADMF', 'lawful-interception', 'LI administration function', 'any', 'critical', 'Holds interception warrants and targets.'),
  f('LI-MF', 'lawful-interception', 'LI mediation and delivery function', 'any', 'critical', 'Delivers intercepted content and related information to authorities.'),
  // Support systems
  f('POWER', 'support', 'Site power (rectifiers, batteries, generators)', 'any', 'sensitive', 'Loss of power takes sites down (risk area R8).'),
  f('POWER-MGMT', 'support', 'Remote power management system', 'any', 'sensitive', 'Can switch many sites off at once.'),
  f('TIMING', 'support', 'Timing and synchronisation (GNSS, PTP grandmaster)', 'any', 'sensitive', 'TDD radio needs phase synchronisation; loss disrupts many cells.'),
  f('HVAC', 'support', 'Site cooling', 'any', 'other', 'Local effect on one site.'),
  // IT and cloud
  f('NFVI', 'it-cloud', 'NFV infrastructure (compute, storage, network)', 'any', 'critical', 'Hosts virtualised core and management functions.'),
  f('CLOUD-PLATFORM', 'it-cloud', 'Cloud / container platform', 'any', 'critical', 'Runs cloud-native network functions.'),
  f('DATACENTRE', 'it-cloud', 'Data-centre facilities', 'any', 'sensitive', 'Houses core and cloud equipment.'),
  f('BSS', 'it-cloud', 'Business Support Systems', 'any', 'sensitive', 'Holds customer data and billing.'),
  f('ENTERPRISE-IT', 'it-cloud', 'Enterprise IT', 'any', 'other', 'Office IT outside the network.'),
];

const bySegment = new Map<string, SegmentEntry>(SEGMENTS.map((s) => [s.id, s]));
const byFunction = new Map<string, FunctionEntry>(FUNCTIONS.map((x) => [x.id, x]));

export function findSegment(id: string): SegmentEntry | undefined {
  return bySegment.get(id);
}

export function findFunction(id: string): FunctionEntry | undefined {
  return byFunction.get(id);
}
