import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiFoundResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { AppConfig, AppException, CurrentUser, ErrorResponseDto, hideInLoggedUrls, IdParam, Public, translate, type AuthUser } from '@nongsan/core';
import type { Request, Response } from 'express';
import { publicOrigin } from '@nongsan/core';
import { AuthorizationStartedDto, StartAuthorizationDto } from './connections.dto.js';
import { ShopAuthorizationsService } from './shop-authorizations.service.js';

// A shop authorization's state and code travel in the callback's query and are credentials while they last.
hideInLoggedUrls(/([?&](?:state|code)=)[^&]*/g, '$1[secret]');

@ApiTags('channels')
@Controller()
export class ShopAuthorizationsController {
  constructor(
    private readonly authorizations: ShopAuthorizationsService,
    private readonly config: AppConfig,
  ) {}

  @Post('cooperatives/:id/channels/authorizations')
  @ApiBearerAuth()
  @ApiCreatedResponse({
    type: AuthorizationStartedDto,
    description: 'Open authorizeUrl in the browser: the seller signs in on the platform and approves; the link works for 10 minutes, once',
  })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Unknown platform, or one the operator has not registered an app with (connect it with credentials instead)',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  start(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'cooperative') id: string,
    @Body() body: StartAuthorizationDto,
    @Req() request: Request,
  ): Promise<AuthorizationStartedDto> {
    return this.authorizations.start(user, id, body.platform, publicOrigin(request, this.config));
  }

  /** Where the platform sends the seller's browser back: a page, not JSON, whatever happens. */
  @Public()
  @Get('channels/oauth/:platform/callback')
  @ApiFoundResponse({ description: 'Connected: on to /seller/channels?connected=<connection id>' })
  @ApiBadRequestResponse({ description: 'A page saying why nothing was connected (unknown, used or expired state; the platform refused the code)' })
  async callback(@Param('platform') platform: string, @Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const text = Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    try {
      const connectionId = await this.authorizations.finish(platform, text);
      response.redirect(302, `/seller/channels?connected=${encodeURIComponent(connectionId)}`);
    } catch (error) {
      if (!(error instanceof AppException)) throw error;
      response.status(error.status).type('html').send(refusalPage(error));
    }
  }
}

/** The reason in Vietnamese, then in English, and the way back to the shop list. */
function refusalPage(error: AppException): string {
  const heading = `errors.${error.code}`;
  const say = (locale: 'vi' | 'en') =>
    [
      translate(locale, heading, error.params),
      ...error.details.filter((detail) => detail.key !== heading).map((detail) => translate(locale, detail.key, detail.params)),
    ]
      .map(escapeHtml)
      .join(' ');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Kết nối gian hàng · Shop connection</title></head>
<body><main><h1>${say('vi')}</h1><p lang="en">${say('en')}</p><p><a href="/seller/channels">Quay lại trang kết nối sàn · Back to channels</a></p></main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
