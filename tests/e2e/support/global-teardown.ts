import type { RunningApp } from './app';

type Running = { app: RunningApp; smtp: { close: () => Promise<void> } };

/** Stops the app (and deletes its database) and the SMTP server. */
export default async () => {
  const running = (globalThis as { __E2E__?: Running }).__E2E__;
  if (!running) return;
  await running.app.stop();
  await running.smtp.close();
};
