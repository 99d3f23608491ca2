import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = {
  to: string[];
  from: string;
  subject: string;
  html: string;
  text: string;
};

/**
 * A real SMTP server on a free loopback port that keeps what it receives. `failDeliveries`
 * makes it refuse messages, as a mail server that is down or rejecting would. It offers AUTH;
 * with `credentials` it takes mail only from a client that logs in with them.
 */
export const startSmtpServer = async ({
  credentials,
}: { credentials?: { user: string; pass: string } } = {}) => {
  const messages: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  let failing = false;

  const server = new SMTPServer({
    authOptional: !credentials,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      const valid =
        credentials && auth.username === credentials.user && auth.password === credentials.pass;
      if (valid) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (failing) {
        stream.resume();
        stream.on('end', () =>
          callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }))
        );
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          const recipients = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
          messages.push({
            to: recipients.flatMap((r) => r.value.map((v) => (v.address ?? '').toLowerCase())),
            from: mail.from?.value[0]?.address ?? '',
            subject: mail.subject ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            text: mail.text ?? '',
          });
          waiters.splice(0).forEach((wake) => wake());
          callback();
        })
        .catch(callback);
    },
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    messages,
    failDeliveries(value: boolean) {
      failing = value;
    },
    /** The first message to `address` received after the first `since` messages, waiting for it if need be. */
    async waitFor(address: string, since = 0, timeoutMs = 5000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.slice(since).find((m) => m.to.includes(address.toLowerCase()));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No email reached ${address}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
