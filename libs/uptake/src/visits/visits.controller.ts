import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@nongsan/core';
import type { Request } from 'express';
import { VisitsService } from './visits.service.js';

@ApiTags('uptake')
@Public()
@Controller('visits')
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  /** The storefront calls this once per browser session; no body, no cookie, nothing about the visitor kept. */
  @Post()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Counted (or ignored past the daily cap of one address); the answer is the same either way' })
  async count(@Req() request: Request): Promise<void> {
    await this.visits.count(request.ip ?? 'unknown');
  }
}
