import { indexProducts } from '../../../src/shared/barcode';
import {
  defaultAccountSettings,
  type AccountSettings,
  type Order,
  type PackedUnit,
  type Product,
} from '../../../src/shared/domain';
import {
  decidePacking,
  type PackingContext,
  type PackingDecision,
  type PackingInput,
  type PackingState,
} from '../../../src/shared/packing';
import type { ShippedSerial } from '../../../src/shared/serial';

export const GTIN_WIDGET = '09506000134352';

function product(sku: string, overrides: Partial<Product>): Product {
  return {
    sku,
    name: `Product ${sku}`,
    kind: 'standard',
    needsSerialNumber: false,
    barcodes: [],
    serialFormat: null,
    version: 1,
    ...overrides,
  };
}

export const catalog: Product[] = [
  product('WIDGET-01', { needsSerialNumber: true, barcodes: [GTIN_WIDGET] }),
  product('MUG', { barcodes: ['4006381333931'] }),
  product('BUNDLE-1', { kind: 'kit', barcodes: ['BUNDLE-1-BC'] }),
  // A kit whose flag is on through bad data must still never prompt.
  product('BUILT-1', { kind: 'built_kit', needsSerialNumber: true, barcodes: ['BUILT-1-BC'] }),
  product('FORMATTED', {
    needsSerialNumber: true,
    barcodes: ['FORMATTED-BC'],
    serialFormat: { prefix: 'FX', minLength: 5 },
  }),
  product('STRAY', { needsSerialNumber: true, barcodes: ['96385074'] }),
];

export function order(orderNumber: string, lines: Order['lines'], overrides: Partial<Order> = {}) {
  return {
    orderNumber,
    status: 'open',
    claimedBy: null,
    lines,
    version: 1,
    ...overrides,
  } satisfies Order;
}

/**
 * Applies decisions the way the packing service does, to an in-memory list of units, so a
 * test can run a whole flow. It plays the part of the station store only.
 */
export class PackingBench {
  state: PackingState = { phase: 'idle' };
  units: PackedUnit[] = [];
  shippedOrders: string[] = [];
  last: PackingDecision = { state: this.state, effects: [] };
  private nextUnit = 1;

  constructor(
    readonly orders: Order[],
    readonly settings: AccountSettings = defaultAccountSettings,
    readonly shippedSerials: ShippedSerial[] = [],
  ) {}

  context(): PackingContext {
    return {
      stationId: 'station-1',
      settings: this.settings,
      products: indexProducts(catalog),
      findOrder: (orderNumber) => this.orders.find((each) => each.orderNumber === orderNumber),
      unitsFor: (orderNumber) => this.units.filter((unit) => unit.orderNumber === orderNumber),
      shippedSerials: this.shippedSerials,
    };
  }

  send(input: PackingInput): PackingDecision {
    const decision = decidePacking(this.state, input, this.context());
    for (const effect of decision.effects) {
      this.apply(effect);
    }
    this.state = decision.state;
    this.last = decision;
    return decision;
  }

  scan(text: string): PackingDecision {
    return this.send({ type: 'scan', text });
  }

  errorCode(): string | undefined {
    const shown = this.last.effects.find(
      (effect) => effect.type === 'show_error' || effect.type === 'show_warning',
    );
    return shown !== undefined && 'error' in shown ? shown.error.code : undefined;
  }

  sound(): string | undefined {
    const played = this.last.effects.find((effect) => effect.type === 'play_sound');
    return played?.type === 'play_sound' ? played.sound : undefined;
  }

  private apply(effect: PackingDecision['effects'][number]): void {
    switch (effect.type) {
      case 'pack_unit':
        this.units.push({
          unitId: `00000000-0000-4000-8000-${String(this.nextUnit++).padStart(12, '0')}`,
          orderNumber: effect.orderNumber,
          lineId: effect.lineId,
          sku: effect.sku,
          serial: effect.serial,
          packer: 'packer-1',
          stationId: 'station-1',
          packedAt: '2026-12-04T10:00:00Z',
        });
        break;
      case 'remove_unit':
        this.units = this.units.filter((unit) => unit.unitId !== effect.unitId);
        break;
      case 'replace_serial':
        this.units = this.units.map((unit) =>
          unit.unitId === effect.unitId ? { ...unit, serial: effect.serial } : unit,
        );
        break;
      case 'ship_order':
        this.shippedOrders.push(effect.orderNumber);
        break;
      default:
        break;
    }
  }
}
