import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, WRITERS } from '@nexus/auth';
import { ApiPaginatedResponse, ApiProblemResponses, Paginated } from '@nexus/core';
import { CachedRead, OrgCacheInterceptor } from '../caching/org-cache.interceptor';
import { ApiIdempotencyKey } from '../idempotency/api-idempotency-key.decorator';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { orgActorOf } from '../org-actor';
import { CreateCustomerDto, CustomerDto, CustomerListQueryDto, UpdateCustomerDto } from './customer.dto';
import { CustomersService } from './customers.service';

const ID_PARAM = { name: 'id', description: 'The customer id', schema: { type: 'string' as const, format: 'uuid', maxLength: 36 } };

@ApiTags('customers')
@ApiBearerAuth('bearer')
@Controller('customers')
@UseInterceptors(OrgCacheInterceptor, IdempotencyInterceptor)
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @Roles(...WRITERS)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Create a customer (owner, admin, accountant)', operationId: 'customersCreate' })
  @ApiCreatedResponse({ type: CustomerDto })
  @ApiProblemResponses(401, 403, 409, 422)
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateCustomerDto): Promise<CustomerDto> {
    return this.customers.create(orgActorOf(user), dto);
  }

  @Get()
  @CachedRead()
  @ApiOperation({
    summary: 'Customers of the organization',
    description: '`q` searches name and email; `sort` takes name or createdAt (default name). Answers are cached until the next write.',
    operationId: 'customersList',
  })
  @ApiPaginatedResponse(CustomerDto)
  @ApiProblemResponses(401, 403)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: CustomerListQueryDto): Promise<Paginated<CustomerDto>> {
    return this.customers.list(orgActorOf(user), query);
  }

  @Get(':id')
  @CachedRead()
  @ApiParam(ID_PARAM)
  @ApiOperation({ summary: 'One customer', operationId: 'customersGet' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblemResponses(401, 403, 404)
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<CustomerDto> {
    return this.customers.get(orgActorOf(user), id);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @ApiParam(ID_PARAM)
  @ApiOperation({
    summary: 'Change a customer; `null` clears an optional field (owner, admin, accountant)',
    operationId: 'customersUpdate',
  })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblemResponses(401, 403, 404)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateCustomerDto,
  ): Promise<CustomerDto> {
    return this.customers.update(orgActorOf(user), id, dto);
  }

  @Delete(':id')
  @Roles(...WRITERS)
  @HttpCode(204)
  @ApiParam(ID_PARAM)
  @ApiOperation({
    summary: 'Delete a customer (owner, admin, accountant)',
    description: 'A customer that an invoice refers to is hidden (soft-deleted) instead; its invoices keep it.',
    operationId: 'customersDelete',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponses(401, 403, 404)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.customers.remove(orgActorOf(user), id);
  }
}
