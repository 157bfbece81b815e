import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Full (max) metadata: the min set would accept the retired 11-digit 016… numbers. A Vietnamese phone number in any common writing (0905 123 456, +84905123456) → E.164, or undefined. */
export function toE164VietnamesePhone(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const phone = parsePhoneNumberFromString(value, 'VN');
  return phone && phone.country === 'VN' && phone.isValid() ? phone.number : undefined;
}

export function IsVietnamesePhone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isPhoneNumber', validator: { validate: (value) => toE164VietnamesePhone(value) !== undefined } }, options);
}
