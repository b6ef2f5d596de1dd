/**
 * The packing service: owns the station's pack session and runs the shared packing rules
 * over the station store.
 *
 *   const packing = new PackingService({ store, sync, backend, identity, logger, onChange });
 *   await packing.scan(scan);            // a HID or wedge scan
 *   await packing.submitSerial('SN-1');  // the serial prompt's Save
 *   await packing.ship();                // label through the sync engine
 *
 * Contracts: one scan or intent at a time, in arrival order; every change is committed to
 * the store (units with their outbox events, audit entries, the session) before `onChange`
 * sees the new view; the sync engine is woken after each outbox write.
 */
export { PackingService } from './service';
export type { LabelFiles, PackingServiceOptions } from './service';
export type { PackingFeedbackCode, PackingServiceErrorCode } from './errors';
export type * from './ports';
