import { describe, expect, it } from 'vitest';

import { posProfiles } from '../../../src/main/scanner/pos-report-layout';
import { posLayoutFromDescriptor } from '../../../src/main/scanner/report-descriptor';

/** A HID POS scanner descriptor: report 2 with byte count, AIM, 56 data bytes, flags. */
const SCANNED_DATA_DESCRIPTOR = [
  [0x05, 0x8c], // Usage Page (Barcode Scanner)
  [0x09, 0x02], // Usage (Barcode Scanner)
  [0xa1, 0x01], // Collection (Application)
  [0x09, 0x12], // Usage (Scanned Data Report)
  [0xa1, 0x02], // Collection (Logical)
  [0x85, 0x02], // Report ID (2)
  [0x15, 0x00], // Logical Minimum (0)
  [0x26, 0xff, 0x00], // Logical Maximum (255)
  [0x75, 0x08], // Report Size (8)
  [0x95, 0x01], // Report Count (1)
  [0x05, 0x01], // Usage Page (Generic Desktop)
  [0x09, 0x3b], // Usage (Byte Count)
  [0x81, 0x02], // Input
  [0x95, 0x03], // Report Count (3)
  [0x05, 0x8c], // Usage Page (Barcode Scanner)
  [0x09, 0xfb, 0x09, 0xfc, 0x09, 0xfd], // Usages (Symbology Identifier 1–3)
  [0x81, 0x02], // Input
  [0x95, 0x38], // Report Count (56)
  [0x09, 0xfe], // Usage (Decoded Data)
  [0x82, 0x02, 0x01], // Input (Buffered Bytes)
  [0x06, 0x66, 0xff], // Usage Page (vendor)
  [0x95, 0x02], // Report Count (2)
  [0x09, 0x04, 0x09, 0x00], // Usages (vendor code ID, reserved)
  [0x81, 0x02], // Input
  [0x05, 0x8c], // Usage Page (Barcode Scanner)
  [0x25, 0x01], // Logical Maximum (1)
  [0x75, 0x01], // Report Size (1)
  [0x95, 0x08], // Report Count (8)
  [0x09, 0xff], // Usage (Decode Data Continued)
  [0x81, 0x02], // Input
  [0xc0], // End Collection
  [0xc0], // End Collection
].flat();

describe('report descriptor', () => {
  it('finds the standard scanned-data layout', () => {
    expect(posLayoutFromDescriptor(Uint8Array.from(SCANNED_DATA_DESCRIPTOR))).toEqual(
      posProfiles.standard,
    );
  });

  it('shifts offsets down without a report ID', () => {
    const withoutReportId = SCANNED_DATA_DESCRIPTOR.slice();
    const index = withoutReportId.findIndex(
      (byte, at) => byte === 0x85 && withoutReportId[at + 1] === 0x02,
    );
    withoutReportId.splice(index, 2);

    const layout = posLayoutFromDescriptor(Uint8Array.from(withoutReportId));

    expect(layout).toEqual({
      reportId: null,
      lengthOffset: 0,
      symbologyOffset: 1,
      dataOffset: 4,
      dataCapacity: 56,
      continued: { offset: 62, mask: 0x01 },
    });
  });

  it('returns null for a keyboard descriptor', () => {
    const keyboard = Uint8Array.from([
      0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, 0x15, 0x00, 0x25,
      0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0xc0,
    ]);

    expect(posLayoutFromDescriptor(keyboard)).toBeNull();
  });
});
