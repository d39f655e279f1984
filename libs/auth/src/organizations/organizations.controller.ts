import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiPaginatedResponse, ApiProblemResponses, ForbiddenError, Paginated, PageQueryDto } from '@nexus/core';
import { CurrentUser, MANAGERS, Roles } from '../guards/auth.decorators';
import { AuthenticatedUser } from '../tokens/access-token';
import { Actor, MembersService } from './members.service';
import { AddMemberDto, MemberDto, OrganizationDto, UpdateMemberDto, UpdateOrganizationDto } from './organization.dto';

const USER_ID_PARAM = {
  name: 'userId',
  description: "The member's user id",
  schema: { type: 'string' as const, format: 'uuid', maxLength: 36 },
};

function actorOf(user: AuthenticatedUser): Actor {
  if (!user.organizationId || !user.role) throw new ForbiddenError('This account does not belong to an organization', 'no_organization');
  return { userId: user.userId, organizationId: user.organizationId, role: user.role };
}

@ApiTags('organizations')
@ApiBearerAuth('bearer')
@Controller('organizations/current')
export class OrganizationsController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOperation({ summary: "The caller's organization", operationId: 'organizationsGetCurrent' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiProblemResponses(401, 403)
  current(@CurrentUser() user: AuthenticatedUser): Promise<OrganizationDto> {
    return this.members.current(actorOf(user));
  }

  @Patch()
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Rename the organization or change its time zone (owner, admin)', operationId: 'organizationsUpdateCurrent' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiProblemResponses(401, 403)
  update(@CurrentUser() user: AuthenticatedUser, @Body() dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.members.update(actorOf(user), dto);
  }

  @Get('members')
  @ApiOperation({ summary: 'Members of the organization, by name', operationId: 'organizationsListMembers' })
  @ApiPaginatedResponse(MemberDto)
  @ApiProblemResponses(401, 403)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PageQueryDto): Promise<Paginated<MemberDto>> {
    return this.members.list(actorOf(user), query);
  }

  @Post('members')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Add a member with an initial password (owner, admin)', operationId: 'organizationsAddMember' })
  @ApiCreatedResponse({ type: MemberDto })
  @ApiProblemResponses(401, 403, 409)
  add(@CurrentUser() user: AuthenticatedUser, @Body() dto: AddMemberDto): Promise<MemberDto> {
    return this.members.add(actorOf(user), dto);
  }

  @Patch('members/:userId')
  @Roles(...MANAGERS)
  @ApiParam(USER_ID_PARAM)
  @ApiOperation({
    summary: "Change a member's role (owner, admin); the last owner cannot be demoted",
    operationId: 'organizationsUpdateMember',
  })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblemResponses(401, 403, 404, 409)
  changeRole(
    @CurrentUser() user: AuthenticatedUser,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberDto> {
    return this.members.changeRole(actorOf(user), userId, dto);
  }

  @Delete('members/:userId')
  @Roles(...MANAGERS)
  @ApiParam(USER_ID_PARAM)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a member and their account (owner, admin); the last owner cannot be removed',
    operationId: 'organizationsRemoveMember',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblemResponses(401, 403, 404, 409)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('userId', new ParseUUIDPipe()) userId: string): Promise<void> {
    return this.members.remove(actorOf(user), userId);
  }
}
