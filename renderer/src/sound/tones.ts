import { assertNever } from '../../../shared/assert.js';

/** The three signals a counter must tell apart by ear. */
export type Signal = 'accept' | 'reject' | 'warning' | 'alarm';

interface Note {
  frequency: number;
  start: number;
  duration: number;
  wave: OscillatorType;
}

/** The notes of each signal: a rising chime, a low double buzz, three quick high beeps. */
function notesOf(signal: Signal): Note[] {
  switch (signal) {
    case 'accept':
      return [
        { frequency: 660, start: 0, duration: 0.12, wave: 'sine' },
        { frequency: 990, start: 0.13, duration: 0.22, wave: 'sine' },
      ];
    case 'reject':
      return [
        { frequency: 196, start: 0, duration: 0.22, wave: 'square' },
        { frequency: 165, start: 0.28, duration: 0.34, wave: 'square' },
      ];
    case 'warning':
      return [0, 0.16, 0.32].map((start) => ({ frequency: 1320, start, duration: 0.09, wave: 'triangle' as const }));
    case 'alarm':
      // The gate did not open: a long two-tone siren the operator cannot take for a verdict.
      return [0, 0.3, 0.6, 0.9, 1.2, 1.5].map((start, i) => ({ frequency: i % 2 === 0 ? 880 : 587, start, duration: 0.28, wave: 'sawtooth' as const }));
    default:
      return assertNever(signal, 'signal');
  }
}

let context: AudioContext | null = null;

/** The shared audio context, created on the first user gesture (browsers refuse sound before one). */
function audio(): AudioContext | null {
  if (context === null && typeof AudioContext !== 'undefined') context = new AudioContext();
  return context;
}

/** Unlocks audio on the first key or tap, so the first verdict is heard. */
export function unlockAudioOnGesture(): () => void {
  const unlock = (): void => {
    const ctx = audio();
    if (ctx !== null && ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  };
  window.addEventListener('keydown', unlock, { capture: true });
  window.addEventListener('pointerdown', unlock, { capture: true });
  return () => {
    window.removeEventListener('keydown', unlock, { capture: true });
    window.removeEventListener('pointerdown', unlock, { capture: true });
  };
}

/** Plays a signal with WebAudio (no audio files); silent when audio is unavailable. */
export function playSignal(signal: Signal): void {
  const ctx = audio();
  if (ctx === null) return;
  const t0 = ctx.currentTime + 0.01;
  for (const note of notesOf(signal)) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = note.wave;
    osc.frequency.value = note.frequency;
    // Short attack and release: no clicks, and loud enough over a queue.
    gain.gain.setValueAtTime(0, t0 + note.start);
    gain.gain.linearRampToValueAtTime(note.wave === 'square' ? 0.18 : 0.35, t0 + note.start + 0.01);
    gain.gain.setValueAtTime(note.wave === 'square' ? 0.18 : 0.35, t0 + note.start + note.duration - 0.02);
    gain.gain.linearRampToValueAtTime(0, t0 + note.start + note.duration);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0 + note.start);
    osc.stop(t0 + note.start + note.duration + 0.02);
  }
}
