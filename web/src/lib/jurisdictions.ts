/**
 * Jurisdiction codes offered in pickers: ISO 3166-2 subdivisions where lawyers are admitted. People
 * may type any other code of the same shape (for example CA-ON); the server validates the shape.
 */

export interface JurisdictionGroup {
  group: string;
  items: ReadonlyArray<readonly [code: string, name: string]>;
}

const US_STATES: ReadonlyArray<readonly [string, string]> = [
  ['US-AL', 'Alabama'],
  ['US-AK', 'Alaska'],
  ['US-AZ', 'Arizona'],
  ['US-AR', 'Arkansas'],
  ['US-CA', 'California'],
  ['US-CO', 'Colorado'],
  ['US-CT', 'Connecticut'],
  ['US-DE', 'Delaware'],
  ['US-DC', 'District of Columbia'],
  ['US-FL', 'Florida'],
  ['US-GA', 'Georgia'],
  ['US-HI', 'Hawaii'],
  ['US-ID', 'Idaho'],
  ['US-IL', 'Illinois'],
  ['US-IN', 'Indiana'],
  ['US-IA', 'Iowa'],
  ['US-KS', 'Kansas'],
  ['US-KY', 'Kentucky'],
  ['US-LA', 'Louisiana'],
  ['US-ME', 'Maine'],
  ['US-MD', 'Maryland'],
  ['US-MA', 'Massachusetts'],
  ['US-MI', 'Michigan'],
  ['US-MN', 'Minnesota'],
  ['US-MS', 'Mississippi'],
  ['US-MO', 'Missouri'],
  ['US-MT', 'Montana'],
  ['US-NE', 'Nebraska'],
  ['US-NV', 'Nevada'],
  ['US-NH', 'New Hampshire'],
  ['US-NJ', 'New Jersey'],
  ['US-NM', 'New Mexico'],
  ['US-NY', 'New York'],
  ['US-NC', 'North Carolina'],
  ['US-ND', 'North Dakota'],
  ['US-OH', 'Ohio'],
  ['US-OK', 'Oklahoma'],
  ['US-OR', 'Oregon'],
  ['US-PA', 'Pennsylvania'],
  ['US-RI', 'Rhode Island'],
  ['US-SC', 'South Carolina'],
  ['US-SD', 'South Dakota'],
  ['US-TN', 'Tennessee'],
  ['US-TX', 'Texas'],
  ['US-UT', 'Utah'],
  ['US-VT', 'Vermont'],
  ['US-VA', 'Virginia'],
  ['US-WA', 'Washington'],
  ['US-WV', 'West Virginia'],
  ['US-WI', 'Wisconsin'],
  ['US-WY', 'Wyoming'],
  ['US-PR', 'Puerto Rico'],
  ['US-GU', 'Guam'],
  ['US-VI', 'U.S. Virgin Islands'],
  ['US-MP', 'Northern Mariana Islands'],
  ['US-AS', 'American Samoa'],
];

const UK_NATIONS: ReadonlyArray<readonly [string, string]> = [
  ['GB-EAW', 'England and Wales'],
  ['GB-ENG', 'England'],
  ['GB-WLS', 'Wales'],
  ['GB-SCT', 'Scotland'],
  ['GB-NIR', 'Northern Ireland'],
];

const AUSTRALIAN_STATES: ReadonlyArray<readonly [string, string]> = [
  ['AU-NSW', 'New South Wales'],
  ['AU-VIC', 'Victoria'],
  ['AU-QLD', 'Queensland'],
  ['AU-WA', 'Western Australia'],
  ['AU-SA', 'South Australia'],
  ['AU-TAS', 'Tasmania'],
  ['AU-ACT', 'Australian Capital Territory'],
  ['AU-NT', 'Northern Territory'],
];

export const JURISDICTION_GROUPS: readonly JurisdictionGroup[] = [
  { group: 'United States', items: US_STATES },
  { group: 'United Kingdom', items: UK_NATIONS },
  { group: 'Australia', items: AUSTRALIAN_STATES },
];

const NAMES = new Map(JURISDICTION_GROUPS.flatMap((g) => g.items.map(([code, name]) => [code, name])));

/** The shape the server accepts (src/contracts/organizations.ts JurisdictionCode). */
export const JURISDICTION_PATTERN = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

/** The name of a known jurisdiction code, or undefined. */
export function jurisdictionName(code: string): string | undefined {
  return NAMES.get(code);
}

/** "Oregon (US-OR)" for known codes, the code itself otherwise. */
export function jurisdictionLabel(code: string): string {
  const name = NAMES.get(code);
  return name ? `${name} (${code})` : code;
}

/** Normalizes what someone typed: "us-or" and "US OR" become "US-OR". */
export function normalizeJurisdiction(value: string): string {
  const trimmed = value.trim().toUpperCase().replace(/\s+/g, '-');
  // Someone typing a name ("Oregon") gets its code.
  for (const [code, name] of NAMES) {
    if (name.toUpperCase().replace(/\s+/g, '-') === trimmed) return code;
  }
  return trimmed;
}
