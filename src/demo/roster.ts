/**
 * The demo's fictional cast. Every supplier name is invented. Headquarters in the EU/EEA keep their
 * member-state code; every one outside it is a user-assigned code (XA–XN, ISO 3166-1 reserves XA–XZ for
 * such use), never a real third country, so that nothing in the demo ties risk to a real country.
 */

/** What an operator buys from one supplier as a unit: the functions of one role come from one supplier. */
export const ROLE_FUNCTIONS = {
  ran: ['gNB', 'eNB', 'RU', 'DU', 'CU-CP', 'CU-UP', 'EMS'],
  oran: ['RIC', 'SMO'],
  core5g: ['AMF', 'SMF', 'UPF', 'PCF', 'NRF', 'NSSF', 'NEF', 'SCP', 'BSF', 'CHF', 'NWDAF', '5G-EIR', 'N3IWF', 'VNFM', 'EMS'],
  core4g: ['MME', 'SGW', 'PGW', 'PCRF', 'EMS'],
  subscriberData: ['UDM', 'UDR', 'AUSF', 'HSS'],
  ims: ['IMS'],
  accessTransport: ['CSR', 'AGG-ROUTER', 'EMS'],
  backbone: ['CORE-ROUTER', 'INTERNET-GW', 'SDN-C', 'EMS'],
  optical: ['OPTICAL'],
  microwave: ['MICROWAVE'],
  power: ['POWER', 'POWER-MGMT', 'HVAC'],
  timing: ['TIMING'],
  cloud: ['NFVI', 'CLOUD-PLATFORM', 'VIM', 'DATACENTRE'],
  enterpriseIt: ['BSS', 'ENTERPRISE-IT'],
  oss: ['OSS', 'NFVO', 'AAA', 'MONITORING'],
  borderSecurity: ['SIG-FW', 'DEA', 'IPX-GW'],
  sepp: ['SEPP'],
  li: ['LI-ADMF', 'LI-MF'],
} as const satisfies Record<string, readonly string[]>;
export type Role = keyof typeof ROLE_FUNCTIONS;

export type Specialism = 'RAN' | 'core' | 'transport' | 'power & timing' | 'IT & cloud' | 'management' | 'interconnection security' | 'lawful interception';

export interface RosterSupplier {
  /** short upper-case key; the supplier id is `SUP-<key>` and product ids start with it */
  key: string;
  name: string;
  /** brand used in product names */
  brand: string;
  hq: string;
  specialism: Specialism;
  roles: readonly Role[];
  /** part of the small-scale demo (16 of the 40) */
  small: boolean;
}

const s = (key: string, name: string, hq: string, specialism: Specialism, roles: Role[], small = false): RosterSupplier => ({
  key,
  name,
  brand: name.split(' ')[0],
  hq,
  specialism,
  roles,
  small,
});

export const ROSTER: readonly RosterSupplier[] = [
  s('AURORA', 'Aurora Radio Systems', 'IE', 'RAN', ['ran', 'oran', 'microwave'], true),
  s('BOREALIS', 'Borealis Networks', 'XA', 'RAN', ['ran', 'microwave'], true),
  s('CINDERWICK', 'Cinderwick Wireless', 'PT', 'RAN', ['ran'], true),
  s('DRIFTMARK', 'Driftmark Radio', 'XB', 'RAN', ['ran', 'oran'], true),
  s('ELMSTEAD', 'Elmstead Access', 'BE', 'RAN', ['ran']),
  s('FJORDLIGHT', 'Fjordlight Radio', 'XC', 'RAN', ['ran', 'oran']),
  s('GALEWIND', 'Galewind Open RAN', 'LV', 'RAN', ['ran', 'oran']),

  s('COBALT', 'Cobalt Core Software', 'NL', 'core', ['core5g', 'core4g', 'subscriberData', 'ims', 'sepp'], true),
  s('QUILLON', 'Quillon Packet Core', 'XD', 'core', ['core5g', 'core4g', 'ims'], true),
  s('LARKSPUR', 'Larkspur Subscriber Data', 'AT', 'core', ['subscriberData', 'ims'], true),
  s('PELLUCID', 'Pellucid Cloud Core', 'XE', 'core', ['core5g', 'subscriberData']),
  s('THISTLEDOWN', 'Thistledown Signalling', 'XF', 'core', ['core4g', 'subscriberData', 'ims']),

  s('DUNMORE', 'Dunmore Transmission', 'SE', 'transport', ['accessTransport', 'backbone', 'microwave'], true),
  s('GLASSWATER', 'Glasswater Optical', 'ES', 'transport', ['optical', 'backbone'], true),
  s('HOLLOWBROOK', 'Hollowbrook Routing', 'XG', 'transport', ['accessTransport', 'backbone']),
  s('IRONVALE', 'Ironvale Microwave', 'IT', 'transport', ['microwave']),
  s('SALTMARSH', 'Saltmarsh Photonics', 'XH', 'transport', ['optical']),
  s('WRENFIELD', 'Wrenfield Networks', 'XJ', 'transport', ['accessTransport', 'backbone']),

  s('ESKERFIELD', 'Eskerfield Power', 'DK', 'power & timing', ['power'], true),
  s('GNOMON', 'Gnomon Timing', 'NO', 'power & timing', ['timing'], true),
  s('BRACKENRIDGE', 'Brackenridge Energy Systems', 'PL', 'power & timing', ['power']),
  s('FERNHOLLOW', 'Fernhollow Power', 'XK', 'power & timing', ['power']),
  s('QUARTZMOOR', 'Quartzmoor Sync', 'FR', 'power & timing', ['timing']),
  s('TIDEWELL', 'Tidewell Timekeeping', 'CZ', 'power & timing', ['timing']),

  s('CIRROSTRATA', 'Cirrostrata Compute', 'XB', 'IT & cloud', ['cloud', 'enterpriseIt'], true),
  s('STACKHAVEN', 'Stackhaven Platforms', 'DE', 'IT & cloud', ['cloud', 'enterpriseIt'], true),
  s('NIMBLEFORD', 'Nimbleford Cloud', 'FI', 'IT & cloud', ['cloud']),
  s('VELLUM', 'Vellum Datacentres', 'LU', 'IT & cloud', ['cloud']),
  s('ORCHARDLINE', 'Orchardline Business Systems', 'GR', 'IT & cloud', ['enterpriseIt']),

  s('LANTERNFISH', 'Lanternfish OSS', 'EE', 'management', ['oss', 'oran'], true),
  s('PENNYWORT', 'Pennywort Orchestration', 'XL', 'management', ['oss']),
  s('HARROWGATE', 'Harrowgate Assurance', 'SI', 'management', ['oss', 'enterpriseIt']),
  s('SABLEWORKS', 'Sableworks Operations', 'XM', 'management', ['oss']),

  s('PARAPET', 'Parapet Edge Security', 'LT', 'interconnection security', ['borderSecurity', 'sepp'], true),
  s('RAMPMOOR', 'Rampmoor Signalling Guard', 'XA', 'interconnection security', ['borderSecurity']),
  s('GATEWARDEN', 'Gatewarden Roaming', 'HR', 'interconnection security', ['borderSecurity', 'sepp']),
  s('MOATLINE', 'Moatline Interconnect', 'XN', 'interconnection security', ['borderSecurity', 'sepp']),

  s('LODEMERE', 'Lodemere Mediation', 'SK', 'lawful interception', ['li'], true),
  s('QUIETWATER', 'Quietwater Intercept', 'CY', 'lawful interception', ['li']),
  s('LEDGERLINE', 'Ledgerline Lawful Systems', 'XF', 'lawful interception', ['li']),
];

/** Invented brand stems for operator names. */
export const OPERATOR_STEMS: readonly string[] = [
  'Altavia', 'Brisante', 'Corvina', 'Delvento', 'Estrellon', 'Falkmoor', 'Gavotta', 'Heliantha', 'Isarlune',
  'Jadewick', 'Kestrella', 'Lunavia', 'Nordalbe', 'Ondara', 'Pelagon', 'Quirra', 'Rivanne', 'Solvika',
  'Tervane', 'Ulmora', 'Valdera', 'Wendra', 'Xerolin', 'Ysolde', 'Zephyrine', 'Ambrel', 'Bellovia', 'Cerulia',
  'Dorvane', 'Elmira', 'Ferrova', 'Glenvia', 'Harbona', 'Ilvera', 'Juvana', 'Karsta', 'Lirelle', 'Mirova',
  'Nevalis', 'Orlenza', 'Pravia', 'Quenta', 'Roselin', 'Sabrava', 'Tolvera', 'Ustrada', 'Velora', 'Wistra',
  'Yarrova', 'Zoltara', 'Arvena', 'Bravolt', 'Cassolin', 'Dunara', 'Evalin', 'Fioreta', 'Gelvora', 'Hestra',
];
export const MNO_SUFFIXES: readonly string[] = ['Mobile', 'Mobil', 'Telecom', 'Connect', 'Wireless', 'Net'];
export const NEUTRAL_HOST_SUFFIX = 'Shared Access';
export const PRIVATE_SUFFIXES: readonly string[] = ['Port Campus 5G', 'Automotive Plant 5G', 'Rail Yard 5G', 'Steelworks 5G'];

export const REGION_NAMES: readonly string[] = ['north', 'south', 'east', 'west', 'central'];
export const CAMPUS_REGION = 'campus';
