import { BooleanColumn, DateTimeColumn, IntColumn, VarcharColumn } from '@nexus/core';
import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PATH_ROOT_LENGTH } from './request-path';

/**
 * One served (or refused) request. Written in batches off the request path.
 * The indexes serve the operator filters and the anomaly analysis, which
 * groups a time window by IP, then reads the paths of the few IPs it flags.
 * Both analysis reads are covered, so neither touches the table rows:
 * - ix_request_logs_time_covering: the window with every column the rules
 *   count (one index range scan instead of a row lookup per request); it
 *   carries the short path_root rather than the path, so it stays narrow;
 * - ix_request_logs_ip_time, led by (ip, occurred_at) for the operator
 *   filter, carries status, blocked and path for the flagged IPs' samples.
 * A time range alone (retention, reports) is served by the covering time
 * index too: an index on (occurred_at) or (occurred_at, ip), a prefix of it,
 * would only be one more B-tree for every insert and one more for the buffer
 * pool to hold.
 */
@Entity('request_logs')
@Index('ix_request_logs_time_covering', ['occurredAt', 'ip', 'status', 'blocked', 'authFailure', 'pathRoot'])
@Index('ix_request_logs_ip_time', ['ip', 'occurredAt', 'status', 'blocked', 'path'])
@Index('ix_request_logs_status_time', ['status', 'occurredAt'])
@Index('ix_request_logs_country_time', ['country', 'occurredAt'])
@Index('ix_request_logs_path_time', ['path', 'occurredAt'])
export class RequestLogEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @DateTimeColumn({ name: 'occurred_at', precision: 3 })
  occurredAt!: Date;

  @VarcharColumn(45)
  ip!: string;

  @VarcharColumn(10)
  method!: string;

  /** Without the query string unless LOG_QUERY_STRING; at most 512 characters. */
  @VarcharColumn(512)
  path!: string;

  /**
   * The first segment of the normalised path (`admin` for `/%41dmin/x?y`; see
   * `pathRoot`), at most PATH_ROOT_LENGTH characters. Null on rows written
   * before the column existed, which the analysis treats as possibly sensitive.
   * Internal: not read unless asked for, so not in the admin API's rows.
   */
  @VarcharColumn(PATH_ROOT_LENGTH, { name: 'path_root', nullable: true, select: false })
  pathRoot!: string | null;

  /** The matched route template (`/api/v1/invoices/:id`), null when nothing matched. */
  @VarcharColumn(255, { nullable: true })
  route!: string | null;

  @IntColumn()
  status!: number;

  @IntColumn({ name: 'latency_ms' })
  latencyMs!: number;

  @VarcharColumn(512, { name: 'user_agent', nullable: true })
  userAgent!: string | null;

  @VarcharColumn(36, { name: 'user_id', nullable: true })
  userId!: string | null;

  @VarcharColumn(36, { name: 'organization_id', nullable: true })
  organizationId!: string | null;

  @VarcharColumn(2, { nullable: true })
  country!: string | null;

  @VarcharColumn(128, { nullable: true })
  city!: string | null;

  @BooleanColumn({ default: false })
  blocked!: boolean;

  @BooleanColumn({ default: false })
  throttled!: boolean;

  /** Why authentication failed (`wrong_password`, `invalid_token`, …), or null. */
  @VarcharColumn(32, { name: 'auth_failure', nullable: true })
  authFailure!: string | null;
}
