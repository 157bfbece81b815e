import { tiktokShopAuthorizeUrl } from './tiktok-shop.authorization.js';

const APP = { appKey: '6ichv6m7rqve2', appSecret: 'secret', serviceId: '7584563551361271565' };

describe('TikTok Shop authorization link', () => {
  it('is the service’s page on services.tiktokshop.com with service_id and state only (the redirect is registered with the service)', () => {
    const url = new URL(tiktokShopAuthorizeUrl(undefined, APP, 'st4te'));
    expect(`${url.origin}${url.pathname}`).toBe('https://services.tiktokshop.com/open/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({ service_id: APP.serviceId, state: 'st4te' });
  });

  it('is served by an overridden auth host (a test’s fake)', () => {
    expect(tiktokShopAuthorizeUrl('http://127.0.0.1:4011', APP, 'x')).toBe(`http://127.0.0.1:4011/open/authorize?service_id=${APP.serviceId}&state=x`);
  });
});
