export function EligibilityRulesPage() {
  return null;
}
