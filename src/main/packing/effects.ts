import type { Feedback } from '../../shared/ipc/channels/pack';
import type { PackingDecision, PackingEffect } from '../../shared/packing';
import type { StationStore, StoredUnit } from '../store';
import type { ShipOutcome } from './ports';

/** What applying a decision's effects wrote to the station store. */
export interface AppliedEffects {
  opened: string | null;
  packed: StoredUnit[];
  removed: StoredUnit[];
  replaced: { unit: StoredUnit; previousSerial: string | null }[];
  /** True when anything above happened. */
  changed: boolean;
  outboxWrites: number;
}

/**
 * Writes the store effects of a decision. Call it inside a store transaction, so the
 * units, their outbox events, the audit entries and the session commit together. Showing,
 * sounds and `ship_order` are the caller's.
 */
export function applyEffects(
  store: StationStore,
  effects: readonly PackingEffect[],
  identity: { stationId: string; packer: string },
): AppliedEffects {
  const applied: AppliedEffects = {
    opened: null,
    packed: [],
    removed: [],
    replaced: [],
    changed: false,
    outboxWrites: 0,
  };

  for (const effect of effects) {
    switch (effect.type) {
      case 'open_order': {
        const order = store.orders.get(effect.orderNumber);
        if (order !== null && order.claimedBy !== identity.stationId) {
          store.orders.claim({ orderNumber: effect.orderNumber, stationId: identity.stationId });
          applied.outboxWrites += 1;
        }
        applied.opened = effect.orderNumber;
        applied.changed = true;
        break;
      }
      case 'pack_unit': {
        const { unit } = store.units.pack({
          orderNumber: effect.orderNumber,
          lineId: effect.lineId,
          sku: effect.sku,
          serial: effect.serial,
          packer: identity.packer,
          stationId: identity.stationId,
        });
        if (effect.previouslyShippedIn !== null) {
          store.audit.record({
            actor: identity.packer,
            action: 'serial.previously_shipped_accepted',
            subject: unit.unitId,
            details: {
              orderNumber: effect.orderNumber,
              sku: effect.sku,
              serial: effect.serial,
              shippedOrderNumber: effect.previouslyShippedIn,
            },
          });
        }
        applied.packed.push(unit);
        applied.outboxWrites += 1;
        applied.changed = true;
        break;
      }
      case 'remove_unit': {
        const { unit } = store.units.remove({
          unitId: effect.unitId,
          reason: effect.reason,
          packer: identity.packer,
        });
        applied.removed.push(unit);
        applied.outboxWrites += 1;
        applied.changed = true;
        break;
      }
      case 'replace_serial': {
        const { unit } = store.units.replaceSerial({
          unitId: effect.unitId,
          serial: effect.serial,
          reason: effect.reason,
          packer: identity.packer,
        });
        applied.replaced.push({ unit, previousSerial: effect.previousSerial });
        applied.outboxWrites += 1;
        applied.changed = true;
        break;
      }
      case 'ship_order':
      case 'show_error':
      case 'show_warning':
      case 'play_sound':
        break;
      default:
        return unknownEffect(effect);
    }
  }

  return applied;
}

/** The success message for what a decision wrote. */
export function describeSuccess(
  store: StationStore,
  decision: PackingDecision,
  applied: AppliedEffects,
): Omit<Feedback, 'sequence'> {
  const readyToShip = decision.state.phase === 'ready_to_ship';
  const shipHint = readyToShip ? ' Every line is packed: ship the order.' : '';
  const success = (message: string): Omit<Feedback, 'sequence'> => ({
    kind: 'success',
    code: null,
    message,
    sound: 'success',
  });

  const unit = applied.packed.at(-1);
  if (unit !== undefined) {
    const name = store.catalog.get(unit.sku)?.name ?? unit.sku;
    const order = store.orders.get(unit.orderNumber);
    const quantity = order?.lines.find((line) => line.lineId === unit.lineId)?.quantity ?? 1;
    const packed = store.units.forOrder(unit.orderNumber).filter((u) => u.lineId === unit.lineId);
    const serial = unit.serial === null ? '' : `, serial "${unit.serial}"`;
    return success(`Packed ${name}, unit ${packed.length} of ${quantity}${serial}.${shipHint}`);
  }

  const removed = applied.removed.at(-1);
  if (removed !== undefined) {
    const serial = removed.serial === null ? '' : ` with serial "${removed.serial}"`;
    return {
      kind: 'info',
      code: 'unit_removed',
      message: `Removed ${removed.sku}${serial} from order ${removed.orderNumber}. The reason is kept in the audit log.`,
      sound: 'none',
    };
  }

  const replaced = applied.replaced.at(-1);
  if (replaced !== undefined) {
    const before = replaced.previousSerial ?? '';
    return success(
      `Serial of ${replaced.unit.sku} changed from "${before}" to "${replaced.unit.serial ?? ''}". The reason is kept in the audit log.${shipHint}`,
    );
  }

  const orderNumber = applied.opened ?? '';
  const lines = store.orders.get(orderNumber)?.lines.length ?? 0;
  return success(
    readyToShip
      ? `Order ${orderNumber} is open and already fully packed: ship it.`
      : `Order ${orderNumber} is open: ${lines} line${lines === 1 ? '' : 's'} to pack.`,
  );
}

export function shipOutcomeFeedback(
  orderNumber: string,
  outcome: ShipOutcome,
): Omit<Feedback, 'sequence'> {
  switch (outcome.status) {
    case 'shipped':
      return {
        kind: 'success',
        code: 'label_created',
        message: `Order ${orderNumber} shipped. Tracking number ${outcome.shipment.trackingNumber}.`,
        sound: 'success',
      };
    case 'label_pending':
      return {
        kind: 'warning',
        code: 'label_pending',
        message: `Order ${orderNumber} is packed; its label is pending (${outcome.reason}). The station creates it by itself once the server is reachable, so you can scan the next order.`,
        sound: 'warning',
      };
    default:
      return unknownEffect(outcome);
  }
}

function unknownEffect(value: never): never {
  throw new Error(`Unhandled packing effect: ${JSON.stringify(value)}`);
}
