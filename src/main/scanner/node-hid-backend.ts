import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { basename } from 'node:path';

import HID from 'node-hid';

import type { HidBackend, HidConnection, HidDeviceInfo } from './hid-backend';

/**
 * Creates the HID backend over node-hid; this is the only module that loads node-hid. On Linux node-hid uses the hidraw driver, so a
 * device path is /dev/hidrawN and the report descriptor is readable from sysfs.
 */
export function createNodeHidBackend(): HidBackend {
  return {
    listDevices: async () => (await HID.devicesAsync()).flatMap(toDeviceInfo),
    open: async (path) => new HID.HID(path) as unknown as HidConnection,
    readReportDescriptor,
    explainOpenFailure,
  };
}

function toDeviceInfo(device: HID.Device): HidDeviceInfo[] {
  if (device.path === undefined) {
    return [];
  }

  return [
    {
      path: device.path,
      vendorId: device.vendorId,
      productId: device.productId,
      usagePage: device.usagePage ?? null,
      usage: device.usage ?? null,
      manufacturer: device.manufacturer ?? null,
      product: device.product ?? null,
      serialNumber: device.serialNumber ?? null,
      interfaceNumber: device.interface,
    },
  ];
}

async function readReportDescriptor(path: string): Promise<Uint8Array | null> {
  if (process.platform !== 'linux' || !path.startsWith('/dev/hidraw')) {
    return null;
  }

  try {
    const bytes = await readFile(`/sys/class/hidraw/${basename(path)}/device/report_descriptor`);

    return new Uint8Array(bytes);
  } catch {
    return null;
  }
}

async function explainOpenFailure(path: string): Promise<string | null> {
  if (process.platform !== 'linux') {
    return null;
  }

  try {
    await access(path, constants.R_OK | constants.W_OK);
  } catch {
    return `no read/write permission on ${path}; install the udev rule from resources/linux and replug the scanner`;
  }

  return null;
}
