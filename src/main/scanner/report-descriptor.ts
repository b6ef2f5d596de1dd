import type { PosReportLayout } from './pos-report-layout';

/**
 * Reads a HID report descriptor far enough to find the fields of a HID POS scanned-data
 * input report: Byte Count (Generic Desktop 0x3B), Symbology Identifier 1 (0x8C:0xFB),
 * Decoded Data (0x8C:0xFE) and Decode Data Continued (0x8C:0xFF). Returns null when the
 * descriptor has no Decoded Data input field or describes it in a way we do not handle
 * (fields that do not start on a byte boundary).
 */
export function posLayoutFromDescriptor(descriptor: Uint8Array): PosReportLayout | null {
  const fields = inputFields(descriptor);
  const data = fields.find((field) => field.usage === usage(0x8c, 0xfe));

  if (data === undefined) {
    return null;
  }

  const sameReport = fields.filter((field) => field.reportId === data.reportId);
  const find = (target: number) => sameReport.find((field) => field.usage === target);
  const byteCount = find(usage(0x01, 0x3b));
  const symbology = find(usage(0x8c, 0xfb));
  const continued = find(usage(0x8c, 0xff));
  const prefix = data.reportId === null ? 0 : 1;

  if (byteCount === undefined || data.bitOffset % 8 !== 0 || byteCount.bitOffset % 8 !== 0) {
    return null;
  }

  const byteOf = (field: InputField) => prefix + Math.floor(field.bitOffset / 8);

  return {
    reportId: data.reportId,
    lengthOffset: byteOf(byteCount),
    symbologyOffset: symbology === undefined ? null : byteOf(symbology),
    dataOffset: byteOf(data),
    dataCapacity: data.count,
    continued:
      continued === undefined
        ? null
        : { offset: byteOf(continued), mask: 1 << (continued.bitOffset % 8) },
  };
}

interface InputField {
  reportId: number | null;
  /** Usage page in the high 16 bits, usage id in the low 16 bits. */
  usage: number;
  /** Offset of the field's first bit after the report ID byte. */
  bitOffset: number;
  count: number;
}

const ITEM_INPUT = 0x80;
const ITEM_USAGE_PAGE = 0x04;
const ITEM_REPORT_SIZE = 0x74;
const ITEM_REPORT_ID = 0x84;
const ITEM_REPORT_COUNT = 0x94;
const ITEM_PUSH = 0xa4;
const ITEM_POP = 0xb4;
const ITEM_USAGE = 0x08;
const ITEM_USAGE_MINIMUM = 0x18;
const ITEM_USAGE_MAXIMUM = 0x28;
const MAIN_ITEM_TYPES = new Set([0x80, 0x90, 0xa0, 0xb0, 0xc0]);
const LONG_ITEM = 0xfe;

interface GlobalState {
  usagePage: number;
  reportSize: number;
  reportCount: number;
  reportId: number | null;
}

/** Walks the short items of a descriptor and lists each input usage with its bit offset. */
function inputFields(descriptor: Uint8Array): InputField[] {
  const fields: InputField[] = [];
  const bitOffsets = new Map<number | null, number>();
  const stack: GlobalState[] = [];
  let global: GlobalState = { usagePage: 0, reportSize: 0, reportCount: 0, reportId: null };
  let usages: number[] = [];
  let usageMinimum: number | null = null;
  let index = 0;

  while (index < descriptor.length) {
    const prefix = descriptor[index] ?? 0;

    if (prefix === LONG_ITEM) {
      index += 3 + (descriptor[index + 1] ?? 0);
      continue;
    }

    const size = [0, 1, 2, 4][prefix & 0x03] ?? 0;
    const value = readUnsigned(descriptor, index + 1, size);
    const tag = prefix & 0xfc;
    index += 1 + size;

    if (tag === ITEM_USAGE_PAGE) {
      global.usagePage = value;
    } else if (tag === ITEM_REPORT_SIZE) {
      global.reportSize = value;
    } else if (tag === ITEM_REPORT_COUNT) {
      global.reportCount = value;
    } else if (tag === ITEM_REPORT_ID) {
      global.reportId = value;
    } else if (tag === ITEM_PUSH) {
      stack.push({ ...global });
    } else if (tag === ITEM_POP) {
      global = stack.pop() ?? global;
    } else if (tag === ITEM_USAGE) {
      usages.push(size === 4 ? value : usage(global.usagePage, value));
    } else if (tag === ITEM_USAGE_MINIMUM) {
      usageMinimum = value;
    } else if (tag === ITEM_USAGE_MAXIMUM && usageMinimum !== null) {
      for (let id = usageMinimum; id <= value; id += 1) {
        usages.push(usage(global.usagePage, id));
      }
    }

    if (MAIN_ITEM_TYPES.has(tag)) {
      if (tag === ITEM_INPUT) {
        const start = bitOffsets.get(global.reportId) ?? 0;
        fields.push(...fieldsOfInput(global, usages, start));
        bitOffsets.set(global.reportId, start + global.reportSize * global.reportCount);
      }

      usages = [];
      usageMinimum = null;
    }
  }

  return fields;
}

/**
 * Lists the fields of one Input item. It declares reportCount fields, each taking the next
 * usage, and the last usage repeats for the remaining fields. A buffered-bytes field such
 * as Decoded Data is one usage spread over reportCount bytes, which this lists once.
 */
function fieldsOfInput(global: GlobalState, usages: number[], start: number): InputField[] {
  if (usages.length === 1) {
    const only = usages[0] as number;

    return [
      { reportId: global.reportId, usage: only, bitOffset: start, count: global.reportCount },
    ];
  }

  return usages.slice(0, global.reportCount).map((fieldUsage, position) => ({
    reportId: global.reportId,
    usage: fieldUsage,
    bitOffset: start + position * global.reportSize,
    count: 1,
  }));
}

function usage(page: number, id: number): number {
  return page * 0x10000 + id;
}

function readUnsigned(bytes: Uint8Array, offset: number, size: number): number {
  let value = 0;

  for (let position = size - 1; position >= 0; position -= 1) {
    value = value * 256 + (bytes[offset + position] ?? 0);
  }

  return value;
}
