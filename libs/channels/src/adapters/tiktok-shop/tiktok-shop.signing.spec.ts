import { createHmac } from 'node:crypto';
import { requestBaseString, signRequest, webhookSignature } from './tiktok-shop.signing.js';

const hmac = (key: string, message: string) => createHmac('sha256', key).update(message, 'utf8').digest('hex');

describe('TikTok Shop signing', () => {
  it('reproduces the published vector: secret e59af819cc, Get Authorized Shops, app_key 29a39d, timestamp 1623812664', () => {
    const input = { path: '/authorization/202309/shops', query: { timestamp: '1623812664', app_key: '29a39d' } };
    expect(requestBaseString(input)).toBe('/authorization/202309/shopsapp_key29a39dtimestamp1623812664');
    expect(signRequest('e59af819cc', input)).toBe('b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8');
  });

  it('leaves sign and access_token out, sorts the keys, and wraps path + params + body in the secret', () => {
    const secret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const body = '{"skus":[{"id":"1729592969712207013","price":{"amount":"185000","currency":"VND"}}]}';
    const query = { timestamp: '1700000000', shop_cipher: 'ROW_xkMbgAAAeVAQra0eZWebFQq5aIK', app_key: '68xu9ks5p4i8', sign: 'stale', access_token: 'TTP_x' };
    const path = '/product/202309/products/1729592969712207008/prices/update';
    const base = `${path}app_key68xu9ks5p4i8shop_cipherROW_xkMbgAAAeVAQra0eZWebFQq5aIKtimestamp1700000000${body}`;
    expect(requestBaseString({ path, query, body })).toBe(base);
    expect(signRequest(secret, { path, query, body })).toBe(hmac(secret, `${secret}${base}${secret}`));
    expect(signRequest(secret, { path, query, body: Buffer.from(body) })).toBe(hmac(secret, `${secret}${base}${secret}`));
    // The same JSON with other whitespace is another request.
    expect(signRequest(secret, { path, query, body: JSON.stringify(JSON.parse(body), null, 1) })).not.toBe(hmac(secret, `${secret}${base}${secret}`));
    expect(signRequest(secret, { path, query })).toBe(hmac(secret, `${secret}${base.slice(0, -body.length)}${secret}`));
  });

  it('signs a Vietnamese body as UTF-8 bytes', () => {
    const body = '{"title":"Gạo ST25 Sóc Trăng túi 5kg – vụ mới"}';
    expect(signRequest('s', { path: '/p', query: { app_key: 'k' }, body })).toBe(hmac('s', `s/papp_keyk${body}s`));
  });

  it('signs a push over app_key + raw body with the app secret', () => {
    const body =
      '{"type":1,"tts_notification_id":"7327112393057371910","shop_id":"7494049642642441621","timestamp":1700000000,"data":{"order_id":"576461413038785752","order_status":"AWAITING_SHIPMENT","update_time":1700000000}}';
    expect(webhookSignature('secret', '68xu9ks5p4i8', Buffer.from(body))).toBe(hmac('secret', `68xu9ks5p4i8${body}`));
    expect(webhookSignature('secret', '68xu9ks5p4i8', body.replace('"type":1', '"type": 1'))).not.toBe(hmac('secret', `68xu9ks5p4i8${body}`));
  });
});
