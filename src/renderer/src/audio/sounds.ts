import type { Feedback } from '../../../shared/ipc/channels/pack';

export type SoundName = Exclude<Feedback['sound'], 'none'>;

/** One tone of a sound: frequency in Hz, start and length in seconds from the sound's start. */
export interface Tone {
  frequency: number;
  start: number;
  duration: number;
  wave: OscillatorType;
}

/**
 * The sounds, synthesised so no audio file has to be shipped or allowed by the CSP. Success
 * is a short rising chirp; an error is a low, longer buzz of three pulses, so a packer tells
 * the two apart without looking; a warning is two equal mid tones.
 */
export const sounds: Record<SoundName, Tone[]> = {
  success: [
    { frequency: 880, start: 0, duration: 0.08, wave: 'sine' },
    { frequency: 1320, start: 0.08, duration: 0.12, wave: 'sine' },
  ],
  error: [
    { frequency: 196, start: 0, duration: 0.14, wave: 'square' },
    { frequency: 196, start: 0.18, duration: 0.14, wave: 'square' },
    { frequency: 147, start: 0.36, duration: 0.26, wave: 'square' },
  ],
  warning: [
    { frequency: 587, start: 0, duration: 0.15, wave: 'triangle' },
    { frequency: 587, start: 0.25, duration: 0.15, wave: 'triangle' },
  ],
};

let context: AudioContext | null = null;

/** Plays one of the feedback sounds; silently does nothing where Web Audio is missing. */
export function playSound(name: SoundName): void {
  if (typeof AudioContext === 'undefined') return;

  context ??= new AudioContext();
  if (context.state === 'suspended') void context.resume();

  const now = context.currentTime;
  for (const tone of sounds[name]) scheduleTone(context, tone, now);
}

function scheduleTone(audio: AudioContext, tone: Tone, now: number): void {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  const start = now + tone.start;
  const end = start + tone.duration;

  oscillator.type = tone.wave;
  oscillator.frequency.value = tone.frequency;

  // A short attack and release avoid the click of a square edge at full volume.
  gain.gain.setValueAtTime(0, start);
  gain.gain.linearRampToValueAtTime(0.25, start + 0.01);
  gain.gain.setValueAtTime(0.25, end - 0.02);
  gain.gain.linearRampToValueAtTime(0, end);

  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(start);
  oscillator.stop(end);
}
