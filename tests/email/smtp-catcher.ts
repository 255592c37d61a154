/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, a random port): it parses every message it
 * accepts with mailparser, or rejects every recipient with a 5xx code to simulate a failing server.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpCatcher {
  /** The SMTP_URL that reaches this server. */
  url: string;
  /** Every message accepted so far, parsed. */
  messages: ParsedMail[];
  /** How many times a recipient was rejected (rejecting servers only). */
  rejections: number;
  /** Waits for the first accepted message to `to`. */
  waitFor(to: string, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

/** The recipient addresses of a parsed message. */
export function recipients(message: ParsedMail): string[] {
  const to = message.to;
  const list = Array.isArray(to) ? to : to ? [to] : [];
  return list.flatMap((address) => address.value.map((v) => (v.address ?? '').toLowerCase()));
}

/** Starts a catcher; with `rejectWith` every RCPT TO is answered with that code. */
export async function startSmtpCatcher(
  options: { rejectWith?: { code: number; message: string } } = {},
): Promise<SmtpCatcher> {
  const messages: ParsedMail[] = [];
  const listeners = new Set<() => void>();
  const catcher = { rejections: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (options.rejectWith) {
        catcher.rejections += 1;
        const error = Object.assign(new Error(options.rejectWith.message), {
          responseCode: options.rejectWith.code,
        });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((message) => {
          messages.push(message);
          for (const listener of listeners) listener();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get rejections() {
      return catcher.rejections;
    },
    waitFor(to, timeoutMs = 10_000) {
      const find = () => messages.find((m) => recipients(m).includes(to.toLowerCase()));
      const found = find();
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`No email to ${to} arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        function check() {
          const message = find();
          if (!message) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(message);
        }
        listeners.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on 127.0.0.1 where nothing listens (a mail server that is down). */
export async function closedPort(): Promise<number> {
  const catcher = await startSmtpCatcher();
  const port = Number(new URL(catcher.url).port);
  await catcher.close();
  return port;
}
