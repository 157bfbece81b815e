import { registerMessages } from '../../i18n/i18n.js';
import { absoluteLink, renderEmail } from './render-email.js';
import { TEMPLATES } from './templates.js';

describe('renderEmail', () => {
  it('renders every template in both languages with a subject, HTML and a text part', () => {
    for (const template of Object.keys(TEMPLATES)) {
      for (const locale of ['vi', 'en']) {
        const email = renderEmail(
          template,
          locale,
          {
            cooperativeName: 'HTX A',
            orderId: '0d6f1c2a-1111-4222-8333-944455556666',
            total: 150000,
            token: 't',
            acceptUrl: 'https://x.vn/a',
            expiresAt: '2026-12-30',
          },
          'https://nongsan.example.vn',
        );
        expect(email.subject.length).toBeGreaterThan(5);
        expect(email.html).toContain(`lang="${locale}"`);
        expect(email.text).toContain(email.subject);
      }
    }
  });

  it('formats money in đồng and the order reference from its id', () => {
    const email = renderEmail(
      'order.new',
      'vi',
      { cooperativeName: 'HTX A', orderId: '0d6f1c2a-1111-4222-8333-944455556666', total: 1250000, channel: 'web' },
      'https://n.vn',
    );
    expect(email.subject).toBe('Đơn hàng mới 0D6F1C2A cần xác nhận');
    expect(email.text).toMatch(/từ cửa hàng Nông sản, trị giá 1\.250\.000 ₫/);
  });

  it('names a platform as its context registered it, and an unregistered one by its id', () => {
    registerMessages({ vi: { platforms: { 'cho-phien': 'Chợ Phiên' } }, en: { platforms: { 'cho-phien': 'Cho Phien' } } });
    const order = { cooperativeName: 'HTX A', orderId: '0d6f1c2a-1111-4222-8333-944455556666', total: 1000 };
    expect(renderEmail('order.new', 'vi', { ...order, channel: 'cho-phien' }, 'https://n.vn').text).toContain('từ Chợ Phiên,');
    expect(renderEmail('order.new', 'en', { ...order, channel: 'cho-phien' }, 'https://n.vn').text).toContain('from Cho Phien,');
    expect(renderEmail('order.new', 'vi', { ...order, channel: 'sendo' }, 'https://n.vn').text).toContain('từ sendo,');
  });

  it('resolves relative links against PUBLIC_URL and keeps absolute ones', () => {
    expect(absoluteLink('/me/orders', 'https://n.vn')).toBe('https://n.vn/me/orders');
    expect(absoluteLink('https://n.vn/invitations/x', 'https://other.vn')).toBe('https://n.vn/invitations/x');
  });
});
