import { ApiProperty } from '@nestjs/swagger';

export class OnboardingStepDto {
  @ApiProperty({
    enum: ['profile_complete', 'documents_uploaded', 'submitted', 'approved', 'first_product_published', 'first_channel_connected', 'first_order_received'],
  })
  key: string;

  @ApiProperty() done: boolean;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When it first happened, where known' }) doneAt: string | null;

  @ApiProperty({ type: [String], description: 'What is still missing for this step (field names)' }) missing: string[];
}

export class OnboardingDto {
  @ApiProperty({ type: [OnboardingStepDto] }) steps: OnboardingStepDto[];
  @ApiProperty({ example: 3 }) done: number;
  @ApiProperty({ example: 7 }) total: number;
}
