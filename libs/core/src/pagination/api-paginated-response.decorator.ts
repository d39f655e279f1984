import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { MAX_PAGE_SIZE, PageMetaDto } from './pagination.dto';

/** Documents a `{data: T[], meta}` page of `model`. */
export function ApiPaginatedResponse(model: Type<unknown>, description = 'One page of results') {
  return applyDecorators(
    ApiExtraModels(PageMetaDto, model),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['data', 'meta'],
        properties: {
          data: { type: 'array', maxItems: MAX_PAGE_SIZE, items: { $ref: getSchemaPath(model) } },
          meta: { $ref: getSchemaPath(PageMetaDto) },
        },
      },
    }),
  );
}
