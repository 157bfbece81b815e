import { registerMessages } from '@nongsan/core';
import type { SellerErrorCode } from './seller.errors.js';

registerMessages({
  vi: {
    errors: {
      TAX_CODE_TAKEN: 'Mã số thuế này đã được đăng ký cho một hợp tác xã khác.',
      COOPERATIVE_INCOMPLETE: 'Hồ sơ hợp tác xã chưa đủ để gửi duyệt.',
      EMAIL_NOT_VERIFIED: 'Bạn cần xác nhận địa chỉ email trước khi gửi hồ sơ; hãy mở liên kết trong thư xác nhận (hoặc yêu cầu gửi lại).',
      LAST_ADMIN: 'Hợp tác xã phải còn ít nhất một quản trị viên.',
      ALREADY_MEMBER: 'Người này đã là thành viên của hợp tác xã.',
      INVITATION_CLOSED: 'Lời mời này không còn hiệu lực (đã được trả lời, bị thu hồi, được thay bằng lời mời mới hoặc đã hết hạn).',
    } satisfies Record<SellerErrorCode, string>,
    entities: {
      cooperative: 'hợp tác xã',
      document: 'tài liệu',
      member: 'thành viên',
      invitation: 'lời mời',
    },
    validation: {
      taxCodeFormat: '“{{field}}” phải gồm 10 chữ số, hoặc 13 chữ số cho chi nhánh (NNNNNNNNNN-NNN).',
      taxCodeCheckDigit: '“{{field}}” sai chữ số kiểm tra; vui lòng kiểm tra lại mã số thuế.',
      taxCodeTaken: 'Mã số thuế này đã được đăng ký.',
      wardUnknown: '“{{field}}” không phải mã phường/xã của tỉnh.',
      wardAmbiguous: 'Mã xã cũ “{{code}}” nay thuộc nhiều phường/xã; hãy chọn một trong: {{candidates}}.',
      profileIncomplete: 'Cần điền “{{field}}” trước khi gửi duyệt.',
      businessRegistrationMissing: 'Cần tải lên giấy chứng nhận đăng ký hợp tác xã (business_registration).',
      bankUnknown: '“{{field}}” không phải mã BIN của một ngân hàng trong danh sách (GET /banks).',
      householdTaxCodeFormat: '“{{field}}” phải là số định danh cá nhân 12 chữ số của chủ hộ, hoặc mã số thuế 10 chữ số (13 cho chi nhánh).',
      paperMissing: {
        household_business: {
          business_registration: 'Cần tải lên giấy chứng nhận đăng ký hộ kinh doanh (business_registration).',
          identity_card: 'Cần tải lên căn cước công dân của chủ hộ kinh doanh (identity_card).',
        },
        enterprise: { business_registration: 'Cần tải lên giấy chứng nhận đăng ký doanh nghiệp (business_registration).' },
      },
    },
  },
  en: {
    errors: {
      TAX_CODE_TAKEN: 'This tax code is already registered to another cooperative.',
      COOPERATIVE_INCOMPLETE: 'The cooperative profile is not complete enough to submit.',
      EMAIL_NOT_VERIFIED: 'Confirm your e-mail address before submitting; open the link in the confirmation e-mail (or ask for it again).',
      LAST_ADMIN: 'A cooperative must keep at least one admin.',
      ALREADY_MEMBER: 'This person is already a member of the cooperative.',
      INVITATION_CLOSED: 'This invitation is no longer open (already answered, revoked, replaced by a newer one, or expired).',
    } satisfies Record<SellerErrorCode, string>,
    entities: {
      cooperative: 'cooperative',
      document: 'document',
      member: 'member',
      invitation: 'invitation',
    },
    validation: {
      taxCodeFormat: '{{field}} must have 10 digits, or 13 for a branch (NNNNNNNNNN-NNN).',
      taxCodeCheckDigit: '{{field}} has a wrong check digit; please check the tax code.',
      taxCodeTaken: 'This tax code is already registered.',
      wardUnknown: '{{field}} is not a ward code of the province.',
      wardAmbiguous: 'Former commune code “{{code}}” now lies in several wards; pick one of: {{candidates}}.',
      profileIncomplete: 'Fill in {{field}} before submitting.',
      businessRegistrationMissing: 'Upload the business registration certificate (business_registration).',
      bankUnknown: '{{field}} is not the BIN of a bank in the list (GET /banks).',
      householdTaxCodeFormat: '{{field}} must be the owner’s 12-digit personal id number, or a 10-digit tax code (13 for a branch).',
      paperMissing: {
        household_business: {
          business_registration: 'Upload the household business registration certificate (business_registration).',
          identity_card: 'Upload the household business owner’s citizen identity card (identity_card).',
        },
        enterprise: { business_registration: 'Upload the enterprise registration certificate (business_registration).' },
      },
    },
  },
});
