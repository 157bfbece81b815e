import { lazadaAuthorizeUrl } from './lazada.authorization.js';
import { LIVE_AUTH_URL } from './lazada.client.js';

describe('Lazada authorization link', () => {
  it('is auth.lazada.com/oauth/authorize with the app key as client_id, our callback and state, the seller asked to sign in again', () => {
    const url = new URL(
      lazadaAuthorizeUrl(LIVE_AUTH_URL, { appKey: '100101', appSecret: 's' }, 'https://nongsan.example.vn/api/v1/channels/oauth/lazada/callback', 'st4te'),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://auth.lazada.com/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      force_auth: 'true',
      redirect_uri: 'https://nongsan.example.vn/api/v1/channels/oauth/lazada/callback',
      client_id: '100101',
      state: 'st4te',
    });
    // The app secret never travels in a link the browser sees.
    expect(url.toString()).not.toContain('appSecret');
  });
});
