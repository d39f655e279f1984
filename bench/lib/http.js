/* global fetch */
const http = require('node:http');

/** JSON request with fetch; throws with the problem body on a status other than `expect`. */
async function requestJson(url, { method = 'GET', body, headers = {}, expect = 200 } = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expect) throw new Error(`${method} ${url}: HTTP ${response.status} (expected ${expect}): ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/**
 * The status of a GET sent from `localAddress` (another loopback address such
 * as 127.0.0.2 on Linux), so the API sees a different client IP without
 * trusting X-Forwarded-For (TRUST_PROXY stays off, as in every other run).
 */
function statusFrom(url, localAddress) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { localAddress, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', reject);
    request.setTimeout(5_000, () => request.destroy(new Error(`GET ${url} from ${localAddress}: timeout`)));
  });
}

module.exports = { requestJson, statusFrom };
