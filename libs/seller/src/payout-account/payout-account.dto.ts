import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength } from 'class-validator';

/** Spaces and dashes people type into an account number are not part of it. */
const compactAccount = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/[\s.-]/g, '').toUpperCase() : value);
/** Banks hold names in capitals without accents ("HTX NONG NGHIEP NHON LOC"): what a transfer is checked against. */
export const bankSpelling = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toUpperCase().replace(/\s+/g, ' ').trim()
    : value;

export class PayoutAccountInput {
  @ApiProperty({ example: '970436', description: 'The bank’s NAPAS BIN, one of GET /banks' })
  @IsString()
  @Matches(/^\d{6}$/)
  bankBin: string;

  @ApiProperty({ example: '1017595600', description: '6–19 digits or letters; spaces and dashes are dropped' })
  @Transform(compactAccount)
  @IsString()
  @Matches(/^[0-9A-Z]{6,19}$/)
  accountNumber: string;

  @ApiProperty({ example: 'HTX Nông nghiệp Nhơn Lộc', description: 'The holder as on the account; kept as banks spell it (capitals, no accents)' })
  @Transform(bankSpelling)
  @IsString()
  @MaxLength(70)
  @Matches(/^[A-Z0-9][A-Z0-9 .,&'()/-]{1,69}$/)
  accountName: string;
}

export class BankDto {
  @ApiProperty({ example: '970436' }) bin: string;
  @ApiProperty({ example: 'VCB' }) code: string;
  @ApiProperty({ example: 'Vietcombank' }) shortName: string;
  @ApiProperty({ example: 'Ngân hàng TMCP Ngoại Thương Việt Nam' }) name: string;
}

export class PayoutAccountDto {
  @ApiProperty({ example: '970436' }) bankBin: string;
  @ApiProperty({ type: BankDto }) bank: BankDto;
  @ApiProperty({ example: '1017595600' }) accountNumber: string;
  @ApiProperty({ example: 'HTX NONG NGHIEP NHON LOC' }) accountName: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PayoutAccountViewDto {
  @ApiProperty({ type: PayoutAccountDto, nullable: true, description: 'null until an admin of the cooperative gives one' }) account: PayoutAccountDto | null;
}
