import { indexProducts } from '../../shared/barcode';
import type { Product } from '../../shared/domain';
import { AppError, isAppError } from '../../shared/errors';
import type { ErrorBody } from '../../shared/errors';
import { parseGs1, splitAimPrefix } from '../../shared/gs1';
import type { PackView } from '../../shared/ipc/channels/pack';
import { decidePacking } from '../../shared/packing';
import type {
  PackingContext,
  PackingDecision,
  PackingInput,
  PackingState,
} from '../../shared/packing';
import type { Scan } from '../../shared/scanner/scan';
import type { ShippedSerial } from '../../shared/serial';
import { parsePlainText } from '../../shared/text/plain-text';
import type { Logger } from '../logger';
import type { StationStore, StoredUnit } from '../store';
import { catalogProductsForScan } from './catalog-lookup';
import { applyEffects, describeSuccess, shipOutcomeFeedback } from './effects';
import { packingError } from './errors';
import type { BackendPort, ShipOutcome, SyncPort } from './ports';
import { loadSession, orderNumberOf, saveSession, withFeedback } from './session';
import type { SessionData } from './session';
import { findShippedSerials } from './shipped-serials';
import { buildView } from './view';

export interface PackingServiceOptions {
  store: StationStore;
  sync: SyncPort;
  /** The backend, for the cross-order serial lookup; null when there is none. */
  backend: BackendPort | null;
  /** Read on every action, so a renamed station or packer applies to the next unit. */
  identity: () => { stationName: string; packerName: string };
  logger: Logger;
  /** Receives the new view after every change of the session or its order. */
  onChange: (view: PackView) => void;
}

export interface LabelFiles {
  trackingNumber: string;
  pdfBase64: string;
  zpl: string;
}

/**
 * Maximum wait for an uncached order, in milliseconds. Scans queue behind the fetch, so a
 * network that drops packets must not hold the scanner for the client's full timeout. A
 * fetch that completes later still caches the order, and the next scan of it opens it.
 */
const fetchOrderTimeoutMs = 5_000;

/** Rejections of a scan after which an uncached order is fetched from the server. */
const fetchOrderOn = new Set(['scan_order_first', 'item_not_recognised', 'order_not_found']);

/**
 * The station's pack session. The shared packing rules (`decidePacking`) decide what a scan
 * or intent does. This service feeds them from the station store, applies their effects and
 * pushes the new view. Scans and intents run one at a time in arrival order, whether they
 * come from a HID scanner in main or from the page.
 *
 * Every change is written in one store transaction: a packed unit with its outbox event,
 * an audit entry where one is due, and the session itself, so a restart resumes mid-order.
 * The sync engine is woken after the commit.
 *
 * A rejected scan or serial comes back as feedback in the view. A rejected intent that
 * the screen should not have sent (remove a unit of another order, ship an incomplete
 * order) throws an AppError, and so does a storage failure.
 */
export class PackingService {
  private session: SessionData;
  private queue: Promise<unknown> = Promise.resolve();
  private lastPushedState: PackView['state'] | null = null;
  /** Orders whose label request is in flight; their outcome brings its own feedback. */
  private readonly shipping = new Set<string>();
  private readonly log: Logger;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: PackingServiceOptions) {
    this.log = options.logger.child({ component: 'packing' });
    this.session = loadSession(options.store, this.stationId());
    this.lastPushedState = this.view().state;
    this.log.info(
      { orderNumber: orderNumberOf(this.session), phase: this.session.machine.phase },
      'pack session loaded',
    );
    this.unsubscribe = options.sync.onStatus(() => {
      this.refresh().catch((error: unknown) => {
        this.log.error({ err: error }, 'refreshing the pack session after a sync change failed');
      });
    });
  }

  /** Stops following the sync engine and waits for the queued work. */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.settled();
  }

  view(): PackView {
    const identity = this.options.identity();
    return buildView(
      { store: this.options.store, stationName: identity.stationName, packer: identity.packerName },
      this.session,
    );
  }

  scan(scan: Scan): Promise<PackView> {
    const text = scanText(scan);
    return this.run(() => this.decideAndApply({ type: 'scan', text }, { fetchMissingOrder: true }));
  }

  submitSerial(serial: string): Promise<PackView> {
    return this.run(() => this.decideAndApply({ type: 'submit_serial', serial }));
  }

  cancelPrompt(): Promise<PackView> {
    return this.run(() => this.decideAndApply({ type: 'cancel_prompt' }));
  }

  /**
   * Removes a packed unit. The reason is trimmed; an empty one is rejected with
   * `reason_required` and one with a control or invisible character with `invalid_reason`.
   */
  removeUnit(unitId: string, reason: string): Promise<PackView> {
    return this.run(() =>
      this.decideAndApply(
        { type: 'remove_unit', unitId, reason: parseReason(reason) },
        { throwOnReject: true },
      ),
    );
  }

  /** Replaces a packed unit's serial; the reason is checked as in `removeUnit`. */
  replaceSerial(unitId: string, serial: string, reason: string): Promise<PackView> {
    return this.run(() =>
      this.decideAndApply(
        { type: 'replace_serial', unitId, serial, reason: parseReason(reason) },
        { throwOnReject: true },
      ),
    );
  }

  closeOrder(): Promise<PackView> {
    return this.run(() => this.decideAndApply({ type: 'close_order' }));
  }

  /**
   * Ships the open order: the rules move it to shipped, which shows as `label_pending`
   * until the sync engine has the label. Scans go on being handled while the engine works;
   * the returned view is the one after the engine replied.
   */
  async ship(): Promise<PackView> {
    let orderNumber: string | null = null;
    await this.run(async () => {
      const next = await this.decideAndApply({ type: 'ship' }, { throwOnReject: true });
      orderNumber = orderNumberOf(next);
      return next;
    });
    if (orderNumber === null) return this.view();

    const shipping: string = orderNumber;
    this.log.info({ orderNumber: shipping }, 'asking for a label');
    this.shipping.add(shipping);
    try {
      const outcome = await this.options.sync.shipOrder(shipping).then(
        (value): ShipOutcome | { status: 'failed'; error: AppError } => value,
        (error: unknown) => {
          if (!isAppError(error)) throw error;
          return { status: 'failed' as const, error };
        },
      );

      return await this.run(async () => this.applyShipOutcome(shipping, outcome));
    } finally {
      this.shipping.delete(shipping);
    }
  }

  async label(orderNumber: string): Promise<LabelFiles> {
    const shipment = this.options.store.shipments.forOrder(orderNumber).at(-1);
    if (shipment === undefined) {
      throw packingError(
        'not_shipped',
        `Order ${orderNumber} has no label yet. Ship it first; a pending label appears once the server is reachable.`,
        { orderNumber },
      );
    }

    const files = await this.options.sync.label(shipment.trackingNumber);
    return {
      trackingNumber: shipment.trackingNumber,
      pdfBase64: Buffer.from(files.pdf).toString('base64'),
      zpl: files.zpl,
    };
  }

  /**
   * Re-reads the open order after the sync engine changed something, so a pending label
   * that the engine created meanwhile shows as shipped. Pushes a view only on a change.
   */
  refresh(): Promise<PackView> {
    return this.run(async () => {
      const orderNumber = orderNumberOf(this.session);
      if (this.session.machine.phase !== 'shipped' || orderNumber === null) return this.session;

      const shipment = this.options.store.shipments.forOrder(orderNumber).at(-1);
      if (shipment === undefined || this.lastPushedState !== 'label_pending') return this.session;
      if (this.shipping.has(orderNumber)) return this.session;

      this.log.info(
        { orderNumber, trackingNumber: shipment.trackingNumber },
        'pending label created',
      );
      return withFeedback(this.session, {
        kind: 'success',
        code: 'label_created',
        message: `Order ${orderNumber} shipped: its pending label was created. Tracking number ${shipment.trackingNumber}.`,
        sound: 'success',
      });
    });
  }

  /** Waits until every scan and intent queued so far has finished. */
  async settled(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private run(work: () => Promise<SessionData>): Promise<PackView> {
    const result = this.queue.then(async () => {
      const previous = this.session;
      this.session = await work();

      const view = this.view();
      if (this.session !== previous || view.state !== this.lastPushedState) this.push(view);
      return view;
    });

    this.queue = result.catch(() => undefined);
    return result;
  }

  private push(view: PackView): void {
    this.lastPushedState = view.state;
    this.options.onChange(view);
  }

  private async decideAndApply(
    input: PackingInput,
    options: { fetchMissingOrder?: boolean; throwOnReject?: boolean } = {},
  ): Promise<SessionData> {
    let decision = decidePacking(this.session.machine, input, await this.contextFor(input));

    const rejection = rejectionOf(decision);
    if (options.fetchMissingOrder === true && input.type === 'scan' && rejection !== null) {
      if (fetchOrderOn.has(rejection.code)) {
        const fetched = await this.fetchOrder(input.text);
        if (fetched !== null && 'error' in fetched) return this.failed(fetched.error);
        if (fetched !== null) {
          decision = decidePacking(this.session.machine, input, await this.contextFor(input));
        }
      }
    }

    const finalRejection = rejectionOf(decision);
    if (options.throwOnReject === true && finalRejection !== null) {
      throw new AppError(finalRejection.code, finalRejection.message, finalRejection.details);
    }

    return this.commit(decision, input);
  }

  /** Applies a decision's effects and stores the next session, in one transaction. */
  private commit(decision: PackingDecision, input: PackingInput): SessionData {
    const { store } = this.options;
    const identity = { stationId: this.stationId(), packer: this.packer() };
    const before = this.session;
    let next = nextSession(before, decision, input);

    const written = store.transaction(() => {
      const result = applyEffects(store, decision.effects, identity);
      const warned = decision.effects.some((effect) => effect.type === 'show_warning');
      if (!warned && result.changed) {
        next = withFeedback(next, describeSuccess(store, decision, result));
      }

      saveSession(store, identity.stationId, next);
      return result;
    });

    if (written.outboxWrites > 0) this.options.sync.wake();
    return next;
  }

  private applyShipOutcome(
    orderNumber: string,
    outcome: ShipOutcome | { status: 'failed'; error: AppError },
  ): SessionData {
    const current = this.session.machine;
    if (current.phase !== 'shipped' || current.orderNumber !== orderNumber) {
      this.log.info(
        { orderNumber, status: outcome.status },
        'label answer after the order was left',
      );
      return this.session;
    }

    if (outcome.status === 'failed') {
      this.log.warn({ orderNumber, code: outcome.error.code }, 'shipping failed');
      const back: PackingState = { phase: 'ready_to_ship', orderNumber };
      const next = withFeedback(
        { ...this.session, machine: back },
        { kind: 'error', code: outcome.error.code, message: outcome.error.message, sound: 'error' },
      );
      saveSession(this.options.store, this.stationId(), next);
      return next;
    }

    const next = withFeedback(this.session, shipOutcomeFeedback(orderNumber, outcome));
    saveSession(this.options.store, this.stationId(), next);
    return next;
  }

  private failed(error: ErrorBody): SessionData {
    const next = withFeedback(this.session, {
      kind: 'error',
      code: error.code,
      message: error.message,
      sound: 'error',
    });
    saveSession(this.options.store, this.stationId(), next);
    return next;
  }

  /**
   * Fetches an order that is not cached. Returns null when the server does not know it (so
   * the original rejection is kept) and an error when the server could not be asked.
   */
  private async fetchOrder(
    text: string,
  ): Promise<{ orderNumber: string } | { error: ErrorBody } | null> {
    const { data } = splitAimPrefix(text);
    if (data.length === 0 || data.length > 64 || /\p{Cc}/u.test(data)) return null;

    try {
      const order = await withTimeout(this.options.sync.fetchOrder(data), fetchOrderTimeoutMs, () =>
        packingError(
          'order_unreachable',
          `the server did not answer within ${fetchOrderTimeoutMs / 1000} seconds; scan the order again in a moment`,
          { orderNumber: data },
        ),
      );
      if (order !== null) {
        this.log.info({ orderNumber: order.orderNumber }, 'fetched order on demand');
      }
      return order;
    } catch (error) {
      if (!isAppError(error)) throw error;

      this.log.info({ orderNumber: data, code: error.code }, 'order fetch failed');
      return {
        error: {
          code: 'order_unreachable',
          message: `"${data}" is not an order or item on this station, and the server could not be asked: ${error.message}`,
        },
      };
    }
  }

  private async contextFor(input: PackingInput): Promise<PackingContext> {
    const { store, backend } = this.options;
    const settings = store.settings.account();
    const orderNumber = orderNumberOf(this.session);
    const order = orderNumber === null ? null : store.orders.get(orderNumber);

    const products = new Map<string, Product>();
    for (const line of order?.lines ?? []) {
      const product = store.catalog.get(line.sku);
      if (product !== null) products.set(product.sku, product);
    }
    if (input.type === 'scan') {
      for (const product of catalogProductsForScan(store, input.text)) {
        if (!products.has(product.sku)) products.set(product.sku, product);
      }
    }
    if (input.type === 'replace_serial') {
      const unit = store.units.get(input.unitId);
      const product = unit === null ? null : store.catalog.get(unit.sku);
      if (product !== null) products.set(product.sku, product);
    }

    const shippedSerials: ShippedSerial[] = [];
    if (settings.crossOrderSerialPolicy !== 'off') {
      for (const candidate of this.serialCandidates(input)) {
        shippedSerials.push(...(await findShippedSerials(store, backend, candidate, this.log)));
      }
    }

    // The rules read an order's units several times per decision; one read serves them all.
    const unitsByOrder = new Map<string, StoredUnit[]>();
    return {
      stationId: this.stationId(),
      settings,
      products: indexProducts([...products.values()]),
      findOrder: (number) => store.orders.get(number) ?? undefined,
      unitsFor: (number) => {
        const cached = unitsByOrder.get(number) ?? store.units.forOrder(number);
        unitsByOrder.set(number, cached);
        return cached;
      },
      shippedSerials,
    };
  }

  /** Lists the serials an input may store, so the cross-order lookup runs before the decision. */
  private serialCandidates(input: PackingInput): string[] {
    switch (input.type) {
      case 'submit_serial':
      case 'replace_serial':
        return [input.serial];
      case 'confirm_serial':
        return this.session.machine.phase === 'awaiting_serial' &&
          this.session.machine.pendingWarning !== null
          ? [this.session.machine.pendingWarning.serial]
          : [];
      case 'scan': {
        const gs1 = parseGs1(input.text);
        const fromGs1 = gs1.ok && gs1.value.serial !== undefined ? [gs1.value.serial] : [];
        const atPrompt = this.session.machine.phase === 'awaiting_serial';
        return atPrompt ? [splitAimPrefix(input.text).data, ...fromGs1] : fromGs1;
      }
      case 'cancel_prompt':
      case 'remove_unit':
      case 'ship':
      case 'close_order':
        return [];
      default:
        return unknownInput(input);
    }
  }

  private stationId(): string {
    return this.options.identity().stationName;
  }

  private packer(): string {
    return this.options.identity().packerName;
  }
}

/**
 * Computes the session after a decision, before its effects are applied: the machine's new state,
 * the notices under the serial prompt and the feedback of a rejection or warning.
 */
function nextSession(
  before: SessionData,
  decision: PackingDecision,
  input: PackingInput,
): SessionData {
  const machine = decision.state;
  const atPrompt = machine.phase === 'awaiting_serial';
  const error = decision.effects.find((effect) => effect.type === 'show_error');
  const warning = decision.effects.find((effect) => effect.type === 'show_warning');
  const pendingSerial = atPrompt ? (machine.pendingWarning?.serial ?? null) : null;

  let next: SessionData = {
    ...before,
    machine,
    promptError: atPrompt && error !== undefined ? notice(error.error) : null,
    promptWarning:
      pendingSerial === null
        ? null
        : warning !== undefined
          ? { ...notice(warning.error), serial: pendingSerial }
          : before.promptWarning,
  };

  if (error !== undefined) {
    return withFeedback(next, { kind: 'error', ...notice(error.error), sound: 'error' });
  }

  if (warning !== undefined) {
    next = withFeedback(next, { kind: 'warning', ...notice(warning.error), sound: 'warning' });
  }

  if (atPrompt && before.machine.phase !== 'awaiting_serial') {
    const { prompt } = machine;
    return withFeedback(next, {
      kind: 'info',
      code: 'serial_needed',
      message: `Scan the serial of ${prompt.sku}, unit ${prompt.unitNumber} of ${prompt.unitCount}.`,
      sound: 'none',
    });
  }

  if (input.type === 'cancel_prompt' && before.machine.phase === 'awaiting_serial') {
    return withFeedback(next, {
      kind: 'info',
      code: 'serial_prompt_cancelled',
      message: 'Serial entry cancelled. The unit was not packed; scan the item again to pack it.',
      sound: 'none',
    });
  }

  if (input.type === 'close_order') return { ...next, feedback: null };
  return next;
}

function rejectionOf(decision: PackingDecision): ErrorBody | null {
  const shown = decision.effects.find((effect) => effect.type === 'show_error');
  return shown?.type === 'show_error' ? shown.error : null;
}

function notice(error: ErrorBody): { code: string; message: string } {
  return { code: error.code, message: error.message };
}

/** Returns the scan text as the shared rules read it, with its AIM symbology identifier in front. */
function scanText(scan: Scan): string {
  if (scan.symbology === null || scan.text.startsWith(scan.symbology)) return scan.text;

  return scan.symbology + scan.text;
}

function unknownInput(input: never): never {
  throw new Error(`Unhandled packing input: ${JSON.stringify(input)}`);
}

/** Resolves like `work`, or rejects with `timeoutError()` once `ms` milliseconds have passed. */
async function withTimeout<T>(work: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });

  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A removal or replacement reason goes to the audit log and into the outbox event. */
function parseReason(reason: string): string {
  return parsePlainText(reason, {
    field: 'reason',
    code: 'invalid_reason',
    emptyCode: 'reason_required',
    maxLength: 500,
  });
}
