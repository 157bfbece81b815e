import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, trimString } from '@nongsan/core';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

const collapse = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value);

export class SearchSynonymInputDto {
  @ApiProperty({ example: 'fish sauce', maxLength: 60, description: 'What buyers type: one to three words, any language, accents optional' })
  @Transform(collapse)
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  term: string;

  @ApiProperty({ example: 'nước mắm', maxLength: 60, description: 'The same in the words the catalog uses' })
  @Transform(collapse)
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  means: string;
}

export class SearchSynonymQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the term or of its meaning, accents optional' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(60)
  q?: string;
}

export class SearchSynonymDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'fish sauce' }) term: string;
  @ApiProperty({ example: 'nước mắm' }) means: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SearchSynonymPageDto {
  @ApiProperty({ type: [SearchSynonymDto], description: 'By term, A to Z (accent-free)' }) items: SearchSynonymDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
