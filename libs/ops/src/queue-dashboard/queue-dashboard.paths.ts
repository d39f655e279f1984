/**
 * Where Bull Board is served: outside `/api/v1` like `/docs`, and not under
 * `/admin`, which the anomaly rules count as a scanner target.
 */
export const QUEUE_DASHBOARD_PATH = '/ops/queues';

/** The operators' browser session cookie is sent to every page under this path, and nowhere else. */
export const OPS_COOKIE_PATH = '/ops';
