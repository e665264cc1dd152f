import { ROSTER, type RosterSupplier } from './roster.js';

export type DemoScale = 'small' | 'eu';

export interface MemberStateSetup {
  code: string;
  /** population in millions (rounded public figures), drives subscribers and site counts */
  population: number;
  mnos: number;
  neutralHosts: number;
  privates: number;
}

export interface ScaleSetup {
  memberStates: MemberStateSetup[];
  suppliers: RosterSupplier[];
  /** asset rows to aim for across all sites; central rows (core, management, …) come on top */
  targetSiteRows: number;
  /** how many member states issue the designations */
  designatingStates: number;
  designations: number;
  policies: number;
}

const ms = (code: string, population: number, mnos: number, neutralHosts = 0, privates = 0): MemberStateSetup => ({
  code,
  population,
  mnos,
  neutralHosts,
  privates,
});

/** All 27 EU member states; 1–6 operators each by size, 100 in all. */
const EU_STATES: MemberStateSetup[] = [
  ms('DE', 83.4, 3, 1, 2), ms('FR', 68.4, 4, 0, 1), ms('IT', 59.0, 4, 1), ms('ES', 48.6, 3, 1, 1),
  ms('PL', 36.6, 4, 0, 1), ms('RO', 19.1, 3, 0, 1), ms('NL', 17.9, 3, 0, 1), ms('BE', 11.8, 3, 0, 1),
  ms('CZ', 10.9, 3, 0, 1), ms('SE', 10.6, 4), ms('PT', 10.6, 3, 1), ms('GR', 10.4, 3, 0, 1), ms('HU', 9.6, 3),
  ms('AT', 9.2, 3, 0, 1), ms('BG', 6.4, 3), ms('DK', 6.0, 3, 1), ms('FI', 5.6, 3), ms('SK', 5.4, 4),
  ms('IE', 5.3, 3), ms('HR', 3.9, 3), ms('LT', 2.9, 3), ms('SI', 2.1, 3), ms('LV', 1.9, 3), ms('EE', 1.4, 3),
  ms('CY', 0.9, 2), ms('LU', 0.67, 3), ms('MT', 0.56, 2),
];

const SMALL_STATES: MemberStateSetup[] = [ms('DE', 83.4, 2, 0, 1), ms('FR', 68.4, 2, 1), ms('NL', 17.9, 2), ms('PL', 36.6, 2)];

export function scaleSetup(scale: DemoScale): ScaleSetup {
  if (scale === 'small') {
    return {
      memberStates: SMALL_STATES,
      suppliers: ROSTER.filter((s) => s.small),
      targetSiteRows: 58_500,
      designatingStates: 3,
      designations: 4,
      policies: 2,
    };
  }
  return {
    memberStates: EU_STATES,
    suppliers: [...ROSTER],
    targetSiteRows: 4_940_000,
    designatingStates: 10,
    designations: 15,
    policies: 6,
  };
}
