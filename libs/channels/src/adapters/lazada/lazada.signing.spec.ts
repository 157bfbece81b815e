import { createHmac } from 'node:crypto';
import { pushSignature, signBaseString, signRequest } from './lazada.signing.js';

const hmac = (key: string, message: string) => createHmac('sha256', key).update(message).digest('hex');

describe('Lazada signing', () => {
  const orderGet = { app_key: '123456', access_token: 'test', timestamp: '1517820392000', sign_method: 'sha256', order_id: '1234' };

  it('reproduces the published /order/get example: sorted names, path first, UPPERCASE hex', () => {
    expect(signBaseString('/order/get', orderGet)).toBe('/order/getaccess_tokentestapp_key123456order_id1234sign_methodsha256timestamp1517820392000');
    expect(signRequest('helloworld', '/order/get', orderGet)).toBe('4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A');
  });

  it('leaves `sign` itself out, and the order the parameters were given in does not matter', () => {
    const shuffled = { order_id: '1234', timestamp: '1517820392000', sign: 'ANYTHING', sign_method: 'sha256', access_token: 'test', app_key: '123456' };
    expect(signRequest('helloworld', '/order/get', shuffled)).toBe('4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A');
  });

  it('sorts by ASCII code, so "foo_bar" comes after "foo" and before "foobar" (the guide’s own example)', () => {
    expect(signBaseString('/test/api', { foo: '1', bar: '2', foo_bar: '3', foobar: '4' })).toBe('/test/apibar2foo1foo_bar3foobar4');
  });

  it('appends a raw body after the parameters, as the Java and C# SDKs do', () => {
    const params = { app_key: '100200', timestamp: '1700000000000', sign_method: 'sha256', access_token: 'tok' };
    const body = '<Request><Product><ItemId>234234234</ItemId></Product></Request>';
    const expected = hmac('s3cr3t', `/product/deactivateaccess_tokentokapp_key100200sign_methodsha256timestamp1700000000000${body}`).toUpperCase();
    expect(signRequest('s3cr3t', '/product/deactivate', params, body)).toBe(expected);
    expect(signRequest('s3cr3t', '/product/deactivate', params)).not.toBe(expected);
  });

  it('hashes Vietnamese parameter values as UTF-8', () => {
    const params = { app_key: '100200', payload: '{"name":"Gạo ST25"}' };
    expect(signRequest('s3cr3t', '/product/create', params)).toBe(hmac('s3cr3t', '/product/createapp_key100200payload{"name":"Gạo ST25"}').toUpperCase());
  });

  it('signs a push over app key + raw body, in lowercase hex, byte for byte', () => {
    const body = '{"seller_id":"1234567","message_type":0,"data":{"order_status":"pending","trade_order_id":"260422900198363"}}';
    const expected = hmac('3412gyo124goi3124', `123456${body}`);
    expect(pushSignature('3412gyo124goi3124', '123456', Buffer.from(body))).toBe(expected);
    expect(pushSignature('3412gyo124goi3124', '123456', body)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    expect(pushSignature('3412gyo124goi3124', '123456', JSON.stringify(JSON.parse(body), null, 1))).not.toBe(expected);
    expect(pushSignature('3412gyo124goi3124', '654321', body)).not.toBe(expected);
  });
});
