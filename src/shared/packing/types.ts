import type { AccountSettings, Order, PackedUnit } from '../domain';
import type { ErrorBody } from '../errors';
import type { ProductIndex } from '../barcode/classify';
import type { Gs1Message, Gs1ParseOptions } from '../gs1/types';
import type { ShippedSerial } from '../serial/uniqueness';

/** Error codes the packing state machine adds to those of the serial and GS1 rules. */
export type PackingErrorCode =
  | 'order_not_found'
  | 'order_not_packable'
  | 'order_claimed_elsewhere'
  | 'order_in_progress'
  | 'scan_order_first'
  | 'item_not_recognised'
  | 'item_not_in_order'
  | 'line_complete'
  | 'serial_prompt_open'
  | 'serial_is_product_barcode'
  | 'gs1_serial_missing'
  | 'gs1_wrong_product'
  | 'no_serial_prompt'
  | 'no_open_order'
  | 'unit_not_found'
  | 'serial_not_tracked'
  | 'reason_required'
  | 'order_incomplete';

/** The unit the serial prompt asks about. */
export interface SerialPrompt {
  lineId: string;
  sku: string;
  /** 1-based number of the unit on its line, e.g. 2 in "unit 2 of 3". */
  unitNumber: number;
  unitCount: number;
}

/**
 * A serial that was already shipped in another order, shown as a warning. Entering the same
 * serial again, or `confirm_serial`, packs it anyway.
 */
export interface PendingWarning {
  serial: string;
  shippedOrderNumber: string;
}

/** The station's pack session. It is persisted, so a restart resumes mid-order. */
export type PackingState =
  | { phase: 'idle' }
  | { phase: 'order_open'; orderNumber: string }
  | {
      phase: 'awaiting_serial';
      orderNumber: string;
      prompt: SerialPrompt;
      pendingWarning: PendingWarning | null;
    }
  | { phase: 'ready_to_ship'; orderNumber: string }
  | { phase: 'shipped'; orderNumber: string };

export type PackingInput =
  /**
   * A scan. `symbology` is the AIM identifier when the scanner layer split it off `text`.
   * `gs1` skips parsing when the caller already has the parsed element string.
   */
  | { type: 'scan'; text: string; symbology?: string | null; gs1?: Gs1Message }
  | { type: 'submit_serial'; serial: string }
  | { type: 'confirm_serial' }
  | { type: 'cancel_prompt' }
  | { type: 'remove_unit'; unitId: string; reason: string }
  | { type: 'replace_serial'; unitId: string; serial: string; reason: string }
  | { type: 'ship' }
  | { type: 'close_order' };

/** An action the packing service must take after a decision, in list order. */
export type PackingEffect =
  | { type: 'open_order'; orderNumber: string }
  | {
      type: 'pack_unit';
      orderNumber: string;
      lineId: string;
      sku: string;
      /** The normalised serial to store, or null for an item without serial tracking. */
      serial: string | null;
      /** The other order the serial was shipped in, when the packer packed it after a warning. */
      previouslyShippedIn: string | null;
    }
  | { type: 'remove_unit'; orderNumber: string; unitId: string; reason: string }
  | {
      type: 'replace_serial';
      orderNumber: string;
      unitId: string;
      serial: string;
      previousSerial: string | null;
      reason: string;
    }
  | { type: 'ship_order'; orderNumber: string }
  | { type: 'show_error'; error: ErrorBody }
  | { type: 'show_warning'; error: ErrorBody }
  | { type: 'play_sound'; sound: 'success' | 'error' };

export interface PackingDecision {
  state: PackingState;
  effects: PackingEffect[];
}

/**
 * The data a decision reads. Everything is passed in, so `decidePacking` stays pure: the
 * packing service supplies it from the station store, tests from literals.
 */
export interface PackingContext {
  stationId: string;
  settings: AccountSettings;
  products: ProductIndex;
  /** An order the station has cached, or undefined. */
  findOrder: (orderNumber: string) => Order | undefined;
  /** Units already packed in an order, in the order they were packed. */
  unitsFor: (orderNumber: string) => readonly PackedUnit[];
  /** Serials shipped before, for the cross-order check. May be empty when the policy is off. */
  shippedSerials: readonly ShippedSerial[];
  gs1Options?: Gs1ParseOptions;
}
