import { loadSettings, SettingsError, type AppConfig } from '@nongsan/core';
import { startRuntime } from './runtime.js';

export const say = (line: string) => process.stdout.write(`[nongsan] ${line}\n`);

export interface Started {
  close(): Promise<void>;
}

/**
 * Runs a long-lived process (api, worker): settings, embedded servers, then `start`. SIGINT or
 * SIGTERM closes what `start` returned (HTTP, queue), then the embedded servers, then exits 0;
 * a second signal exits at once. No orphan PostgreSQL, no stale lock for the next start.
 */
export function runProcess(start: (config: AppConfig) => Promise<Started>): void {
  let stopping = false;
  let started: Started | undefined;
  let runtime: Awaited<ReturnType<typeof startRuntime>> | undefined;

  const stop = async (code: number) => {
    const force = setTimeout(() => {
      say('shutdown took longer than 30 s: exiting');
      process.exit(1);
    }, 30_000);
    await started?.close().catch((error: Error) => say(`error while closing: ${error.message}`));
    await runtime?.stop();
    clearTimeout(force);
    if (code === 0) say('stopped cleanly');
    process.exit(code);
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      say(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    say(`${signal}: stopping…`);
    void stop(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  void (async () => {
    try {
      const settings = loadSettings();
      runtime = await startRuntime(settings, { log: (line) => settings.logLevel === 'debug' && say(line) });
      started = await start(runtime.config);
      if (stopping) await started.close();
    } catch (error) {
      process.stderr.write(`[nongsan] failed to start: ${error instanceof SettingsError ? error.message : ((error as Error).stack ?? String(error))}\n`);
      stopping = true;
      await stop(1);
    }
  })();
}
