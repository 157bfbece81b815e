import { Role } from '@nongsan/core';
import { createTestApp, signIn, type Session, type TestApp } from './app.js';
import { approvedCooperative } from './channel-fixtures.js';

/**
 * Where each marketplace's e2e spec starts once its fake is up: the app pointed at the fake by
 * `env`, an official, and a buyer who owns an approved cooperative. `listen` when the fake is to
 * push to the app's webhook, which needs a real port.
 */
export async function sellerOnMarketplace(
  env: Record<string, string>,
  options: { listen?: boolean } = {},
): Promise<{ t: TestApp; official: Session; owner: Session; coopId: string }> {
  const t = await createTestApp({ env });
  try {
    if (options.listen) await t.app.listen(0, '127.0.0.1');
    const official = await signIn(t, Role.Official);
    const owner = await signIn(t, Role.Buyer);
    const coopId = await approvedCooperative(t, owner, official);
    return { t, official, owner, coopId };
  } catch (error) {
    // The spec never gets hold of `t` to close it.
    await t.close();
    throw error;
  }
}

/** The app first, so that no sync job is still calling the fake when it goes; either may be missing when set-up failed. */
export async function closeAppThenFake(t: TestApp | undefined, fake: { close(): Promise<void> } | undefined): Promise<void> {
  await t?.close();
  await fake?.close();
}
