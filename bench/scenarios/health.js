/**
 * health-live: the cheapest route of the API, so the ratio is the cost of the
 * global pipeline alone (Fastify hooks, helmet, cookie, request id, Nest
 * interceptors/pipes/filters) against a bare Nest-Fastify route.
 */
const scenario = {
  name: 'health-live',
  description: 'GET /health/live on the built API vs the bare Nest-Fastify app',
  target: 0.85,
  async run(ctx) {
    return ctx.compare(scenario, {
      candidate: { url: `${ctx.apiUrl}/health/live`, pid: ctx.apiPid },
      baseline: { url: `${ctx.baselineUrl}/health/live`, pid: ctx.baselinePid },
    });
  },
};

module.exports = scenario;
