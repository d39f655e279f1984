import { ApiHeader } from '@nestjs/swagger';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from './request-fingerprint';

/** Documents the optional Idempotency-Key header of a POST. */
export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Makes a retried POST safe: the same key with the same body replays the first response (status and body); ' +
      'with a different body it is refused (422); while the first request is still running, 409. Keys are kept for 24 hours.',
    schema: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_IDEMPOTENCY_KEY_LENGTH,
      pattern: '^[\\x20-\\x7E]+$',
      example: '8e03978e-40d5-43e8-bc93-6894a57f9324',
    },
  });
