// State that key handlers can read back at once. Keys often arrive faster than React re-renders
// (a paste, tmux send-keys, a fast typist): a handler reading useState's value would see the
// state of the last render, so "/" followed by "x" in one burst would lose the "x". A Live value
// is written through immediately and redraws the component.
import { useReducer, useRef } from 'react';

export interface Live<T> {
  readonly v: T;
  set(next: T | ((prev: T) => T)): void;
}

export function useLive<T>(init: T): Live<T> {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const ref = useRef<{ value: T; live: Live<T> } | null>(null);
  if (!ref.current) {
    const box = {
      value: init,
      live: {
        get v() {
          return box.value;
        },
        set(next: T | ((prev: T) => T)) {
          box.value = typeof next === 'function' ? (next as (p: T) => T)(box.value) : next;
          redraw();
        },
      },
    };
    ref.current = box;
  }
  return ref.current.live;
}
