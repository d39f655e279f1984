import { Injectable } from '@nestjs/common';
import { AppConfig, JobHandler, PermanentJobError } from '@nexus/core';
import { FindingAlert, SEND_ALERT_JOB } from './alerts.jobs';

const WEBHOOK_TIMEOUT_MS = 5000;

/** POSTs one finding to ALERT_WEBHOOK_URL. Errors never name the URL: it may carry a credential. */
@Injectable()
export class AlertProcessor {
  constructor(private readonly config: AppConfig) {}

  @JobHandler(SEND_ALERT_JOB, { concurrency: 4 })
  async send(alert: FindingAlert): Promise<{ status: number }> {
    const url = this.config.anomaly.alertWebhookUrl;
    if (!url) throw new PermanentJobError('ALERT_WEBHOOK_URL is not set');
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'nexus-anomaly-alerts' },
        body: JSON.stringify(alert),
        redirect: 'error',
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await response.arrayBuffer();
    } catch (error) {
      throw new Error(`Alert webhook unreachable: ${(error as Error).message}`);
    }
    if (response.ok) return { status: response.status };
    // A receiver that refuses the request will refuse it again; one that is down or busy may recover.
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    if (!retryable) throw new PermanentJobError(`Alert webhook answered ${response.status}`);
    throw new Error(`Alert webhook answered ${response.status}`);
  }
}
