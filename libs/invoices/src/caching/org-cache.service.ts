import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable } from '@nestjs/common';
import { OrganizationSettings } from '@nexus/auth';
import { AppConfig } from '@nexus/core';
import type { Cache } from 'cache-manager';
import { randomUUID } from 'node:crypto';

/** How long a generation marker lives; a missing marker is replaced by a new one, which also invalidates. */
const GENERATION_TTL_MS = 7 * 24 * 3600 * 1000;
/**
 * Every UTC offset in use is a multiple of 15 minutes, so no organization's
 * midnight (when `isOverdue` flips) falls inside one of these windows: a cached
 * read never outlives the day it was computed for.
 */
export const READ_WINDOW_MS = 15 * 60 * 1000;

/**
 * Cached reads of one organization, in CACHE_MANAGER (in memory when embedded,
 * Redis in services mode, so every API instance shares them). Entries are keyed
 * by the organization's current generation; a write replaces the generation,
 * which orphans every entry at once, on every instance. So does a change of
 * the organization's settings (its time zone decides `isOverdue`).
 */
@Injectable()
export class OrgCache {
  private readonly ttlMs: number;

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    config: AppConfig,
    settings: OrganizationSettings,
  ) {
    this.ttlMs = config.invoices.cacheTtlSeconds * 1000;
    // A new time zone changes which invoices are overdue: answers computed in the old one must go.
    settings.onChange((organizationId) => this.invalidate(organizationId));
  }

  /** The key of a read: organization, generation, time window and the exact URL with its query string. */
  async keyFor(organizationId: string, url: string, now = Date.now()): Promise<string> {
    return `invoices:read:${organizationId}:${await this.generation(organizationId)}:${Math.floor(now / READ_WINDOW_MS)}:${url}`;
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.cache.get<T>(key);
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.cache.set(key, value, this.ttlMs);
  }

  /**
   * Called after a write committed and before its response is sent. A random
   * generation (not a counter) needs no atomic increment: any new value differs
   * from every value a reader may hold.
   */
  async invalidate(organizationId: string): Promise<void> {
    await this.cache.set(this.generationKey(organizationId), randomUUID(), GENERATION_TTL_MS);
  }

  private async generation(organizationId: string): Promise<string> {
    const key = this.generationKey(organizationId);
    const current = await this.cache.get<string>(key);
    if (current) return current;
    // Never fall back to a constant: entries of an evicted generation must stay unreachable.
    const fresh = randomUUID();
    await this.cache.set(key, fresh, GENERATION_TTL_MS);
    return fresh;
  }

  private generationKey(organizationId: string): string {
    return `invoices:generation:${organizationId}`;
  }
}
