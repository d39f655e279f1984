/** The columns of the API's request_logs table that a bench writes itself, in the order its rows give values. */
const REQUEST_LOG_COLUMNS = [
  'occurred_at',
  'ip',
  'method',
  'path',
  'path_root',
  'route',
  'status',
  'latency_ms',
  'user_agent',
  'user_id',
  'organization_id',
  'country',
  'city',
  'blocked',
  'throttled',
  'auth_failure',
];

module.exports = { REQUEST_LOG_COLUMNS };
