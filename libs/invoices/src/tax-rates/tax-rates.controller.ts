import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, WRITERS } from '@nexus/auth';
import { ApiPaginatedResponse, ApiProblemResponses, Paginated } from '@nexus/core';
import { OrgCacheInterceptor } from '../caching/org-cache.interceptor';
import { ApiIdempotencyKey } from '../idempotency/api-idempotency-key.decorator';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { orgActorOf } from '../org-actor';
import { CreateTaxRateDto, TaxRateDto, TaxRateListQueryDto, UpdateTaxRateDto } from './tax-rate.dto';
import { TaxRatesService } from './tax-rates.service';

const ID_PARAM = { name: 'id', description: 'The tax rate id', schema: { type: 'string' as const, format: 'uuid', maxLength: 36 } };

@ApiTags('tax-rates')
@ApiBearerAuth('bearer')
@Controller('tax-rates')
@UseInterceptors(OrgCacheInterceptor, IdempotencyInterceptor)
export class TaxRatesController {
  constructor(private readonly rates: TaxRatesService) {}

  @Post()
  @Roles(...WRITERS)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Create a tax rate (owner, admin, accountant)', operationId: 'taxRatesCreate' })
  @ApiCreatedResponse({ type: TaxRateDto })
  @ApiProblemResponses(401, 403, 409, 422)
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateTaxRateDto): Promise<TaxRateDto> {
    return this.rates.create(orgActorOf(user), dto);
  }

  @Get()
  @ApiOperation({ summary: 'Tax rates of the organization; `sort` takes name or createdAt (default name)', operationId: 'taxRatesList' })
  @ApiPaginatedResponse(TaxRateDto)
  @ApiProblemResponses(401, 403)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: TaxRateListQueryDto): Promise<Paginated<TaxRateDto>> {
    return this.rates.list(orgActorOf(user), query);
  }

  @Get(':id')
  @ApiParam(ID_PARAM)
  @ApiOperation({ summary: 'One tax rate', operationId: 'taxRatesGet' })
  @ApiOkResponse({ type: TaxRateDto })
  @ApiProblemResponses(401, 403, 404)
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<TaxRateDto> {
    return this.rates.get(orgActorOf(user), id);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @ApiParam(ID_PARAM)
  @ApiOperation({
    summary: 'Rename, activate or deactivate a tax rate (owner, admin, accountant)',
    description: 'Percentage and inclusiveness are fixed at creation; create a new rate to change them.',
    operationId: 'taxRatesUpdate',
  })
  @ApiOkResponse({ type: TaxRateDto })
  @ApiProblemResponses(401, 403, 404)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateTaxRateDto,
  ): Promise<TaxRateDto> {
    return this.rates.update(orgActorOf(user), id, dto);
  }

  @Delete(':id')
  @Roles(...WRITERS)
  @HttpCode(204)
  @ApiParam(ID_PARAM)
  @ApiOperation({
    summary: 'Delete a tax rate (owner, admin, accountant)',
    description: 'Invoices that used it keep their copy of its name and percentage.',
    operationId: 'taxRatesDelete',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponses(401, 403, 404)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.rates.remove(orgActorOf(user), id);
  }
}
