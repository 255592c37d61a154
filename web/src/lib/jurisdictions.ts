/**
 * Jurisdictions in the web app: the named list, labels and normalization are src/core/jurisdictions.ts,
 * shared with the server and the matching engine's reasons.
 */
export {
  JURISDICTION_GROUPS,
  jurisdictionLabel,
  jurisdictionName,
  normalizeJurisdiction,
  type JurisdictionGroup,
} from '../../../src/core/jurisdictions.ts';
