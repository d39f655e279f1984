import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import {
  AppConfig,
  ConflictError,
  formatCidr,
  inOwnContext,
  NotFoundError,
  Paginated,
  paginated,
  parseCidr,
  parseIp,
  RedisService,
  ValidationError,
} from '@nexus/core';
import type Redis from 'ioredis';
import { IpRuleEntity, RuleSource } from './ip-rule.entity';
import { Decision, IpRuleMatcher, RuleKind, RuleTargetType } from './ip-rule-matcher';
import { IpRuleFilter, IpRulesRepository } from './ip-rules.repository';

/** How often embedded mode looks for rules written by another process (the CLI). */
const EXTERNAL_WRITE_POLL_MS = 1000;

export interface NewIpRule {
  kind: RuleKind;
  target: string;
  reason: string;
  source: RuleSource;
  createdBy: string | null;
  /** Seconds from now; undefined or null for a permanent rule. */
  durationSeconds?: number | null;
}

/** Parses `203.0.113.7`, `203.0.113.0/24`, `2001:db8::/48` or a country code into its canonical form. */
export function canonicalTarget(raw: string): { targetType: RuleTargetType; target: string } {
  const text = raw.trim();
  if (/^[A-Za-z]{2}$/.test(text)) return { targetType: 'country', target: text.toUpperCase() };
  const cidr = parseCidr(text);
  if (!cidr)
    throw new ValidationError([
      { field: 'target', message: 'target must be an IPv4/IPv6 address, a CIDR range or an ISO 3166-1 alpha-2 country code' },
    ]);
  const single = !text.includes('/') || cidr.prefix === (cidr.family === 4 ? 32 : 128);
  return single
    ? { targetType: 'ip', target: formatCidr(cidr).replace(/\/(32|128)$/, '') }
    : { targetType: 'cidr', target: formatCidr(cidr) };
}

/**
 * The block and allow lists. Decisions are answered from an in-memory matcher;
 * every change is published on Redis so all API instances reload at once (and
 * a periodic reload catches anything missed). Embedded mode reloads in place.
 */
@Injectable()
export class IpRulesService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(IpRulesService.name);
  private matcher = IpRuleMatcher.empty();
  private subscriber: Redis | null = null;
  private timer: NodeJS.Timeout | null = null;
  private externalWatch: NodeJS.Timeout | null = null;
  private reloading: Promise<void> | null = null;
  private reloadQueued: Promise<void> | null = null;
  private snapshot: IpRuleEntity[] = [];
  private fingerprint = '';
  private readonly channel: string;

  constructor(
    private readonly rules: IpRulesRepository,
    private readonly redis: RedisService,
    private readonly config: AppConfig,
  ) {
    this.channel = `${config.redisKeyPrefix}:ip-rules:changed`;
  }

  async onModuleInit(): Promise<void> {
    // Embedded mode has no change notices: a rule the CLI writes from another process is seen by watching the
    // file for other connections' commits, within a second, instead of at the next periodic reload. The marker
    // is read before the first load, and moves on only once a reload succeeded, so no such write is missed.
    let marker = await this.rules.externalWriteMarker().catch(() => null);
    // A failed first load (database down, or the CLI about to run migrations) must not stop the process:
    // the periodic reload keeps trying.
    await this.tryReload();
    this.timer = setInterval(() => void inOwnContext(() => this.tryReload(true)), this.config.ipRules.reloadIntervalSeconds * 1000);
    this.timer.unref();
    if (marker !== null) {
      this.externalWatch = setInterval(
        () =>
          inOwnContext(async () => {
            const now = await this.rules.externalWriteMarker().catch(() => marker);
            if (now !== marker && (await this.tryReload(true))) marker = now;
          }),
        EXTERNAL_WRITE_POLL_MS,
      );
      this.externalWatch.unref();
    }
    if (this.redis.client) {
      this.subscriber = this.redis.duplicate('ip-rules-subscriber');
      this.subscriber.on('message', () => void inOwnContext(() => this.tryReload()));
      await this.subscriber.subscribe(this.channel);
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.externalWatch) clearInterval(this.externalWatch);
  }

  /** The edge's question, answered in memory; an expired rule stops matching on time. */
  decide(ip: string, country: () => string | null): Decision {
    if (this.matcher.isStale()) this.rebuildFromSnapshot();
    return this.matcher.decide(parseIp(ip), this.matcher.hasCountryRules ? country() : null);
  }

  get needsCountry(): boolean {
    return this.matcher.hasCountryRules;
  }

  get activeRuleCount(): number {
    return this.matcher.activeRules;
  }

  async create(input: NewIpRule): Promise<IpRuleEntity> {
    const saved = await this.rules.save(this.toEntity(input));
    await this.changed();
    return saved;
  }

  /**
   * Several rules at once (the anomaly bans of one analysis run): one write,
   * one reload here and one change notice to the other instances, where
   * creating them one by one would reload every instance once per rule.
   */
  async createMany(inputs: readonly NewIpRule[]): Promise<IpRuleEntity[]> {
    if (inputs.length === 0) return [];
    const entities = inputs.map((input) => this.toEntity(input));
    const saved = new Map((await this.rules.insertMany(entities)).map((rule) => [rule.id, rule]));
    await this.changed();
    return entities.map((entity) => saved.get(entity.id) ?? entity);
  }

  /** How many rules of this kind and source each (canonical) target got since `since`, expired ones included. */
  countCreatedSince(kind: RuleKind, source: RuleSource, targets: readonly string[], since: Date): Promise<Map<string, number>> {
    return this.rules.countCreatedSince(kind, source, targets, since);
  }

  private toEntity(input: NewIpRule): IpRuleEntity {
    const { targetType, target } = canonicalTarget(input.target);
    return Object.assign(new IpRuleEntity(), {
      kind: input.kind,
      targetType,
      target,
      reason: input.reason,
      source: input.source,
      createdBy: input.createdBy,
      expiresAt: input.durationSeconds ? new Date(Date.now() + input.durationSeconds * 1000) : null,
    });
  }

  async remove(id: string): Promise<void> {
    if (!(await this.rules.delete(id))) throw new NotFoundError('IP rule', id);
    await this.changed();
  }

  /** Removes every active rule of this kind on this target (CLI `ip:unblock`). */
  async removeByTarget(kind: RuleKind, rawTarget: string): Promise<number> {
    const { target } = canonicalTarget(rawTarget);
    const found = await this.rules.findActiveByTarget(kind, target, new Date());
    if (found.length === 0) throw new ConflictError(`No active ${kind} rule on ${target}`, 'no_such_rule');
    for (const rule of found) await this.rules.delete(rule.id);
    await this.changed();
    return found.length;
  }

  /** A target filter matches however the address or range is written (`2001:DB8::/48`, `1.2.3.4/32`); 400 if it is none. */
  async list(filter: IpRuleFilter): Promise<Paginated<IpRuleEntity>> {
    const target = filter.target === undefined ? undefined : canonicalTarget(filter.target).target;
    const [rows, total] = await this.rules.list({ ...filter, target }, new Date());
    return paginated(rows, total, filter);
  }

  /**
   * Reads every active rule and swaps the matcher. A call made while a read
   * is under way gets a read that starts after it, since a rule written
   * meanwhile may be missing from the one in flight; the calls that arrive
   * while that second read waits share it, so a burst costs two reads at most.
   */
  reload(): Promise<void> {
    if (!this.reloading) {
      this.reloading = this.readRules().finally(() => (this.reloading = null));
      return this.reloading;
    }
    this.reloadQueued ??= this.reloading
      .catch(() => undefined)
      .then(() => {
        this.reloadQueued = null;
        return this.reload();
      });
    return this.reloadQueued;
  }

  private async readRules(): Promise<void> {
    const fingerprint = await this.rules.fingerprint();
    this.snapshot = await this.rules.findActive(new Date());
    this.fingerprint = fingerprint;
    this.rebuildFromSnapshot();
  }

  /** `ifChanged`: the periodic safety net, which skips the full read when the table's fingerprint is unchanged. */
  /** True when the rules in force are the table's (reloaded, or unchanged); false when the read failed. */
  private async tryReload(ifChanged = false): Promise<boolean> {
    try {
      if (ifChanged && (await this.rules.fingerprint()) === this.fingerprint) return true;
      await this.reload();
      return true;
    } catch (error) {
      this.logger.warn(`IP rules reload failed; keeping ${this.matcher.activeRules} rules in force: ${(error as Error).message}`);
      return false;
    }
  }

  private rebuildFromSnapshot(): void {
    this.matcher = IpRuleMatcher.build(this.snapshot);
    if (this.matcher.activeRules < this.snapshot.length) {
      this.snapshot = this.snapshot.filter((rule) => !rule.expiresAt || rule.expiresAt.getTime() > Date.now());
    }
  }

  private async changed(): Promise<void> {
    await this.reload();
    if (this.redis.client) await this.redis.client.publish(this.channel, String(Date.now()));
  }
}
