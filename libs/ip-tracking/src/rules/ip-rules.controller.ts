import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, PlatformRole } from '@nexus/auth';
import { ApiPaginatedResponse, ApiProblemResponses, Paginated } from '@nexus/core';
import { toIpRuleDto } from './ip-rule.mapper';
import { IpRulesService } from './ip-rules.service';
import { CreateIpRuleDto, IpRuleDto, IpRuleQueryDto } from './security.dto';

@ApiTags('security')
@ApiBearerAuth('bearer')
@PlatformRole('operator')
@Controller('security/ip-rules')
export class IpRulesController {
  constructor(private readonly rules: IpRulesService) {}

  @Get()
  @ApiOperation({ summary: 'Block and allow rules, newest first (operators)', operationId: 'ipRulesList' })
  @ApiPaginatedResponse(IpRuleDto)
  @ApiProblemResponses(401, 403)
  async list(@Query() query: IpRuleQueryDto): Promise<Paginated<IpRuleDto>> {
    const page = await this.rules.list(query);
    return { ...page, data: page.data.map((rule) => toIpRuleDto(rule)) };
  }

  @Post()
  @ApiOperation({
    summary: 'Block or allow an address, CIDR range or country (operators)',
    description: 'Takes effect on every API instance within 2 seconds. An allow rule beats any block rule.',
    operationId: 'ipRulesCreate',
  })
  @ApiCreatedResponse({ type: IpRuleDto })
  @ApiProblemResponses(401, 403)
  async create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateIpRuleDto): Promise<IpRuleDto> {
    return toIpRuleDto(await this.rules.create({ ...dto, source: 'manual', createdBy: user.userId }));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @ApiOperation({ summary: 'Delete a rule (operators)', operationId: 'ipRulesDelete' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponses(401, 403, 404)
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.rules.remove(id);
  }
}
