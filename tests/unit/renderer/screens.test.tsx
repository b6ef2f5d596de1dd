import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import type { Product } from '../../../src/shared/domain';
import type { SerialPrompt as Prompt } from '../../../src/shared/ipc/channels/pack';
import { SerialFlagSwitch } from '../../../src/renderer/src/admin/SerialFlagSwitch';
import { LinesTable } from '../../../src/renderer/src/pack/LinesTable';
import { SerialPrompt } from '../../../src/renderer/src/pack/SerialPrompt';

const prompt: Prompt = {
  lineId: 'L1',
  sku: 'CAM-100',
  name: 'Action camera',
  unitNumber: 2,
  unitCount: 3,
  error: null,
  warning: null,
};

function renderPrompt(overrides: Partial<Prompt>): string {
  return renderToStaticMarkup(
    <SerialPrompt
      prompt={{ ...prompt, ...overrides }}
      inputRef={{ current: null }}
      busy={false}
      onSave={() => {}}
      onCancel={() => {}}
    />,
  );
}

const product: Product = {
  sku: 'CAM-100',
  name: 'Action camera',
  kind: 'standard',
  needsSerialNumber: false,
  barcodes: [],
  serialFormat: null,
  version: 1,
};

describe('serial prompt', () => {
  it('says which unit of the line it asks for', () => {
    expect(renderPrompt({})).toContain('unit 2 of 3');
  });

  it('leaves the unit count out for a single unit', () => {
    expect(renderPrompt({ unitNumber: 1, unitCount: 1 })).not.toContain('unit 1 of 1');
  });

  it('shows a duplicate with the other unit named', () => {
    const html = renderPrompt({
      error: {
        code: 'duplicate_serial_in_order',
        message: 'Serial SN-1 is already on unit 1 of CAM-100 in this order.',
      },
    });

    expect(html).toContain('Serial number already used in this order');
    expect(html).toContain('already on unit 1 of CAM-100');
    expect(html).toContain('role="alert"');
  });

  it('offers saving again after a cross-order warning', () => {
    const html = renderPrompt({
      warning: {
        code: 'serial_previously_shipped',
        message: 'SN-9 was shipped in order 1042.',
        serial: 'SN-9',
      },
    });

    expect(html).toContain('Serial number already shipped in another order');
    expect(html).toContain('again to use it anyway');
  });

  it('keeps a generic headline for an unknown code', () => {
    const html = renderPrompt({ error: { code: 'serial_new_rule', message: 'Something.' } });

    expect(html).toContain('Serial number not accepted');
  });

  it('names Save and Cancel with their keys', () => {
    const html = renderPrompt({});

    expect(html).toContain('Save (Enter)');
    expect(html).toContain('Cancel (Esc)');
    expect(html).toContain('<label for="serial-input">Serial number</label>');
  });
});

describe('Needs Serial Number switch', () => {
  it('is enabled while the flag is off', () => {
    const html = renderToStaticMarkup(<SerialFlagSwitch product={product} onSwitchOn={() => {}} />);

    expect(html).toContain('aria-checked="false"');
    expect(html).not.toContain('disabled');
  });

  it('cannot switch the flag off and says why', () => {
    const html = renderToStaticMarkup(
      <SerialFlagSwitch product={{ ...product, needsSerialNumber: true }} onSwitchOn={() => {}} />,
    );

    expect(html).toContain('aria-checked="true"');
    expect(html).toContain('disabled');
    expect(html).toContain('Cannot be switched off here');
  });

  it('is disabled for a kit with the reason', () => {
    const html = renderToStaticMarkup(
      <SerialFlagSwitch product={{ ...product, kind: 'kit' }} onSwitchOn={() => {}} />,
    );

    expect(html).toContain('disabled');
    expect(html).toContain('Kits and built kits cannot be serial-tracked.');
  });
});

describe('order lines', () => {
  it('shows packed of required and marks a finished line', () => {
    const html = renderToStaticMarkup(
      <LinesTable
        orderNumber="1001"
        lines={[
          {
            lineId: 'L1',
            sku: 'CAM-100',
            name: 'Action camera',
            kind: 'standard',
            needsSerialNumber: true,
            quantity: 2,
            packed: 1,
          },
          {
            lineId: 'L2',
            sku: 'STRAP',
            name: 'Strap',
            kind: 'standard',
            needsSerialNumber: false,
            quantity: 1,
            packed: 1,
          },
        ]}
      />,
    );

    expect(html).toContain('1 of 2');
    expect(html).toContain('needs serial');
    expect(html.match(/✓ done/g)).toHaveLength(1);
  });
});
