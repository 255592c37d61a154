/** IANA time zones for pickers, labelled with their current UTC offset. */

/** The browser's time zone, the default for new organizations. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function offsetOf(zone: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName');
    return part?.value === 'GMT' ? 'GMT+00:00' : (part?.value ?? '');
  } catch {
    return '';
  }
}

let cached: Array<{ value: string; label: string }> | null = null;

/** Every zone the browser knows, plus `extra` zones it might not list (e.g. a saved legacy name). */
export function timeZoneOptions(extra: ReadonlyArray<string | null | undefined> = []) {
  if (!cached) {
    const now = new Date();
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    const names = new Set([...zones, 'UTC', browserTimeZone()]);
    cached = [...names]
      .sort((a, b) => a.localeCompare(b, 'en'))
      .map((zone) => ({ value: zone, label: `${zone.replaceAll('_', ' ')} (${offsetOf(zone, now)})` }));
  }
  const missing = extra.filter(
    (zone): zone is string => Boolean(zone) && !cached!.some((option) => option.value === zone),
  );
  return missing.length ? [...missing.map((zone) => ({ value: zone, label: zone })), ...cached] : cached;
}
