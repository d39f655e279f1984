import { DateTimeColumn, VarcharColumn } from '@nexus/core';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One served (or refused) request. Written in batches off the request path.
 * The indexes serve the operator filters and the anomaly analysis, which
 * scans a time window and groups by IP.
 */
@Entity('request_logs')
@Index('ix_request_logs_time', ['occurredAt'])
@Index('ix_request_logs_time_ip', ['occurredAt', 'ip'])
@Index('ix_request_logs_ip_time', ['ip', 'occurredAt'])
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

  /** The matched route template (`/api/v1/invoices/:id`), null when nothing matched. */
  @VarcharColumn(255, { nullable: true })
  route!: string | null;

  @Column({ type: 'int' })
  status!: number;

  @Column({ name: 'latency_ms', type: 'int' })
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

  @Column({ type: 'boolean', default: false })
  blocked!: boolean;

  @Column({ type: 'boolean', default: false })
  throttled!: boolean;

  /** Why authentication failed (`wrong_password`, `invalid_token`, …), or null. */
  @VarcharColumn(32, { name: 'auth_failure', nullable: true })
  authFailure!: string | null;
}
