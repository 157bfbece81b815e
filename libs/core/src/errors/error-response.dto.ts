import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorDetailDto {
  @ApiProperty({ example: 'variants[0].price' })
  field: string;

  @ApiProperty({ example: '“variants[0].price” phải là số nguyên.' })
  message: string;
}

export class ErrorBodyDto {
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine code' })
  code: string;

  @ApiProperty({ description: "Human message in the request's locale (vi by default, en with Accept-Language: en)" })
  message: string;

  @ApiProperty({ type: [ErrorDetailDto] })
  details: ErrorDetailDto[];

  @ApiPropertyOptional({ description: 'Quote it when reporting a problem' })
  requestId?: string;
}

/** The one error shape of every failure: a stable code, a message in the request's language, the fields at fault. */
export class ErrorResponseDto {
  @ApiProperty({ type: ErrorBodyDto })
  error: ErrorBodyDto;
}
