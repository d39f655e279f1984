import { OrganizationSettings } from '@nexus/auth';
import { AppConfig } from '@nexus/core';
import type { Cache } from 'cache-manager';
import { OrgCache, READ_WINDOW_MS } from './org-cache.service';

/** A Map behind the three cache calls OrgCache makes; anything else fails loudly. */
function fakeCache(): Cache & { store: Map<string, unknown> } {
  const store = new Map<string, unknown>();
  return {
    store,
    get: async (key: string) => store.get(key),
    set: async (key: string, value: unknown) => {
      store.set(key, value);
      return value;
    },
  } as unknown as Cache & { store: Map<string, unknown> };
}

/** The real settings hub, with no repository behind it: OrgCache only subscribes to its changes. */
const settings = () => new OrganizationSettings(undefined as never);

describe('OrgCache', () => {
  const config = AppConfig.forTest();
  const now = Date.UTC(2026, 10, 26, 10, 0, 0);

  it('keys a read by organization, generation, time window and exact URL', async () => {
    const cache = new OrgCache(fakeCache(), config, settings());
    const key = await cache.keyFor('org-1', '/api/v1/invoices?limit=20', now);
    expect(key).toMatch(/^invoices:read:org-1:[0-9a-f-]{36}:\d+:\/api\/v1\/invoices\?limit=20$/);
    expect(await cache.keyFor('org-1', '/api/v1/invoices?limit=20', now)).toBe(key);
    expect(await cache.keyFor('org-1', '/api/v1/invoices?limit=21', now)).not.toBe(key);
    expect(await cache.keyFor('org-2', '/api/v1/invoices?limit=20', now)).not.toBe(key);
    expect(await cache.keyFor('org-1', '/api/v1/invoices?limit=20', now + READ_WINDOW_MS)).not.toBe(key);
  });

  it('a write orphans every key of its organization only', async () => {
    const cache = new OrgCache(fakeCache(), config, settings());
    const before = await cache.keyFor('org-1', '/x', now);
    const other = await cache.keyFor('org-2', '/x', now);
    await cache.invalidate('org-1');
    expect(await cache.keyFor('org-1', '/x', now)).not.toBe(before);
    expect(await cache.keyFor('org-2', '/x', now)).toBe(other);
  });

  it('never falls back to an old generation when the marker is evicted', async () => {
    const store = fakeCache();
    const cache = new OrgCache(store, config, settings());
    const before = await cache.keyFor('org-1', '/x', now);
    store.store.clear();
    expect(await cache.keyFor('org-1', '/x', now)).not.toBe(before);
  });

  it("a change of the organization's settings (its time zone decides overdue) orphans its keys too", async () => {
    const hub = settings();
    const cache = new OrgCache(fakeCache(), config, hub);
    const before = await cache.keyFor('org-1', '/x', now);
    const other = await cache.keyFor('org-2', '/x', now);
    await hub.changed('org-1');
    expect(await cache.keyFor('org-1', '/x', now)).not.toBe(before);
    expect(await cache.keyFor('org-2', '/x', now)).toBe(other);
  });
});
