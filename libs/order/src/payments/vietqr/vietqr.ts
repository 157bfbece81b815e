/**
 * VietQR (NAPAS 24/7) bank-transfer QR: an EMVCo merchant-presented payload of TLV fields
 * `ID(2) LEN(2) VALUE`, closed by a CRC-16/CCITT-FALSE over everything up to "6304"
 * (domain/vietnam.md). Ours to write: no maintained library builds it.
 */

/** CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

function field(id: string, value: string): string {
  const length = Buffer.byteLength(value, 'utf8');
  if (length > 99) throw new Error(`VietQR field ${id} is longer than 99 bytes`);
  return `${id}${String(length).padStart(2, '0')}${value}`;
}

export interface VietQrInput {
  /** 6-digit bank BIN, e.g. 970436 (Vietcombank). */
  bankBin: string;
  accountNumber: string;
  /** Whole đồng; omitted for a static QR the payer fills in. */
  amount?: number;
  /** Shown to the payer and carried into the transfer description: put the order reference here. */
  purpose?: string;
}

export function buildVietQr(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bankBin)) throw new Error('bankBin must be 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(input.accountNumber)) throw new Error('accountNumber must be 1–19 letters or digits');
  if (input.amount !== undefined && (!Number.isInteger(input.amount) || input.amount <= 0)) throw new Error('amount must be a positive integer (đồng)');
  const beneficiary = field('00', 'A000000727') + field('01', field('00', input.bankBin) + field('01', input.accountNumber)) + field('02', 'QRIBFTTA');
  const body =
    field('00', '01') +
    field('01', input.amount !== undefined ? '12' : '11') +
    field('38', beneficiary) +
    field('53', '704') +
    (input.amount !== undefined ? field('54', String(input.amount)) : '') +
    field('58', 'VN') +
    (input.purpose ? field('62', field('08', input.purpose)) : '') +
    '6304';
  return body + crc16(body);
}

export interface ParsedVietQr {
  bankBin: string;
  accountNumber: string;
  amount: number | undefined;
  purpose: string | undefined;
}

/** Reads a payload back (and checks its CRC): what a banking app does when it scans the code. */
export function parseVietQr(payload: string): ParsedVietQr {
  const crcAt = payload.length - 4;
  if (payload.slice(crcAt - 4, crcAt) !== '6304' || crc16(payload.slice(0, crcAt)) !== payload.slice(crcAt)) throw new Error('bad VietQR CRC');
  const top = tlv(payload.slice(0, crcAt - 4));
  const beneficiary = tlv(top.get('38') ?? '');
  const account = tlv(beneficiary.get('01') ?? '');
  const additional = tlv(top.get('62') ?? '');
  return {
    bankBin: account.get('00') ?? '',
    accountNumber: account.get('01') ?? '',
    amount: top.has('54') ? Number(top.get('54')) : undefined,
    purpose: additional.get('08'),
  };
}

function tlv(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let at = 0;
  while (at < text.length) {
    const id = text.slice(at, at + 2);
    const length = Number(text.slice(at + 2, at + 4));
    fields.set(id, text.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return fields;
}
