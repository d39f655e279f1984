import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { applyDocumentConventions } from './openapi-conventions';

export const API_PREFIX = 'api/v1';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Nexus API')
    .setDescription(
      [
        'Accounts and organizations, invoices, IP tracking and anomaly detection.',
        '',
        'Every error is `application/problem+json` (RFC 9457) with a `requestId`; validation errors list each field in `errors`.',
        'Lists take `page`, `limit` (≤ 100) and `sort`, and answer `{data, meta}`.',
      ].join('\n'),
    )
    .setVersion('1.0.0')
    .setContact('Nexus maintainers', 'https://nexus.example', 'maintainers@nexus.example')
    .setLicense('Proprietary', 'https://nexus.example/license')
    .addServer('/', 'This deployment (local, staging or production): the origin serving these docs')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'Access token from /auth/login or /auth/register. HS256 with pinned algorithms and required iss, aud and exp claims, following RFC8725 (JWT best current practices).',
      },
      'bearer',
    )
    .build();
  return applyDocumentConventions(
    SwaggerModule.createDocument(app, config, {
      operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
    }),
  );
}

/** Swagger UI at /docs, the OpenAPI 3 JSON at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'Nexus API',
    swaggerOptions: { persistAuthorization: true },
  });
}
