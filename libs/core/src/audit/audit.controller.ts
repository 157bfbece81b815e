import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators.js';
import { Role } from '../auth/role.js';
import { ErrorResponseDto } from '../errors/error-response.dto.js';
import { AuditPageDto, AuditQueryDto } from './audit.dto.js';
import { AuditService } from './audit.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(Role.Official)
  @ApiOkResponse({ type: AuditPageDto, description: 'Newest first: who (name and roles) did what to which record, when' })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }
}
