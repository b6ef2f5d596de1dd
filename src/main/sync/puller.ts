import type { Order } from '../../shared/domain';
import type { PullResponse } from '../../shared/sync/protocol';
import type { BackendClient } from '../backend';
import type { Logger } from '../logger';
import type { StationStore } from '../store';

/** Most pages one pull takes before yielding; the next periodic pull goes on from there. */
const maxPagesPerPull = 1_000;

/**
 * Pulls products, orders and settings changed since the stored cursor, page by page,
 * until the server reports no more changes. Each page and its cursor are stored in one
 * transaction, so an interrupted pull goes on from the last stored page. Returns how many
 * products and orders arrived.
 */
export async function pullChanges(deps: {
  store: StationStore;
  client: BackendClient;
  logger: Logger;
  signal?: AbortSignal;
}): Promise<{ products: number; orders: number; pages: number }> {
  const { store, client, logger } = deps;
  const totals = { products: 0, orders: 0, pages: 0 };

  for (let page = 0; page < maxPagesPerPull; page += 1) {
    const cursor = store.syncState.cursor('orders');
    const answer = await client.pull(cursor, { signal: deps.signal });
    storePage(store, answer);

    totals.products += answer.products.length;
    totals.orders += answer.orders.length;
    totals.pages += 1;
    if (!answer.hasMore) {
      break;
    }
  }

  logger.debug(totals, 'pulled changes');
  return totals;
}

/** Stores an order fetched on demand, keeping a claim this station has not uploaded yet. */
export function storeOrders(store: StationStore, orders: readonly Order[]): void {
  store.orders.upsert(orders.map((order) => keepLocalClaim(store, order)));
}

function storePage(store: StationStore, answer: PullResponse): void {
  store.transaction(() => {
    if (answer.products.length > 0) {
      store.catalog.upsert(answer.products);
    }

    if (answer.orders.length > 0) {
      storeOrders(store, answer.orders);
    }

    store.settings.putAccount(answer.settings);

    // The server issues one cursor for all three streams; each stream's row gets it.
    store.syncState.setCursor('catalog', answer.cursor);
    store.syncState.setCursor('orders', answer.cursor);
    store.syncState.setCursor('settings', answer.cursor);
  });
}

/**
 * An order claimed on this station while offline still reads `open` on the server until
 * the claim event arrives there. A pulled copy must not undo the local claim meanwhile.
 */
function keepLocalClaim(store: StationStore, pulled: Order): Order {
  if (pulled.claimedBy !== null || pulled.status !== 'open') {
    return pulled;
  }

  const local = store.orders.get(pulled.orderNumber);
  if (local === null || local.claimedBy === null || local.status !== 'claimed') {
    return pulled;
  }

  return { ...pulled, status: local.status, claimedBy: local.claimedBy };
}
