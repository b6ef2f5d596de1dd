/**
 * Byte offsets of the fields of a HID POS scanned-data report, as node-hid delivers it.
 * Byte 0 is the report ID when the device numbers its reports, so every offset is one more
 * than in WebHID's view of the same report.
 */
export interface PosReportLayout {
  /** Report ID of the scanned-data report, or null when the device sends no report ID. */
  reportId: number | null;
  /** Byte holding the count of decoded-data bytes in this report. */
  lengthOffset: number;
  /** First of the three AIM symbology identifier bytes, or null when the layout has none. */
  symbologyOffset: number | null;
  dataOffset: number;
  /** Decoded-data bytes one report can hold. */
  dataCapacity: number;
  /** Byte and bit mask of the "decode data continued" flag, or null when the layout has none. */
  continued: { offset: number; mask: number } | null;
}

export const posProfileIds = ['standard', 'newland-fm430'] as const;
export type PosProfileId = (typeof posProfileIds)[number];

/**
 * Report layouts for devices whose report descriptor cannot be read.
 *
 * - standard: the HID POS scanned-data report as Honeywell scanners send it: report ID 2,
 *   byte count, AIM identifier, 56 data bytes, two vendor bytes, then a flags byte whose
 *   bit 0 is "decode data continued". Some other vendors put one extra byte before the AIM
 *   identifier, and the decoder finds it there too.
 * - newland-fm430: byte count at 1 and data from 2, with no AIM identifier.
 *   NOTE: taken from a published driver table, not tested against a device.
 */
export const posProfiles: Record<PosProfileId, PosReportLayout> = {
  standard: {
    reportId: 0x02,
    lengthOffset: 1,
    symbologyOffset: 2,
    dataOffset: 5,
    dataCapacity: 56,
    continued: { offset: 63, mask: 0x01 },
  },
  'newland-fm430': {
    reportId: null,
    lengthOffset: 1,
    symbologyOffset: null,
    dataOffset: 2,
    dataCapacity: 60,
    continued: null,
  },
};

/** Picks a profile by USB vendor id; the standard layout unless a vendor is known to differ. */
export function profileForVendor(_vendorId: number): PosProfileId {
  // NOTE: no vendor id is mapped to newland-fm430 yet because its ids were not confirmed;
  // choose that profile explicitly in the scanner configuration.
  return 'standard';
}
