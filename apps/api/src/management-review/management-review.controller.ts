import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentUser } from '../identity/auth/decorators';
import type { Principal } from '../identity/auth/principal';
import { ManagementReviews } from './management-review.service';

@ApiTags('management-reviews')
@ApiCookieAuth()
@Controller('management-reviews')
export class ManagementReviewController {
  constructor(private readonly reviews: ManagementReviews) {}

  /** The review's 9.3.2 input pack: compiled live from the registers until the review is held, then the frozen one with its SHA-256. */
  @AnyRole()
  @Get(':id/input-pack')
  @ApiOkResponse({ description: '`{reviewId, frozen, frozenAt, sha256, pack}`' })
  inputPack(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.reviews.inputPack(user, id);
  }
}
