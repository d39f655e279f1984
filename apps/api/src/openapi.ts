import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

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
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
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
