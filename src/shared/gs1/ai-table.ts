/**
 * The GS1 Application Identifiers the station understands, with the lengths, formats
 * and titles GS1 assigns them. Lengths count data
 * characters after the AI. GS1 assigns AIs so that no AI is a prefix of another, which is
 * what lets a parser read one without a separator.
 */
export interface AiDefinition {
  ai: string;
  /** The GS1 data title, e.g. `SERIAL`. */
  title: string;
  minLength: number;
  maxLength: number;
  /** Number of leading data characters that must be digits (the whole value for `n` AIs). */
  numericPrefix: number;
  /** When set, the digit at this 1-based position is a GS1 mod-10 check digit over those before. */
  checkDigitAt?: number;
  /** The leading characters are a date: `YYMMDD`, or with hours and minutes. */
  date?: 'YYMMDD' | 'YYMMDDHHMM' | 'YYMMDDHH[MM[SS]]';
  /** For 31nn–36nn measures: the number of decimal places, the AI's last digit. */
  decimals?: number;
}

/**
 * Two-digit AI prefixes whose element has a predefined length, so no FNC1 follows it even in
 * the middle of a symbol. The parser accepts a
 * separator after any fixed-length element anyway, because some printers add one.
 */
export const PREDEFINED_LENGTH_PREFIXES: ReadonlySet<string> = new Set([
  '00',
  '01',
  '02',
  '03',
  '04',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '41',
]);

const table = new Map<string, AiDefinition>();

function numeric(ai: string, title: string, length: number, extra: Partial<AiDefinition> = {}) {
  define({ ai, title, minLength: length, maxLength: length, numericPrefix: length, ...extra });
}

function numericUpTo(ai: string, title: string, maxLength: number) {
  define({ ai, title, minLength: 1, maxLength, numericPrefix: maxLength });
}

function alphanumeric(ai: string, title: string, maxLength: number) {
  define({ ai, title, minLength: 1, maxLength, numericPrefix: 0 });
}

function define(definition: AiDefinition) {
  table.set(definition.ai, definition);
}

numeric('00', 'SSCC', 18, { checkDigitAt: 18 });
numeric('01', 'GTIN', 14, { checkDigitAt: 14 });
numeric('02', 'CONTENT', 14, { checkDigitAt: 14 });
alphanumeric('10', 'BATCH/LOT', 20);
numeric('11', 'PROD DATE', 6, { date: 'YYMMDD' });
numeric('12', 'DUE DATE', 6, { date: 'YYMMDD' });
numeric('13', 'PACK DATE', 6, { date: 'YYMMDD' });
numeric('15', 'BEST BEFORE or BEST BY', 6, { date: 'YYMMDD' });
numeric('16', 'SELL BY', 6, { date: 'YYMMDD' });
numeric('17', 'USE BY or EXPIRY', 6, { date: 'YYMMDD' });
numeric('20', 'VARIANT', 2);
alphanumeric('21', 'SERIAL', 20);
alphanumeric('22', 'CPV', 20);
numericUpTo('30', 'VAR. COUNT', 8);
numericUpTo('37', 'COUNT', 8);
alphanumeric('235', 'TPX', 28);
alphanumeric('240', 'ADDITIONAL ID', 30);
alphanumeric('241', 'CUST. PART No.', 30);
alphanumeric('250', 'SECONDARY SERIAL', 30);
alphanumeric('251', 'REF. TO SOURCE', 30);
define({
  ai: '253',
  title: 'GDTI',
  minLength: 13,
  maxLength: 30,
  numericPrefix: 13,
  checkDigitAt: 13,
});
alphanumeric('254', 'GLN EXTENSION COMPONENT', 20);
alphanumeric('400', 'ORDER NUMBER', 30);
alphanumeric('401', 'GINC', 30);
numeric('402', 'GSIN', 17, { checkDigitAt: 17 });
alphanumeric('403', 'ROUTE', 30);
for (const [ai, title] of [
  ['410', 'SHIP TO LOC'],
  ['411', 'BILL TO'],
  ['412', 'PURCHASE FROM'],
  ['413', 'SHIP FOR LOC'],
  ['414', 'LOC No.'],
  ['415', 'PAY TO'],
  ['416', 'PROD/SERV LOC'],
  ['417', 'PARTY'],
] as const) {
  numeric(ai, title, 13, { checkDigitAt: 13 });
}
alphanumeric('420', 'SHIP TO POST', 20);
define({ ai: '421', title: 'SHIP TO POST', minLength: 3, maxLength: 12, numericPrefix: 3 });
numeric('422', 'ORIGIN', 3);
define({
  ai: '423',
  title: 'COUNTRY - INITIAL PROCESS',
  minLength: 3,
  maxLength: 15,
  numericPrefix: 15,
});
numeric('7003', 'EXPIRY TIME', 10, { date: 'YYMMDDHHMM' });
define({
  ai: '8003',
  title: 'GRAI',
  minLength: 14,
  maxLength: 30,
  numericPrefix: 14,
  checkDigitAt: 14,
});
alphanumeric('8004', 'GIAI', 30);
define({
  ai: '8008',
  title: 'PROD TIME',
  minLength: 8,
  maxLength: 12,
  numericPrefix: 12,
  date: 'YYMMDDHH[MM[SS]]',
});
alphanumeric('8020', 'REF No.', 25);
alphanumeric('90', 'INTERNAL', 30);
for (let ai = 91; ai <= 99; ai += 1) {
  alphanumeric(String(ai), 'INTERNAL', 90);
}

// Trade measures: the third digit picks the quantity and unit, the fourth the decimal places.
const MEASURES: ReadonlyArray<readonly [prefix: number, title: string]> = [
  [310, 'NET WEIGHT (kg)'],
  [311, 'LENGTH (m)'],
  [312, 'WIDTH (m)'],
  [313, 'HEIGHT (m)'],
  [314, 'AREA (m²)'],
  [315, 'NET VOLUME (l)'],
  [316, 'NET VOLUME (m³)'],
  [320, 'NET WEIGHT (lb)'],
  [321, 'LENGTH (in)'],
  [322, 'LENGTH (ft)'],
  [323, 'LENGTH (yd)'],
  [324, 'WIDTH (in)'],
  [325, 'WIDTH (ft)'],
  [326, 'WIDTH (yd)'],
  [327, 'HEIGHT (in)'],
  [328, 'HEIGHT (ft)'],
  [329, 'HEIGHT (yd)'],
  [330, 'GROSS WEIGHT (kg)'],
  [331, 'LENGTH (m), log'],
  [332, 'WIDTH (m), log'],
  [333, 'HEIGHT (m), log'],
  [334, 'AREA (m²), log'],
  [335, 'VOLUME (l), log'],
  [336, 'VOLUME (m³), log'],
  [337, 'KG PER m²'],
  [340, 'GROSS WEIGHT (lb)'],
  [341, 'LENGTH (in), log'],
  [342, 'LENGTH (ft), log'],
  [343, 'LENGTH (yd), log'],
  [344, 'WIDTH (in), log'],
  [345, 'WIDTH (ft), log'],
  [346, 'WIDTH (yd), log'],
  [347, 'HEIGHT (in), log'],
  [348, 'HEIGHT (ft), log'],
  [349, 'HEIGHT (yd), log'],
  [350, 'AREA (in²)'],
  [351, 'AREA (ft²)'],
  [352, 'AREA (yd²)'],
  [353, 'AREA (in²), log'],
  [354, 'AREA (ft²), log'],
  [355, 'AREA (yd²), log'],
  [356, 'NET WEIGHT (t oz)'],
  [357, 'NET VOLUME (oz)'],
  [360, 'NET VOLUME (qt)'],
  [361, 'NET VOLUME (gal.)'],
  [362, 'VOLUME (qt), log'],
  [363, 'VOLUME (gal.), log'],
  [364, 'VOLUME (in³)'],
  [365, 'VOLUME (ft³)'],
  [366, 'VOLUME (yd³)'],
  [367, 'VOLUME (in³), log'],
  [368, 'VOLUME (ft³), log'],
  [369, 'VOLUME (yd³), log'],
];
for (const [prefix, title] of MEASURES) {
  for (let decimals = 0; decimals <= 5; decimals += 1) {
    numeric(`${prefix}${decimals}`, title, 6, { decimals });
  }
}

export const AI_TABLE: ReadonlyMap<string, AiDefinition> = table;

/** Finds the AI that starts at `offset`, trying 2, 3 and then 4 digits. */
export function lookupAi(text: string, offset: number): AiDefinition | undefined {
  for (let length = 2; length <= 4; length += 1) {
    const definition = table.get(text.slice(offset, offset + length));
    if (definition !== undefined) {
      return definition;
    }
  }
  return undefined;
}
