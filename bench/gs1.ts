// Measures GS1 element string parsing: how many scans per second `parseGs1` reads, over a
// mix of the forms scanners send (AIM identifiers, GS separators, the bracketed form).
// Usage: npm run bench -- gs1 [--seconds N]
import { GS, parseGs1 } from '../src/shared/gs1';

const secondsArgument = process.argv.indexOf('--seconds');
const seconds = secondsArgument === -1 ? 3 : Number(process.argv[secondsArgument + 1]);
const now = new Date('2026-12-04T12:00:00Z');

const inputs = [
  `]d20109506000134352172705311` + `0B2024-117${GS}21ABCD1234EFGH5678JKLM`,
  `]C10109506000134352` + `10B7${GS}21SN(7)X`,
  `]Q30109506000134352` + `21SN-1`,
  `0109506000134352` + `3103001250${GS}21SERIAL-0001`,
  `(01)09506000134352(17)270531(10)B7(21)SN-1`,
  `${GS}00106141411234567897` + `4200001`,
];

for (const input of inputs) {
  const result = parseGs1(input, { now });
  if (!result.ok) {
    throw new Error(
      `benchmark input does not parse: ${JSON.stringify(input)}: ${result.error.message}`,
    );
  }
}

// Warm up so the JIT has compiled the parser before timing starts.
for (let index = 0; index < 50_000; index += 1) {
  parseGs1(inputs[index % inputs.length] ?? '', { now });
}

let parses = 0;
const started = performance.now();
const deadline = started + seconds * 1000;
while (performance.now() < deadline) {
  for (let index = 0; index < 1000; index += 1) {
    parseGs1(inputs[index % inputs.length] ?? '', { now });
  }
  parses += 1000;
}
const elapsedSeconds = (performance.now() - started) / 1000;

console.log(`inputs=${inputs.length} seconds=${elapsedSeconds.toFixed(2)} parses=${parses}`);
console.log(`gs1_parses_per_s=${Math.round(parses / elapsedSeconds)}`);
