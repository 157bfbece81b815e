import { createHmac } from 'node:crypto';
import { publicApiBaseString, publicApiSign, pushSignature, shopApiBaseString, shopApiSign } from './shopee.signing.js';

/**
 * Shopee publishes no complete signing vector: its doc example (`2001887/api/v2/shop/get_shop_info
 * 165571443159777174636562737266615546704c6d14701711` → `56f31d01…`) leaves out the partner_key.
 * So these specs rebuild the documented base strings by hand and compute the HMAC independently.
 */
const hmac = (key: string, message: string) => createHmac('sha256', key).update(message).digest('hex');

describe('Shopee v2 signing', () => {
  const partnerKey = 'shpk4c6d5a2e0f1b3c7d9e8f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5';

  it('builds the shop base string as the doc example lays it out: partner_id, path, timestamp, access_token, shop_id', () => {
    expect(
      shopApiBaseString({
        partnerId: 2001887,
        path: '/api/v2/shop/get_shop_info',
        timestamp: 1655714431,
        accessToken: '59777174636562737266615546704c6d',
        shopId: 14701711,
      }),
    ).toBe('2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711');
  });

  it('signs a shop API call with HMAC-SHA256 of that base string, in lowercase hex', () => {
    const sign = shopApiSign(partnerKey, {
      partnerId: '2001887',
      path: '/api/v2/product/add_item',
      timestamp: 1700000000,
      accessToken: 'abc123',
      shopId: '600000',
    });
    expect(sign).toBe(hmac(partnerKey, '2001887/api/v2/product/add_item1700000000abc123600000'));
    expect(sign).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs a public API call (token refresh, media upload) over partner_id, path and timestamp only', () => {
    expect(publicApiBaseString({ partnerId: 2001887, path: '/api/v2/auth/access_token/get', timestamp: 1700000000 })).toBe(
      '2001887/api/v2/auth/access_token/get1700000000',
    );
    expect(publicApiSign(partnerKey, { partnerId: 2001887, path: '/api/v2/auth/access_token/get', timestamp: 1700000000 })).toBe(
      hmac(partnerKey, '2001887/api/v2/auth/access_token/get1700000000'),
    );
  });

  it('signs a push over callback URL, "|", raw body — byte for byte', () => {
    const url = 'https://nongsan.example/api/v1/channels/7f1c/webhook';
    const body = '{"code":3,"shop_id":600000,"timestamp":1700000000,"data":{"ordersn":"2311140ABCDEFG","status":"READY_TO_SHIP","update_time":1700000000}}';
    const expected = hmac(partnerKey, `${url}|${body}`);
    expect(pushSignature(partnerKey, url, Buffer.from(body))).toBe(expected);
    expect(pushSignature(partnerKey, url, body)).toBe(expected);
    // Same JSON, different bytes: must not verify.
    expect(pushSignature(partnerKey, url, JSON.stringify(JSON.parse(body), null, 1))).not.toBe(expected);
    // Vietnamese text is hashed as UTF-8.
    expect(pushSignature(partnerKey, url, '{"note":"Gạo ST25"}')).toBe(hmac(partnerKey, `${url}|{"note":"Gạo ST25"}`));
  });
});
