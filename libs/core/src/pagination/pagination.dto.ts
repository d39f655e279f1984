import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** `?page=1&limit=20`: extend it for each list endpoint (SortedPageQueryDto where the list can be ordered). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1_000_000, default: 1, example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;
}

/**
 * A page of a list that can be ordered: `sort` is checked against the
 * endpoint's own allow-list (parseSort). Lists without one take PageQueryDto,
 * where `sort` is an unknown field (400) rather than quietly ignored.
 */
export class SortedPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Comma-separated fields; a leading `-` sorts descending. Allowed fields are listed per endpoint.',
    example: '-createdAt',
    maxLength: 200,
    pattern: '^-?[A-Za-z]+(,-?[A-Za-z]+)*$',
  })
  @IsOptional()
  @MaxLength(200)
  @Matches(/^-?[A-Za-z]+(,-?[A-Za-z]+)*$/, { message: 'sort must be comma-separated field names, each optionally prefixed by -' })
  sort?: string;
}

export class PageMetaDto {
  @ApiProperty({ example: 1, minimum: 1 })
  page!: number;

  @ApiProperty({ example: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  limit!: number;

  @ApiProperty({ example: 42, minimum: 0 })
  total!: number;

  @ApiProperty({ example: 3, minimum: 0 })
  totalPages!: number;
}

export interface Paginated<T> {
  data: T[];
  meta: PageMetaDto;
}

export function paginated<T>(data: T[], total: number, query: Pick<PageQueryDto, 'page' | 'limit'>): Paginated<T> {
  return { data, meta: { page: query.page, limit: query.limit, total, totalPages: Math.ceil(total / query.limit) } };
}
