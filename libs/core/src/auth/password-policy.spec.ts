import { createRequire } from 'node:module';
import { translate } from '../i18n/i18n.js';
import '../i18n/messages.js';
import { assertAcceptablePassword, passwordIssues, passwordUserInputs } from './password-policy.js';

const require = createRequire(import.meta.url);
/** The library's feedback keys: every one must have our own sentence in both languages. */
const libraryKeys = require('@zxcvbn-ts/core/dist/data/translationKeys.cjs') as { warnings: Record<string, string>; suggestions: Record<string, string> };

describe('password policy', () => {
  const lan = { email: 'lan.nguyen@example.vn', fullName: 'Nguyễn Thị Lan' };

  it('refuses common passwords, keyboard walks, and the e-mail or the name in any spelling', () => {
    for (const password of ['12345678', 'password1', 'iloveyou', 'qwertyuiop', 'p@ssw0rd', 'lan.nguyen', 'nguyenthilan', 'Nguyễn Thị Lan', 'lannguyen']) {
      expect({ password, refused: passwordIssues(password, lan).length > 0 }).toEqual({ password, refused: true });
    }
    expect(() => assertAcceptablePassword('12345678', lan)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    // An address longer than the 32 characters zxcvbn judges is still itself.
    const long = { email: 'nguoi-mua-1733551234567-tai-khoan-thu@test.nongsan.vn', fullName: 'Người Thử' };
    expect(passwordIssues(long.email, long).map((i) => i.key)).toEqual(['validation.password.warning.userInputs']);
    expect(passwordIssues(long.email.toUpperCase(), long)).not.toEqual([]);
  });

  it('accepts the demo password and the passwords the tests and fixtures use', () => {
    for (const password of [
      'nongsan-demo',
      'mat-khau-thu-nghiem',
      'mat-khau-dai-du',
      'mat-khau-du-dai',
      'mật-khẩu-dài',
      'mat-khau-htx',
      'mat-khau-so-ct',
      'mat-khau-moi-123',
      'mat-khau-ke-toan',
      'outage-test',
    ]) {
      expect({ password, issues: passwordIssues(password, lan) }).toEqual({ password, issues: [] });
    }
  });

  it('names the field and explains with its own sentences', () => {
    const issues = passwordIssues('12345678', lan, 'newPassword');
    expect(issues.map((i) => i.field)).toEqual(['newPassword', 'newPassword']);
    expect(issues.map((i) => translate('vi', i.key, { field: i.field, ...i.params }))).toEqual([
      'Đây là một trong những mật khẩu bị dùng nhiều nhất.',
      'Thêm vài từ ít gặp nữa, ví dụ một câu ngắn chỉ bạn nhớ.',
    ]);
  });

  it('has a Vietnamese and an English sentence for every finding the library can report', () => {
    const keys = [
      'validation.password.warning.weak',
      ...Object.keys(libraryKeys.warnings).map((k) => `validation.password.warning.${k}`),
      ...Object.keys(libraryKeys.suggestions).map((k) => `validation.password.suggestion.${k}`),
    ];
    for (const key of keys) {
      for (const locale of ['vi', 'en'] as const) expect({ key, locale, text: translate(locale, key) }).not.toEqual({ key, locale, text: key });
    }
    expect(keys.length).toBe(31);
  });

  it('tries the e-mail, its parts and the name with and without accents', () => {
    expect(passwordUserInputs(lan)).toEqual(
      expect.arrayContaining([
        'lan.nguyen@example.vn',
        'lan.nguyen',
        'lannguyen',
        'example',
        'nguyễn thị lan',
        'nguyenthilan',
        'nguyen thi lan',
        'lanthinguyen',
        'nguyen',
        'thi',
        'lan',
      ]),
    );
  });
});
