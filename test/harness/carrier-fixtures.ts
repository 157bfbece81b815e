import { GhnFake } from '../fakes/ghn.fake.js';
import { GhtkFake } from '../fakes/ghtk.fake.js';

export interface CarrierFakes {
  ghn: GhnFake;
  ghtk: GhtkFake;
  /** The settings that point the app at both fakes. */
  env: Record<string, string>;
  clearFaults(): void;
  close(): Promise<void>;
}

/** GHN (one shop, 885) and GHTK (partner code NONGSAN), each knowing one account's token. */
export async function startCarrierFakes(tokens: { ghn: string; ghtk: string }): Promise<CarrierFakes> {
  const ghn = await GhnFake.start({ accounts: [{ token: tokens.ghn, shopId: '885' }] });
  const ghtk = await GhtkFake.start({ tokens: [tokens.ghtk], clientSource: 'NONGSAN' });
  return {
    ghn,
    ghtk,
    env: { CARRIER_GHN_BASE_URL: ghn.baseUrl, CARRIER_GHTK_BASE_URL: ghtk.baseUrl, CARRIER_GHTK_CLIENT_SOURCE: 'NONGSAN', CARRIER_REQUEST_TIMEOUT_MS: '1500' },
    clearFaults: () => {
      ghn.clearFaults();
      ghtk.clearFaults();
    },
    close: async () => {
      await ghn.close();
      await ghtk.close();
    },
  };
}
