/**
 * Jurisdiction codes: an ISO 3166-1 country, optionally a hyphen and an ISO 3166-2 subdivision (US-OR,
 * AU-NSW, CA-ON), or the country alone where it is one jurisdiction (IE, NZ). The names below are the
 * jurisdictions where lawyers are commonly admitted; any other well-formed code is accepted too.
 *
 * England and Wales is one legal jurisdiction and is coded GB-ENG (as in the glossary and the matching
 * engine); GB-EAW and GB-WLS, which people sometimes type for it, are normalized to GB-ENG so that two
 * solicitors admitted in the same place always share a code.
 */

export const JURISDICTION_CODE_PATTERN = /^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/;

/** Named jurisdictions of one country or region, for pickers. */
export interface JurisdictionGroup {
  group: string;
  items: ReadonlyArray<readonly [code: string, name: string]>;
}

const US_STATES: JurisdictionGroup['items'] = [
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

const UK_JURISDICTIONS: JurisdictionGroup['items'] = [
  ['GB-ENG', 'England and Wales'],
  ['GB-SCT', 'Scotland'],
  ['GB-NIR', 'Northern Ireland'],
];

const AUSTRALIAN_STATES: JurisdictionGroup['items'] = [
  ['AU-NSW', 'New South Wales'],
  ['AU-VIC', 'Victoria'],
  ['AU-QLD', 'Queensland'],
  ['AU-WA', 'Western Australia'],
  ['AU-SA', 'South Australia'],
  ['AU-TAS', 'Tasmania'],
  ['AU-ACT', 'Australian Capital Territory'],
  ['AU-NT', 'Northern Territory'],
];

const CANADIAN_PROVINCES: JurisdictionGroup['items'] = [
  ['CA-AB', 'Alberta'],
  ['CA-BC', 'British Columbia'],
  ['CA-MB', 'Manitoba'],
  ['CA-NB', 'New Brunswick'],
  ['CA-NL', 'Newfoundland and Labrador'],
  ['CA-NS', 'Nova Scotia'],
  ['CA-NT', 'Northwest Territories'],
  ['CA-NU', 'Nunavut'],
  ['CA-ON', 'Ontario'],
  ['CA-PE', 'Prince Edward Island'],
  ['CA-QC', 'Quebec'],
  ['CA-SK', 'Saskatchewan'],
  ['CA-YT', 'Yukon'],
];

const SINGLE_JURISDICTION_COUNTRIES: JurisdictionGroup['items'] = [
  ['IE', 'Ireland'],
  ['NZ', 'New Zealand'],
];

/** The named jurisdictions, grouped for pickers. */
export const JURISDICTION_GROUPS: readonly JurisdictionGroup[] = [
  { group: 'United States', items: US_STATES },
  { group: 'United Kingdom', items: UK_JURISDICTIONS },
  { group: 'Australia', items: AUSTRALIAN_STATES },
  { group: 'Canada', items: CANADIAN_PROVINCES },
  { group: 'Ireland and New Zealand', items: SINGLE_JURISDICTION_COUNTRIES },
];

const NAMES: ReadonlyMap<string, string> = new Map(
  JURISDICTION_GROUPS.flatMap((group) => group.items.map(([code, name]) => [code, name] as const)),
);

// Codes people use for a jurisdiction that has another code here.
const ALIASES: Readonly<Record<string, string>> = { 'GB-EAW': 'GB-ENG', 'GB-WLS': 'GB-ENG' };

/** The name of a known jurisdiction code ("Oregon" for US-OR), or undefined. */
export function jurisdictionName(code: string): string | undefined {
  return NAMES.get(code);
}

/** "Oregon (US-OR)" for a known code, the code itself otherwise. */
export function jurisdictionLabel(code: string): string {
  const name = NAMES.get(code);
  return name ? `${name} (${code})` : code;
}

/**
 * What someone typed, as a code: "us-or" and "US OR" become US-OR, a name ("Oregon") becomes its code,
 * and an alias (GB-EAW) becomes the code used here (GB-ENG). Anything else is returned upper-cased.
 */
export function normalizeJurisdiction(value: string): string {
  const typed = value.trim().toUpperCase().replace(/\s+/g, '-');
  for (const [code, name] of NAMES) {
    if (name.toUpperCase().replace(/\s+/g, '-') === typed) return code;
  }
  return ALIASES[typed] ?? typed;
}
