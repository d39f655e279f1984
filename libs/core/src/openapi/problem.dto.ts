import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email', maxLength: 200 })
  field!: string;

  @ApiProperty({ example: 'email must be an email', maxLength: 500 })
  message!: string;
}

/** RFC 9457 problem details, as served with `application/problem+json`. */
export class ProblemDto {
  @ApiProperty({ example: 'https://nexus.example/problems/validation-error', format: 'uri-reference', maxLength: 200 })
  type!: string;

  @ApiProperty({ example: 'Your request parameters did not validate', maxLength: 200 })
  title!: string;

  @ApiProperty({ example: 400, minimum: 400, maximum: 599 })
  status!: number;

  @ApiProperty({ example: 'email: email must be an email', maxLength: 2000 })
  detail!: string;

  @ApiProperty({ example: '/api/v1/auth/register', maxLength: 2000 })
  instance!: string;

  @ApiProperty({ example: '5f1c1b8e-3a55-4f8e-9f59-2f1f0f4b1c2d', maxLength: 128 })
  requestId!: string;

  @ApiPropertyOptional({ example: 'validation_failed', maxLength: 100 })
  code?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], maxItems: 100 })
  errors?: FieldErrorDto[];
}
