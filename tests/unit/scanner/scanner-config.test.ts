import { describe, expect, it } from 'vitest';

import { classifyDevice, parseKeyboardScannerSpec } from '../../../src/main/scanner/scanner-config';
import { keyboardInfo, posScannerInfo } from './fake-hid';

describe('scanner configuration', () => {
  it('parses a keyboard scanner spec', () => {
    expect(parseKeyboardScannerSpec('0C2E:0b61:DE')).toEqual({
      vendorId: 0x0c2e,
      productId: 0x0b61,
      layout: 'de',
      aimPrefix: false,
    });
    expect(parseKeyboardScannerSpec('0c2e:0b61:us:aim').aimPrefix).toBe(true);
  });

  it('rejects a spec with an unknown layout', () => {
    expect(() => parseKeyboardScannerSpec('0c2e:0b61:xx')).toThrow(
      /Scanner "0c2e:0b61:xx" is not valid/,
    );
  });

  it('classifies devices by usage page', () => {
    const config = {
      keyboardScanners: [{ vendorId: 0x05e0, productId: 0x1200, layout: 'fr' as const }],
      posProfiles: [],
    };

    expect(classifyDevice(posScannerInfo('/dev/hidraw3'), config)).toEqual({
      mode: 'pos',
      read: true,
    });
    expect(classifyDevice(keyboardInfo('/dev/hidraw1', 0x046d, 0xc31c), config)).toEqual({
      mode: 'keyboard',
      read: false,
      reason: 'keyboard 046d:c31c is not configured as a scanner',
    });
    expect(classifyDevice(keyboardInfo('/dev/hidraw2', 0x05e0, 0x1200), config)).toEqual({
      mode: 'keyboard',
      read: true,
      layout: 'fr',
      aimPrefix: false,
    });
    expect(
      classifyDevice({ ...posScannerInfo('/dev/hidraw4'), usagePage: 0x0c, usage: 0x01 }, config),
    ).toEqual({ mode: 'other', read: false, reason: 'neither a keyboard nor a HID POS scanner' });
  });
});
