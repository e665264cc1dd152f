/** EU member states and the EEA countries that apply the Toolbox, by ISO 3166-1 alpha-2 code. */
export const EU_MEMBER_STATES = {
  AT: 'Austria', BE: 'Belgium', BG: 'Bulgaria', HR: 'Croatia', CY: 'Cyprus', CZ: 'Czechia', DK: 'Denmark',
  EE: 'Estonia', FI: 'Finland', FR: 'France', DE: 'Germany', GR: 'Greece', HU: 'Hungary', IE: 'Ireland',
  IT: 'Italy', LV: 'Latvia', LT: 'Lithuania', LU: 'Luxembourg', MT: 'Malta', NL: 'Netherlands', PL: 'Poland',
  PT: 'Portugal', RO: 'Romania', SK: 'Slovakia', SI: 'Slovenia', ES: 'Spain', SE: 'Sweden',
} as const;

export const EEA_COUNTRIES = { IS: 'Iceland', LI: 'Liechtenstein', NO: 'Norway' } as const;

export const MEMBER_STATES: Readonly<Record<string, string>> = { ...EU_MEMBER_STATES, ...EEA_COUNTRIES };

export type MemberStateCodeValue = keyof typeof EU_MEMBER_STATES | keyof typeof EEA_COUNTRIES;

export function isMemberState(code: string): code is MemberStateCodeValue {
  return Object.prototype.hasOwnProperty.call(MEMBER_STATES, code);
}

/** True for a country inside the EU/EEA; any other ISO code is a third country. */
export const isEuEea = isMemberState;
