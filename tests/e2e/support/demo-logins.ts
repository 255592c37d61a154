/** The demo logins as `secondchair start` printed them into the demo server's log. */
import fs from 'node:fs';

export interface PrintedLogin {
  email: string;
  password: string;
  description: string;
}

/** Every login listed under "Demo logins (every account's password is: …)". */
export function printedDemoLogins(): PrintedLogin[] {
  const log = fs.readFileSync(process.env.E2E_DEMO_LOG!, 'utf8');
  const header = /Demo logins \(every account's password is: (\S+)\)/.exec(log);
  if (!header) throw new Error(`No demo logins in ${process.env.E2E_DEMO_LOG}:\n${log}`);
  const after = log.slice(header.index + header[0].length).split('\n');
  const logins: PrintedLogin[] = [];
  for (const line of after.slice(1)) {
    const match = /^\s+(\S+@\S+)\s+(.+)$/.exec(line);
    if (!match) break;
    logins.push({ email: match[1], password: header[1], description: match[2].trim() });
  }
  return logins;
}
