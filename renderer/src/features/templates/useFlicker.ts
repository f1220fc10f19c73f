import { useEffect, useState } from 'react';

/**
 * Time each image stays up in flicker mode: 250 ms, so questioned and reference alternate twice a second
 * (2 Hz), the rate blink comparators use: fast enough that a shifted line or a changed glyph appears to jump,
 * slow enough to read which image is showing.
 */
export const FLICKER_SWAP_MS = 250;

/** Whether the user asked the system for less motion: flicker then starts paused. */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Alternation between the questioned (`false`) and the reference image (`true`) while `active` and not paused.
 * `swap` steps by hand (paused), `setPaused` pauses and resumes.
 */
export function useFlicker(active: boolean): { showReference: boolean; paused: boolean; setPaused: (paused: boolean) => void; swap: () => void } {
  const [showReference, setShowReference] = useState(false);
  const [paused, setPaused] = useState(prefersReducedMotion);
  useEffect(() => {
    if (!active || paused) return;
    const timer = window.setInterval(() => setShowReference((current) => !current), FLICKER_SWAP_MS);
    return () => window.clearInterval(timer);
  }, [active, paused]);
  return { showReference, paused, setPaused, swap: () => setShowReference((current) => !current) };
}
