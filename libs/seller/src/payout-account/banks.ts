import list from './data/vietqr-banks.json' with { type: 'json' };

export interface Bank {
  /** NAPAS BIN: what a VietQR payload names the bank by. */
  bin: string;
  code: string;
  shortName: string;
  name: string;
}

/** The banks a cooperative can be paid into (data/README.md says where the list comes from). */
export const BANKS: readonly Bank[] = list.banks;
const BY_BIN = new Map(BANKS.map((b) => [b.bin, b]));

export const bankByBin = (bin: string): Bank | undefined => BY_BIN.get(bin);
