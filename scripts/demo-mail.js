'use strict';

/** A local SMTP server for the demo: it accepts every message and prints its subject and links. */
const { simpleParser } = require('mailparser');
const { SMTPServer } = require('smtp-server');

const URL_PATTERN = /https?:\/\/[^\s"'<>]+/g;

const unescapeHtml = (value) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The links of a message, from its text body and the hrefs of its HTML body, once each. */
const linksOf = (mail) => {
  const fromText = (mail.text || '').match(URL_PATTERN) || [];
  const html = typeof mail.html === 'string' ? mail.html : '';
  const fromHtml = [...html.matchAll(/href="([^"]+)"/g)].map((match) => unescapeHtml(match[1]));
  return [...new Set([...fromText, ...fromHtml])];
};

const describe = (mail) => {
  const to = mail.to ? [].concat(mail.to).map((address) => address.text) : [];
  const lines = [`[mail] to ${to.join(', ') || '(nobody)'}: ${mail.subject || '(no subject)'}`];
  for (const link of linksOf(mail)) lines.push(`       ${link}`);
  return lines.join('\n');
};

/** Starts the sink on a free loopback port; `print` receives one description per message. */
const startMailSink = async ({ print = console.log } = {}) => {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          print(describe(mail));
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.server.address().port,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};

module.exports = { startMailSink };
