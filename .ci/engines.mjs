// Fails when a package in package-lock.json needs a newer Node than our own `engines.node` floor.
// npm only warns about such a package (and only on the old Node), so without this check a transitive
// upgrade that drops Node 20 would reach users before anyone notices. See docs/decisions/002-stack.md.
import fs from 'node:fs';
import semver from 'semver';

const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const floorRange = lock.packages[''].engines?.node;
const floor = floorRange && semver.minVersion(floorRange);
if (!floor) {
  console.error('package.json has no engines.node floor to check against');
  process.exit(1);
}
const offenders = [];
for (const [location, entry] of Object.entries(lock.packages)) {
  const range = entry.engines?.node;
  // A few old packages write engines as an array; npm ignores those, and so do we.
  if (location === '' || typeof range !== 'string') continue;
  if (!semver.satisfies(floor, range)) offenders.push(`${location}@${entry.version} needs node ${range}`);
}
if (offenders.length > 0) {
  console.error(`These packages do not run on Node ${floor} (package.json engines.node "${floorRange}"):`);
  for (const offender of offenders) console.error(`  ${offender}`);
  console.error(
    'Pin each to its last release for that Node in package.json "overrides", or raise the floor.',
  );
  process.exit(1);
}
console.log(`every package in package-lock.json runs on Node ${floor}`);
