import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, IdParam, Role, Roles, type AuthUser } from '@nongsan/core';
import { SearchSynonymDto, SearchSynonymInputDto, SearchSynonymPageDto, SearchSynonymQueryDto } from './search-synonyms.dto.js';
import { SearchSynonymsService } from './search-synonyms.service.js';

/** The Department keeps the words buyers type that the catalog says differently. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Official)
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Officials only' })
@Controller('admin/search-synonyms')
export class AdminSearchSynonymsController {
  constructor(private readonly synonyms: SearchSynonymsService) {}

  @Get()
  @ApiOkResponse({ type: SearchSynonymPageDto })
  list(@Query() query: SearchSynonymQueryDto): Promise<SearchSynonymPageDto> {
    return this.synonyms.list(query);
  }

  @Post()
  @ApiCreatedResponse({ type: SearchSynonymDto, description: 'The search uses it from the next query' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'term already listed (validation.synonymTaken), or the same as means' })
  create(@CurrentUser() user: AuthUser, @Body() body: SearchSynonymInputDto): Promise<SearchSynonymDto> {
    return this.synonyms.create(user, body);
  }

  @Put(':id')
  @ApiOkResponse({ type: SearchSynonymDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  update(@CurrentUser() user: AuthUser, @IdParam('id', 'searchSynonym') id: string, @Body() body: SearchSynonymInputDto): Promise<SearchSynonymDto> {
    return this.synonyms.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@CurrentUser() user: AuthUser, @IdParam('id', 'searchSynonym') id: string): Promise<void> {
    return this.synonyms.remove(user, id);
  }
}
