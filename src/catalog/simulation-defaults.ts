import type { SegmentId } from '../domain/index.js';
import { FUNCTIONS, findFunction } from './segments.js';

/**
 * Defaults of the what-if simulation (docs/simulation.md). They are the project's reasoned,
 * order-of-magnitude estimates — not market prices, not any supplier's figures — so that a scenario
 * gives a first answer out of the box; every value is overridable in the scenario file.
 *
 * A "unit" is whatever the inventory counts in `quantity` for that function: a cell-site installation for
 * gNB/eNB, a radio unit for RU, a server for NFVI, a deployed instance for core and management functions.
 * The three figures per function are:
 * - unitCostEur: cost of swapping one unit — new equipment or licence, integration, testing, site work and
 *   decommissioning of the old unit — in euro;
 * - eWasteKg: mass of electronic equipment dismantled with one unit (hardware only; for virtualised
 *   functions the server share that retires with it);
 * - annualKwh: electricity drawn by one unit in a year of operation.
 */
export interface FunctionDefaults {
  unitCostEur: number;
  eWasteKg: number;
  annualKwh: number;
}

export const SIMULATION_DEFAULTS_VERSION = '2026.11.0';

/** Average power in watts to kWh per year (8,760 h), rounded to tens: the energy figures come from power draw. */
const kwh = (watts: number) => Math.round((watts * 8.76) / 10) * 10;
const d = (unitCostEur: number, eWasteKg: number, watts: number): FunctionDefaults => ({ unitCostEur, eWasteKg, annualKwh: kwh(watts) });

/**
 * Per-function defaults. Reasoning by family:
 * - Site radio (gNB, eNB): a site's baseband and antennas swapped by a crew in a day or two, about 1.1 kW.
 *   RU/DU: one radio or baseband unit. CU and RIC: virtualised, priced as software plus integration.
 * - Core, subscriber data, IMS: an instance is licence, integration and interoperability testing, which
 *   dominate its hardware (one server-equivalent, 25 kg, 500 W); subscriber data and IMS need data
 *   migration and more testing, hence more.
 * - Transport: router and link classes from cell-site router to core router, by size and power.
 * - Management, interconnection, lawful interception: few instances, each a system migration project.
 * - Support: batteries make site power heavy; cooling draws most of the energy.
 * - IT and cloud: NFVI per server; platforms and data-centre facilities as whole systems.
 */
export const FUNCTION_DEFAULTS: Readonly<Record<string, FunctionDefaults>> = {
  // RAN
  gNB: d(45_000, 120, 1_100),
  eNB: d(35_000, 100, 900),
  RU: d(9_000, 25, 300),
  DU: d(12_000, 15, 200),
  'CU-CP': d(40_000, 25, 500),
  'CU-UP': d(40_000, 25, 500),
  RIC: d(250_000, 25, 500),
  // 5G core
  AMF: d(350_000, 25, 500),
  SMF: d(350_000, 25, 500),
  UPF: d(300_000, 40, 800),
  AUSF: d(500_000, 25, 500),
  UDM: d(500_000, 25, 500),
  UDR: d(500_000, 40, 800),
  UDSF: d(250_000, 25, 500),
  PCF: d(350_000, 25, 500),
  NRF: d(250_000, 25, 500),
  NSSF: d(250_000, 25, 500),
  NEF: d(300_000, 25, 500),
  SCP: d(250_000, 25, 500),
  BSF: d(200_000, 25, 500),
  CHF: d(300_000, 25, 500),
  NWDAF: d(250_000, 25, 500),
  '5G-EIR': d(200_000, 25, 500),
  N3IWF: d(250_000, 25, 500),
  TNGF: d(250_000, 25, 500),
  'W-AGF': d(250_000, 25, 500),
  IMS: d(600_000, 50, 1_000),
  // 4G EPC
  MME: d(300_000, 25, 500),
  SGW: d(250_000, 40, 800),
  PGW: d(300_000, 40, 800),
  HSS: d(500_000, 25, 500),
  PCRF: d(250_000, 25, 500),
  // Transport
  'CORE-ROUTER': d(120_000, 150, 3_000),
  'AGG-ROUTER': d(25_000, 30, 400),
  CSR: d(4_000, 5, 50),
  OPTICAL: d(50_000, 80, 600),
  MICROWAVE: d(10_000, 20, 100),
  'FRONTHAUL-SW': d(3_000, 5, 40),
  // Management and orchestration
  OSS: d(3_000_000, 200, 4_000),
  EMS: d(400_000, 50, 1_000),
  NFVO: d(500_000, 50, 1_000),
  VNFM: d(400_000, 50, 1_000),
  VIM: d(400_000, 50, 1_000),
  'SDN-C': d(500_000, 50, 1_000),
  SMO: d(500_000, 50, 1_000),
  AAA: d(200_000, 25, 500),
  MONITORING: d(250_000, 50, 1_000),
  // Interconnection
  SEPP: d(300_000, 25, 500),
  'IPX-GW': d(250_000, 50, 1_000),
  'INTERNET-GW': d(150_000, 100, 2_000),
  'SIG-FW': d(250_000, 25, 500),
  DEA: d(200_000, 25, 500),
  // Lawful interception
  'LI-ADMF': d(500_000, 25, 500),
  'LI-MF': d(400_000, 50, 1_000),
  // Support systems
  POWER: d(12_000, 400, 170),
  'POWER-MGMT': d(150_000, 25, 500),
  TIMING: d(6_000, 8, 30),
  HVAC: d(7_000, 150, 570),
  // IT and cloud
  NFVI: d(15_000, 25, 500),
  'CLOUD-PLATFORM': d(800_000, 100, 2_000),
  DATACENTRE: d(2_000_000, 20_000, 57_000),
  BSS: d(2_000_000, 100, 2_000),
  'ENTERPRISE-IT': d(300_000, 50, 1_000),
};

/**
 * Default swap capacity as the share of an operator's installed base in a segment that it can swap in
 * one month, used where the scenario gives no absolute capacity. Site-based segments (RAN, transport,
 * support) need crews on every site: a whole network in about three years. Central functions are few
 * instances, each a project: a whole segment in about a year. IT and cloud sit between.
 */
export const CAPACITY_SHARE_PER_MONTH: Readonly<Record<SegmentId, number>> = {
  core: 1 / 12,
  ran: 1 / 36,
  transport: 1 / 36,
  management: 1 / 12,
  interconnection: 1 / 12,
  'lawful-interception': 1 / 12,
  support: 1 / 36,
  'it-cloud': 1 / 24,
};

/**
 * A replacement unit's yearly electricity relative to the unit it replaces. New kit is installed years
 * after the old and carries the current generation's power saving, so the default assumes 10 % less;
 * set 1 to assume no change.
 */
export const REPLACEMENT_ENERGY_FACTOR = 0.9;

/** Defaults of a function the table above does not list: the median of its segment's functions. */
function segmentFallback(segment: SegmentId | undefined): FunctionDefaults {
  const values = FUNCTIONS.filter((f) => f.segment === segment && FUNCTION_DEFAULTS[f.id]).map((f) => FUNCTION_DEFAULTS[f.id]);
  if (values.length === 0) return d(100_000, 25, 500);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    unitCostEur: median(values.map((v) => v.unitCostEur)),
    eWasteKg: median(values.map((v) => v.eWasteKg)),
    annualKwh: median(values.map((v) => v.annualKwh)),
  };
}

export function functionDefaults(fn: string): FunctionDefaults {
  return FUNCTION_DEFAULTS[fn] ?? segmentFallback(findFunction(fn)?.segment);
}
