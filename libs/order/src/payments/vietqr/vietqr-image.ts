import QRCode from 'qrcode';

/** The QR a banking app scans, as a PNG data URL, for a VietQR payload. */
export const vietQrImage = (payload: string): Promise<string> => QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
